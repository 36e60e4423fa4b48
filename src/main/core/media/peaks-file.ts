/**
 * The `<sha256>.peaks` file: one compact binary file per media file.
 *
 * Layout (little-endian):
 *   0  4  magic "GFPK"
 *   4  2  version (1)
 *   6  1  bits per value: 8 or 16
 *   7  1  channels
 *   8  4  decode sample rate (Hz)
 *  12  8  decoded frames per channel (float64: exact up to 2^53)
 *  20  2  level count L
 *  22  2  reserved (0)
 *  24  16×L level table: samplesPerBucket u32, length (buckets) u32, data offset u32, reserved u32
 *  …   level data: per bucket [ch0 min, ch0 max, ch1 min, ch1 max] as Int8 or Int16.
 *
 * Buckets are interleaved by time so any time window of any level is one
 * contiguous read. 8-bit is the default: ±127 steps is finer than a waveform
 * row is tall (1 step ≈ 0.4 px on a 100 px row), and it halves the file. The
 * 8-bit envelope rounds outwards (max up, min down) so it never understates a
 * peak and a quiet-but-not-silent bucket never shows as silence.
 */
import { open, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { MediaError } from './errors';
import type { ComputedPeaks } from './peaks';

const MAGIC = 'GFPK';
const VERSION = 1;
const HEADER_BYTES = 24;
const LEVEL_ENTRY_BYTES = 16;

export type PeaksBits = 8 | 16;

export interface PeaksLevelInfo {
  samplesPerBucket: number;
  length: number;
  /** sampleRate / samplesPerBucket */
  bucketsPerSecond: number;
}

export interface PeaksHeader {
  version: number;
  bits: PeaksBits;
  channels: number;
  sampleRate: number;
  frames: number;
  decodedDurationSec: number;
  levels: Array<PeaksLevelInfo & { offset: number }>;
}

/** A summary for import results and the database: no sample data. */
export interface PeaksSummary {
  channels: number;
  sampleRate: number;
  bits: PeaksBits;
  decodedDurationSec: number;
  levels: PeaksLevelInfo[];
  sizeBytes: number;
}

/** Prefix of temp files written into the media folder (also used by the stale-temp sweep). */
export const TEMP_PREFIX = '.tmp-';

function quantize8(data: Int16Array): Int8Array {
  const out = new Int8Array(data.length);
  for (let i = 0; i < data.length; i += 2) {
    // even index = min (round down), odd = max (round up): an outward envelope.
    out[i] = Math.floor(((data[i] as number) * 127) / 32768);
    out[i + 1] = Math.ceil(((data[i + 1] as number) * 127) / 32767);
  }
  return out;
}

export function encodePeaks(peaks: ComputedPeaks, bits: PeaksBits = 8): Buffer {
  const bytesPerValue = bits / 8;
  const tableEnd = HEADER_BYTES + LEVEL_ENTRY_BYTES * peaks.levels.length;
  let total = tableEnd;
  for (const level of peaks.levels) total += level.data.length * bytesPerValue;
  const out = Buffer.alloc(total);
  out.write(MAGIC, 0, 'ascii');
  out.writeUInt16LE(VERSION, 4);
  out.writeUInt8(bits, 6);
  out.writeUInt8(peaks.channels, 7);
  out.writeUInt32LE(peaks.sampleRate, 8);
  out.writeDoubleLE(peaks.frames, 12);
  out.writeUInt16LE(peaks.levels.length, 20);
  let offset = tableEnd;
  peaks.levels.forEach((level, i) => {
    const entry = HEADER_BYTES + i * LEVEL_ENTRY_BYTES;
    out.writeUInt32LE(level.samplesPerBucket, entry);
    out.writeUInt32LE(level.length, entry + 4);
    out.writeUInt32LE(offset, entry + 8);
    const values = bits === 8 ? quantize8(level.data) : level.data;
    const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    bytes.copy(out, offset); // Int16 in platform order = little-endian on every Electron target
    offset += bytes.length;
  });
  return out;
}

/**
 * Write atomically: a temp file in the same folder, fsync, rename. A crash
 * leaves either the old state or the complete new file, never half a file.
 */
export async function writePeaksFile(path: string, peaks: ComputedPeaks, bits: PeaksBits = 8): Promise<number> {
  const bytes = encodePeaks(peaks, bits);
  const temp = join(dirname(path), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}-${basename(path)}`);
  try {
    const fh = await open(temp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  return bytes.length;
}

function damaged(detail: string): MediaError {
  return new MediaError('corrupt', 'The waveform cache is damaged; it will be rebuilt', { detail });
}

async function readHeaderFrom(fh: FileHandle): Promise<PeaksHeader & { fileSize: number }> {
  const { size } = await fh.stat();
  const head = Buffer.alloc(HEADER_BYTES);
  if ((await fh.read(head, 0, HEADER_BYTES, 0)).bytesRead < HEADER_BYTES) throw damaged('short header');
  if (head.toString('ascii', 0, 4) !== MAGIC) throw damaged('bad magic');
  const version = head.readUInt16LE(4);
  if (version !== VERSION) throw damaged(`unknown version ${version}`);
  const bits = head.readUInt8(6);
  if (bits !== 8 && bits !== 16) throw damaged(`bad bits ${bits}`);
  const channels = head.readUInt8(7);
  const sampleRate = head.readUInt32LE(8);
  const frames = head.readDoubleLE(12);
  const levelCount = head.readUInt16LE(20);
  const table = Buffer.alloc(levelCount * LEVEL_ENTRY_BYTES);
  if ((await fh.read(table, 0, table.length, HEADER_BYTES)).bytesRead < table.length) throw damaged('short table');
  const levels: PeaksHeader['levels'] = [];
  for (let i = 0; i < levelCount; i++) {
    const samplesPerBucket = table.readUInt32LE(i * LEVEL_ENTRY_BYTES);
    const length = table.readUInt32LE(i * LEVEL_ENTRY_BYTES + 4);
    const offset = table.readUInt32LE(i * LEVEL_ENTRY_BYTES + 8);
    if (offset + length * channels * 2 * (bits / 8) > size) throw damaged(`level ${i} past end of file`);
    levels.push({ samplesPerBucket, length, offset, bucketsPerSecond: sampleRate / samplesPerBucket });
  }
  if (channels < 1 || sampleRate < 1 || levels.length === 0) throw damaged('empty header');
  return {
    version,
    bits,
    channels,
    sampleRate,
    frames,
    decodedDurationSec: frames / sampleRate,
    levels,
    fileSize: size,
  };
}

export async function readPeaksHeader(path: string): Promise<PeaksHeader> {
  const fh = await open(path, 'r');
  try {
    const { fileSize: _ignored, ...header } = await readHeaderFrom(fh);
    return header;
  } finally {
    await fh.close();
  }
}

export async function summarizePeaksFile(path: string): Promise<PeaksSummary> {
  const fh = await open(path, 'r');
  try {
    const h = await readHeaderFrom(fh);
    return {
      channels: h.channels,
      sampleRate: h.sampleRate,
      bits: h.bits,
      decodedDurationSec: h.decodedDurationSec,
      levels: h.levels.map(({ samplesPerBucket, length, bucketsPerSecond }) => ({
        samplesPerBucket,
        length,
        bucketsPerSecond,
      })),
      sizeBytes: h.fileSize,
    };
  } finally {
    await fh.close();
  }
}

export interface ReadPeaksOptions {
  /** Explicit level index (0 = finest). Wins over the other selectors. */
  level?: number;
  /**
   * Pick the coarsest level that still has ≥ 1 bucket per pixel at this zoom
   * (wavesurfer's minPxPerSec), falling back to the finest level.
   */
  pixelsPerSecond?: number;
  /** Otherwise: the finest level whose window has at most this many buckets (default 8000, like wavesurfer's exportPeaks). */
  maxBuckets?: number;
  /** Window in seconds; defaults to the whole file. */
  start?: number;
  end?: number;
  /**
   * 'peak' (default): one value per bucket per channel, max(|min|, |max|) in
   * 0..1 — what wavesurfer.js 8 draws (it takes |value| per pixel, channel 0
   * above the axis and channel 1 below, or one row per channel with
   * splitChannels). 'minmax': interleaved [min, max, …] per channel in -1..1,
   * for a custom renderFunction that wants the true asymmetric envelope.
   */
  mode?: 'peak' | 'minmax';
}

export interface PeaksWindow {
  /** Per channel — pass straight to wavesurfer as `peaks` (with `duration`). */
  peaks: Float32Array[];
  mode: 'peak' | 'minmax';
  level: number;
  samplesPerBucket: number;
  bucketsPerSecond: number;
  sampleRate: number;
  channels: number;
  /** Time covered by the returned buckets (aligned to bucket edges). */
  startSec: number;
  endSec: number;
  /** Decoded duration of the whole file: give this to wavesurfer as `duration`. */
  durationSec: number;
}

function chooseLevel(header: PeaksHeader, options: ReadPeaksOptions, windowSec: number): number {
  const last = header.levels.length - 1;
  if (options.level !== undefined) return Math.max(0, Math.min(last, Math.floor(options.level)));
  if (options.pixelsPerSecond !== undefined) {
    for (let i = last; i >= 0; i--) {
      const level = header.levels[i];
      if (level && level.bucketsPerSecond >= options.pixelsPerSecond) return i;
    }
    return 0;
  }
  const maxBuckets = options.maxBuckets ?? 8000;
  for (let i = 0; i <= last; i++) {
    const level = header.levels[i];
    if (level && windowSec * level.bucketsPerSecond <= maxBuckets) return i;
  }
  return last;
}

/** Read one level (or a time window of it) as Float32 arrays per channel. Reads only the bytes needed. */
export async function readPeaks(path: string, options: ReadPeaksOptions = {}): Promise<PeaksWindow> {
  const fh = await open(path, 'r');
  try {
    const header = await readHeaderFrom(fh);
    const duration = header.decodedDurationSec;
    const start = Math.max(0, Math.min(options.start ?? 0, duration));
    const end = Math.max(start, Math.min(options.end ?? duration, duration));
    const levelIndex = chooseLevel(header, options, end - start);
    const level = header.levels[levelIndex] as PeaksHeader['levels'][number];
    const spb = level.samplesPerBucket;
    const first = Math.min(level.length, Math.floor((start * header.sampleRate) / spb));
    const last = Math.min(level.length, Math.ceil((end * header.sampleRate) / spb));
    const count = Math.max(0, last - first);

    const ch = header.channels;
    const bytesPerValue = header.bits / 8;
    const raw = Buffer.alloc(count * ch * 2 * bytesPerValue);
    if (raw.length > 0) {
      const { bytesRead } = await fh.read(raw, 0, raw.length, level.offset + first * ch * 2 * bytesPerValue);
      if (bytesRead < raw.length) throw damaged('short level data');
    }
    const scale = header.bits === 8 ? 127 : 32768;
    // Buffer.alloc never hands out a pooled slice, so byteOffset is 0 and an Int16 view is aligned.
    const values =
      header.bits === 8
        ? new Int8Array(raw.buffer, raw.byteOffset, raw.length)
        : new Int16Array(raw.buffer, raw.byteOffset, raw.length / 2);

    const mode = options.mode ?? 'peak';
    const peaks: Float32Array[] = [];
    for (let c = 0; c < ch; c++) {
      const out = new Float32Array(mode === 'peak' ? count : count * 2);
      for (let b = 0; b < count; b++) {
        const at = (b * ch + c) * 2;
        const lo = (values[at] as number) / scale;
        const hi = (values[at + 1] as number) / scale;
        if (mode === 'peak') out[b] = Math.min(1, Math.max(-lo, hi, 0));
        else {
          out[2 * b] = Math.max(-1, lo);
          out[2 * b + 1] = Math.min(1, hi);
        }
      }
      peaks.push(out);
    }
    return {
      peaks,
      mode,
      level: levelIndex,
      samplesPerBucket: spb,
      bucketsPerSecond: level.bucketsPerSecond,
      sampleRate: header.sampleRate,
      channels: ch,
      startSec: (first * spb) / header.sampleRate,
      endSec: Math.min(duration, (last * spb) / header.sampleRate),
      durationSec: duration,
    };
  } finally {
    await fh.close();
  }
}
