import type { Database } from 'better-sqlite3';
import type { Id, ProgressPoint, RepPage, RepScorecardSummary, ReviewerKind } from '../../../../shared/domain';
import { AppError } from '../../../../shared/result';
import { all, get, sql } from '../../db/sql';
import { scorecardVisibleTo } from '../../policy/scoring';
import { weightedScore } from '../statistics';
import type { ActionItemRow } from './action-items';
import { actionItemColumns, toActionItem } from './action-items';
import { feedbackWritten, reviewsGiven } from './given';
import { sessionFeedbackFor, sessionProgressFor } from '../../sessions/for-person';

interface ScoredRow {
  scorecard_id: Id;
  call_id: Id;
  call_title: string;
  call_date: string | null;
  rubric_name: string;
  rubric_version: number;
  reviewer_id: Id;
  reviewer_name: string;
  reviewer_kind: ReviewerKind;
  submitted_at: string;
  criterion_key: Id | null;
  criterion_name: string | null;
  weight: number | null;
  score: number | null;
}

/**
 * Everything a person's page shows, in one call, as `viewerId` may see it —
 * as a rep (their calls, scorecards about them, progress, feedback from
 * sessions) and as a reviewer (reviews given, feedback written):
 * submitted scorecards that pass the blind rule for the viewer (their own,
 * and others' on calls the viewer has submitted on), so the page never
 * spoils anyone's blind review — the rep's own self-review included.
 */
export function repPage(db: Database, personId: Id, viewerId: Id): RepPage {
  if (!get(db, sql`SELECT id FROM people WHERE id = ${personId}`)) {
    throw new AppError('not_found', 'That person no longer exists.');
  }
  const calls = all<{
    id: Id;
    title: string;
    customer: string;
    call_date: string | null;
    duration_sec: number;
    scorecard_count: number;
  }>(
    db,
    sql`SELECT c.id, c.title, c.customer, c.call_date, m.duration_sec,
          (SELECT count(*) FROM scorecards s WHERE s.call_id = c.id AND s.status = 'submitted' AND s.deleted_at IS NULL)
            AS scorecard_count
        FROM calls c JOIN media m ON m.sha256 = c.media_sha256
        WHERE c.rep_id = ${personId} AND c.deleted_at IS NULL
        ORDER BY c.call_date IS NULL, c.call_date DESC, c.created_at DESC, c.id DESC`,
  );

  // One row per (scorecard, criterion); a scorecard with no score rows still appears once via the LEFT JOINs.
  const rows = all<ScoredRow>(
    db,
    sql`SELECT s.id AS scorecard_id, c.id AS call_id, c.title AS call_title, c.call_date, r.name AS rubric_name,
          v.version AS rubric_version, s.reviewer_id, p.name AS reviewer_name, s.reviewer_kind, s.submitted_at,
          k.key AS criterion_key, k.name AS criterion_name, k.weight, sc.score
        FROM scorecards s
        JOIN calls c ON c.id = s.call_id
        JOIN rubric_versions v ON v.id = s.rubric_version_id
        JOIN rubrics r ON r.id = v.rubric_id
        JOIN people p ON p.id = s.reviewer_id
        LEFT JOIN rubric_criteria k ON k.rubric_version_id = s.rubric_version_id
        LEFT JOIN scorecard_scores sc ON sc.scorecard_id = s.id AND sc.criterion_id = k.id
        WHERE c.rep_id = ${personId} AND c.deleted_at IS NULL
          AND s.status = 'submitted' AND s.deleted_at IS NULL AND ${scorecardVisibleTo(viewerId)}
        ORDER BY s.submitted_at DESC, s.id, k.position, k.id`,
  );

  const summaries = new Map<Id, RepScorecardSummary & { parts: Array<{ weight: number; score: number | null }> }>();
  const progress: ProgressPoint[] = [];
  for (const r of rows) {
    let summary = summaries.get(r.scorecard_id);
    if (!summary) {
      summary = {
        id: r.scorecard_id,
        callId: r.call_id,
        callTitle: r.call_title,
        rubricName: r.rubric_name,
        rubricVersion: r.rubric_version,
        reviewerId: r.reviewer_id,
        reviewerName: r.reviewer_name,
        reviewerKind: r.reviewer_kind,
        overallScore: null,
        submittedAt: r.submitted_at,
        parts: [],
      };
      summaries.set(r.scorecard_id, summary);
    }
    if (r.weight !== null) summary.parts.push({ weight: r.weight, score: r.score });
    if (r.score !== null && r.criterion_key !== null && r.criterion_name !== null) {
      progress.push({
        date: r.call_date ?? r.submitted_at.slice(0, 10),
        callId: r.call_id,
        scorecardId: r.scorecard_id,
        sessionId: null,
        reviewerKind: r.reviewer_kind,
        criterionKey: r.criterion_key,
        criterionName: r.criterion_name,
        score: r.score,
      });
    }
  }
  // Live session scores count in progress too (under their giver's kind), through the same blind rule.
  progress.push(...sessionProgressFor(db, personId, viewerId));
  progress.sort((a, b) => a.date.localeCompare(b.date));

  const openActionItems = all<ActionItemRow & { call_title: string | null }>(
    db,
    sql`SELECT ${actionItemColumns}, c.title AS call_title
        FROM action_items i
        LEFT JOIN scorecards s ON s.id = i.scorecard_id
        LEFT JOIN calls c ON c.id = s.call_id
        WHERE i.done_at IS NULL AND i.deleted_at IS NULL
          AND (i.scorecard_id IS NULL OR (s.status = 'submitted' AND s.deleted_at IS NULL AND ${scorecardVisibleTo(viewerId)}))
          AND (c.id IS NULL OR c.deleted_at IS NULL)
          AND (i.owner_id = ${personId} OR c.rep_id = ${personId})
        ORDER BY i.due_date IS NULL, i.due_date, i.created_at, i.id`,
  ).map((r) => ({ ...toActionItem(r), callTitle: r.call_title }));

  return {
    personId,
    calls: calls.map((c) => ({
      id: c.id,
      title: c.title,
      customer: c.customer,
      callDate: c.call_date,
      durationSec: c.duration_sec,
      scorecardCount: c.scorecard_count,
    })),
    scorecards: [...summaries.values()].map(({ parts, ...s }) => ({ ...s, overallScore: weightedScore(parts) })),
    openActionItems,
    progress,
    reviewsGiven: reviewsGiven(db, personId, viewerId),
    feedbackWritten: feedbackWritten(db, personId),
    fromSessions: sessionFeedbackFor(db, personId),
  };
}
