import type { Database } from 'better-sqlite3';
import type { FeedbackWritten, Id, ReviewerKind, ReviewGiven } from '../../../../shared/domain';
import { all, sql } from '../../db/sql';
import { scorecardVisibleTo } from '../../policy/scoring';
import { weightedScore } from '../statistics';

/** How many rows a person's page lists of what they gave (newest first). */
export const GIVEN_LIMIT = 50;

/**
 * Scorecards `personId` submitted about someone else's call or attempt (a
 * coach's or peer's reviews given), newest first, as `viewerId` may see them:
 * a card the blind rule keeps from the viewer is listed (that a review was
 * given is not scoring) without its overall.
 */
export function reviewsGiven(db: Database, personId: Id, viewerId: Id): ReviewGiven[] {
  const rows = all<{
    id: Id;
    call_id: Id | null;
    attempt_id: Id | null;
    title: string;
    reviewee_id: Id | null;
    reviewee_name: string | null;
    rubric_name: string;
    reviewer_kind: ReviewerKind;
    submitted_at: string;
    visible: number;
    weight: number | null;
    score: number | null;
  }>(
    db,
    sql`SELECT s.id, s.call_id, s.attempt_id, coalesce(c.title, d.title, '') AS title,
          coalesce(c.rep_id, a.person_id) AS reviewee_id, rp.name AS reviewee_name, r.name AS rubric_name,
          s.reviewer_kind, s.submitted_at, ${scorecardVisibleTo(viewerId)} AS visible, k.weight, sc.score
        FROM (SELECT * FROM scorecards WHERE reviewer_id = ${personId} AND status = 'submitted' AND deleted_at IS NULL
              ORDER BY submitted_at DESC, id DESC) s
        LEFT JOIN calls c ON c.id = s.call_id
        LEFT JOIN attempts a ON a.id = s.attempt_id
        LEFT JOIN drills d ON d.id = a.drill_id
        LEFT JOIN people rp ON rp.id = coalesce(c.rep_id, a.person_id)
        JOIN rubric_versions v ON v.id = s.rubric_version_id
        JOIN rubrics r ON r.id = v.rubric_id
        LEFT JOIN rubric_criteria k ON k.rubric_version_id = s.rubric_version_id
        LEFT JOIN scorecard_scores sc ON sc.scorecard_id = s.id AND sc.criterion_id = k.id
        WHERE s.reviewer_kind <> 'self' AND (c.id IS NULL OR c.deleted_at IS NULL)
          AND (a.id IS NULL OR a.deleted_at IS NULL)
        ORDER BY s.submitted_at DESC, s.id DESC, k.position, k.id`,
  );
  const cards = new Map<
    Id,
    ReviewGiven & { parts: Array<{ weight: number; score: number | null }>; visible: boolean }
  >();
  for (const r of rows) {
    let card = cards.get(r.id);
    if (!card) {
      if (cards.size === GIVEN_LIMIT) break;
      card = {
        id: r.id,
        callId: r.call_id,
        attemptId: r.attempt_id,
        title: r.title,
        revieweeId: r.reviewee_id,
        revieweeName: r.reviewee_name,
        rubricName: r.rubric_name,
        reviewerKind: r.reviewer_kind,
        overallScore: null,
        submittedAt: r.submitted_at,
        parts: [],
        visible: r.visible === 1,
      };
      cards.set(r.id, card);
    }
    if (r.weight !== null) card.parts.push({ weight: r.weight, score: r.score });
  }
  return [...cards.values()].map(({ parts, visible, ...card }) => ({
    ...card,
    overallScore: visible ? weightedScore(parts) : null,
  }));
}

/**
 * What `personId` wrote about others: comments on calls that are not their
 * own, and feedback they gave in review sessions to someone else. Comments
 * and session feedback are open to everyone (not scoring); newest first.
 */
export function feedbackWritten(db: Database, personId: Id): FeedbackWritten[] {
  return all<{
    id: Id;
    source: 'annotation' | 'session';
    call_id: Id | null;
    at_sec: number | null;
    title: string;
    about_name: string | null;
    body: string;
    created_at: string;
  }>(
    db,
    sql`SELECT * FROM (
          SELECT n.id, 'annotation' AS source, c.id AS call_id, n.start_sec AS at_sec, c.title,
            rp.name AS about_name, n.body, n.created_at
          FROM annotations n
          JOIN calls c ON c.id = n.call_id AND c.deleted_at IS NULL
          LEFT JOIN people rp ON rp.id = c.rep_id
          WHERE n.author_id = ${personId} AND n.deleted_at IS NULL AND c.rep_id IS NOT ${personId}
          UNION ALL
          SELECT f.id, 'session' AS source, c.id AS call_id, CASE WHEN c.id IS NULL THEN NULL
              ELSE coalesce(f.at_sec, i.start_sec) END AS at_sec, s.title,
            sp.name AS about_name, f.body, f.created_at
          FROM session_feedback f
          JOIN review_sessions s ON s.id = f.session_id AND s.deleted_at IS NULL
          LEFT JOIN session_items i ON i.id = f.item_id AND i.deleted_at IS NULL
          LEFT JOIN calls c ON c.id = i.call_id AND c.deleted_at IS NULL
          LEFT JOIN people sp ON sp.id = f.subject_id
          WHERE f.author_id = ${personId} AND f.deleted_at IS NULL AND f.subject_id IS NOT ${personId})
        ORDER BY created_at DESC, id DESC
        LIMIT ${GIVEN_LIMIT}`,
  ).map((r) => ({
    id: r.id,
    source: r.source,
    callId: r.call_id,
    atSec: r.at_sec,
    title: r.title,
    aboutName: r.about_name,
    body: r.body,
    createdAt: r.created_at,
  }));
}
