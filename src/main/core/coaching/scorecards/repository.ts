import type { Database } from 'better-sqlite3';
import type { ActionItem, CriterionScore, Evidence, Id, Scorecard } from '../../../../shared/domain';
import { AppError } from '../../../../shared/result';
import { newId, nowIso } from '../../db/ids';
import type { Query } from '../../db/sql';
import { all, get, run, sql } from '../../db/sql';
import { requireLiveCall, requireLivePerson, requireWithinCall } from '../guards';
import { getRubricVersion, latestVersionId, listCriteria } from '../rubrics/repository';
import { weightedScore } from '../statistics';
import { listActionItems } from './action-items';
import type { ScorecardHeader } from './header';
import { getHeader, requireDraft } from './header';
import { reviewerKindOf, scorecardVisibleTo } from '../../policy/scoring';
import { openBlank, pendingCard, storeIfPending } from './pending';

/**
 * How many people submitted a scorecard for the call `callId` (a column of the
 * outer query): the library's "Reviewed by N". A fragment rather than a second
 * query so a rule about whose scorecards count is added here once.
 */
export const submittedReviewerCount = (callId: Query): Query =>
  sql`(SELECT count(DISTINCT rs.reviewer_id) FROM scorecards rs
       WHERE rs.call_id = ${callId} AND rs.status = 'submitted' AND rs.deleted_at IS NULL)`;

function scoresOf(db: Database, header: ScorecardHeader): { scores: CriterionScore[]; overallScore: number | null } {
  const criteria = listCriteria(db, header.rubric_version_id);
  const rows = all<{ id: Id; criterion_id: Id; score: number | null; comment: string }>(
    db,
    sql`SELECT id, criterion_id, score, comment FROM scorecard_scores WHERE scorecard_id = ${header.id}`,
  );
  // Evidence pointing at an annotation in the trash is hidden, and comes back if the annotation is restored.
  const evidence = all<{ score_id: Id; id: Id; annotation_id: Id | null; at_sec: number | null }>(
    db,
    sql`SELECT e.score_id, e.id, e.annotation_id, e.at_sec FROM score_evidence e
        JOIN scorecard_scores sc ON sc.id = e.score_id
        LEFT JOIN annotations a ON a.id = e.annotation_id
        WHERE sc.scorecard_id = ${header.id} AND (e.annotation_id IS NULL OR a.deleted_at IS NULL)
        ORDER BY e.position, e.id`,
  );
  const byCriterion = new Map(rows.map((r) => [r.criterion_id, r]));
  const scores = criteria.map((c): CriterionScore => {
    const row = byCriterion.get(c.id);
    return {
      criterionId: c.id,
      score: row?.score ?? null,
      comment: row?.comment ?? '',
      evidence: row
        ? evidence
            .filter((e) => e.score_id === row.id)
            .map((e): Evidence =>
              e.annotation_id !== null
                ? { id: e.id, annotationId: e.annotation_id, atSec: null }
                : { id: e.id, annotationId: null, atSec: e.at_sec ?? 0 },
            )
        : [],
    };
  });
  const overallScore = weightedScore(criteria.map((c, i) => ({ weight: c.weight, score: scores[i]?.score ?? null })));
  return { scores, overallScore };
}

export function toScorecard(db: Database, header: ScorecardHeader, stored = true): Scorecard {
  const { scores, overallScore } = scoresOf(db, header);
  const actionItems: ActionItem[] = listActionItems(db, header.id);
  return {
    id: header.id,
    stored,
    callId: header.call_id,
    attemptId: header.attempt_id,
    rubricId: header.rubric_id,
    rubricVersionId: header.rubric_version_id,
    rubricName: header.rubric_name,
    rubricVersion: header.rubric_version,
    reviewerId: header.reviewer_id,
    reviewerName: header.reviewer_name,
    reviewerKind: header.reviewer_kind,
    status: header.status,
    strengths: header.strengths,
    scores,
    overallScore,
    actionItems,
    submittedAt: header.submitted_at,
    createdAt: header.created_at,
    updatedAt: header.updated_at,
  };
}

export const getScorecard = (db: Database, id: Id): Scorecard => toScorecard(db, getHeader(db, id));

const touch = (db: Database, id: Id, now = nowIso()) =>
  run(db, sql`UPDATE scorecards SET updated_at = ${now} WHERE id = ${id}`);

/**
 * Which version a new scorecard on this call uses for a rubric: the one other
 * reviewers of the call already use (so calibration compares like with like),
 * else the rubric's latest.
 */
function versionFor(db: Database, callId: Id, rubricId: Id): Id {
  const inUse = get<{ id: Id }>(
    db,
    sql`SELECT v.id FROM scorecards s JOIN rubric_versions v ON v.id = s.rubric_version_id
        WHERE s.call_id = ${callId} AND s.deleted_at IS NULL AND v.rubric_id = ${rubricId} AND v.deleted_at IS NULL
        GROUP BY v.id ORDER BY count(*) DESC, v.version DESC, v.id DESC LIMIT 1`,
  );
  return inUse?.id ?? latestVersionId(db, rubricId);
}

export interface StartInput {
  callId: Id;
  reviewerId: Id;
  rubricId?: Id | undefined;
  rubricVersionId?: Id | undefined;
}

/**
 * Opens the reviewer's live scorecard for this call and version, or a blank
 * one (`stored: false`) that its first score stores: opening writes nothing.
 */
export function startScorecard(db: Database, input: StartInput): Scorecard {
  return db.transaction((): Scorecard => {
    const call = requireLiveCall(db, input.callId);
    const reviewer = requireLivePerson(db, input.reviewerId, 'reviewer');
    const versionId = input.rubricVersionId ?? versionFor(db, input.callId, input.rubricId as Id);
    const version = getRubricVersion(db, versionId);
    const rubricLive = get<{ deleted_at: string | null }>(
      db,
      sql`SELECT deleted_at FROM rubrics WHERE id = ${version.rubricId}`,
    );
    if (version.deletedAt || rubricLive?.deleted_at) {
      throw new AppError(
        'invalid_input',
        `“${version.rubricName}” (version ${version.version}) is in the trash; pick another rubric.`,
      );
    }
    const existing = get<{ id: Id }>(
      db,
      sql`SELECT id FROM scorecards WHERE call_id = ${input.callId} AND reviewer_id = ${input.reviewerId}
          AND rubric_version_id = ${versionId} AND deleted_at IS NULL`,
    );
    if (existing) return getScorecard(db, existing.id);
    // Derived, never chosen: self for the call's rep, coach or peer from the reviewer's role.
    const kind = reviewerKindOf(reviewer, call.repId);
    const blank = openBlank(
      db,
      { callId: input.callId, attemptId: null, rubricVersionId: versionId, reviewer, kind },
      {
        id: newId(),
        rubric_id: version.rubricId,
        rubric_name: version.rubricName,
        rubric_version: version.version,
        now: nowIso(),
      },
    );
    return toScorecard(db, blank, false);
  })();
}

/** A scorecard by id as its reviewer sees it: stored, or the blank card they opened. */
export function getOwnScorecard(db: Database, id: Id): Scorecard {
  const blank = pendingCard(db, id);
  return blank ? toScorecard(db, blank, false) : getScorecard(db, id);
}

export interface ScoreInput {
  id: Id;
  criterionId: Id;
  score?: number | null | undefined;
  comment?: string | undefined;
  evidence?: Array<{ annotationId: Id } | { atSec: number }> | undefined;
}

/** Autosave of one criterion: every part checked first, then written in one transaction. */
export function setScore(db: Database, input: ScoreInput): Scorecard {
  db.transaction(() => {
    storeIfPending(db, input.id, nowIso());
    const header = getHeader(db, input.id);
    requireDraft(header);
    const belongs = get<{ id: Id }>(
      db,
      sql`SELECT id FROM rubric_criteria WHERE id = ${input.criterionId} AND rubric_version_id = ${header.rubric_version_id}`,
    );
    if (!belongs) throw new AppError('invalid_input', 'That criterion is not part of this scorecard’s rubric version.');
    if (input.evidence) checkEvidence(db, header, input.evidence);

    const now = nowIso();
    run(
      db,
      sql`INSERT INTO scorecard_scores (id, scorecard_id, criterion_id, created_at, updated_at)
          VALUES (${newId()}, ${input.id}, ${input.criterionId}, ${now}, ${now})
          ON CONFLICT (scorecard_id, criterion_id) DO NOTHING`,
    );
    run(
      db,
      sql`UPDATE scorecard_scores SET
            score = CASE WHEN ${input.score !== undefined} THEN ${input.score ?? null} ELSE score END,
            comment = coalesce(${input.comment}, comment),
            updated_at = ${now}
          WHERE scorecard_id = ${input.id} AND criterion_id = ${input.criterionId}`,
    );
    if (input.evidence) {
      const scoreId = get<{ id: Id }>(
        db,
        sql`SELECT id FROM scorecard_scores WHERE scorecard_id = ${input.id} AND criterion_id = ${input.criterionId}`,
      )?.id as Id;
      run(db, sql`DELETE FROM score_evidence WHERE score_id = ${scoreId}`);
      input.evidence.forEach((e, position) => {
        run(
          db,
          sql`INSERT INTO score_evidence (id, score_id, position, annotation_id, at_sec, created_at, updated_at)
              VALUES (${newId()}, ${scoreId}, ${position}, ${'annotationId' in e ? e.annotationId : null},
                ${'atSec' in e ? e.atSec : null}, ${now}, ${now})`,
        );
      });
    }
    touch(db, input.id, now);
  })();
  return getScorecard(db, input.id);
}

function checkEvidence(db: Database, header: ScorecardHeader, evidence: NonNullable<ScoreInput['evidence']>): void {
  const call = header.call_id ? requireLiveCall(db, header.call_id) : null;
  for (const e of evidence) {
    if ('annotationId' in e) {
      const a = get<{ call_id: Id; deleted_at: string | null }>(
        db,
        sql`SELECT call_id, deleted_at FROM annotations WHERE id = ${e.annotationId}`,
      );
      if (!a || a.deleted_at)
        throw new AppError('invalid_input', 'Evidence links to an annotation that no longer exists.');
      if (a.call_id !== header.call_id)
        throw new AppError('invalid_input', 'Evidence must be an annotation on the call being scored.');
    } else if (call) {
      requireWithinCall(call, e.atSec, null);
    }
  }
}

export function updateScorecard(db: Database, input: { id: Id; strengths?: string | undefined }): Scorecard {
  db.transaction(() => {
    storeIfPending(db, input.id, nowIso());
    const header = getHeader(db, input.id);
    requireDraft(header);
    run(
      db,
      sql`UPDATE scorecards SET strengths = coalesce(${input.strengths}, strengths), updated_at = ${nowIso()}
          WHERE id = ${input.id}`,
    );
  })();
  return getScorecard(db, input.id);
}

export function submitScorecard(db: Database, id: Id): Scorecard {
  if (pendingCard(db, id)) throw new AppError('invalid_input', 'Score at least one criterion before submitting.');
  const header = getHeader(db, id);
  requireDraft(header);
  const scored = get<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM scorecard_scores WHERE scorecard_id = ${id} AND score IS NOT NULL`,
  );
  if (!scored?.n) throw new AppError('invalid_input', 'Score at least one criterion before submitting.');
  const now = nowIso();
  run(db, sql`UPDATE scorecards SET status = 'submitted', submitted_at = ${now}, updated_at = ${now} WHERE id = ${id}`);
  return getScorecard(db, id);
}

export function reopenScorecard(db: Database, id: Id): Scorecard {
  const header = getHeader(db, id);
  if (header.status !== 'submitted') throw new AppError('conflict', 'This scorecard is already a draft.');
  run(db, sql`UPDATE scorecards SET status = 'draft', submitted_at = NULL, updated_at = ${nowIso()} WHERE id = ${id}`);
  return getScorecard(db, id);
}

export function removeScorecard(db: Database, id: Id): ScorecardHeader {
  const header = getHeader(db, id);
  run(db, sql`UPDATE scorecards SET deleted_at = ${nowIso()}, updated_at = ${nowIso()} WHERE id = ${id}`);
  return header;
}

export function restoreScorecard(db: Database, id: Id): Scorecard {
  const header = getHeader(db, id, { includeDeleted: true });
  const clash = get<{ id: Id }>(
    db,
    sql`SELECT id FROM scorecards WHERE call_id IS ${header.call_id} AND attempt_id IS ${header.attempt_id}
        AND reviewer_id = ${header.reviewer_id} AND rubric_version_id = ${header.rubric_version_id}
        AND deleted_at IS NULL AND id <> ${id}`,
  );
  if (clash) {
    throw new AppError(
      'conflict',
      `${header.reviewer_name} already has a scorecard for this call on this rubric version; remove it first.`,
    );
  }
  run(db, sql`UPDATE scorecards SET deleted_at = NULL, updated_at = ${nowIso()} WHERE id = ${id}`);
  return getScorecard(db, id);
}

export interface ScorecardCommentSearchRow {
  scorecard_id: Id;
  /** Null for the strengths note. */
  score_id: Id | null;
  call_id: Id;
  call_title: string;
  reviewer_name: string;
  criterion_name: string | null;
  snippet: string;
}

/**
 * Scorecard comments and strengths notes matching an FTS5 query, on calls in
 * the library. Only SUBMITTED scorecards the viewer may see (the policy's
 * blind rule), so search cannot go around it.
 */
export function searchSubmittedScorecardText(
  db: Database,
  ftsQuery: string,
  marks: { open: string; close: string },
  limit: number,
  viewerId: Id,
): ScorecardCommentSearchRow[] {
  return all<ScorecardCommentSearchRow>(
    db,
    sql`SELECT f.scorecard_id, f.score_id, s.call_id, c.title AS call_title, p.name AS reviewer_name,
          k.name AS criterion_name,
          snippet(scorecard_text_fts, 2, ${marks.open}, ${marks.close}, '…', 16) AS snippet
        FROM scorecard_text_fts f
        JOIN scorecards s ON s.id = f.scorecard_id AND s.status = 'submitted' AND s.deleted_at IS NULL
          AND ${scorecardVisibleTo(viewerId)}
        JOIN calls c ON c.id = s.call_id AND c.deleted_at IS NULL
        JOIN people p ON p.id = s.reviewer_id
        LEFT JOIN scorecard_scores sc ON sc.id = f.score_id
        LEFT JOIN rubric_criteria k ON k.id = sc.criterion_id
        WHERE scorecard_text_fts MATCH ${ftsQuery}
        ORDER BY bm25(scorecard_text_fts), c.created_at DESC, f.scorecard_id, f.score_id
        LIMIT ${limit}`,
  );
}
