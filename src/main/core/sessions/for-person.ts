import type { Database } from 'better-sqlite3';
import type { FeedbackKind, Id, ProgressPoint, SessionFeedbackReceived } from '../../../shared/domain';
import { all, sql } from '../db/sql';
import { reviewerKindOf, sessionScoreVisibleTo } from '../policy/scoring';

/** How many session feedback rows a person's page lists (newest first). */
export const PAGE_FEEDBACK_LIMIT = 50;

/**
 * Feedback captured in review sessions about `personId`, newest first. Like
 * comments on a call, feedback said in the room is not scoring: everyone
 * sees it. A clip's feedback with no moment of its own opens at the clip.
 */
export function sessionFeedbackFor(db: Database, personId: Id): SessionFeedbackReceived[] {
  return all<{
    id: Id;
    session_id: Id;
    session_title: string;
    session_date: string;
    author_name: string | null;
    kind: FeedbackKind;
    body: string;
    situation: string;
    behavior: string;
    impact: string;
    call_id: Id | null;
    call_title: string | null;
    at_sec: number | null;
    created_at: string;
  }>(
    db,
    sql`SELECT f.id, f.session_id, s.title AS session_title, s.session_date, a.name AS author_name, f.kind, f.body,
          f.situation, f.behavior, f.impact, c.id AS call_id, c.title AS call_title,
          coalesce(f.at_sec, i.start_sec) AS at_sec, f.created_at
        FROM session_feedback f
        JOIN review_sessions s ON s.id = f.session_id AND s.deleted_at IS NULL
        LEFT JOIN people a ON a.id = f.author_id
        LEFT JOIN session_items i ON i.id = f.item_id AND i.deleted_at IS NULL
        LEFT JOIN calls c ON c.id = i.call_id AND c.deleted_at IS NULL
        WHERE f.subject_id = ${personId} AND f.deleted_at IS NULL
        ORDER BY f.created_at DESC, f.id DESC
        LIMIT ${PAGE_FEEDBACK_LIMIT}`,
  ).map((r) => ({
    id: r.id,
    sessionId: r.session_id,
    sessionTitle: r.session_title,
    sessionDate: r.session_date,
    authorName: r.author_name,
    kind: r.kind,
    body: r.body,
    situation: r.situation,
    behavior: r.behavior,
    impact: r.impact,
    callId: r.call_id,
    callTitle: r.call_title,
    atSec: r.call_id ? r.at_sec : null,
    createdAt: r.created_at,
  }));
}

/**
 * Scores given live in review sessions on the rep's calls, as points of
 * their progress, through the blind rule for `viewerId`. Each counts under
 * its giver's kind, derived as for a scorecard (self when the rep scored
 * themselves, coach for coaches and admins, peer otherwise), and names its
 * session.
 */
export function sessionProgressFor(db: Database, personId: Id, viewerId: Id): ProgressPoint[] {
  return all<{
    date: string;
    call_id: Id;
    rep_id: Id;
    session_id: Id;
    reviewer_id: Id;
    reviewer_role: string;
    criterion_key: Id;
    criterion_name: string;
    score: number;
  }>(
    db,
    sql`SELECT coalesce(c.call_date, s.session_date) AS date, c.id AS call_id, c.rep_id, s.id AS session_id,
          ss.reviewer_id, p.role AS reviewer_role, k.key AS criterion_key, k.name AS criterion_name, ss.score
        FROM session_scores ss
        JOIN session_items i ON i.id = ss.item_id AND i.deleted_at IS NULL
        JOIN review_sessions s ON s.id = i.session_id AND s.deleted_at IS NULL
        JOIN calls c ON c.id = i.call_id AND c.deleted_at IS NULL
        JOIN people p ON p.id = ss.reviewer_id
        JOIN rubric_criteria k ON k.id = ss.criterion_id
        WHERE c.rep_id = ${personId} AND ${sessionScoreVisibleTo(viewerId)}
        ORDER BY date, s.id, i.position, i.id, ss.reviewer_id, k.position, k.id`,
  ).map((r) => ({
    date: r.date,
    callId: r.call_id,
    scorecardId: null,
    sessionId: r.session_id,
    reviewerKind: reviewerKindOf({ id: r.reviewer_id, role: r.reviewer_role }, r.rep_id),
    criterionKey: r.criterion_key,
    criterionName: r.criterion_name,
    score: r.score,
  }));
}
