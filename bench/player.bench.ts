/**
 * Player benchmark: how long from opening a 2-hour call to its waveform on
 * screen, and how much renderer memory the open call holds — each against
 * the same measurement for a 30-second call in the same run, so the ratio
 * says what length costs (the point of cached peaks is that it costs
 * nothing: the page never decodes the file).
 *
 * Runs the built renderer (out/renderer, built first if missing) in browser
 * mode, in Debian's Chromium. "Painted" is the Player's
 * `gamefilm:waveform-painted` mark: the first frame after wavesurfer has
 * drawn the peaks. Memory is the JS heap after a forced GC (canvas backing
 * stores live outside it and are the same size for any call length).
 */
import type { CDPSession, Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CallPeaks } from '../src/shared/domain';
import { CHROMIUM_ARGS } from '../tests/e2e/chromium';
import { GamefilmServer } from '../tests/e2e/fixtures';
import { callApi, importCall } from '../tests/e2e/media';
import { makeLongMp3 } from '../tests/fixtures/media';
import type { BenchRow } from './harness';
import { row } from './harness';

const ROOT = resolve(__dirname, '..');
const MARK = 'gamefilm:waveform-painted';
const RUNS = 7;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** The page's own globals, typed here because the bench compiles against Node's lib, not the DOM's. */
type PageGlobals = typeof globalThis & { location: { hash: string }; __benchT0?: number };

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** Library → call: ms from the hash change to the painted mark, and JS heap the open call adds. */
async function openOnce(page: Page, cdp: CDPSession, callId: string) {
  await page.evaluate(() => {
    (globalThis as PageGlobals).location.hash = '#/library';
  });
  await page.getByRole('region', { name: 'Player' }).waitFor({ state: 'detached' });
  const before = await heapUsed(cdp);
  await page.evaluate(
    ({ id, mark }) => {
      const g = globalThis as PageGlobals;
      performance.clearMarks(mark);
      g.__benchT0 = performance.now();
      g.location.hash = `#/calls/${id}`;
    },
    { id: callId, mark: MARK },
  );
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK);
  const ms = await page.evaluate(
    (mark) =>
      (performance.getEntriesByName(mark)[0]?.startTime ?? NaN) - ((globalThis as PageGlobals).__benchT0 ?? NaN),
    MARK,
  );
  const after = await heapUsed(cdp);
  return { ms, extraBytes: after - before };
}

export async function benchPlayer(): Promise<BenchRow[]> {
  if (!existsSync(join(ROOT, 'out/renderer/index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
  const dir = await mkdtemp(join(tmpdir(), 'gamefilm-bench-player-'));
  const server = new GamefilmServer(join(dir, 'library'));
  try {
    await server.start();
    const shortId = await importCall(server, await makeLongMp3(dir, 30, 'call-30s'));
    const longId = await importCall(server, await makeLongMp3(dir, 7200, 'call-2h'), { timeoutMs: 600_000 });

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const cdp = await page.context().newCDPSession(page);
      await page.goto(server.url);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      // Warm-up: the first open pays for code paths the JIT has not seen yet.
      await openOnce(page, cdp, shortId);
      await openOnce(page, cdp, longId);
      const short: Array<{ ms: number; extraBytes: number }> = [];
      const long: Array<{ ms: number; extraBytes: number }> = [];
      for (let i = 0; i < RUNS; i++) {
        short.push(await openOnce(page, cdp, shortId));
        long.push(await openOnce(page, cdp, longId));
      }
      const mb = (bytes: number) => bytes / (1024 * 1024);

      // What zooming in costs: the finest cached level for the whole call, over the same route the page uses.
      const timedPeaks = async (id: string, pixelsPerSecond?: number) => {
        const times: number[] = [];
        let peaks: CallPeaks | null = null;
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          peaks = await callApi<CallPeaks>(server, 'calls.peaks', pixelsPerSecond ? { id, pixelsPerSecond } : { id });
          times.push(performance.now() - t0);
        }
        return { ms: median(times), buckets: peaks?.channels[0]?.length ?? 0 };
      };
      const overview = await timedPeaks(longId);
      const zoomed = await timedPeaks(longId, 100);

      const paintMs = median(long.map((r) => r.ms));
      return [
        row(
          'open call → waveform painted, 2 h',
          paintMs,
          median(short.map((r) => r.ms)),
          'ms',
          `median of ${RUNS}; baseline: the same for a 30 s call; target < 300 ms (${paintMs < 300 ? 'met' : 'NOT met'})`,
        ),
        row(
          'renderer JS heap held by the open call, 2 h',
          mb(median(long.map((r) => r.extraBytes))),
          mb(median(short.map((r) => r.extraBytes))),
          'MB',
          'after GC, over the library screen; baseline: a 30 s call',
        ),
        row(
          'calls.peaks at 100 px/s (zoomed in), 2 h',
          zoomed.ms,
          overview.ms,
          'ms',
          `${zoomed.buckets} vs ${overview.buckets} buckets per channel; baseline: the overview the call opens with`,
        ),
      ];
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
