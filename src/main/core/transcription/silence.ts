import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/**
 * Long silences in a call (hold music aside: the mute while someone looks
 * something up, a voicemail's tail) cost whisper a full pass per 30-second
 * window and invite it to hallucinate text into the quiet. Before
 * transcribing, runs of silence longer than `minSilenceSec` are cut down to
 * `keepSec` in a condensed copy of the 16 kHz mono WAV; the returned map
 * turns times in the condensed audio back into times in the original, so
 * every segment and word still points at the right moment of the call.
 */

export interface SilenceOptions {
  /** Shorter pauses are speech rhythm and stay untouched. */
  minSilenceSec?: number;
  /** How much of each long silence is kept (half on each side), so words at its edges are not clipped. */
  keepSec?: number;
  /** Below this loudness a frame counts as silent unless the recording's own noise floor is higher. */
  floorDbfs?: number;
  /** Only condense when it saves at least this much audio; otherwise the original is used as is. */
  minSavedSec?: number;
}

/** One kept stretch: `lengthSec` of audio found at `srcSec` in the original and at `dstSec` in the condensed copy. */
export interface KeptSpan {
  srcSec: number;
  dstSec: number;
  lengthSec: number;
}

export interface SilenceMap {
  spans: KeptSpan[];
  originalSec: number;
  condensedSec: number;
  /** A time in the condensed audio → the same moment in the original recording. */
  toSource(condensedSec: number): number;
}

const FRAME_SEC = 0.03;

interface WavLayout {
  sampleRate: number;
  dataOffset: number;
  dataBytes: number;
}

/** Finds the PCM data of a 16-bit mono WAV, walking its chunks (ffmpeg may write a LIST chunk first). */
async function readWavLayout(fh: FileHandle, fileSize: number): Promise<WavLayout> {
  const head = Buffer.alloc(Math.min(fileSize, 4096));
  await fh.read(head, 0, head.length, 0);
  if (head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a WAV file');
  }
  let sampleRate = 0;
  for (let at = 12; at + 8 <= head.length;) {
    const id = head.toString('ascii', at, at + 4);
    const size = head.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      const channels = head.readUInt16LE(at + 10);
      const bits = head.readUInt16LE(at + 22);
      if (channels !== 1 || bits !== 16) throw new Error('expected 16-bit mono PCM');
      sampleRate = head.readUInt32LE(at + 12);
    } else if (id === 'data') {
      // ffmpeg writing to a pipe leaves the size unknown (0 or 0xFFFFFFFF): trust the file's length.
      const dataOffset = at + 8;
      const dataBytes =
        size === 0 || size === 0xffffffff ? fileSize - dataOffset : Math.min(size, fileSize - dataOffset);
      if (!sampleRate) throw new Error('WAV data before its format');
      return { sampleRate, dataOffset, dataBytes: dataBytes - (dataBytes % 2) };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('no PCM data in WAV');
}

/** Loudness of every 30 ms frame, in dBFS. */
async function frameLoudness(fh: FileHandle, layout: WavLayout): Promise<Float32Array> {
  const frameSamples = Math.round(layout.sampleRate * FRAME_SEC);
  const frames = Math.floor(layout.dataBytes / 2 / frameSamples);
  const loudness = new Float32Array(frames);
  const chunkFrames = 2048;
  const buf = Buffer.alloc(chunkFrames * frameSamples * 2);
  for (let first = 0; first < frames; first += chunkFrames) {
    const count = Math.min(chunkFrames, frames - first);
    const { bytesRead } = await fh.read(buf, 0, count * frameSamples * 2, layout.dataOffset + first * frameSamples * 2);
    const samples = new Int16Array(buf.buffer, buf.byteOffset, bytesRead >> 1);
    for (let f = 0; f < count; f++) {
      let sum = 0;
      const base = f * frameSamples;
      for (let i = 0; i < frameSamples; i++) {
        const s = samples[base + i] ?? 0;
        sum += s * s;
      }
      const rms = Math.sqrt(sum / frameSamples) / 32768;
      loudness[first + f] = rms > 0 ? 20 * Math.log10(rms) : -120;
    }
  }
  return loudness;
}

/**
 * The threshold follows the recording: a little above its own noise floor
 * (the quietest tenth of frames), but never below `floorDbfs`, so line hiss
 * is silence while a soft-spoken customer is not.
 */
function silenceThreshold(loudness: Float32Array, floorDbfs: number): number {
  if (loudness.length === 0) return floorDbfs;
  const sorted = Float32Array.from(loudness).sort();
  const noiseFloor = sorted[Math.floor(sorted.length * 0.1)] ?? floorDbfs;
  return Math.max(floorDbfs, noiseFloor + 8);
}

/** Stretches to keep, in frames: everything except the inner part of long silent runs. */
function keptFrames(
  loudness: Float32Array,
  threshold: number,
  minRun: number,
  keepHalf: number,
): Array<[number, number]> {
  const kept: Array<[number, number]> = [];
  let keepFrom = 0;
  let runStart = -1;
  const closeRun = (end: number) => {
    if (runStart >= 0 && end - runStart >= minRun) {
      kept.push([keepFrom, runStart + keepHalf]);
      keepFrom = end - keepHalf;
    }
    runStart = -1;
  };
  for (let f = 0; f < loudness.length; f++) {
    if ((loudness[f] ?? 0) < threshold) {
      if (runStart < 0) runStart = f;
    } else {
      closeRun(f);
    }
  }
  closeRun(loudness.length);
  if (keepFrom < loudness.length) kept.push([keepFrom, loudness.length]);
  return kept.filter(([a, b]) => b > a);
}

function wavHeader(sampleRate: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

export function makeSilenceMap(spans: KeptSpan[], originalSec: number): SilenceMap {
  const condensedSec = spans.reduce((sum, s) => sum + s.lengthSec, 0);
  return {
    spans,
    originalSec,
    condensedSec,
    toSource(t) {
      // The last span that starts at or before t; times past its end stay in it (clamped by the caller).
      let lo = 0;
      let hi = spans.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((spans[mid]?.dstSec ?? 0) <= t) lo = mid;
        else hi = mid - 1;
      }
      const span = spans[lo];
      if (!span) return t;
      return Math.min(originalSec, span.srcSec + Math.max(0, t - span.dstSec));
    },
  };
}

/**
 * Writes a condensed copy of `wavPath` to `outPath` and returns its time map,
 * or null when the recording has too little long silence to be worth it (then
 * nothing is written and the original should be transcribed as is).
 */
export async function condenseSilence(
  wavPath: string,
  outPath: string,
  options: SilenceOptions = {},
): Promise<SilenceMap | null> {
  const minSilenceSec = options.minSilenceSec ?? 2;
  const keepSec = options.keepSec ?? 0.6;
  const minSavedSec = options.minSavedSec ?? 5;
  const src = await open(wavPath, 'r');
  try {
    const layout = await readWavLayout(src, (await src.stat()).size);
    const loudness = await frameLoudness(src, layout);
    const threshold = silenceThreshold(loudness, options.floorDbfs ?? -50);
    const kept = keptFrames(
      loudness,
      threshold,
      Math.ceil(minSilenceSec / FRAME_SEC),
      Math.max(1, Math.round(keepSec / 2 / FRAME_SEC)),
    );
    const frameSamples = Math.round(layout.sampleRate * FRAME_SEC);
    const totalSamples = layout.dataBytes / 2;
    const spans: KeptSpan[] = [];
    let dst = 0;
    for (const [a, b] of kept) {
      const from = a * frameSamples;
      // The last kept span runs to the true end, including a partial final frame.
      const to = b >= loudness.length ? totalSamples : b * frameSamples;
      spans.push({
        srcSec: from / layout.sampleRate,
        dstSec: dst / layout.sampleRate,
        lengthSec: (to - from) / layout.sampleRate,
      });
      dst += to - from;
    }
    const originalSec = totalSamples / layout.sampleRate;
    const map = makeSilenceMap(spans, originalSec);
    if (originalSec - map.condensedSec < minSavedSec) return null;

    const out = await open(outPath, 'w');
    try {
      await out.write(wavHeader(layout.sampleRate, dst * 2));
      const buf = Buffer.alloc(1 << 20);
      for (const span of spans) {
        let at = layout.dataOffset + Math.round(span.srcSec * layout.sampleRate) * 2;
        let left = Math.round(span.lengthSec * layout.sampleRate) * 2;
        while (left > 0) {
          const { bytesRead } = await src.read(buf, 0, Math.min(buf.length, left), at);
          if (bytesRead === 0) break;
          await out.write(buf, 0, bytesRead);
          at += bytesRead;
          left -= bytesRead;
        }
      }
    } finally {
      await out.close();
    }
    return map;
  } finally {
    await src.close();
  }
}
