import type { Database } from 'better-sqlite3';
import type {
  Attempt,
  AttemptScore,
  AttemptTranscription,
  DrillHistory,
  Id,
  Person,
  ReviewerKind,
  Scorecard,
} from '../../../shared/domain';
import { requireCanRemoveAttempt } from '../policy/ownership';
import { reviewerKindOf, scorecardVisibleTo } from '../policy/scoring';
import { AppError } from '../../../shared/result';
import { mediaFileName } from '../calls/repository';
import { requireLivePerson } from '../coaching/guards';
import { getRubricVersion, latestVersionId } from '../coaching/rubrics/repository';
import { getScorecard, toScorecard } from '../coaching/scorecards/repository';
import { openBlank } from '../coaching/scorecards/pending';
import { newId, nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';
import type { ImportResult } from '../media';
import { getTranscript } from '../transcription/transcript-repository';
import { getDrill } from './repository';
import { insertMediaRow } from '../media/repository';
import { transcriptStats } from './stats';

interface AttemptRow {
  id: Id;
  drill_id: Id;
  drill_title: string;
  person_id: Id | null;
  person_name: string | null;
  media_sha256: string;
  ext: string;
  duration_sec: number;
  created_at: string;
  deleted_at: string | null;
  job_state: string | null;
  has_transcript: number;
}

const SELECT_ATTEMPTS = sql`
  SELECT a.id, a.drill_id, d.title AS drill_title, a.person_id, p.name AS person_name, a.media_sha256, m.ext,
         a.duration_sec, a.created_at, a.deleted_at,
         (SELECT j.state FROM jobs j WHERE j.kind = 'transcribe' AND j.subject = a.media_sha256
            ORDER BY j.created_at DESC, j.id DESC LIMIT 1) AS job_state,
         EXISTS (SELECT 1 FROM transcripts t WHERE t.media_sha256 = a.media_sha256) AS has_transcript
  FROM attempts a
  JOIN drills d ON d.id = a.drill_id
  JOIN media m ON m.sha256 = a.media_sha256
  LEFT JOIN people p ON p.id = a.person_id`;

function transcriptionOf(r: AttemptRow): AttemptTranscription {
  if (r.has_transcript) return 'done';
  switch (r.job_state) {
    case 'queued':
    case 'running':
    case 'failed':
      return r.job_state;
    default:
      return 'none';
  }
}

/**
 * The live scorecards on the attempt that `viewerId` may see (the blind rule:
 * their own, and others' submitted ones once they have submitted on it); the
 * attempt's score is the mean of the submitted ones among them. With no
 * viewer, nobody's.
 */
export function attemptScorecards(db: Database, attemptId: Id, viewerId: Id | null): Scorecard[] {
  if (viewerId === null) return [];
  return all<{ id: Id }>(
    db,
    sql`SELECT s.id FROM scorecards s WHERE s.attempt_id = ${attemptId} AND s.deleted_at IS NULL
          AND ${scorecardVisibleTo(viewerId)}
        ORDER BY s.created_at, s.id`,
  ).map((r) => getScorecard(db, r.id));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function toAttempt(db: Database, r: AttemptRow, viewerId: Id | null): Attempt {
  const transcript = r.has_transcript ? getTranscript(db, r.media_sha256) : null;
  const cards = attemptScorecards(db, r.id, viewerId);
  const scores: AttemptScore[] = cards.map((c) => ({
    scorecardId: c.id,
    reviewerId: c.reviewerId,
    reviewerName: c.reviewerName,
    reviewerKind: c.reviewerKind,
    overallScore: c.overallScore,
    submitted: c.status === 'submitted',
  }));
  const submitted = scores.filter((s) => s.submitted && s.overallScore !== null).map((s) => s.overallScore as number);
  return {
    id: r.id,
    drillId: r.drill_id,
    drillTitle: r.drill_title,
    personId: r.person_id,
    personName: r.person_name,
    mediaSha256: r.media_sha256,
    fileName: mediaFileName(r.media_sha256, r.ext),
    durationSec: r.duration_sec,
    transcription: transcriptionOf(r),
    stats: transcript ? transcriptStats({ durationSec: r.duration_sec, segments: transcript.segments }) : null,
    scores,
    score: submitted.length ? round2(submitted.reduce((a, b) => a + b, 0) / submitted.length) : null,
    createdAt: r.created_at,
    deletedAt: r.deleted_at,
  };
}

/** An attempt with the scores `viewerId` may see (see `attemptScorecards`). */
export function getAttempt(db: Database, id: Id, viewerId: Id | null, opts: { includeTrash?: boolean } = {}): Attempt {
  const row = get<AttemptRow>(db, sql`${SELECT_ATTEMPTS} WHERE a.id = ${id}`);
  if (!row || (row.deleted_at && !opts.includeTrash)) throw new AppError('not_found', 'That attempt no longer exists.');
  return toAttempt(db, row, viewerId);
}

/**
 * Records an imported recording and its attempt in one transaction. The
 * media row may already exist (the same bytes kept twice); the attempt is new.
 */
export function insertAttempt(db: Database, imported: ImportResult, drillId: Id, personId: Id | null): Attempt {
  const id = newId();
  const now = nowIso();
  db.transaction(() => {
    getDrill(db, drillId);
    insertMediaRow(db, imported, now);
    run(
      db,
      sql`INSERT INTO attempts (id, drill_id, person_id, media_sha256, duration_sec, created_at, updated_at)
          VALUES (${id}, ${drillId}, ${personId}, ${imported.sha256}, ${imported.durationSec}, ${now}, ${now})`,
    );
  })();
  return getAttempt(db, id, personId);
}

/** One person's attempts at a drill, oldest first: histories and bests are per person. */
export function listAttempts(db: Database, drillId: Id, personId: Id, viewerId: Id | null): Attempt[] {
  return all<AttemptRow>(
    db,
    sql`${SELECT_ATTEMPTS} WHERE a.drill_id = ${drillId} AND a.deleted_at IS NULL AND a.person_id = ${personId}
        ORDER BY a.created_at, a.id`,
  ).map((r) => toAttempt(db, r, viewerId));
}

/**
 * Per drill, for the acting person: how many attempts they made, their best
 * score and when they last practised (for the list). Nobody's practice but
 * their own; with no actor, none.
 */
export function practiceSummary(
  db: Database,
  personId: Id | null,
): Map<Id, { attemptCount: number; bestScore: number | null; lastAttemptAt: string | null }> {
  const out = new Map<Id, { attemptCount: number; bestScore: number | null; lastAttemptAt: string | null }>();
  if (personId === null) return out;
  const rows = all<AttemptRow>(
    db,
    sql`${SELECT_ATTEMPTS} WHERE a.deleted_at IS NULL AND a.person_id = ${personId} ORDER BY a.created_at, a.id`,
  );
  // Scores need the scorecards; only attempts that have a submitted one pay for it.
  const scored = new Set(
    all<{ attempt_id: Id }>(
      db,
      sql`SELECT DISTINCT attempt_id FROM scorecards
          WHERE attempt_id IS NOT NULL AND status = 'submitted' AND deleted_at IS NULL`,
    ).map((r) => r.attempt_id),
  );
  for (const r of rows) {
    const entry = out.get(r.drill_id) ?? { attemptCount: 0, bestScore: null, lastAttemptAt: null };
    entry.attemptCount += 1;
    entry.lastAttemptAt = r.created_at;
    if (scored.has(r.id)) {
      const score = toAttempt(db, r, personId).score;
      if (score !== null && (entry.bestScore === null || score > entry.bestScore)) entry.bestScore = score;
    }
    out.set(r.drill_id, entry);
  }
  return out;
}

/** What a drill's history is before anyone is "me": nothing of anyone's. */
export function emptyHistory(db: Database, drillId: Id): DrillHistory {
  getDrill(db, drillId, { includeTrash: true });
  return { drillId, attempts: [], personalBest: null, improvement: null, firstStats: null, latestStats: null };
}

/**
 * One person's history of a drill: their attempts, their personal best and
 * their improvement since their first scored attempt, with the scores the
 * viewer may see.
 */
export function drillHistory(db: Database, drillId: Id, personId: Id, viewerId: Id): DrillHistory {
  getDrill(db, drillId, { includeTrash: true });
  const attempts = listAttempts(db, drillId, personId, viewerId);
  const scored = attempts.filter((a) => a.score !== null);
  let best: { attemptId: Id; score: number } | null = null;
  // Ties go to the earlier attempt: a personal best is the first time the mark was reached.
  for (const a of scored)
    if (best === null || (a.score as number) > best.score) best = { attemptId: a.id, score: a.score as number };
  const first = scored[0];
  const latest = scored.at(-1);
  const withStats = attempts.filter((a) => a.stats !== null);
  return {
    drillId,
    attempts,
    personalBest: best,
    improvement:
      first && latest && scored.length > 1 ? round2((latest.score as number) - (first.score as number)) : null,
    firstStats: withStats[0]?.stats ?? null,
    latestStats: withStats.length > 1 ? (withStats.at(-1)?.stats ?? null) : null,
  };
}

export function removeAttempt(db: Database, id: Id, actor: Person): Attempt {
  const attempt = getAttempt(db, id, actor.id);
  requireCanRemoveAttempt(actor, attempt.personId);
  const now = nowIso();
  run(db, sql`UPDATE attempts SET deleted_at = ${now}, updated_at = ${now} WHERE id = ${id}`);
  return attempt;
}

export function restoreAttempt(db: Database, id: Id, actor: Person): Attempt {
  const attempt = getAttempt(db, id, actor.id, { includeTrash: true });
  requireCanRemoveAttempt(actor, attempt.personId);
  run(db, sql`UPDATE attempts SET deleted_at = NULL, updated_at = ${nowIso()} WHERE id = ${id}`);
  return getAttempt(db, id, actor.id);
}

/**
 * Opens the reviewer's scorecard for an attempt, making it if needed, against
 * the drill's rubric: the version other reviewers of this attempt already use
 * (like with like), else the rubric's latest.
 */
/**
 * Opens the reviewer's scorecard on an attempt, or a blank one (`stored:
 * false`) that its first score stores: opening an attempt writes nothing, so
 * a coach who only looks never adds a draft to anyone's history.
 */
export function startAttemptScorecard(db: Database, input: { attemptId: Id; reviewerId: Id }): Scorecard {
  return db.transaction((): Scorecard => {
    const attempt = getAttempt(db, input.attemptId, input.reviewerId);
    const drill = getDrill(db, attempt.drillId, { includeTrash: true });
    if (!drill.rubricId) {
      throw new AppError('invalid_input', `“${drill.title}” has no rubric to score against. Choose one on the drill.`);
    }
    const reviewer = requireLivePerson(db, input.reviewerId, 'reviewer');
    const inUse = get<{ id: Id }>(
      db,
      sql`SELECT v.id FROM scorecards s JOIN rubric_versions v ON v.id = s.rubric_version_id
          WHERE s.attempt_id = ${input.attemptId} AND s.deleted_at IS NULL AND v.rubric_id = ${drill.rubricId}
            AND v.deleted_at IS NULL
          GROUP BY v.id ORDER BY count(*) DESC, v.version DESC, v.id DESC LIMIT 1`,
    );
    const versionId = inUse?.id ?? latestVersionId(db, drill.rubricId);
    const version = getRubricVersion(db, versionId);
    const existing = get<{ id: Id }>(
      db,
      sql`SELECT id FROM scorecards WHERE attempt_id = ${input.attemptId} AND reviewer_id = ${input.reviewerId}
          AND rubric_version_id = ${versionId} AND deleted_at IS NULL`,
    );
    if (existing) return getScorecard(db, existing.id);
    const kind: ReviewerKind = reviewerKindOf(reviewer, attempt.personId);
    const blank = openBlank(
      db,
      { callId: null, attemptId: input.attemptId, rubricVersionId: versionId, reviewer, kind },
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
