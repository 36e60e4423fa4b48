/**
 * Set-up for the coaching tests: a real core on a temp folder, people made
 * through the contract, and calls put straight into the database (the import
 * pipeline has its own tests).
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { createCore } from '../../../../src/main/core';
import type { Core } from '../../../../src/main/core';
import { newId, nowIso } from '../../../../src/main/core/db/ids';
import type { Person, PersonRole } from '../../../../src/shared/domain';
import type { EventMap, EventName } from '../../../../src/shared/events';
import type { ErrorCode, Result } from '../../../../src/shared/result';
import { useTempDirs } from '../../../helpers/tmp';

const tempDir = useTempDirs();

export function withCore(run: (core: Core, dataDir: string) => Promise<void>) {
  return async () => {
    const dataDir = tempDir('gamefilm-coaching-');
    const core = createCore({ dataDir, shell: 'web' });
    try {
      await run(core, dataDir);
    } finally {
      await core.close();
    }
  };
}

/** The value of an ok Result, or a failed test with the error's message. */
export async function value<T>(pending: Promise<Result<unknown>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Asserts a refusal and returns its message, so the test can check it reads well. */
export async function refused(pending: Promise<Result<unknown>>, code: ErrorCode): Promise<string> {
  const result = await pending;
  expect(result).toMatchObject({ ok: false, error: { code } });
  return result.ok ? '' : result.error.message;
}

export const person = (core: Core, name: string, role: PersonRole = 'rep') =>
  value<Person>(core.dispatch('people.create', { name, role }));

/** A call of the given length, optionally with a rep and a date. */
export function insertCall(
  core: Core,
  opts: { durationSec?: number; repId?: string | null; title?: string; callDate?: string | null } = {},
): string {
  const id = newId();
  const sha256 = createHash('sha256').update(id).digest('hex');
  const now = nowIso();
  core.db
    .prepare(
      `INSERT INTO media (sha256, ext, size_bytes, duration_sec, channels, source_channels, sample_rate, codec,
         format_name, has_video, created_at) VALUES (?, 'wav', 1000, ?, 1, 1, 16000, 'pcm_s16le', 'wav', 0, ?)`,
    )
    .run(sha256, opts.durationSec ?? 600, now);
  core.db
    .prepare(
      `INSERT INTO calls (id, media_sha256, title, source_name, rep_id, call_date, created_at, updated_at)
       VALUES (?, ?, ?, 'call.wav', ?, ?, ?, ?)`,
    )
    .run(id, sha256, opts.title ?? 'Discovery with Acme', opts.repId ?? null, opts.callDate ?? null, now, now);
  return id;
}

export const count = (core: Core, table: string): number =>
  (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Collects the events of one name while a test runs. */
export function record<E extends EventName>(core: Core, event: E): Array<EventMap[E]> {
  const seen: Array<EventMap[E]> = [];
  core.onAnyEvent((name, payload) => {
    if ((name as string) === event) seen.push(payload as unknown as EventMap[E]);
  });
  return seen;
}
