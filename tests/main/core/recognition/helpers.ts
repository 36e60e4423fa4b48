/**
 * Constructed histories for the recognition rules: attempts and scorecards
 * written straight into a real library with the times a test needs (the
 * recording and scoring flows have their own tests).
 */
import { createHash } from 'node:crypto';
import type { Core } from '../../../../src/main/core';
import { newId } from '../../../../src/main/core/db/ids';

const db = (core: Core) => core.db;

export function firstDrill(core: Core): { id: string; title: string; rubricId: string } {
  return db(core)
    .prepare(
      `SELECT id, title, rubric_id AS rubricId FROM drills WHERE rubric_id IS NOT NULL ORDER BY title, id LIMIT 1`,
    )
    .get() as { id: string; title: string; rubricId: string };
}

export function latestVersion(
  core: Core,
  rubricId?: string,
): { id: string; criteria: Array<{ id: string; key: string; name: string }> } {
  const version = db(core)
    .prepare(
      `SELECT v.id FROM rubric_versions v JOIN rubrics r ON r.id = v.rubric_id
       WHERE (? IS NULL OR r.id = ?) ORDER BY r.name, v.version DESC, v.id LIMIT 1`,
    )
    .get(rubricId ?? null, rubricId ?? null) as { id: string };
  const criteria = db(core)
    .prepare(`SELECT id, key, name FROM rubric_criteria WHERE rubric_version_id = ? ORDER BY position, id`)
    .all(version.id) as Array<{ id: string; key: string; name: string }>;
  return { id: version.id, criteria };
}

/** An attempt at `createdAt` (ISO), with a recording row of its own. */
export function insertAttempt(core: Core, drillId: string, personId: string, createdAt: string): string {
  const id = newId();
  const sha = createHash('sha256').update(id).digest('hex');
  db(core)
    .prepare(
      `INSERT INTO media (sha256, ext, size_bytes, duration_sec, channels, source_channels, sample_rate, codec,
         format_name, has_video, created_at) VALUES (?, 'webm', 1000, 20, 1, 1, 48000, 'opus', 'webm', 0, ?)`,
    )
    .run(sha, createdAt);
  db(core)
    .prepare(
      `INSERT INTO attempts (id, drill_id, person_id, media_sha256, duration_sec, created_at, updated_at)
       VALUES (?, ?, ?, ?, 20, ?, ?)`,
    )
    .run(id, drillId, personId, sha, createdAt, createdAt);
  return id;
}

/**
 * A submitted scorecard by `reviewerId` on a call or attempt, every criterion
 * at `score` (or the per-criterion scores given by key).
 */
export function submitScores(
  core: Core,
  on: { callId: string } | { attemptId: string },
  reviewerId: string,
  score: number | Record<string, number>,
  opts: { versionId?: string; submittedAt?: string; kind?: 'self' | 'peer' | 'coach' } = {},
): string {
  const version = opts.versionId
    ? { id: opts.versionId, criteria: latestVersionCriteria(core, opts.versionId) }
    : latestVersion(core);
  const id = newId();
  const at = opts.submittedAt ?? new Date().toISOString();
  db(core)
    .prepare(
      `INSERT INTO scorecards (id, call_id, attempt_id, rubric_version_id, reviewer_id, reviewer_kind, status,
         submitted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?)`,
    )
    .run(
      id,
      'callId' in on ? on.callId : null,
      'attemptId' in on ? on.attemptId : null,
      version.id,
      reviewerId,
      opts.kind ?? 'self',
      at,
      at,
      at,
    );
  for (const c of version.criteria) {
    const s = typeof score === 'number' ? score : score[c.key];
    if (s === undefined) continue;
    db(core)
      .prepare(
        `INSERT INTO scorecard_scores (id, scorecard_id, criterion_id, score, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(newId(), id, c.id, s, at, at);
  }
  return id;
}

function latestVersionCriteria(core: Core, versionId: string) {
  return db(core)
    .prepare(`SELECT id, key, name FROM rubric_criteria WHERE rubric_version_id = ? ORDER BY position, id`)
    .all(versionId) as Array<{ id: string; key: string; name: string }>;
}

export const celebrationRows = (core: Core) =>
  db(core)
    .prepare(
      `SELECT kind, person_id, subject_key, period, title FROM celebrations ORDER BY kind, subject_key, period, id`,
    )
    .all() as Array<{ kind: string; person_id: string; subject_key: string; period: string; title: string }>;
