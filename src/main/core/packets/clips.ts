/**
 * Audio for packets, cut by ffmpeg: small Opus clips around the annotated
 * moments, and — for a call imported from a clips-only packet — a stand-in
 * recording that puts each clip back at its original time with silence in
 * between, so every annotation, evidence link and transcript line keeps its
 * timestamp and the player, waveform and search work unchanged.
 */
import { ffmpegFileArg, resolveFfmpegPath, runBinary, SAFE_INPUT_ARGS } from '../media/ffmpeg';

/** Speech stays clear at 24 kb/s mono Opus; a minute of clip is ~180 KB. */
const CLIP_ARGS = ['-vn', '-ac', '1', '-ar', '48000', '-c:a', 'libopus', '-b:a', '24k', '-f', 'ogg'];
const BASE_ARGS = ['-nostdin', '-hide_banner', '-v', 'error', '-y'];

export async function cutClip(
  source: string,
  startSec: number,
  endSec: number,
  out: string,
  signal?: AbortSignal,
): Promise<void> {
  await runBinary(
    resolveFfmpegPath(),
    [
      ...BASE_ARGS,
      ...SAFE_INPUT_ARGS,
      // -ss before -i seeks the input (fast on long calls) and is still sample-accurate when re-encoding.
      '-ss',
      startSec.toFixed(3),
      '-t',
      (endSec - startSec).toFixed(3),
      '-i',
      ffmpegFileArg(source),
      ...CLIP_ARGS,
      ffmpegFileArg(out),
    ],
    { signal, timeoutMs: 120_000 },
  );
}

const RATE = 48000;

/**
 * Builds the stand-in: for each clip (sorted, not overlapping) a stretch of
 * silence up to its start, then the clip trimmed or padded to its exact
 * length; silence to the end of the call. Concatenated and encoded once.
 */
export async function buildStandIn(
  clips: ReadonlyArray<{ path: string; startSec: number; endSec: number }>,
  durationSec: number,
  out: string,
  signal?: AbortSignal,
): Promise<void> {
  const inputs: string[] = [];
  const parts: string[] = [];
  const labels: string[] = [];
  let cursor = 0;
  const silence = (sec: number) => {
    const label = `s${labels.length}`;
    parts.push(`aevalsrc=0:s=${RATE}:d=${sec.toFixed(6)},aformat=sample_fmts=fltp:channel_layouts=mono[${label}]`);
    labels.push(`[${label}]`);
  };
  const sorted = [...clips].sort((a, b) => a.startSec - b.startSec);
  sorted.forEach((clip, i) => {
    const start = Math.max(cursor, clip.startSec);
    const end = Math.min(durationSec, clip.endSec);
    if (end <= start) return;
    if (start - cursor > 0.0005) silence(start - cursor);
    inputs.push(...SAFE_INPUT_ARGS, '-i', ffmpegFileArg(clip.path));
    const samples = Math.round((end - start) * RATE);
    const label = `c${i}`;
    parts.push(
      `[${inputs.filter((a) => a === '-i').length - 1}:a]aresample=${RATE},aformat=sample_fmts=fltp:channel_layouts=mono,` +
        `apad=whole_len=${samples},atrim=end_sample=${samples},asetpts=N/SR/TB[${label}]`,
    );
    labels.push(`[${label}]`);
    cursor = end;
  });
  if (durationSec - cursor > 0.0005 || labels.length === 0) silence(Math.max(0.001, durationSec - cursor));
  const graph = `${parts.join(';')};${labels.join('')}concat=n=${labels.length}:v=0:a=1[out]`;
  await runBinary(
    resolveFfmpegPath(),
    [...BASE_ARGS, ...inputs, '-filter_complex', graph, '-map', '[out]', ...CLIP_ARGS, ffmpegFileArg(out)],
    { signal, timeoutMs: 10 * 60_000 },
  );
}
