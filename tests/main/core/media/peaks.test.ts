import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  computePeaks,
  PeakAccumulator,
  PEAKS_BASE_SAMPLES_PER_BUCKET,
  PEAKS_SAMPLE_RATE,
  readPeaks,
  readPeaksHeader,
  reduceLevel,
  s16FrameReader,
  writePeaksFile,
} from '../../../../src/main/core/media/peaks';
import type { ComputedPeaks } from '../../../../src/main/core/media/peaks';
import { MediaError } from '../../../../src/main/core/media/errors';
import {
  decodeF32,
  makeLongMp3,
  makeMedia,
  makeStereoSplit,
  makeTempDir,
  maxAbsPerBucket,
  removeDir,
} from '../../../fixtures/media';

let work: string;
let mono: string; // mp3, 6 s
let stereo: string; // flac, 2 ch, 6 s
let split: string; // wav, left 0–5 s, right 5–10 s

beforeAll(async () => {
  work = await makeTempDir();
  [mono, stereo, split] = await Promise.all([
    makeMedia(work, 'mp3', { durationSec: 6 }),
    makeMedia(work, 'flac', { durationSec: 6, channels: 2 }),
    makeStereoSplit(work),
  ]);
}, 30_000);
afterAll(async () => removeDir(work));

describe('PeakAccumulator', () => {
  it('gives the same buckets however the samples are chunked', () => {
    const ch = 2;
    const samples = new Int16Array(1000 * ch).map((_, i) => Math.round(Math.sin(i * 0.37) * 20000 * ((i % 7) / 7)));
    const whole = new PeakAccumulator(ch, 64);
    whole.push(samples);
    const pieces = new PeakAccumulator(ch, 64);
    let at = 0;
    for (const size of [1, 3, 64, 127, 200, 5, 600]) {
      pieces.push(samples.subarray(at * ch, Math.min(1000, at + size) * ch));
      at = Math.min(1000, at + size);
    }
    expect(pieces.frames).toBe(1000);
    const a = whole.finish();
    const b = pieces.finish();
    expect(a.length).toBe(Math.ceil(1000 / 64)); // the last, partial bucket is kept
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    // Check one bucket by hand: bucket 3 of channel 1.
    const slice = Array.from({ length: 64 }, (_, k) => samples[(3 * 64 + k) * ch + 1] as number);
    expect(a.data[3 * 4 + 2]).toBe(Math.min(...slice));
    expect(a.data[3 * 4 + 3]).toBe(Math.max(...slice));
  });

  it('reduces levels exactly (min of mins, max of maxes)', () => {
    const samples = new Int16Array(5000).map((_, i) => ((i * 7919) % 65536) - 32768);
    const fine = new PeakAccumulator(1, 16);
    fine.push(samples);
    const coarseDirect = new PeakAccumulator(1, 64);
    coarseDirect.push(samples);
    expect(Array.from(reduceLevel(fine.finish(), 1, 4).data)).toEqual(Array.from(coarseDirect.finish().data));
  });

  it('reassembles frames split at odd byte boundaries', () => {
    const samples = new Int16Array([1, -2, 300, -400, 5000, -6000, 32767, -32768]);
    const bytes = Buffer.from(samples.buffer);
    const seen: number[] = [];
    const feed = s16FrameReader(2, (s) => seen.push(...s));
    // Split mid-sample and mid-frame, and hand over an odd byteOffset.
    const odd = Buffer.alloc(bytes.length + 1);
    bytes.copy(odd, 1);
    const shifted = odd.subarray(1);
    feed(shifted.subarray(0, 3));
    feed(shifted.subarray(3, 9));
    feed(shifted.subarray(9));
    expect(seen).toEqual(Array.from(samples));
  });
});

/** Compare a peaks window against max |sample| of an independent float decode. */
function expectClose(ours: Float32Array, reference: Float32Array, tolerance: number): void {
  expect(ours.length).toBe(reference.length);
  let worst = 0;
  for (let i = 0; i < ours.length; i++) {
    const diff = (ours[i] as number) - (reference[i] as number);
    // The stored envelope rounds outwards: never below the reference (beyond s16 rounding).
    expect(diff).toBeGreaterThan(-0.0005);
    worst = Math.max(worst, Math.abs(diff));
  }
  expect(worst).toBeLessThan(tolerance);
}

describe('computePeaks against an independent decode', () => {
  const cases: Array<[string, () => string, number]> = [
    ['mono mp3', () => mono, 1],
    ['stereo flac', () => stereo, 2],
  ];
  it.each(cases)('%s: every level matches max |sample| per bucket', async (_label, file, channels) => {
    const progress: number[] = [];
    const peaks = await computePeaks(file(), { channels, expectedDurationSec: 6, onProgress: (f) => progress.push(f) });
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const reference = await decodeF32(file(), channels, PEAKS_SAMPLE_RATE);
    const refFrames = (reference[0] as Float32Array).length;
    expect(peaks.frames).toBe(refFrames);
    expect(peaks.decodedDurationSec).toBeCloseTo(refFrames / PEAKS_SAMPLE_RATE, 9);
    expect(peaks.levels.map((l) => l.samplesPerBucket)).toEqual([64, 256, 1024, 4096, 16384]);

    const file8 = join(work, `${channels}.8.peaks`);
    const file16 = join(work, `${channels}.16.peaks`);
    await writePeaksFile(file8, peaks, 8);
    await writePeaksFile(file16, peaks, 16);
    for (const level of [0, 2, 4]) {
      const spb = PEAKS_BASE_SAMPLES_PER_BUCKET * 4 ** level;
      const w8 = await readPeaks(file8, { level });
      const w16 = await readPeaks(file16, { level });
      expect(w8.peaks.length).toBe(channels);
      for (let c = 0; c < channels; c++) {
        const ref = maxAbsPerBucket(reference[c] as Float32Array, spb);
        expectClose(w8.peaks[c] as Float32Array, ref, 1 / 127 + 0.001); // one 8-bit step
        expectClose(w16.peaks[c] as Float32Array, ref, 0.001);
      }
    }
  });
});

describe('readPeaks', () => {
  let peaks: ComputedPeaks;
  let file: string;
  beforeAll(async () => {
    peaks = await computePeaks(split, { channels: 2, expectedDurationSec: 10 });
    file = join(work, 'split.peaks');
    await writePeaksFile(file, peaks);
  });

  it('writes a compact header that round-trips', async () => {
    const header = await readPeaksHeader(file);
    expect(header).toMatchObject({ version: 1, bits: 8, channels: 2, sampleRate: 8000, frames: 80000 });
    expect(header.decodedDurationSec).toBe(10);
    expect(header.levels[0]).toMatchObject({ samplesPerBucket: 64, length: 1250, bucketsPerSecond: 125 });
    // 8 bits × min/max × 2 channels × (1250 + 313 + 79 + 20 + 5 buckets) + header
    expect((await readFile(file)).length).toBe(24 + 5 * 16 + 4 * (1250 + 313 + 79 + 20 + 5));
  });

  it('picks levels by zoom or by bucket budget', async () => {
    expect((await readPeaks(file, { pixelsPerSecond: 100 })).level).toBe(0); // needs ≥100 buckets/s → 125/s
    expect((await readPeaks(file, { pixelsPerSecond: 20 })).level).toBe(1); // 31.25/s
    expect((await readPeaks(file, { pixelsPerSecond: 500 })).level).toBe(0); // finer than we have: finest
    expect((await readPeaks(file, { maxBuckets: 100 })).level).toBe(2); // 78 buckets for 10 s
    expect((await readPeaks(file)).level).toBe(0); // 1250 ≤ 8000
  });

  it('reads a time window that matches the same slice of the whole level', async () => {
    const all = await readPeaks(file, { level: 0 });
    const win = await readPeaks(file, { level: 0, start: 4.5, end: 5.5 });
    expect(win.startSec).toBeCloseTo(4.5, 2);
    expect(win.endSec).toBeCloseTo(5.5, 2);
    const first = Math.floor(4.5 * 125);
    for (let c = 0; c < 2; c++) {
      expect(Array.from(win.peaks[c] as Float32Array)).toEqual(
        Array.from((all.peaks[c] as Float32Array).subarray(first, first + win.peaks[0]!.length)),
      );
    }
    expect(win.durationSec).toBe(10);
  });

  it('offers interleaved min/max for custom renderers', async () => {
    const w = await readPeaks(file, { level: 1, mode: 'minmax', start: 1, end: 2 });
    const left = w.peaks[0] as Float32Array;
    expect(left.length).toBe(2 * (Math.ceil(2 * w.bucketsPerSecond) - Math.floor(1 * w.bucketsPerSecond)));
    for (let i = 0; i < left.length; i += 2) {
      expect(left[i]).toBeLessThan(-0.6); // a 0.7 sine: min ≈ -0.7, max ≈ +0.7
      expect(left[i + 1]).toBeGreaterThan(0.6);
    }
  });

  it('rejects a damaged peaks file clearly', async () => {
    const bad = join(work, 'bad.peaks');
    const bytes = await readFile(file);
    await writeFile(bad, bytes.subarray(0, 200));
    await expect(readPeaks(bad)).rejects.toBeInstanceOf(MediaError);
    await writeFile(bad, Buffer.from('not a peaks file at all, just text'));
    await expect(readPeaksHeader(bad)).rejects.toMatchObject({ code: 'corrupt' });
  });
});

describe('computePeaks cancellation', () => {
  it('kills the decode when aborted', async () => {
    const long = await makeLongMp3(work, 600, 'abort-me', 30);
    const controller = new AbortController();
    const started = Date.now();
    const promise = computePeaks(long, {
      channels: 1,
      expectedDurationSec: 600,
      signal: controller.signal,
      onProgress: (f) => {
        if (f > 0.05) controller.abort();
      },
    });
    await expect(promise).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('hostile paths given straight to probe and decode', () => {
  it.each(['-i rep.mp3', 'concat:a.mp3|b.mp3', '$(touch pwned).mp3', 'http:evil.mp3'])('%s', async (name) => {
    const src = join(work, name);
    await copyFile(mono, src);
    const { probeMedia } = await import('../../../../src/main/core/media/probe');
    expect((await probeMedia(src)).codec).toBe('mp3');
    const peaks = await computePeaks(src, { channels: 1 });
    expect(peaks.decodedDurationSec).toBeGreaterThan(5.9);
    expect(existsSync(join(work, 'pwned'))).toBe(false);
    expect(existsSync(join(process.cwd(), 'pwned'))).toBe(false);
  });
});
