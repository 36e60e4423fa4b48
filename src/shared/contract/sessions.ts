import { z } from 'zod';
import type {
  ActionItem,
  CallPeaks,
  Kudos,
  KudosBadge,
  PersonSessions,
  ReviewSession,
  ReviewSessionSummary,
  SessionFeedback,
  SessionSummary,
  SessionTemplate,
} from '../domain';
import { BADGE_ICONS, DealTopic, FeedbackKind, Id, IsoDate, SessionItemKind } from '../domain';
import { method, NoInput } from './define';

const Title = z.string().trim().min(1, 'A session needs a title').max(200, 'Keep the title under 200 characters');
const ItemTitle = z.string().trim().max(200, 'Keep the item title under 200 characters');
const Seconds = z.number().finite().min(0, 'A time in a recording cannot be negative');
/** A time box between one minute and two hours, in seconds. */
const Timebox = z
  .number()
  .int('Time boxes are whole seconds')
  .min(60, 'Give an item at least a minute')
  .max(7_200, 'Keep an item to two hours or less');
const Text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} needs some text`)
    .max(max, `Keep ${what.toLowerCase()} under ${max.toLocaleString('en')} characters`);
const SbiField = z.string().trim().max(2_000, 'Keep each Situation–Behavior–Impact field under 2,000 characters');
const People = z.array(Id).max(50, 'A session can have at most 50 participants');
const BadgeName = z.string().trim().min(1, 'A badge needs a name').max(40, 'Keep badge names under 40 characters');
const Icon = z.enum(BADGE_ICONS, { message: 'Choose one of the badge icons' });

const ItemFields = {
  title: ItemTitle.optional(),
  callId: Id.nullable().optional(),
  attemptId: Id.nullable().optional(),
  startSec: Seconds.nullable().optional(),
  endSec: Seconds.nullable().optional(),
  rubricId: Id.nullable().optional(),
  timeboxSec: Timebox.optional(),
  presenterId: Id.nullable().optional(),
  facilitatorId: Id.nullable().optional(),
  reviewerIds: People.optional(),
};
const rangeEndsAfterStart = (r: { startSec?: number | null | undefined; endSec?: number | null | undefined }) =>
  r.startSec == null || r.endSec == null || r.endSec > r.startSec;
const rangeMessage = { message: 'A clip must end after it starts', path: ['endSec'] };

export const sessionsContract = {
  /** Live sessions, newest date first. */
  list: method<ReviewSessionSummary[]>()(NoInput),
  /** The rituals shipped in resources/sessions. */
  templates: method<SessionTemplate[]>()(NoInput),
  /** Everything the control and presenter views show: agenda, roles, live state and what was captured. */
  get: method<ReviewSession>()(z.object({ id: Id }).strict()),
  /** A new session; with `templateKey`, its agenda starts as the template's slots. */
  create: method<ReviewSession>()(
    z
      .object({
        title: Title,
        date: IsoDate,
        participantIds: People.default([]),
        templateKey: z
          .string()
          .regex(/^[a-z0-9-]+$/, 'Unknown template')
          .optional(),
      })
      .strict(),
  ),
  update: method<ReviewSession>()(
    z
      .object({
        id: Id,
        title: Title.optional(),
        date: IsoDate.optional(),
        participantIds: People.optional(),
        notes: z.string().max(20_000, 'Keep the notes under 20,000 characters').optional(),
      })
      .strict(),
  ),
  /** Who was in the room; absentees neither present nor review when roles rotate. */
  setAttendance: method<ReviewSession>()(z.object({ sessionId: Id, personId: Id, attended: z.boolean() }).strict()),
  remove: method<void>()(z.object({ id: Id }).strict()),
  restore: method<ReviewSession>()(z.object({ id: Id }).strict()),

  addItem: method<ReviewSession>()(
    z
      .object({ sessionId: Id, kind: SessionItemKind, ...ItemFields, timeboxSec: Timebox.default(600) })
      .strict()
      .refine(rangeEndsAfterStart, rangeMessage),
  ),
  updateItem: method<ReviewSession>()(
    z
      .object({ id: Id, ...ItemFields })
      .strict()
      .refine(rangeEndsAfterStart, rangeMessage),
  ),
  removeItem: method<ReviewSession>()(z.object({ id: Id }).strict()),
  /** Moves an item to a new place in the agenda (0-based). */
  moveItem: method<ReviewSession>()(z.object({ id: Id, position: z.number().int().min(0) }).strict()),
  setDealNote: method<ReviewSession>()(
    z
      .object({ itemId: Id, topic: DealTopic, body: z.string().max(20_000, 'Keep notes under 20,000 characters') })
      .strict(),
  ),
  /**
   * Assigns presenter, facilitator and reviewers to every item, fairly over
   * successive sessions. On a call or an attempt the reviewee (presenter) is
   * always the call's rep or the attempt's owner; elsewhere whoever has
   * presented least (then longest ago) presents next; likewise for
   * facilitating; everyone else reviews.
   */
  rotateRoles: method<ReviewSession>()(z.object({ sessionId: Id }).strict()),

  // ---- running: every change goes through the core, so every window follows ----
  /** Starts (or resumes) the session on its current item, or the first; refused while a slot has no subject. */
  start: method<ReviewSession>()(z.object({ id: Id }).strict()),
  /** To another item: the previous item's timer stops, the new one's starts if the timer was running. */
  goTo: method<ReviewSession>()(
    z.object({ sessionId: Id, to: z.union([z.literal('next'), z.literal('previous'), Id]) }).strict(),
  ),
  /** Starts or stops the current item's timer. */
  setTimer: method<ReviewSession>()(z.object({ sessionId: Id, running: z.boolean() }).strict()),
  /** Play, pause or seek the current item's recording (the control view reports; the presenter follows). */
  setPlayback: method<ReviewSession>()(
    z.object({ sessionId: Id, playing: z.boolean(), positionSec: Seconds }).strict(),
  ),
  /** Stops the clock, records participation (attended, presented, reviewed) and closes the session. */
  finish: method<ReviewSession>()(z.object({ id: Id }).strict()),

  // ---- live capture ----
  addFeedback: method<SessionFeedback>()(
    z
      .object({
        sessionId: Id,
        itemId: Id.nullish(),
        authorId: Id.nullish(),
        /** Defaults to the item's reviewee: the call's rep or the attempt's owner, else its presenter. */
        subjectId: Id.nullish(),
        kind: FeedbackKind,
        body: Text('Feedback', 5_000),
        situation: SbiField.default(''),
        behavior: SbiField.default(''),
        impact: SbiField.default(''),
        atSec: Seconds.nullish(),
      })
      .strict(),
  ),
  removeFeedback: method<void>()(z.object({ id: Id }).strict()),
  /** An action item in the session (the coaching action_items table); the owner defaults to the item's reviewee (as feedback). */
  addActionItem: method<ActionItem>()(
    z
      .object({
        sessionId: Id,
        text: Text('An action item', 2_000),
        ownerId: Id.nullish(),
        dueDate: IsoDate.nullish(),
      })
      .strict(),
  ),
  /** One reviewer's score on one criterion of the item's rubric; null clears it. */
  setScore: method<ReviewSession>()(
    z
      .object({
        itemId: Id,
        reviewerId: Id,
        criterionId: Id,
        score: z.number().int().min(1, 'Scores run from 1 to 5').max(5, 'Scores run from 1 to 5').nullable(),
      })
      .strict(),
  ),

  // ---- screens and after ----
  /** An item's waveform (its clip's range, or the whole call or attempt), for the presenter view. */
  peaks: method<CallPeaks>()(
    z.object({ itemId: Id, maxBuckets: z.number().int().min(50).max(4_000).default(1_200) }).strict(),
  ),
  /**
   * Asks the shell for a presenter window (Electron: on the second display
   * when there is one). `opened: false` means this shell cannot (browser
   * mode): the page opens a tab itself.
   */
  openPresenter: method<{ opened: boolean }>()(z.object({ sessionId: Id }).strict()),
  summary: method<SessionSummary>()(z.object({ id: Id }).strict()),
  /** The summary as one self-contained HTML page (no scripts, no external files). */
  exportHtml: method<{ fileName: string; mimeType: string; content: string }>()(z.object({ id: Id }).strict()),
  /** For a person's page: kudos received and how they took part in sessions. */
  forPerson: method<PersonSessions>()(z.object({ personId: Id }).strict()),
};

export const kudosContract = {
  badges: method<KudosBadge[]>()(NoInput),
  addBadge: method<KudosBadge>()(z.object({ name: BadgeName, icon: Icon.default('star') }).strict()),
  updateBadge: method<KudosBadge>()(z.object({ id: Id, name: BadgeName.optional(), icon: Icon.optional() }).strict()),
  /** Gone from the picker; kudos already given keep their badge. */
  removeBadge: method<void>()(z.object({ id: Id }).strict()),
  /**
   * Kudos for a moment: a time in a call or a drill attempt. In a session the
   * moment may be left out for a deal review (no recording to point at).
   */
  give: method<Kudos>()(
    z
      .object({
        giverId: Id,
        recipientId: Id,
        badgeId: Id,
        reason: Text('A kudos reason', 280),
        callId: Id.nullish(),
        attemptId: Id.nullish(),
        atSec: Seconds.nullish(),
        sessionId: Id.nullish(),
        itemId: Id.nullish(),
      })
      .strict()
      .refine((k) => !(k.callId && k.attemptId), 'Kudos point at a call or an attempt, not both')
      .refine(
        (k) => (k.callId || k.attemptId ? k.atSec != null : true),
        'Say which moment of the recording the kudos is for',
      )
      .refine((k) => k.callId || k.attemptId || k.sessionId, 'Kudos are for a moment in a call or an attempt'),
  ),
  remove: method<void>()(z.object({ id: Id }).strict()),
  /** Kudos on one call (shown on its moments), for one person, or from one session. */
  list: method<Kudos[]>()(
    z
      .object({ callId: Id.optional(), recipientId: Id.optional(), sessionId: Id.optional() })
      .strict()
      .refine((f) => f.callId || f.recipientId || f.sessionId, 'Say whose kudos to list'),
  ),
};
