import type { Id, Timestamp } from './ids';
import type { Kudos } from './sessions';

/** Milestones that celebrate themselves, computed from the data (never typed in). */
export const CELEBRATION_KINDS = [
  'personal_best',
  'goal_reached',
  'streak',
  'criterion_up',
  'first_self_review',
  'action_items_done',
] as const;
export type CelebrationKind = (typeof CELEBRATION_KINDS)[number];

/** An automatic celebration: what happened, for whom, and the moment it links back to. */
export interface Celebration {
  id: Id;
  kind: CelebrationKind;
  personId: Id;
  personName: string;
  title: string;
  callId: Id | null;
  attemptId: Id | null;
  drillId: Id | null;
  scorecardId: Id | null;
  goalId: Id | null;
  occurredAt: Timestamp;
}

/** One line of the recognition wall: kudos someone gave, or a celebration (marked automatic). */
export type WallItem =
  | { type: 'kudos'; id: Id; at: Timestamp; kudos: Kudos }
  | { type: 'celebration'; id: Id; at: Timestamp; celebration: Celebration };

/** A person's recognition: kudos received and given, and their celebrations; newest first. */
export interface PersonRecognition {
  personId: Id;
  received: Kudos[];
  given: Kudos[];
  celebrations: Celebration[];
}

/** An in-app notification for the acting person. */
export interface AppNotification {
  id: Id;
  at: Timestamp;
  read: boolean;
  kudos: Kudos | null;
  celebration: Celebration | null;
}

export interface NotificationList {
  unread: number;
  items: AppNotification[];
}

/** What a personal goal measures (all read live from the data, never ticked by hand). */
export const GOAL_METRICS = [
  'criterion_average',
  'drill_attempts_per_week',
  'talk_ratio',
  'questions_per_call',
  'filler_rate',
  'longest_monologue',
  'self_reviews_per_week',
] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

/** Where a goal stands: no data in its period yet, on its way, reached, or over without reaching it. */
export type GoalState = 'no_data' | 'in_progress' | 'reached' | 'ended';

export interface GoalProgress {
  /** The figure over the goal's period so far (null: no data yet). */
  current: number | null;
  /** How many calls, scores or weeks it rests on. */
  sampleSize: number;
  /** 0..1 of the way from the baseline to the target (null without a baseline or data). */
  fraction: number | null;
  state: GoalState;
}

export interface Goal {
  id: Id;
  personId: Id;
  personName: string;
  setById: Id;
  setByName: string;
  metric: GoalMetric;
  criterionKey: string | null;
  criterionName: string | null;
  target: number;
  /** up: more is better; down: less is better (filler rate, monologues, talk ratio). */
  direction: 'up' | 'down';
  /** The person's own figure over the 4 weeks before the goal started. */
  baseline: number | null;
  startDate: string;
  endDate: string;
  progress: GoalProgress;
}

/** A target proposed from the person's own past: "your last 4 weeks: 2.8 → aim for 3.2". */
export interface GoalProposal {
  metric: GoalMetric;
  criterionKey: string | null;
  baseline: number | null;
  sampleSize: number;
  target: number | null;
  direction: 'up' | 'down';
  text: string;
}

/** A person's goals page: goals (newest first), the criteria a goal can be set on. */
export interface PersonGoals {
  personId: Id;
  goals: Goal[];
  criteria: Array<{ key: string; name: string }>;
}

/** For the weakest criterion: the team's best-scored call moments for it (the drills come from the practice plan). */
export interface NextBestAction {
  criterionKey: string | null;
  criterionName: string | null;
  average: number | null;
  moments: Array<{ callId: Id; callTitle: string; atSec: number; score: number; repName: string | null }>;
}

export const GOAL_METRIC_LABELS: Record<GoalMetric, string> = {
  criterion_average: 'Average score on a criterion',
  drill_attempts_per_week: 'Drill attempts per week',
  talk_ratio: 'Talk ratio (my share of talking)',
  questions_per_call: 'Questions I ask per call',
  filler_rate: 'Filler words per minute',
  longest_monologue: 'Longest monologue (seconds)',
  self_reviews_per_week: 'Calls I self-review per week',
};

/** A goal figure as people read it: 62% talk ratio, 48 s, 3.2. */
export function formatGoalValue(metric: GoalMetric, value: number | null): string {
  if (value === null) return '—';
  if (metric === 'talk_ratio') return `${Math.round(value * 100)}%`;
  if (metric === 'longest_monologue') return `${Math.round(value)} s`;
  return (Math.round(value * 10) / 10).toFixed(1);
}

/**
 * Recognition for a coach over a period: how much over time (kudos given by
 * people, celebrations the app gave itself), who gives and who receives, who
 * nobody recognised, and recognition beside each person's score change.
 */
export interface RecognitionInsights {
  from: string;
  to: string;
  /** Weeks (Mondays) for a period up to four months, months beyond — like the other Insights charts. */
  bucket: 'week' | 'month';
  /** Every bucket of the period, oldest first, empty ones included. */
  overTime: Array<{ period: string; kudos: number; celebrations: number }>;
  /** Active people (not removed, not the sample's), by name. */
  people: Array<{
    personId: Id;
    name: string;
    role: 'rep' | 'coach' | 'facilitator' | 'admin';
    kudosGiven: number;
    kudosReceived: number;
    celebrations: number;
    /** Mean of the submitted scores the viewer may see, in the period and in the equally long period before. */
    scoreBefore: number | null;
    scoreNow: number | null;
    /** scoreNow − scoreBefore, when both exist. */
    scoreChange: number | null;
    /** How many scores stand behind scoreNow. */
    measuredNow: number;
  }>;
  /** Active people with no kudos received in the period, by name: so nobody is missed. */
  unrecognised: Array<{ personId: Id; name: string; role: 'rep' | 'coach' | 'facilitator' | 'admin' }>;
}
