/**
 * Waveform peaks from ONE streaming decode.
 *
 * ffmpeg decodes to 16-bit PCM at a low fixed rate on a pipe; we fold each
 * chunk into min/max per bucket as it arrives (nothing big is ever kept:
 * neither PCM in memory nor on disk), then derive coarser levels from the
 * finest one. See peaks-file.ts for the on-disk format and reading.
 *
 * Why these numbers:
 * - 8000 Hz decode: a waveform shows loudness over time, not timbre. Phone
 *   audio is 8 kHz to begin with, and 8 kHz keeps the pipe (16 KB/s per
 *   channel) and our loop cheap. The anti-alias filter of the resampler can
 *   shave a little off peaks made purely of content above 4 kHz; speech
 *   energy sits well below that.
 * - 64 samples per base bucket = 8 ms = 125 buckets/s: finer than a syllable
 *   and at least one bucket per pixel up to 125 px/s of zoom, which is more
 *   than call review needs; a 2-hour stereo call is 900 k buckets per
 *   channel at that level.
 * - ×4 per level, 5 levels (64, 256, 1024, 4096, 16384 samples = 125, 31,
 *   7.8, 2, 0.5 buckets/s): every zoom finds a level within 4× of its pixel
 *   density, and the whole-call overview of a 2-hour call is ~3.5 k–14 k
 *   buckets, i.e. a few KB read from disk.
 */
import { BinaryExitError, ffmpegFileArg, resolveFfmpegPath, runBinary, SAFE_INPUT_ARGS } from './ffmpeg';
import { MediaError, throwIfAborted } from './errors';

export const PEAKS_SAMPLE_RATE = 8000;
export const PEAKS_BASE_SAMPLES_PER_BUCKET = 64;
export const PEAKS_LEVEL_FACTOR = 4;
export const PEAKS_LEVEL_COUNT = 5;
/** Stereo stays stereo (dialers record one speaker per channel); more than two are mixed down to two. */
export const PEAKS_MAX_CHANNELS = 2;

export interface PeakLevel {
  /** Nominal decoded samples per bucket (the last bucket may cover fewer). */
  samplesPerBucket: number;
  /** Buckets in this level. */
  length: number;
  /** Interleaved per bucket: [ch0 min, ch0 max, ch1 min, ch1 max, …] as signed 16-bit values. */
  data: Int16Array;
}

export interface ComputedPeaks {
  channels: number;
  sampleRate: number;
  /** Decoded samples per channel. */
  frames: number;
  /** frames / sampleRate: the real length, even when the container's header is wrong. */
  decodedDurationSec: number;
  levels: PeakLevel[];
}

export interface ComputePeaksOptions {
  /** Channels to decode; capped at PEAKS_MAX_CHANNELS. Usually probe.channels. */
  channels: number;
  /** The container's duration, for progress only (null: progress stays at 0 until done). */
  expectedDurationSec?: number | null;
  signal?: AbortSignal;
  /** Fraction 0..1 of the decode, from decoded time vs expected duration. */
  onProgress?: (fraction: number) => void;
  sampleRate?: number;
  baseSamplesPerBucket?: number;
  levelFactor?: number;
  levelCount?: number;
}

/**
 * Folds interleaved s16 frames into min/max buckets. Pure and synchronous so
 * the tight loop can be unit-tested and each call costs only one pipe chunk
 * (≤ 64 KB ≈ 4 s of audio at 8 kHz, well under a millisecond).
 */
export class PeakAccumulator {
  private data: Int16Array;
  private length = 0;
  private inBucket = 0;
  private readonly mins: Int32Array;
  private readonly maxs: Int32Array;
  frames = 0;

  constructor(
    readonly channels: number,
    readonly samplesPerBucket: number,
    expectedBuckets = 1024,
  ) {
    this.data = new Int16Array(Math.max(16, expectedBuckets) * channels * 2);
    this.mins = new Int32Array(channels);
    this.maxs = new Int32Array(channels);
    this.resetBucket();
  }

  private resetBucket(): void {
    this.mins.fill(32767);
    this.maxs.fill(-32768);
    this.inBucket = 0;
  }

  private emitBucket(): void {
    const stride = this.channels * 2;
    if ((this.length + 1) * stride > this.data.length) {
      const grown = new Int16Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const base = this.length * stride;
    for (let c = 0; c < this.channels; c++) {
      this.data[base + 2 * c] = this.mins[c] ?? 0;
      this.data[base + 2 * c + 1] = this.maxs[c] ?? 0;
    }
    this.length++;
    this.resetBucket();
  }

  /** `samples` holds whole interleaved frames. */
  push(samples: Int16Array): void {
    const ch = this.channels;
    const frameCount = Math.floor(samples.length / ch);
    const spb = this.samplesPerBucket;
    let frame = 0;
    while (frame < frameCount) {
      const take = Math.min(spb - this.inBucket, frameCount - frame);
      const end = (frame + take) * ch;
      for (let c = 0; c < ch; c++) {
        let mn = this.mins[c] ?? 32767;
        let mx = this.maxs[c] ?? -32768;
        for (let i = frame * ch + c; i < end; i += ch) {
          const v = samples[i] as number; // i < end ≤ samples.length
          if (v < mn) mn = v;
          if (v > mx) mx = v;
        }
        this.mins[c] = mn;
        this.maxs[c] = mx;
      }
      frame += take;
      this.inBucket += take;
      if (this.inBucket === spb) this.emitBucket();
    }
    this.frames += frameCount;
  }

  /** Flush the last partial bucket and return the finest level. */
  finish(): PeakLevel {
    if (this.inBucket > 0) this.emitBucket();
    return {
      samplesPerBucket: this.samplesPerBucket,
      length: this.length,
      data: this.data.slice(0, this.length * this.channels * 2),
    };
  }
}

/**
 * Turns arbitrary pipe chunks of s16le bytes into whole interleaved frames.
 * A chunk can end mid-sample or mid-frame; the remainder waits for the next.
 */
export function s16FrameReader(channels: number, onFrames: (samples: Int16Array) => void): (chunk: Buffer) => void {
  const frameBytes = channels * 2;
  let carry: Buffer | null = null;
  return (chunk) => {
    let buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    const usable = buf.length - (buf.length % frameBytes);
    carry = usable < buf.length ? Buffer.from(buf.subarray(usable)) : null;
    if (usable === 0) return;
    // Int16Array needs an even byteOffset; pipe chunks nearly always have one.
    if (buf.byteOffset % 2 !== 0) buf = Buffer.from(buf.subarray(0, usable));
    // s16le read through a platform-endian view: every platform Electron ships on is little-endian.
    onFrames(new Int16Array(buf.buffer, buf.byteOffset, usable / 2));
  };
}

/** A level `factor`× coarser: min of mins, max of maxes. Exact, since extremes compose. */
export function reduceLevel(level: PeakLevel, channels: number, factor: number): PeakLevel {
  const stride = channels * 2;
  const length = Math.ceil(level.length / factor);
  const out = new Int16Array(length * stride);
  const src = level.data;
  for (let b = 0; b < length; b++) {
    const from = b * factor;
    const to = Math.min(from + factor, level.length);
    for (let c = 0; c < channels; c++) {
      let mn = 32767;
      let mx = -32768;
      for (let k = from; k < to; k++) {
        const lo = src[k * stride + 2 * c] as number;
        const hi = src[k * stride + 2 * c + 1] as number;
        if (lo < mn) mn = lo;
        if (hi > mx) mx = hi;
      }
      out[b * stride + 2 * c] = mn;
      out[b * stride + 2 * c + 1] = mx;
    }
  }
  return { samplesPerBucket: level.samplesPerBucket * factor, length, data: out };
}

/**
 * Decode `inputPath` once and compute multi-resolution peaks. Honours
 * `signal` (the ffmpeg child is killed) and reports progress as decoded
 * time / expected duration.
 */
export async function computePeaks(inputPath: string, options: ComputePeaksOptions): Promise<ComputedPeaks> {
  const {
    signal,
    onProgress,
    expectedDurationSec = null,
    sampleRate = PEAKS_SAMPLE_RATE,
    baseSamplesPerBucket = PEAKS_BASE_SAMPLES_PER_BUCKET,
    levelFactor = PEAKS_LEVEL_FACTOR,
    levelCount = PEAKS_LEVEL_COUNT,
  } = options;
  throwIfAborted(signal);
  const channels = Math.max(1, Math.min(PEAKS_MAX_CHANNELS, Math.floor(options.channels)));
  const expectedBuckets = expectedDurationSec
    ? Math.ceil((expectedDurationSec * sampleRate) / baseSamplesPerBucket) + 16
    : 1024;
  const acc = new PeakAccumulator(channels, baseSamplesPerBucket, expectedBuckets);

  let lastReported = -1;
  const onStdout = s16FrameReader(channels, (samples) => {
    acc.push(samples);
    if (onProgress && expectedDurationSec) {
      const fraction = Math.min(0.999, acc.frames / sampleRate / expectedDurationSec);
      if (fraction - lastReported >= 0.005) {
        lastReported = fraction;
        onProgress(fraction);
      }
    }
  });

  const args = [
    '-nostdin',
    '-hide_banner',
    '-v',
    'error',
    ...SAFE_INPUT_ARGS,
    '-i',
    ffmpegFileArg(inputPath),
    '-map',
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    '-ac',
    String(channels),
    '-ar',
    String(sampleRate),
    '-f',
    's16le',
    // Without this ffmpeg flushes the pipe after every packet (~400-byte writes).
    '-flush_packets',
    '0',
    'pipe:1',
  ];
  try {
    await runBinary(resolveFfmpegPath(), args, { signal, onStdout });
  } catch (err) {
    if (err instanceof BinaryExitError) {
      throw new MediaError('corrupt', undefined, { detail: err.stderrTail, cause: err });
    }
    throw err;
  }
  if (acc.frames === 0) throw new MediaError('corrupt', 'No audio could be decoded from this file');

  const levels: PeakLevel[] = [acc.finish()];
  for (let i = 1; i < levelCount; i++) {
    const prev = levels[i - 1] as PeakLevel;
    levels.push(reduceLevel(prev, channels, levelFactor));
  }
  onProgress?.(1);
  return { channels, sampleRate, frames: acc.frames, decodedDurationSec: acc.frames / sampleRate, levels };
}

// The file format lives in its own module; re-exported so callers think of "peaks" as one thing.
export { readPeaks, readPeaksHeader, summarizePeaksFile, writePeaksFile, encodePeaks } from './peaks-file';
export type { PeaksBits, PeaksHeader, PeaksLevelInfo, PeaksSummary, PeaksWindow, ReadPeaksOptions } from './peaks-file';
