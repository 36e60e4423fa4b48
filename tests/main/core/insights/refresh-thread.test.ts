/**
 * The insights refresh on its own thread (what the desktop app and browser
 * mode run): a real worker thread with its own SQLite connection to the
 * library file. It brings every recording's figures and tracker hits up to
 * date and reports progress as the core's events; closing the core mid-way
 * stops it cleanly, with each recording either done or untouched, and a
 * later start finishes the rest.
 */
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../../src/main/core';
import { createCore } from '../../../../src/main/core';
import type { Tracker } from '../../../../src/shared/domain';
import { useTempDirs } from '../../../helpers/tmp';
import { value } from '../packets/helpers';
import { addTranscribedCall } from './helpers';

const tempDir = useTempDirs();

const openWithThread = (dataDir: string) =>
  createCore({
    dataDir,
    shell: 'web',
    insightsThread: {
      entry: resolve(__dirname, '../../../../src/main/core/insights/refresh-thread.ts'),
      preload: require.resolve('tsx/cjs'),
    },
  });

type Progress = { done: number; total: number; finished: boolean };

/** Every progress event the core emits from now on. */
function progressOf(core: Core): Progress[] {
  const seen: Progress[] = [];
  core.onAnyEvent((name, payload) => {
    if (name === 'insights.progress') seen.push(payload as Progress);
  });
  return seen;
}

/** Waits until nothing is left to refresh (what Settings' backlog says) and, given its events, for its last word. */
async function settled(core: Core, seen?: Progress[]): Promise<void> {
  for (;;) {
    const { pending } = await value<{ pending: number }>(core.dispatch('insights.backlog', {}));
    if (pending === 0 && (!seen || seen.at(-1)?.finished)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const count = (core: Core, q: string) => (core.db.prepare(q).get() as { n: number }).n;
const recordings = (n: number) => Array.from({ length: n }, (_, i) => i.toString(16).padStart(64, '0'));

describe('the insights refresh on a worker thread', () => {
  it('brings a tracker edit to every recording and reports progress as core events', async () => {
    const core = openWithThread(tempDir('gamefilm-refresh-thread-'));
    try {
      await core.ready;
      core.db.transaction(() => {
        recordings(120).forEach((sha256, i) =>
          addTranscribedCall(core.db, sha256, [
            [0, 5, 0, i % 4 === 0 ? 'Is legal on the call? Legal signs off.' : 'Hello there.'],
            [6, 9, 1, 'Fine.'],
          ]),
        );
      })();
      const events = progressOf(core);
      const tracker = await value<Tracker>(
        core.dispatch('trackers.create', { name: 'Legal', side: 'either', phrases: ['legal'] }),
      );
      await settled(core, events);
      expect(events.some((e) => !e.finished && e.done > 0)).toBe(true);
      expect(events.filter((e) => !e.finished).every((e) => e.done <= e.total)).toBe(true);
      // What the thread wrote is in the library the core reads.
      expect(count(core, `SELECT count(*) AS n FROM tracker_scans WHERE tracker_id = '${tracker.id}'`)).toBe(120);
      expect(count(core, `SELECT sum(hits) AS n FROM tracker_scans WHERE tracker_id = '${tracker.id}'`)).toBe(60);
      expect(count(core, 'SELECT count(*) AS n FROM call_metrics')).toBe(120);
    } finally {
      await core.close();
    }
  });

  it('closing mid-way leaves each recording done or untouched; the next start finishes the rest', async () => {
    const dir = tempDir('gamefilm-refresh-thread-close-');
    const first = openWithThread(dir);
    await first.ready;
    first.db.transaction(() => {
      recordings(1_500).forEach((sha256) => addTranscribedCall(first.db, sha256, [[0, 5, 0, 'What is the budget?']]));
    })();
    const started = new Promise<void>((resolve) => {
      const off = first.onAnyEvent((name, payload) => {
        if (name === 'insights.progress' && (payload as { done: number }).done > 0) {
          off();
          resolve();
        }
      });
    });
    await value(first.dispatch('trackers.create', { name: 'Money', side: 'either', phrases: ['budget'] }));
    await started;
    await first.close();

    const second = openWithThread(dir);
    try {
      const tracker = second.db.prepare(`SELECT id FROM trackers WHERE name = 'Money'`).get() as { id: string };
      // Every scan written is whole: its stored count is its hits.
      expect(count(second, `SELECT sum(hits) AS n FROM tracker_scans WHERE tracker_id = '${tracker.id}'`)).toBe(
        count(second, `SELECT count(*) AS n FROM tracker_hits WHERE tracker_id = '${tracker.id}'`),
      );
      await settled(second);
      expect(count(second, 'SELECT count(*) AS n FROM call_metrics')).toBe(1_500);
      expect(count(second, `SELECT count(*) AS n FROM tracker_scans WHERE tracker_id = '${tracker.id}'`)).toBe(1_500);
      expect(count(second, `SELECT count(*) AS n FROM tracker_hits WHERE tracker_id = '${tracker.id}'`)).toBe(1_500);
    } finally {
      await second.close();
    }
  });
  it('while the thread writes: the app’s read-then-write transactions, a transcript edit and a backup all go through', async () => {
    const core = openWithThread(tempDir('gamefilm-refresh-thread-busy-'));
    try {
      await core.ready;
      core.db.transaction(() => {
        recordings(1_500).forEach((sha256) =>
          addTranscribedCall(core.db, sha256, [[0, 5, 0, 'What is the budget for this?']]),
        );
      })();
      const working = new Promise<void>((resolve) => {
        const off = core.onAnyEvent((name, payload) => {
          if (name === 'insights.progress' && (payload as Progress).done > 0) {
            off();
            resolve();
          }
        });
      });
      const tracker = await value<Tracker>(
        core.dispatch('trackers.create', { name: 'Money', side: 'either', phrases: ['budget'] }),
      );
      await working;

      // A transaction that reads, then writes, again and again while the thread commits between them: on the
      // app's connection it begins immediately and waits its turn instead of failing (SQLITE_BUSY_SNAPSHOT).
      for (let i = 0; i < 30; i++) {
        core.db.transaction(() => {
          const n = count(core, 'SELECT count(*) AS n FROM tracker_scans');
          core.db
            .prepare(`INSERT INTO people (id, name, role, created_at, updated_at) VALUES (?, ?, 'rep', ?, ?)`)
            .run(`p${i}`, `Rep ${i} at ${n}`, new Date().toISOString(), new Date().toISOString());
        })();
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(count(core, `SELECT count(*) AS n FROM people WHERE id LIKE 'p%'`)).toBe(30);

      // An edit mid-way: the figures stored for that recording are the edited transcript's, never the old one's.
      const last = recordings(1_500).at(-1)!;
      const segment = core.db.prepare('SELECT id FROM transcript_segments WHERE media_sha256 = ?').get(last) as {
        id: string;
      };
      await value(core.dispatch('transcripts.updateSegment', { segmentId: segment.id, text: 'No money talk here.' }));

      // A backup taken now completes (the thread is paused while it reads) and opens as a whole library.
      const backup = await core.backups.create('manual');
      expect(backup.fileName).toMatch(/manual/);

      await settled(core);
      expect(count(core, `SELECT count(*) AS n FROM tracker_scans WHERE tracker_id = '${tracker.id}'`)).toBe(1_500);
      expect(
        count(
          core,
          `SELECT hits AS n FROM tracker_scans WHERE tracker_id = '${tracker.id}' AND media_sha256 = '${last}'`,
        ),
      ).toBe(0);
      expect(count(core, `SELECT sum(hits) AS n FROM tracker_scans WHERE tracker_id = '${tracker.id}'`)).toBe(1_499);
    } finally {
      await core.close();
    }
  });
  it('a thread that cannot start three times gives way to the main thread, and the figures still come', async () => {
    const core = createCore({
      dataDir: tempDir('gamefilm-refresh-thread-missing-'),
      shell: 'web',
      insightsThread: { entry: resolve(tempDir('gamefilm-refresh-nowhere-'), 'insights-refresh.js') },
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await core.ready;
      core.db.transaction(() => {
        recordings(20).forEach((sha256) => addTranscribedCall(core.db, sha256, [[0, 5, 0, 'Hello there.']]));
      })();
      await value(core.dispatch('trackers.create', { name: 'Greeting', side: 'either', phrases: ['hello'] }));
      await settled(core);
      expect(count(core, 'SELECT count(*) AS n FROM call_metrics')).toBe(20);
      expect(count(core, 'SELECT sum(hits) AS n FROM tracker_scans')).toBe(20);
      expect(errors.mock.calls.map((c) => String(c[0]))).toContain(
        '[gamefilm] the insights refresh thread keeps failing; the main thread does its work',
      );
    } finally {
      errors.mockRestore();
      await core.close();
    }
  });
});
