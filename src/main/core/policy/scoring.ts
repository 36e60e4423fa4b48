import type { Database } from 'better-sqlite3';
import type { Id, ReviewerKind } from '../../../shared/domain';
import type { Query } from '../db/sql';
import { get, sql } from '../db/sql';

/**
 * The blind rule. A reviewer forms their own view before seeing anyone
 * else's: while a person has no submitted scorecard on a call (or a drill
 * attempt), nothing of anyone else's scoring of it reaches them — not the
 * scores, the overall, the comments, nor averages built from them. Their
 * own scorecards (draft or submitted) they always see. Others' drafts
 * reach nobody: a draft is a reviewer's unfinished thinking.
 *
 * One SQL fragment, used by every query that reads scorecards for a person
 * (call page, person pages, practice plan, drills, statistics, packets,
 * search), so the rule is written once.
 */

/** True for a scorecard row aliased `s` that `actorId` may see. */
export function scorecardVisibleTo(actorId: Id): Query {
  // Two lookups, one per kind of subject, so each is a seek on its (subject, reviewer) index:
  // one EXISTS with an OR inside falls back to scanning every scorecard the actor ever gave.
  return sql`(s.reviewer_id = ${actorId} OR (s.status = 'submitted' AND (
      (s.call_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM scorecards mine
         WHERE mine.call_id = s.call_id AND mine.reviewer_id = ${actorId}
           AND mine.status = 'submitted' AND mine.deleted_at IS NULL))
      OR (s.attempt_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM scorecards mine
         WHERE mine.attempt_id = s.attempt_id AND mine.reviewer_id = ${actorId}
           AND mine.status = 'submitted' AND mine.deleted_at IS NULL)))))`;
}

/**
 * The blind rule for scores given live in a review session (`session_scores`
 * aliased `ss`, its item `i`): a score on a call or an attempt is someone's
 * scoring of it, so it reaches the actor only if they gave it or have
 * submitted their own scorecard on that call or attempt — the same lift as
 * for scorecards. A deal review has no recording to be blind about.
 */
export function sessionScoreVisibleTo(actorId: Id): Query {
  return sql`(ss.reviewer_id = ${actorId}
    OR (i.call_id IS NULL AND i.attempt_id IS NULL)
    OR (i.call_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM scorecards mine
       WHERE mine.call_id = i.call_id AND mine.reviewer_id = ${actorId}
         AND mine.status = 'submitted' AND mine.deleted_at IS NULL))
    OR (i.attempt_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM scorecards mine
       WHERE mine.attempt_id = i.attempt_id AND mine.reviewer_id = ${actorId}
         AND mine.status = 'submitted' AND mine.deleted_at IS NULL)))`;
}

export interface ScorecardFacts {
  reviewer_id: Id;
  status: 'draft' | 'submitted';
  call_id: Id | null;
  attempt_id: Id | null;
}

/** Has the actor submitted a live scorecard on this call or attempt? (What lifts the blind.) */
export function hasSubmittedOn(
  db: Database,
  actorId: Id,
  target: { call_id: Id | null; attempt_id: Id | null },
): boolean {
  return !!get(
    db,
    sql`SELECT 1 AS ok FROM scorecards WHERE reviewer_id = ${actorId} AND status = 'submitted' AND deleted_at IS NULL
        AND ((${target.call_id} IS NOT NULL AND call_id = ${target.call_id})
          OR (${target.attempt_id} IS NOT NULL AND attempt_id = ${target.attempt_id}))`,
  );
}

/** The same rule for one scorecard already read (packets, single reads). */
export function canSeeScorecard(db: Database, actorId: Id, card: ScorecardFacts): boolean {
  if (card.reviewer_id === actorId) return true;
  return card.status === 'submitted' && hasSubmittedOn(db, actorId, card);
}

/**
 * Reviewer kind is derived, never chosen: self when the reviewer is the
 * call's rep or the attempt's owner, coach for coaches and admins, peer for
 * everyone else.
 */
export function reviewerKindOf(reviewer: { id: Id; role: string }, subjectId: Id | null): ReviewerKind {
  if (subjectId !== null && reviewer.id === subjectId) return 'self';
  return reviewer.role === 'coach' || reviewer.role === 'admin' ? 'coach' : 'peer';
}
