import { z } from 'zod';
import type { Id } from './ids';

/** A stretch of a recording a figure points at: clicking it plays from `startSec`. */
export interface Moment {
  startSec: number;
  endSec: number;
}

/**
 * Conversation figures of one recording, from its transcript and speakers.
 * Side figures (rep vs customer) are null when no speaker is marked as the
 * customer; `needsSides` then says why, so no screen shows a wrong number.
 */
export interface CallMetrics {
  mediaSha256: string;
  durationSec: number;
  segmentCount: number;
  hasSides: boolean;
  /** Share of the recording nobody speaks in (0..1); null for an empty recording. */
  silenceShare: number | null;
  /** Whole call (both sides together), words per minute of speech. */
  wordsPerMinute: number | null;
  fillersPerMinute: number | null;
  questions: number;
  /** Rep's share of the talking (0..1). */
  talkRatioRep: number | null;
  talkSecRep: number | null;
  talkSecCustomer: number | null;
  longestMonologue: (Moment & { durationSec: number }) | null;
  longestCustomerStory: (Moment & { durationSec: number }) | null;
  /** Changes of who is speaking per minute of the call. */
  switchesPerMinute: number | null;
  /** Mean pause before the rep answers once the customer stops, in seconds. */
  patienceSec: number | null;
  questionsRep: number | null;
  questionsCustomer: number | null;
  wpmRep: number | null;
  wpmCustomer: number | null;
  fillersPerMinuteRep: number | null;
}

/** The figures Insights compares, by key. */
export const METRIC_KEYS = [
  'talkRatioRep',
  'longestMonologueSec',
  'longestCustomerStorySec',
  'switchesPerMinute',
  'patienceSec',
  'questionsRep',
  'questionsCustomer',
  'wpmRep',
  'fillersPerMinuteRep',
  'silenceShare',
] as const;
export const MetricKey = z.enum(METRIC_KEYS);
export type MetricKey = z.infer<typeof MetricKey>;

/** A figure beside the rep's own past and the team's middle half. */
export interface MetricComparison {
  key: MetricKey;
  value: number | null;
  /** Mean over the rep's previous calls (up to `baselineCalls`), null without any. */
  repBaseline: number | null;
  baselineCalls: number;
  /** The team's 25th–75th percentile over calls with this figure. */
  teamBand: { low: number; high: number; calls: number } | null;
  /** Where clicking the figure plays from, if it points at a moment. */
  moment: Moment | null;
  /** Set when the figure needs a customer side the call does not have. */
  needsSides: boolean;
}

export interface CallInsights {
  callId: Id;
  metrics: CallMetrics | null;
  /** Why there are no figures (no transcript yet), or null. */
  empty: string | null;
  comparisons: MetricComparison[];
  hits: TrackerHit[];
  /**
   * Why rep-versus-customer figures are missing: no speaker is marked as the
   * customer, or one is but nobody (customer or rep) has speech on that side. 'ok' when they are shown.
   */
  sides: 'ok' | 'no_customer' | 'customer_silent' | 'rep_silent';
}

export const TRACKER_SIDES = ['rep', 'customer', 'either'] as const;
export const TrackerSide = z.enum(TRACKER_SIDES);
export type TrackerSide = z.infer<typeof TrackerSide>;

export interface Tracker {
  id: Id;
  name: string;
  side: TrackerSide;
  phrases: string[];
  /** Shipped with the app (still editable). */
  builtIn: boolean;
  revision: number;
  updatedAt: string;
}

export interface TrackerHit {
  trackerId: Id;
  trackerName: string;
  segmentId: Id;
  startSec: number;
  phrase: string;
  /** 'unknown' on a recording without a customer side: side trackers match everything there. */
  side: 'rep' | 'customer' | 'unknown';
}

/** A tracker's frequency per period and per rep, for Insights. */
export interface TrackerTrend {
  trackerId: Id;
  trackerName: string;
  /** Calls with at least one hit, and all hits, per period start (ISO date). */
  byPeriod: Array<{ period: string; calls: number; hits: number; callsInPeriod: number }>;
  byRep: Array<{ repId: Id | null; repName: string; calls: number; hits: number; callsOfRep: number }>;
}

/** How far the library is from current figures (computed in the background). */
export interface InsightsBacklog {
  pending: number;
  total: number;
}

/** Mean score of one rep on one criterion (by its key across rubric versions), and how many scores are behind it. */
export interface SkillCell {
  repId: Id;
  criterionKey: string;
  mean: number;
  count: number;
}

/** Reps × criteria over a period, from submitted scorecards the viewer may see. */
export interface SkillHeatmap {
  reps: Array<{ id: Id; name: string }>;
  criteria: Array<{ key: string; name: string; mean: number; count: number }>;
  cells: SkillCell[];
  /** Up to two lowest criteria per rep (cells with at least two scores). */
  weakestByRep: Array<{ repId: Id; criterionKeys: string[] }>;
  /** Up to three lowest criteria across the team. */
  teamWeakest: string[];
}

/** One score behind a heatmap cell, with where it was given. */
export interface SkillEvidence {
  scorecardId: Id;
  score: number;
  reviewerKind: 'self' | 'peer' | 'coach';
  reviewerName: string;
  submittedAt: string;
  /** A call's scorecard, or a drill attempt's (then drillId too). */
  callId: Id | null;
  attemptId: Id | null;
  drillId: Id | null;
  /** The call's title or the drill's. */
  title: string;
}

export interface SkillPoint {
  criterionKey: string;
  day: string;
  reviewerKind: 'self' | 'peer' | 'coach';
  mean: number;
  count: number;
}

/** Reviews given and received, feedback written and what is left open, per person over a period. */
export interface CoachingActivity {
  people: Array<{
    personId: Id;
    name: string;
    role: 'rep' | 'coach' | 'facilitator' | 'admin';
    /** Submitted peer or coach scorecards this person gave. */
    reviewsGiven: number;
    selfReviews: number;
    /** Submitted peer or coach scorecards on this person's calls and attempts. */
    reviewsReceived: number;
    /** Annotations on calls and feedback captured in sessions. */
    feedbackWritten: number;
    sessionsAttended: number;
    openActionItems: number;
    overdueActionItems: number;
  }>;
  /** Calls imported in the period (the sample left out) and how many have a peer or coach review. */
  calls: { imported: number; reviewed: number };
  /** Reviewer agreement (Krippendorff's alpha over peer and coach scores) per month; null when undefined. */
  agreement: Array<{ month: string; alpha: number | null; calls: number }>;
}

/** A rep's conversation figures: their last calls against the calls before them ("you vs your past"). */
export interface RepInsights {
  personId: Id;
  figures: Array<{
    key: MetricKey;
    /** Mean over the rep's most recent measured calls (up to ten). */
    recent: number | null;
    recentCalls: number;
    /** Mean over the ten calls before those. */
    past: number | null;
    pastCalls: number;
  }>;
  /** The recent calls behind the figures, newest first. */
  calls: Array<{ callId: Id; title: string; day: string; values: Record<MetricKey, number | null> }>;
}
