import type { Database } from 'better-sqlite3';
import type {
  CalibrationGroup,
  CalibrationReveal,
  CallScorecards,
  CriterionCalibration,
  Id,
  Scorecard,
} from '../../../../shared/domain';
import { AppError } from '../../../../shared/result';
import { newId, nowIso } from '../../db/ids';
import { all, get, run, sql } from '../../db/sql';
import { requireLiveCall, requireLivePerson } from '../guards';
import { listCriteria } from '../rubrics/repository';
import { krippendorffAlpha, pairAgreement, spread } from '../statistics';
import type { ScorecardHeader } from './header';
import { getHeader, headerColumns, headerFrom } from './header';
import { toScorecard } from './repository';
import { canSeeScorecard } from '../../policy/scoring';

/**
 * The blind rule: a reviewer sees another reviewer's scores on a call only
 * after submitting their own scorecard for the same call and rubric version.
 * Drafts are never shown to anyone but their reviewer.
 */
function hasSubmitted(db: Database, callId: Id, versionId: Id, viewerId: Id): boolean {
  return !!get<{ id: Id }>(
    db,
    sql`SELECT id FROM scorecards WHERE call_id = ${callId} AND rubric_version_id = ${versionId}
        AND reviewer_id = ${viewerId} AND status = 'submitted' AND deleted_at IS NULL`,
  );
}

/** The policy's blind rule, narrowed for calls to the same rubric version (calibration compares like with like). */
export function canView(db: Database, header: ScorecardHeader, viewerId: Id): boolean {
  if (!canSeeScorecard(db, viewerId, header)) return false;
  if (header.reviewer_id === viewerId || header.call_id === null) return true;
  return hasSubmitted(db, header.call_id, header.rubric_version_id, viewerId);
}

export function getScorecardFor(db: Database, id: Id, viewerId: Id): Scorecard {
  const header = getHeader(db, id);
  if (!canView(db, header, viewerId)) {
    throw new AppError(
      'unauthorized',
      header.status === 'submitted'
        ? 'Scoring is blind: submit your own scorecard for this call to see the others.'
        : 'That scorecard is still a draft; only its reviewer can see it.',
    );
  }
  return toScorecard(db, header);
}

/** Mean of the numbers, or null for none. */
const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * The reveal. Agreement, spread and alpha are about reviewers reading the
 * anchors alike, so they are computed over peer and coach scorecards only: a
 * self-review is the rep's view of their own call, not an independent
 * reviewer, and counting it would let a rep raise or sink the team's alpha.
 * It is shown beside them instead — its scores and how far each is from the
 * reviewers' mean.
 */
function reveal(db: Database, callId: Id, versionId: Id, headers: ScorecardHeader[]): CalibrationReveal {
  const scorecards = headers.filter((h) => h.status === 'submitted').map((h) => toScorecard(db, h));
  const self = scorecards.find((s) => s.reviewerKind === 'self') ?? null;
  const notes = new Map(
    all<{ criterion_id: Id; agreed_score: number | null; note: string; author_id: Id }>(
      db,
      sql`SELECT n.criterion_id, n.agreed_score, n.note, n.author_id FROM calibration_notes n
          JOIN rubric_criteria c ON c.id = n.criterion_id
          WHERE n.call_id = ${callId} AND c.rubric_version_id = ${versionId}`,
    ).map((n) => [n.criterion_id, n]),
  );
  const criteria = listCriteria(db, versionId).map((c): CriterionCalibration => {
    const scores = scorecards.map((s) => ({
      scorecardId: s.id,
      reviewerId: s.reviewerId,
      reviewerKind: s.reviewerKind,
      score: s.scores.find((x) => x.criterionId === c.id)?.score ?? null,
    }));
    const given = scores.flatMap((s) => (s.score === null || s.reviewerKind === 'self' ? [] : [s.score]));
    const { agreement, pairs } = pairAgreement(given);
    const note = notes.get(c.id);
    const selfScore = self ? (scores.find((s) => s.scorecardId === self.id)?.score ?? null) : null;
    const othersMean = mean(given);
    return {
      criterionId: c.id,
      name: c.name,
      position: c.position,
      scores,
      spread: spread(given),
      agreement,
      pairs,
      self:
        self === null
          ? null
          : {
              score: selfScore,
              reviewersMean: othersMean,
              distance: selfScore === null || othersMean === null ? null : selfScore - othersMean,
            },
      agreedScore: note?.agreed_score ?? null,
      note: note?.note ?? '',
      noteAuthorId: note?.author_id ?? null,
    };
  });
  const units = criteria.map((c) =>
    c.scores.flatMap((s) => (s.score === null || s.reviewerKind === 'self' ? [] : [s.score])),
  );
  const distances = criteria.flatMap((c) => (c.self?.distance == null ? [] : [Math.abs(c.self.distance)]));
  // Disagreements first: lowest agreement, then widest spread; criteria nobody could compare go last.
  criteria.sort(
    (a, b) => (a.agreement ?? 2) - (b.agreement ?? 2) || (b.spread ?? -1) - (a.spread ?? -1) || a.position - b.position,
  );
  return {
    scorecards,
    criteria,
    alpha: krippendorffAlpha(units, 'interval'),
    alphaMetric: 'interval',
    alphaReviewers: scorecards.filter((s) => s.reviewerKind !== 'self').length,
    selfReview: self
      ? {
          scorecardId: self.id,
          reviewerId: self.reviewerId,
          reviewerName: self.reviewerName,
          meanDistance: mean(distances),
          compared: distances.length,
        }
      : null,
  };
}

export function scorecardsForCall(db: Database, callId: Id, viewerId: Id): CallScorecards {
  if (!get(db, sql`SELECT id FROM calls WHERE id = ${callId}`))
    throw new AppError('not_found', 'That call no longer exists.');
  if (!get(db, sql`SELECT id FROM people WHERE id = ${viewerId}`))
    throw new AppError('not_found', 'That person no longer exists.');
  const headers = all<ScorecardHeader>(
    db,
    sql`SELECT ${headerColumns} FROM ${headerFrom} WHERE s.call_id = ${callId} AND s.deleted_at IS NULL
        ORDER BY r.name COLLATE NOCASE, v.version, s.created_at, s.id`,
  );
  const groups = new Map<Id, ScorecardHeader[]>();
  for (const h of headers) groups.set(h.rubric_version_id, [...(groups.get(h.rubric_version_id) ?? []), h]);

  return {
    callId,
    viewerId,
    mine: headers.filter((h) => h.reviewer_id === viewerId).map((h) => toScorecard(db, h)),
    groups: [...groups.entries()].map(([versionId, members]): CalibrationGroup => {
      const first = members[0] as ScorecardHeader;
      const revealed = members.some((h) => h.reviewer_id === viewerId && h.status === 'submitted');
      return {
        rubricId: first.rubric_id,
        rubricVersionId: versionId,
        rubricName: first.rubric_name,
        rubricVersion: first.rubric_version,
        reviewers: members.map((h) => ({
          scorecardId: h.id,
          reviewerId: h.reviewer_id,
          reviewerName: h.reviewer_name,
          reviewerKind: h.reviewer_kind,
          status: h.status,
          submittedAt: h.submitted_at,
        })),
        revealed,
        reveal: revealed ? reveal(db, callId, versionId, members) : null,
      };
    }),
  };
}

export interface CalibrateInput {
  callId: Id;
  criterionId: Id;
  authorId: Id;
  agreedScore?: number | null | undefined;
  note?: string | undefined;
}

/** Records what the reviewers agreed for one criterion of this call, after the reveal. */
export function calibrate(db: Database, input: CalibrateInput): CallScorecards {
  db.transaction(() => {
    requireLiveCall(db, input.callId);
    requireLivePerson(db, input.authorId, 'author of the calibration note');
    const criterion = get<{ rubric_version_id: Id }>(
      db,
      sql`SELECT rubric_version_id FROM rubric_criteria WHERE id = ${input.criterionId}`,
    );
    if (!criterion) throw new AppError('not_found', 'That criterion no longer exists.');
    if (!hasSubmitted(db, input.callId, criterion.rubric_version_id, input.authorId)) {
      throw new AppError(
        'unauthorized',
        'Submit your own scorecard for this call first: calibration notes are written after the reveal.',
      );
    }
    const now = nowIso();
    run(
      db,
      sql`INSERT INTO calibration_notes (id, call_id, criterion_id, agreed_score, note, author_id, created_at, updated_at)
          VALUES (${newId()}, ${input.callId}, ${input.criterionId}, ${input.agreedScore ?? null}, ${input.note ?? ''},
            ${input.authorId}, ${now}, ${now})
          ON CONFLICT (call_id, criterion_id) DO UPDATE SET
            agreed_score = CASE WHEN ${input.agreedScore !== undefined} THEN excluded.agreed_score ELSE agreed_score END,
            note = CASE WHEN ${input.note !== undefined} THEN excluded.note ELSE note END,
            author_id = excluded.author_id, updated_at = excluded.updated_at`,
    );
  })();
  return scorecardsForCall(db, input.callId, input.authorId);
}
