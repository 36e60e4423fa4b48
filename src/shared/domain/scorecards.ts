import { z } from 'zod';
import type { Id, Timestamp } from './ids';

export const REVIEWER_KINDS = ['self', 'peer', 'coach'] as const;
export const ReviewerKind = z.enum(REVIEWER_KINDS);
export type ReviewerKind = z.infer<typeof ReviewerKind>;

export type ScorecardStatus = 'draft' | 'submitted';

/** A link from a score to the moment that justifies it: an annotation, or a bare timestamp. */
export type Evidence = { id: Id; annotationId: Id; atSec: null } | { id: Id; annotationId: null; atSec: number };

export interface CriterionScore {
  criterionId: Id;
  /** null: not scored (left out of the weighted score). */
  score: number | null;
  comment: string;
  evidence: Evidence[];
}

export interface ActionItem {
  id: Id;
  scorecardId: Id | null;
  /** The call the item came from, when it came from a call's scorecard. */
  callId: Id | null;
  text: string;
  ownerId: Id | null;
  /** YYYY-MM-DD */
  dueDate: string | null;
  done: boolean;
  doneAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/**
 * One reviewer's scoring of one call (or, with issue 6, one drill attempt)
 * against one rubric version.
 */
export interface Scorecard {
  id: Id;
  /**
   * False for a blank card just opened: nothing is written until its first
   * score, comment, strengths note or action item, which stores it.
   */
  stored: boolean;
  callId: Id | null;
  attemptId: Id | null;
  rubricId: Id;
  rubricVersionId: Id;
  rubricName: string;
  rubricVersion: number;
  reviewerId: Id;
  reviewerName: string;
  reviewerKind: ReviewerKind;
  status: ScorecardStatus;
  strengths: string;
  /** One per criterion of the rubric version, in rubric order. */
  scores: CriterionScore[];
  /**
   * Weighted mean of the scored criteria: Σ(weight·score) / Σ(weight) over
   * criteria with a score; null when nothing is scored yet.
   */
  overallScore: number | null;
  actionItems: ActionItem[];
  submittedAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Who is scoring a call, without their scores (what a blind reviewer may see). */
export interface ReviewerStatus {
  scorecardId: Id;
  reviewerId: Id;
  reviewerName: string;
  reviewerKind: ReviewerKind;
  status: ScorecardStatus;
  submittedAt: Timestamp | null;
}

/** One criterion in the calibration reveal. */
export interface CriterionCalibration {
  criterionId: Id;
  name: string;
  position: number;
  /** One per submitted scorecard, in the same order as `CalibrationReveal.scorecards`. */
  scores: Array<{ scorecardId: Id; reviewerId: Id; reviewerKind: ReviewerKind; score: number | null }>;
  /** max − min of the peer and coach scores given (a self-review is not a reviewer); null with none. */
  spread: number | null;
  /** Share of peer/coach reviewer pairs whose scores are within one point; null with fewer than two scores. */
  agreement: number | null;
  pairs: number;
  /**
   * The self-review beside the reviewers, when there is one: its score, the
   * peer/coach mean, and self − mean (positive: the rep rates themselves higher).
   */
  self: { score: number | null; reviewersMean: number | null; distance: number | null } | null;
  agreedScore: number | null;
  note: string;
  noteAuthorId: Id | null;
}

export interface CalibrationReveal {
  /** Submitted scorecards only: a draft is not a reviewer's answer yet. */
  scorecards: Scorecard[];
  /** Disagreements first: lowest agreement, then widest spread, then rubric order. */
  criteria: CriterionCalibration[];
  /**
   * Krippendorff's alpha, interval metric, over this call's criteria (units)
   * and submitted peer and coach reviewers (coders) — never a self-review. null when it is undefined: fewer than
   * two reviewers scored a common criterion, or every score is the same.
   */
  alpha: number | null;
  alphaMetric: 'interval';
  /** How many submitted peer and coach scorecards alpha is over (a self-review never counts). */
  alphaReviewers: number;
  /** The call's rep's own submitted scorecard, shown beside alpha: mean |self − reviewers' mean| over criteria. */
  selfReview: {
    scorecardId: Id;
    reviewerId: Id;
    reviewerName: string;
    meanDistance: number | null;
    /** Criteria both the self-review and at least one reviewer scored. */
    compared: number;
  } | null;
}

/** Scorecards on one call against one rubric version. */
export interface CalibrationGroup {
  rubricId: Id;
  rubricVersionId: Id;
  rubricName: string;
  rubricVersion: number;
  reviewers: ReviewerStatus[];
  /** True once the viewer has submitted their own scorecard in this group. */
  revealed: boolean;
  reveal: CalibrationReveal | null;
}

/** What `scorecards.forCall` answers: the viewer's own scorecards, and blind-safe groups. */
export interface CallScorecards {
  callId: Id;
  viewerId: Id;
  mine: Scorecard[];
  groups: CalibrationGroup[];
}

export interface RepCall {
  id: Id;
  title: string;
  customer: string;
  callDate: string | null;
  durationSec: number;
  scorecardCount: number;
}

export interface RepScorecardSummary {
  id: Id;
  callId: Id | null;
  callTitle: string;
  rubricName: string;
  rubricVersion: number;
  reviewerId: Id;
  reviewerName: string;
  reviewerKind: ReviewerKind;
  overallScore: number | null;
  submittedAt: Timestamp;
}

/** One point of the rep's score-per-criterion chart. */
export interface ProgressPoint {
  /** The call's date (YYYY-MM-DD), or the submission (or session) date when the call has none. */
  date: string;
  callId: Id;
  /** The scorecard it comes from; null for a score given live in a review session. */
  scorecardId: Id | null;
  /** The review session a live score was given in; null for a scorecard's. */
  sessionId: Id | null;
  /** Derived from the giver as for scorecards: self, peer or coach (a session score counts under its giver's kind). */
  reviewerKind: ReviewerKind;
  criterionKey: Id;
  criterionName: string;
  score: number;
}

/** A scorecard the person submitted on someone else's call or attempt (their page's "Reviews given"). */
export interface ReviewGiven {
  id: Id;
  callId: Id | null;
  attemptId: Id | null;
  /** The call's title, or the drill's for an attempt. */
  title: string;
  revieweeId: Id | null;
  revieweeName: string | null;
  rubricName: string;
  reviewerKind: ReviewerKind;
  /** Null when the viewer may not see it yet (blind) or nothing was scored. */
  overallScore: number | null;
  submittedAt: Timestamp;
}

/** A comment the person wrote on someone else's call, or feedback they gave in a review session. */
export interface FeedbackWritten {
  id: Id;
  source: 'annotation' | 'session';
  callId: Id | null;
  /** Where in the call it points (a session item's clip start when the feedback named no moment). */
  atSec: number | null;
  title: string;
  /** Whom it is about: the call's rep, or the session feedback's subject. */
  aboutName: string | null;
  body: string;
  createdAt: Timestamp;
}

/** Feedback captured about the person in a review session (their page's "From review sessions"). */
export interface SessionFeedbackReceived {
  id: Id;
  sessionId: Id;
  sessionTitle: string;
  sessionDate: string;
  authorName: string | null;
  kind: 'strength' | 'improvement';
  body: string;
  situation: string;
  behavior: string;
  impact: string;
  /** The call it was about, if the item was a call or clip, and the moment to open it at. */
  callId: Id | null;
  callTitle: string | null;
  atSec: number | null;
  createdAt: Timestamp;
}

export interface RepPage {
  personId: Id;
  calls: RepCall[];
  /** Submitted scorecards about the rep's calls (and the rep's own), newest first. */
  scorecards: RepScorecardSummary[];
  /** Not done: owned by the rep, or on the rep's calls; oldest due date first. */
  openActionItems: Array<ActionItem & { callTitle: string | null }>;
  /** Scorecards and (blind-safe) live session scores on the rep's calls, oldest date first. */
  progress: ProgressPoint[];
  /** Scorecards this person submitted about others (blind rule for the viewer), newest first. */
  reviewsGiven: ReviewGiven[];
  /** Their comments on others' calls and their session feedback to others, newest first (latest 50). */
  feedbackWritten: FeedbackWritten[];
  /** Session feedback aimed at this person, newest first (latest 50). */
  fromSessions: SessionFeedbackReceived[];
}
