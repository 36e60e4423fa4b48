/**
 * Who speaks when, on a stereo dialer recording: the rep on one channel, the
 * customer on the other. We decode the recording once to 16 kHz s16le stereo,
 * keep the energy per channel in short windows, and give each segment to the
 * channel that carries more energy over the segment's span.
 */
import { ffmpegFileArg, resolveFfmpegPath, runBinary, SAFE_INPUT_ARGS } from '../media/ffmpeg';

export const ENERGY_RATE = 16_000;
/** 50 ms windows: finer than any segment, coarse enough to keep 2 hours in ~1 MB. */
export const ENERGY_WINDOW_SEC = 0.05;
const FRAMES_PER_WINDOW = ENERGY_RATE * ENERGY_WINDOW_SEC;

export interface ChannelEnergy {
  /** Sum of squared samples (normalised to ±1) per window, per channel. */
  left: Float64Array;
  right: Float64Array;
  windows: number;
}

/** Decodes the first audio stream to stereo and sums energy per window; child process, argument array. */
export async function measureChannelEnergy(inputPath: string, signal?: AbortSignal): Promise<ChannelEnergy> {
  let left: number[] = [];
  let right: number[] = [];
  let frame = 0;
  let carry = Buffer.alloc(0);
  await runBinary(
    resolveFfmpegPath(),
    [
      '-nostdin',
      '-hide_banner',
      '-loglevel',
      'error',
      ...SAFE_INPUT_ARGS,
      '-i',
      ffmpegFileArg(inputPath),
      '-map',
      '0:a:0',
      '-vn',
      '-ac',
      '2',
      '-ar',
      String(ENERGY_RATE),
      '-f',
      's16le',
      'pipe:1',
    ],
    {
      signal,
      onStdout: (chunk) => {
        const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        const usable = data.length - (data.length % 4);
        for (let off = 0; off < usable; off += 4) {
          const w = Math.floor(frame / FRAMES_PER_WINDOW);
          if (w >= left.length) {
            left.push(0);
            right.push(0);
          }
          const l = data.readInt16LE(off) / 32768;
          const r = data.readInt16LE(off + 2) / 32768;
          left[w] = (left[w] ?? 0) + l * l;
          right[w] = (right[w] ?? 0) + r * r;
          frame++;
        }
        carry = Buffer.from(data.subarray(usable));
      },
    },
  );
  const result = { left: Float64Array.from(left), right: Float64Array.from(right), windows: left.length };
  left = [];
  right = [];
  return result;
}

/**
 * The louder channel over [startSec, endSec): 0 (left) or 1 (right), or null
 * when the span is silent on both (the caller keeps the previous speaker).
 */
export function louderChannel(energy: ChannelEnergy, startSec: number, endSec: number): 0 | 1 | null {
  const from = Math.max(0, Math.floor(startSec / ENERGY_WINDOW_SEC));
  const to = Math.min(energy.windows, Math.max(from + 1, Math.ceil(endSec / ENERGY_WINDOW_SEC)));
  let l = 0;
  let r = 0;
  for (let w = from; w < to; w++) {
    l += energy.left[w] ?? 0;
    r += energy.right[w] ?? 0;
  }
  const frames = Math.max(1, (to - from) * FRAMES_PER_WINDOW);
  const rmsL = Math.sqrt(l / frames);
  const rmsR = Math.sqrt(r / frames);
  // Below about -60 dBFS on both sides there is nobody to attribute the words to.
  if (Math.max(rmsL, rmsR) < 1e-3) return null;
  return rmsL >= rmsR ? 0 : 1;
}

/** Channel per segment, carrying the last decision over silent spans. */
export function channelsForSegments(energy: ChannelEnergy, segments: Array<{ startSec: number; endSec: number }>) {
  let last: 0 | 1 = 0;
  return segments.map((s) => {
    const c = louderChannel(energy, s.startSec, s.endSec);
    if (c !== null) last = c;
    return last;
  });
}
