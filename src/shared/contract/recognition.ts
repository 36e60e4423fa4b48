import { z } from 'zod';
import type {
  Goal,
  GoalProposal,
  Kudos,
  NextBestAction,
  NotificationList,
  PersonGoals,
  PersonRecognition,
  RecognitionInsights,
  WallItem,
} from '../domain';
import { GOAL_METRICS, Id, IsoDate } from '../domain';
import { boardsMethods } from './boards';
import { method, NoInput } from './define';

const Seconds = z.number().finite().min(0, 'A time in a recording cannot be negative');

/** What kudos are given from: a moment, an annotation, an attempt, a scorecard or a session item (or nothing: a person's page). */
export const KudosOn = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call'), callId: Id, atSec: Seconds }).strict(),
  z.object({ kind: z.literal('annotation'), annotationId: Id }).strict(),
  z.object({ kind: z.literal('attempt'), attemptId: Id, atSec: Seconds.default(0) }).strict(),
  z.object({ kind: z.literal('scorecard'), scorecardId: Id }).strict(),
  z.object({ kind: z.literal('sessionItem'), itemId: Id }).strict(),
]);
export type KudosOn = z.infer<typeof KudosOn>;

const Period = {
  from: IsoDate.optional(),
  to: IsoDate.optional(),
};

export const recognitionContract = {
  /**
   * Kudos from the acting person (the giver is always "me"): a badge from the
   * team's set, a message, or both; to anyone but oneself.
   */
  give: method<Kudos>()(
    z
      .object({
        recipientId: Id,
        badgeId: Id.nullish(),
        message: z.string().trim().max(280, 'Keep the message under 280 characters').default(''),
        on: KudosOn.nullish(),
      })
      .strict(),
  ),
  /** Taken back by the person who gave them. */
  remove: method<void>()(z.object({ id: Id }).strict()),
  /** The team's feed, newest first: kudos and automatic celebrations; filter by person, badge, period. */
  wall: method<WallItem[]>()(
    z
      .object({
        personId: Id.optional(),
        badgeId: Id.optional(),
        ...Period,
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict()
      .refine((f) => !f.from || !f.to || f.from <= f.to, {
        message: 'The period must end after it starts',
        path: ['to'],
      }),
  ),
  /** One person's kudos received and given, and their celebrations. */
  forPerson: method<PersonRecognition>()(z.object({ personId: Id }).strict()),
  /** The acting person's notifications (kudos received, celebrations), newest first, with the unread count. */
  notifications: method<NotificationList>()(NoInput),
  /** Marks the acting person's notifications read (all, or the ones named). */
  markRead: method<NotificationList>()(z.object({ ids: z.array(Id).max(500).optional() }).strict()),
  ...boardsMethods,
  /** For a coach, facilitator or admin: recognition over time, who gives and receives, who nobody recognised (one team, or all). */
  insights: method<RecognitionInsights>()(
    z
      .object({ from: IsoDate, to: IsoDate, teamId: Id.nullish() })
      .strict()
      .refine((f) => f.from <= f.to, { message: 'The period must end after it starts', path: ['to'] }),
  ),
};

const Metric = z.enum(GOAL_METRICS, { message: 'Choose what the goal measures' });
const CriterionKey = z.string().min(1).max(200);

export const goalsContract = {
  /** A person's goals with live progress (scores the viewer may see), and the criteria a goal can be set on. */
  forPerson: method<PersonGoals>()(z.object({ personId: Id }).strict()),
  /** A target from the person's own last 4 weeks. */
  propose: method<GoalProposal>()(
    z.object({ personId: Id, metric: Metric, criterionKey: CriterionKey.nullish() }).strict(),
  ),
  /** Set by the person themselves, or by a coach for them. */
  create: method<Goal>()(
    z
      .object({
        personId: Id,
        metric: Metric,
        criterionKey: CriterionKey.nullish(),
        target: z.number().finite(),
        startDate: IsoDate,
        endDate: IsoDate,
      })
      .strict()
      .refine((g) => g.endDate >= g.startDate, { message: 'A goal must end after it starts', path: ['endDate'] })
      .refine((g) => g.metric !== 'criterion_average' || g.criterionKey, {
        message: 'Choose the criterion the goal is for',
        path: ['criterionKey'],
      }),
  ),
  remove: method<void>()(z.object({ id: Id }).strict()),
  /** The weakest criterion and the team's best-scored moments for it. */
  nextBestAction: method<NextBestAction>()(z.object({ personId: Id }).strict()),
};
