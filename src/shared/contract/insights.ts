import { z } from 'zod';
import type {
  CallInsights,
  CoachingActivity,
  InsightsBacklog,
  RepInsights,
  SkillEvidence,
  SkillHeatmap,
  SkillPoint,
  Tracker,
  TrackerTrend,
} from '../domain';
import { CallType, Id, IsoDate, ReviewerKind, TrackerSide } from '../domain';
import { method, NoInput } from './define';

const TrackerName = z.string().trim().min(1, 'A name is required').max(80, 'Keep the name under 80 characters');
const Phrases = z
  .array(z.string().max(120, 'Keep each phrase under 120 characters'))
  .max(200, 'A tracker holds up to 200 phrases');

export const insightsContract = {
  /** A call's conversation figures beside the rep's own past and the team's middle band, and its tracker hits. */
  forCall: method<CallInsights>()(z.object({ callId: Id }).strict()),
  /** A rep's conversation figures: their last calls against the calls before them, and the calls behind them. */
  forRep: method<RepInsights>()(z.object({ personId: Id }).strict()),
  /** Each tracker's frequency per week (or month) and per rep over the chosen period. */
  trackerTrends: method<TrackerTrend[]>()(
    z
      .object({
        from: IsoDate,
        to: IsoDate,
        repId: Id.nullish(),
        teamId: Id.nullish(),
        callType: CallType.nullish(),
        trackerId: Id.nullish(),
      })
      .strict()
      .refine((f) => f.from <= f.to, 'The start date is after the end date'),
  ),
  /** Reps × criteria over the period, from the submitted scores the acting person may see (the blind rule applies). */
  skillHeatmap: method<SkillHeatmap>()(
    z
      .object({
        from: IsoDate,
        to: IsoDate,
        repId: Id.nullish(),
        teamId: Id.nullish(),
        reviewerKind: ReviewerKind.nullish(),
      })
      .strict()
      .refine((f) => f.from <= f.to, 'The start date is after the end date'),
  ),
  /** The scores behind one heatmap cell, each with the call or drill attempt it was given on. */
  skillEvidence: method<SkillEvidence[]>()(
    z
      .object({
        repId: Id,
        criterionKey: z.string().min(1).max(200),
        from: IsoDate,
        to: IsoDate,
        reviewerKind: ReviewerKind.nullish(),
      })
      .strict()
      .refine((f) => f.from <= f.to, 'The start date is after the end date'),
  ),
  /** One rep's criterion scores over time, self, peer and coach apart. */
  skillProgress: method<SkillPoint[]>()(
    z
      .object({ repId: Id, from: IsoDate, to: IsoDate })
      .strict()
      .refine((f) => f.from <= f.to, 'The start date is after the end date'),
  ),
  /** Reviews given and received, feedback, sessions, open action items and reviewer agreement over the period. */
  coachingActivity: method<CoachingActivity>()(
    z
      .object({ from: IsoDate, to: IsoDate, teamId: Id.nullish() })
      .strict()
      .refine((f) => f.from <= f.to, 'The start date is after the end date'),
  ),
  /** How many recordings still wait for current figures (the background refresh). */
  backlog: method<InsightsBacklog>()(NoInput),
};

export const trackersContract = {
  list: method<Tracker[]>()(NoInput),
  create: method<Tracker>()(z.object({ name: TrackerName, side: TrackerSide, phrases: Phrases }).strict()),
  update: method<Tracker>()(z.object({ id: Id, name: TrackerName, side: TrackerSide, phrases: Phrases }).strict()),
  remove: method<void>()(z.object({ id: Id }).strict()),
};
