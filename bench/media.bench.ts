/**
 * Media pipeline benchmark: what does our import cost over the decode that
 * any waveform needs anyway?
 *
 * Makes a 1-hour and a 2-hour mono mp3 (the typical dialer export) in a temp
 * folder, then, interleaved on the same machine in the same run, times a bare
 * `ffmpeg -i f -f s16le -ac 1 -ar 8000 -y /dev/null` against our full import
 * (hash + copy + probe + peaks decode + atomic writes). Each is run twice and
 * the faster run kept, since shared build machines are noisy. Prints nothing.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { resolveFfmpegPath, runBinary } from '../src/main/core/media/ffmpeg';
import { importMediaFile } from '../src/main/core/media/import-file';
import { computePeaks, PEAKS_SAMPLE_RATE, readPeaks } from '../src/main/core/media/peaks';
import type { BenchRow } from './harness';
import { makeLongMp3 } from '../tests/fixtures/media';

const RUNS = 2;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

function row(name: string, value: number, baseline: number, unit: string, note: string): BenchRow {
  return { name, value, baseline, ratio: baseline > 0 ? value / baseline : NaN, unit, note };
}

export async function benchMedia(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'gamefilm-bench-media-'));
  const rows: BenchRow[] = [];
  try {
    const files = [
      { label: '1h', path: await makeLongMp3(dir, 3600, 'call-1h') },
      { label: '2h', path: await makeLongMp3(dir, 7200, 'call-2h') },
    ];
    for (const { label, path } of files) {
      const bareArgs = [
        '-nostdin',
        '-v',
        'error',
        '-i',
        path,
        '-vn',
        '-f',
        's16le',
        '-ac',
        '1',
        '-ar',
        String(PEAKS_SAMPLE_RATE),
        '-y',
        '/dev/null',
      ];
      let bare = Infinity;
      let full = Infinity;
      let peaksOnly = Infinity;
      let peaksFile = '';
      let worstLoopDelayMs = 0;
      for (let run = 0; run < RUNS; run++) {
        bare = Math.min(bare, await timed(() => runBinary(resolveFfmpegPath(), bareArgs)));
        const mediaDir = join(dir, `media-${label}-${run}`);
        const loopDelay = monitorEventLoopDelay({ resolution: 5 });
        loopDelay.enable();
        full = Math.min(
          full,
          await timed(async () => {
            const result = await importMediaFile(path, mediaDir);
            peaksFile = join(mediaDir, result.peaksFileName);
          }),
        );
        loopDelay.disable();
        worstLoopDelayMs = Math.max(worstLoopDelayMs, loopDelay.max / 1e6);
        peaksOnly = Math.min(
          peaksOnly,
          await timed(() => computePeaks(path, { channels: 1, expectedDurationSec: null })),
        );
        if (run < RUNS - 1) await rm(mediaDir, { recursive: true, force: true });
      }
      const mediaBytes = (await stat(path)).size;
      const peaksBytes = (await stat(peaksFile)).size;
      rows.push(
        row(
          `import ${label} mp3 (hash+copy+probe+peaks)`,
          full,
          bare,
          's',
          'baseline: bare ffmpeg decode to /dev/null, same -ac/-ar; best of 2',
        ),
      );
      rows.push(
        row(
          `peaks decode ${label} mp3 (computePeaks only)`,
          peaksOnly,
          bare,
          's',
          'baseline: bare ffmpeg decode to /dev/null; best of 2',
        ),
      );
      rows.push(
        row(
          `event-loop delay during ${label} import (max)`,
          worstLoopDelayMs,
          50,
          'ms',
          'worst stall of the calling thread while importing; baseline: 50 ms, the point where UI input feels laggy',
        ),
      );
      rows.push(
        row(
          `peaks file ${label}`,
          peaksBytes,
          mediaBytes,
          'bytes',
          'baseline: the mp3 itself (32 kbps mono); 8-bit min/max, 5 levels',
        ),
      );

      // Overview for a ~1600 px wide strip vs reading the finest level whole.
      let overview = Infinity;
      let finest = Infinity;
      let overviewLength = 0;
      for (let run = 0; run < 5; run++) {
        overview = Math.min(
          overview,
          await timed(async () => {
            overviewLength = (await readPeaks(peaksFile, { maxBuckets: 16000 })).peaks[0]?.length ?? 0;
          }),
        );
        finest = Math.min(finest, await timed(() => readPeaks(peaksFile, { level: 0 })));
      }
      rows.push(
        row(
          `readPeaks overview ${label}`,
          overview * 1000,
          finest * 1000,
          'ms',
          `${overviewLength} buckets; baseline: reading the finest level whole; best of 5`,
        ),
      );
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
