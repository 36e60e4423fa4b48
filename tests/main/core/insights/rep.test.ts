import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import { createCore } from '../../../../src/main/core';
import { newId, nowIso } from '../../../../src/main/core/db/ids';
import { ensureSpeakers, replaceTranscript } from '../../../../src/main/core/transcription/transcript-repository';
import type { Person, RepInsights } from '../../../../src/shared/domain';
import type { Result } from '../../../../src/shared/result';

async function value<T>(pending: Promise<Result<unknown>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe("a rep's figures against their own past", () => {
  let dir: string;
  let core: Core;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gamefilm-rep-insights-'));
    core = createCore({ dataDir: dir, shell: 'web' });
  });
  afterEach(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A 60-second mono call of the rep in which someone speaks for `spokenSec` seconds. */
  function addCall(repId: string, n: number, callDate: string, spokenSec: number) {
    const sha256 = n.toString(16).padStart(64, '0');
    const now = nowIso();
    core.db
      .prepare(
        `INSERT INTO media (sha256, ext, size_bytes, duration_sec, channels, source_channels, sample_rate, codec,
           format_name, has_video, created_at) VALUES (?, 'wav', 1, 60, 1, 1, 16000, 'pcm_s16le', 'wav', 0, ?)`,
      )
      .run(sha256, now);
    const callId = newId();
    core.db
      .prepare(
        `INSERT INTO calls (id, media_sha256, title, source_name, rep_id, call_date, created_at, updated_at)
                VALUES (?, ?, ?, 'call.wav', ?, ?, ?, ?)`,
      )
      .run(callId, sha256, `Call ${n}`, repId, callDate, now, now);
    core.db.transaction(() => {
      const [speaker] = ensureSpeakers(core.db, sha256, 1);
      replaceTranscript(core.db, {
        mediaSha256: sha256,
        modelId: 'tiny.en',
        language: 'en',
        verbatim: false,
        jobId: null,
        segments: [
          { startSec: 0, endSec: spokenSec, text: 'Hello there.', speakerId: speaker!.id, confidence: 0.9, words: [] },
        ],
      });
    })();
    return callId;
  }

  it('compares the last ten calls with the ten before, lists the calls behind them, and says when there is no past', async () => {
    const rep = await value<Person>(core.dispatch('people.create', { name: 'Ray', role: 'rep' }));
    const other = await value<Person>(core.dispatch('people.create', { name: 'Rita', role: 'rep' }));
    // Two older calls with 45 s of speech (silence 25 %), then ten with 30 s (silence 50 %).
    addCall(rep.id, 1, '2026-01-01', 45);
    addCall(rep.id, 2, '2026-01-02', 45);
    const recent = Array.from({ length: 10 }, (_, i) => addCall(rep.id, 10 + i, `2026-02-${String(10 + i)}`, 30));
    addCall(other.id, 99, '2026-03-01', 6);

    const mine = await value<RepInsights>(core.dispatch('insights.forRep', { personId: rep.id }));
    expect(mine.figures.find((f) => f.key === 'silenceShare')).toEqual({
      key: 'silenceShare',
      recent: 0.5,
      recentCalls: 10,
      past: 0.25,
      pastCalls: 2,
    });
    // Side figures need a customer side: no numbers rather than wrong ones.
    expect(mine.figures.find((f) => f.key === 'talkRatioRep')).toMatchObject({ recent: null, recentCalls: 0 });
    expect(mine.calls.map((c) => c.callId)).toEqual([...recent].reverse());
    expect(mine.calls[0]!.values.silenceShare).toBe(0.5);

    // A figure recomputed after an edit: the page reads the new value at once.
    const sha = (10 + 9).toString(16).padStart(64, '0');
    const segment = core.db.prepare('SELECT id FROM transcript_segments WHERE media_sha256 = ?').get(sha) as {
      id: string;
    };
    core.db.prepare('UPDATE transcript_segments SET end_sec = 60 WHERE id = ?').run(segment.id);
    const after = await value<RepInsights>(core.dispatch('insights.forRep', { personId: rep.id }));
    expect(after.calls[0]!.values.silenceShare).toBe(0);

    const nobody = await value<Person>(core.dispatch('people.create', { name: 'Nia', role: 'rep' }));
    const empty = await value<RepInsights>(core.dispatch('insights.forRep', { personId: nobody.id }));
    expect(empty.calls).toEqual([]);
    expect(empty.figures.every((f) => f.recent === null && f.past === null)).toBe(true);
  });
});
