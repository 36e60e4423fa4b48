import { z } from 'zod';
import type { Id, Timestamp } from './ids';
import type { ReviewerKind } from './scorecards';

/** What a drill trains. The practice plan maps a weak rubric criterion to these. */
export const DRILL_SKILLS = [
  'objection_handling',
  'discovery_opener',
  'cold_call_opener',
  'pricing',
  'next_step_close',
  'value_pitch',
  'other',
] as const;
export const DrillSkill = z.enum(DRILL_SKILLS);
export type DrillSkill = z.infer<typeof DrillSkill>;
export const DRILL_SKILL_LABELS: Record<DrillSkill, string> = {
  objection_handling: 'Objection handling',
  discovery_opener: 'Discovery opener',
  cold_call_opener: 'Cold-call opener',
  pricing: 'Pricing',
  next_step_close: 'Next-step close',
  value_pitch: 'Value pitch',
  other: 'Other',
};

export const BUYER_MOODS = ['neutral', 'skeptical', 'rushed', 'irritated', 'curious', 'friendly', 'guarded'] as const;
export const BuyerMood = z.enum(BUYER_MOODS);
export type BuyerMood = z.infer<typeof BuyerMood>;

/** Limits for a drill's answer; a role-play answer longer than five minutes is a monologue, not a drill. */
export const DRILL_TIME_LIMIT_MIN_SEC = 10;
export const DRILL_TIME_LIMIT_MAX_SEC = 300;
/** The largest recorded answer the core accepts (five minutes of opus is ~2.5 MB; this leaves room for wav). */
export const ATTEMPT_MAX_BYTES = 64 * 1024 * 1024;

/** The buyer the rep is talking to. */
export interface Persona {
  role: string;
  company: string;
  mood: BuyerMood;
}

/** A span of a recording in the media folder: a prompt clip or a model answer. */
export interface MediaClip {
  mediaSha256: string;
  /** `<sha256>.<ext>`, for `api.mediaUrl`. */
  fileName: string;
  startSec: number;
  endSec: number;
  /** The call it was cut from, while that call exists. */
  callId: Id | null;
}

export interface Drill {
  id: Id;
  title: string;
  skill: DrillSkill;
  persona: Persona;
  /** What the buyer says: shown large, spoken by speech synthesis when there is no clip. */
  promptText: string;
  promptClip: MediaClip | null;
  timeLimitSec: number;
  rubricId: Id | null;
  rubricName: string | null;
  /** "What good sounds like": coaching notes shown after an attempt. */
  notes: string;
  modelAnswer: MediaClip | null;
  tags: string[];
  /** Set for drills shipped in resources/drills. */
  seedKey: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  deletedAt: Timestamp | null;
}

/** A row of the drill list: the drill plus how practice on it is going. */
export interface DrillSummary extends Drill {
  attemptCount: number;
  /** The best attempt score (mean of its submitted scorecards), null until one is scored. */
  bestScore: number | null;
  lastAttemptAt: Timestamp | null;
}

/** Quick numbers from an attempt's transcript (see src/main/core/drills/stats.ts for the definitions). */
export interface AttemptStats {
  durationSec: number;
  wordCount: number;
  /** null when the recording is too short to say (under a second) or not transcribed. */
  wordsPerMinute: number | null;
  fillerCount: number;
  fillers: Array<{ phrase: string; count: number }>;
  questionCount: number;
}

export type AttemptTranscription = 'none' | 'queued' | 'running' | 'done' | 'failed';

export interface AttemptScore {
  scorecardId: Id;
  reviewerId: Id;
  reviewerName: string;
  reviewerKind: ReviewerKind;
  overallScore: number | null;
  submitted: boolean;
}

/** One recorded answer to a drill, stored like a call's recording. */
export interface Attempt {
  id: Id;
  drillId: Id;
  drillTitle: string;
  personId: Id | null;
  personName: string | null;
  mediaSha256: string;
  fileName: string;
  durationSec: number;
  transcription: AttemptTranscription;
  /** null until the transcript exists. */
  stats: AttemptStats | null;
  scores: AttemptScore[];
  /** Mean of the submitted scorecards' overall scores; null until one is submitted. */
  score: number | null;
  createdAt: Timestamp;
  deletedAt: Timestamp | null;
}

/** Compete with yourself: one drill's attempts over time. */
export interface DrillHistory {
  drillId: Id;
  /** Oldest first, so charts read left to right. */
  attempts: Attempt[];
  personalBest: { attemptId: Id; score: number } | null;
  /** Latest scored attempt minus the first scored attempt; null with fewer than two scored. */
  improvement: number | null;
  /** The same for words per minute and filler words, where transcripts exist. */
  firstStats: AttemptStats | null;
  latestStats: AttemptStats | null;
}

/** One weak spot in the practice plan, with drills that train it. */
export interface PlanItem {
  rubricId: Id;
  rubricName: string;
  criterionKey: Id;
  criterionName: string;
  /** Mean of the rep's most recent scores on this criterion (calls and attempts). */
  recentAverage: number;
  /** How many scores went into the average. */
  sampleSize: number;
  drills: DrillSummary[];
}

export interface PracticePlan {
  personId: Id;
  /** Weakest first. Empty until the rep has submitted scores on a call or attempt. */
  items: PlanItem[];
  /** How many recent scores per criterion the averages use. */
  window: number;
}
