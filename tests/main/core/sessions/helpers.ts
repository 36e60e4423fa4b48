/**
 * Set-up for the review-session tests: the coaching helpers (a real core on a
 * temp folder, people through the contract, calls straight into the
 * database) plus drill attempts inserted the same way.
 */
import { createHash } from 'node:crypto';
import type { Core } from '../../../../src/main/core';
import { newId, nowIso } from '../../../../src/main/core/db/ids';
import type { ReviewSession } from '../../../../src/shared/domain';
import { value } from '../coaching/helpers';

export { count, insertCall, person, record, refused, value, withCore } from '../coaching/helpers';

/** A recorded answer to one of the shipped drills, as if the rep had just recorded it. */
export function insertAttempt(core: Core, opts: { personId?: string | null; durationSec?: number } = {}): string {
  const drill = core.db.prepare(`SELECT id FROM drills WHERE deleted_at IS NULL ORDER BY title LIMIT 1`).get() as
    { id: string } | undefined;
  if (!drill) throw new Error('no drill seeded');
  const id = newId();
  const sha256 = createHash('sha256').update(`attempt-${id}`).digest('hex');
  const now = nowIso();
  const durationSec = opts.durationSec ?? 45;
  core.db
    .prepare(
      `INSERT INTO media (sha256, ext, size_bytes, duration_sec, channels, source_channels, sample_rate, codec,
         format_name, has_video, created_at) VALUES (?, 'webm', 1000, ?, 1, 1, 48000, 'opus', 'webm', 0, ?)`,
    )
    .run(sha256, durationSec, now);
  core.db
    .prepare(
      `INSERT INTO attempts (id, drill_id, person_id, media_sha256, duration_sec, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, drill.id, opts.personId ?? null, sha256, durationSec, now, now);
  return id;
}

export const session = (core: Core, method: string, input: unknown) =>
  value<ReviewSession>(core.dispatch(`sessions.${method}`, input));
