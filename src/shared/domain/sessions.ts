import { z } from 'zod';
import type { Id, Timestamp } from './ids';
import type { ActionItem } from './scorecards';

/**
 * A review session: the weekly ritual (deal dissection, call playback, drill
 * showcase) run from one laptop on a room's screen. Its agenda is a list of
 * items, each with a time box and roles; what is said is captured live.
 */

export const SESSION_ITEM_KINDS = ['clip', 'call', 'attempt', 'deal'] as const;
export const SessionItemKind = z.enum(SESSION_ITEM_KINDS);
export type SessionItemKind = z.infer<typeof SessionItemKind>;
export const SESSION_ITEM_KIND_LABELS: Record<SessionItemKind, string> = {
  clip: 'Call clip',
  call: 'Whole call',
  attempt: 'Drill attempt',
  deal: 'Deal review',
};

/** A deal review's checklist, in the order it is talked through. */
export const DEAL_TOPICS = ['qualification', 'stakeholders', 'objections', 'next_steps'] as const;
export const DealTopic = z.enum(DEAL_TOPICS);
export type DealTopic = z.infer<typeof DealTopic>;
export const DEAL_TOPIC_LABELS: Record<DealTopic, string> = {
  qualification: 'Qualification',
  stakeholders: 'Stakeholders',
  objections: 'Objections',
  next_steps: 'Next steps',
};

export const FEEDBACK_KINDS = ['strength', 'improvement'] as const;
export const FeedbackKind = z.enum(FEEDBACK_KINDS);
export type FeedbackKind = z.infer<typeof FeedbackKind>;
export const FEEDBACK_KIND_LABELS: Record<FeedbackKind, string> = {
  strength: 'Strength',
  improvement: 'Improvement',
};

export type SessionStatus = 'planned' | 'running' | 'finished';

/** A per-item stopwatch: `accumulatedMs`, plus the time since `startedAt` while it runs. */
export interface SessionTimer {
  accumulatedMs: number;
  startedAt: Timestamp | null;
}

/** Where the current item's recording is: `positionSec` as of `at`, moving on from there while playing. */
export interface SessionPlayback {
  playing: boolean;
  positionSec: number;
  at: Timestamp | null;
}

export interface SessionCriterion {
  id: Id;
  name: string;
  position: number;
}

export interface SessionItem {
  id: Id;
  sessionId: Id;
  position: number;
  kind: SessionItemKind;
  title: string;
  /** clip and call items (null while a template slot waits for its call). */
  callId: Id | null;
  callTitle: string | null;
  /** Whose call (its rep) or whose drill attempt it is, when known. */
  repName: string | null;
  attemptId: Id | null;
  attemptTitle: string | null;
  /** The recording of the call or attempt, for the waveform and transcript. */
  media: { sha256: string; fileName: string; durationSec: number } | null;
  /** The clip's range; for a whole call or attempt, null (the whole recording). */
  startSec: number | null;
  endSec: number | null;
  rubricId: Id | null;
  rubricVersionId: Id | null;
  rubricName: string | null;
  criteria: SessionCriterion[];
  timeboxSec: number;
  presenterId: Id | null;
  facilitatorId: Id | null;
  reviewerIds: Id[];
  timer: SessionTimer;
  /** Set once the item has been on screen in a running session. */
  coveredAt: Timestamp | null;
  /** Deal reviews: the notes per checklist topic (empty strings for the others). */
  dealNotes: Record<DealTopic, string>;
  /** False while a clip, call or attempt slot has no subject chosen: starting the session is refused. */
  ready: boolean;
}

export interface SessionParticipant {
  personId: Id;
  name: string;
  attended: boolean;
}

export interface SessionFeedback {
  id: Id;
  sessionId: Id;
  itemId: Id | null;
  authorId: Id | null;
  authorName: string | null;
  subjectId: Id | null;
  subjectName: string | null;
  kind: FeedbackKind;
  body: string;
  situation: string;
  behavior: string;
  impact: string;
  /** The moment in the item's recording it refers to, if any. */
  atSec: number | null;
  createdAt: Timestamp;
}

export interface SessionScore {
  itemId: Id;
  reviewerId: Id;
  criterionId: Id;
  score: number;
}

/**
 * The icons a badge can wear: names from the icon set shipped with the app
 * (lucide), drawn as SVG, so they show on any machine — emoji were empty
 * boxes without an emoji font.
 */
export const BADGE_ICONS = [
  'star',
  'search',
  'shield',
  'handshake',
  'compass',
  'target',
  'trophy',
  'medal',
  'flame',
  'heart',
  'lightbulb',
  'rocket',
  'thumbs-up',
  'zap',
  'snowflake',
  'sparkles',
] as const;
export type BadgeIcon = (typeof BADGE_ICONS)[number];

export interface KudosBadge {
  id: Id;
  name: string;
  icon: BadgeIcon;
  position: number;
}

/** The badge set a fresh library starts with; editable afterwards (seeded once, never resurrected). */
export const DEFAULT_KUDOS_BADGES: ReadonlyArray<{ name: string; icon: BadgeIcon }> = [
  { name: 'Great discovery', icon: 'search' },
  { name: 'Objection crusher', icon: 'shield' },
  { name: 'Helped a teammate', icon: 'handshake' },
  { name: 'Clear next step', icon: 'compass' },
  { name: 'Brave ask', icon: 'target' },
];

/**
 * Recognition: for a moment (a time in a call or attempt, an annotation), a
 * scorecard, a session item, or given on a person's page.
 */
export interface Kudos {
  id: Id;
  giverId: Id;
  giverName: string;
  recipientId: Id;
  recipientName: string;
  /** A kudos is a badge, a message, or both (never neither). */
  badgeId: Id | null;
  badgeName: string | null;
  badgeIcon: BadgeIcon | null;
  reason: string;
  callId: Id | null;
  callTitle: string | null;
  /** The annotation it was given from (its call and start are `callId` / `atSec`). */
  annotationId: Id | null;
  attemptId: Id | null;
  /** The drill of `attemptId`, for a link to it. */
  drillId: Id | null;
  drillTitle: string | null;
  /** A scorecard it thanks (usually its reviewer, for the feedback). */
  scorecardId: Id | null;
  atSec: number | null;
  sessionId: Id | null;
  sessionTitle: string | null;
  itemId: Id | null;
  createdAt: Timestamp;
}

export interface ReviewSession {
  id: Id;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  templateKey: string | null;
  status: SessionStatus;
  participants: SessionParticipant[];
  items: SessionItem[];
  currentItemId: Id | null;
  playback: SessionPlayback;
  notes: string;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
  /** What was captured live, for the control and presenter views. */
  feedback: SessionFeedback[];
  actionItems: ActionItem[];
  kudos: Kudos[];
  scores: SessionScore[];
  /** Who ran it, when it arrived from a teammate through the team folder (it is changed on their device only). */
  receivedFrom: { personId: Id; name: string } | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A row of the sessions list. */
export interface ReviewSessionSummary {
  id: Id;
  title: string;
  date: string;
  status: SessionStatus;
  itemCount: number;
  participantCount: number;
  plannedSec: number;
  /** The teammate who ran it, when it arrived through the team folder. */
  receivedFrom: string | null;
}

/** A ritual in resources/sessions: slots with kinds, titles and time boxes. */
export interface SessionTemplate {
  key: string;
  name: string;
  description: string;
  items: Array<{ kind: SessionItemKind; title: string; timeboxMin: number }>;
}

export interface Participation {
  personId: Id;
  name: string;
  attended: boolean;
  presented: number;
  reviewed: number;
  facilitated: number;
}

export interface SessionSummaryItem {
  id: Id;
  position: number;
  kind: SessionItemKind;
  title: string;
  presenterName: string | null;
  plannedSec: number;
  spentSec: number;
  covered: boolean;
  /** Mean of the reviewers' scores per criterion (only criteria someone scored). */
  scores: Array<{ criterionName: string; mean: number; count: number }>;
  dealNotes: Array<{ topic: DealTopic; body: string }>;
}

export interface SessionSummaryPerson extends Participation {
  /** Feedback about this person (received). */
  feedback: SessionFeedback[];
  /** Feedback this person gave others. */
  feedbackGiven: SessionFeedback[];
  /** Kudos this person received in the session. */
  kudos: Kudos[];
}

/** What the session left behind: covered items, time spent vs planned, feedback and kudos per person, action items. */
export interface SessionSummary {
  id: Id;
  title: string;
  date: string;
  status: SessionStatus;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
  notes: string;
  items: SessionSummaryItem[];
  plannedSec: number;
  spentSec: number;
  people: SessionSummaryPerson[];
  actionItems: Array<ActionItem & { ownerName: string | null }>;
  kudos: Kudos[];
}

/** A person's page: kudos they received and how they took part in sessions. */
export interface PersonSessions {
  personId: Id;
  kudos: Kudos[];
  participation: { sessions: number; attended: number; presented: number; reviewed: number; facilitated: number };
}

/** Elapsed time of a timer at `nowMs` (epoch ms). */
export function timerElapsedMs(timer: SessionTimer, nowMs: number): number {
  const running = timer.startedAt ? Math.max(0, nowMs - Date.parse(timer.startedAt)) : 0;
  return timer.accumulatedMs + running;
}

/** Where playback is at `nowMs`, moving on from the last report while playing. */
export function playbackPositionSec(playback: SessionPlayback, nowMs: number): number {
  if (!playback.playing || !playback.at) return playback.positionSec;
  return playback.positionSec + Math.max(0, nowMs - Date.parse(playback.at)) / 1000;
}
