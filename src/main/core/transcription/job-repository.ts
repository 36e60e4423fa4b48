import type { Database } from 'better-sqlite3';
import type { Id, JobState, TranscribeOptions, TranscriptionJob } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { newId, nowIso } from '../db/ids';
import type { Query } from '../db/sql';
import { all, get, run, sql } from '../db/sql';

interface JobRow {
  id: string;
  kind: string;
  subject: string;
  state: JobState;
  progress: number;
  eta_sec: number | null;
  error: string | null;
  attempts: number;
  options: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const KIND = 'transcribe';

const toJob = (r: JobRow): TranscriptionJob => ({
  id: r.id,
  kind: 'transcribe',
  mediaSha256: r.subject,
  state: r.state,
  progress: r.progress,
  etaSec: r.eta_sec,
  error: r.error,
  attempts: r.attempts,
  options: JSON.parse(r.options) as TranscribeOptions,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export function getJob(db: Database, id: Id): TranscriptionJob {
  const row = get<JobRow>(db, sql`SELECT * FROM jobs WHERE id = ${id} AND kind = ${KIND}`);
  if (!row) throw new AppError('not_found', 'That transcription job no longer exists.');
  return toJob(row);
}

export function listJobs(
  db: Database,
  filter: { mediaSha256?: string; states?: JobState[]; limit?: number } = {},
): TranscriptionJob[] {
  const states = filter.states?.length ? JSON.stringify(filter.states) : null;
  return all<JobRow>(
    db,
    sql`SELECT * FROM jobs WHERE kind = ${KIND}
          AND (${filter.mediaSha256 ?? null} IS NULL OR subject = ${filter.mediaSha256 ?? null})
          AND (${states} IS NULL OR state IN (SELECT value FROM json_each(${states})))
        ORDER BY created_at DESC, id DESC LIMIT ${filter.limit ?? 100}`,
  ).map(toJob);
}

/** The queued or running job for a recording, if there is one (a second request reuses it). */
export function pendingJobFor(db: Database, mediaSha256: string): TranscriptionJob | null {
  const row = get<JobRow>(
    db,
    sql`SELECT * FROM jobs WHERE kind = ${KIND} AND subject = ${mediaSha256} AND state IN ('queued', 'running')
        ORDER BY created_at, id LIMIT 1`,
  );
  return row ? toJob(row) : null;
}

export function createJob(db: Database, mediaSha256: string, options: TranscribeOptions): TranscriptionJob {
  const id = newId();
  const now = nowIso();
  run(
    db,
    sql`INSERT INTO jobs (id, kind, subject, state, options, created_at, updated_at)
        VALUES (${id}, ${KIND}, ${mediaSha256}, 'queued', ${JSON.stringify(options)}, ${now}, ${now})`,
  );
  return getJob(db, id);
}

/** The oldest queued job: one at a time, first come first served. */
export function nextQueuedJob(db: Database): TranscriptionJob | null {
  const row = get<JobRow>(
    db,
    sql`SELECT * FROM jobs WHERE kind = ${KIND} AND state = 'queued' ORDER BY created_at, id LIMIT 1`,
  );
  return row ? toJob(row) : null;
}

export function markRunning(db: Database, id: Id): TranscriptionJob {
  const now = nowIso();
  run(
    db,
    sql`UPDATE jobs SET state = 'running', progress = 0, eta_sec = NULL, error = NULL, attempts = attempts + 1,
        started_at = ${now}, finished_at = NULL, updated_at = ${now} WHERE id = ${id}`,
  );
  return getJob(db, id);
}

export function setOptions(db: Database, id: Id, options: TranscribeOptions): TranscriptionJob {
  run(db, sql`UPDATE jobs SET options = ${JSON.stringify(options)}, updated_at = ${nowIso()} WHERE id = ${id}`);
  return getJob(db, id);
}

export function setProgress(db: Database, id: Id, progress: number, etaSec: number | null): void {
  run(
    db,
    sql`UPDATE jobs SET progress = ${progress}, eta_sec = ${etaSec}, updated_at = ${nowIso()}
        WHERE id = ${id} AND state = 'running'`,
  );
}

export function finishJob(db: Database, id: Id, state: 'done' | 'failed' | 'cancelled', error: string | null = null) {
  const now = nowIso();
  run(
    db,
    sql`UPDATE jobs SET state = ${state}, error = ${error}, eta_sec = NULL,
        progress = CASE WHEN ${state} = 'done' THEN 1 ELSE progress END,
        finished_at = ${now}, updated_at = ${now} WHERE id = ${id}`,
  );
  return getJob(db, id);
}

export function requeueJob(db: Database, id: Id): TranscriptionJob {
  run(
    db,
    sql`UPDATE jobs SET state = 'queued', progress = 0, eta_sec = NULL, error = NULL, finished_at = NULL,
        updated_at = ${nowIso()} WHERE id = ${id}`,
  );
  return getJob(db, id);
}

/** At startup: a job left 'running' by a crash or a quit goes back to the queue and restarts from the top. */
export function requeueInterrupted(db: Database): number {
  return run(
    db,
    sql`UPDATE jobs SET state = 'queued', progress = 0, eta_sec = NULL, updated_at = ${nowIso()}
        WHERE kind = ${KIND} AND state = 'running'`,
  ).changes;
}

/**
 * Where the transcript of the recording `mediaSha256` (a column of the outer
 * query) stands: 'transcribing' while a job is queued or running (also when
 * transcribing again), else 'transcribed', else 'failed' if the last job
 * failed, else 'none'. One fragment so a 10,000-call list stays one query.
 */
export const transcriptionStateOf = (mediaSha256: Query): Query =>
  sql`(CASE
    WHEN EXISTS (SELECT 1 FROM jobs pj WHERE pj.subject = ${mediaSha256} AND pj.kind = ${KIND}
                 AND pj.state IN ('queued', 'running')) THEN 'transcribing'
    WHEN EXISTS (SELECT 1 FROM transcripts tt WHERE tt.media_sha256 = ${mediaSha256}) THEN 'transcribed'
    WHEN (SELECT lj.state FROM jobs lj WHERE lj.subject = ${mediaSha256} AND lj.kind = ${KIND}
          ORDER BY lj.created_at DESC, lj.id DESC LIMIT 1) = 'failed' THEN 'failed'
    ELSE 'none' END)`;
