/**
 * What is in a media file: one ffprobe run, read as JSON.
 */
import { open, stat } from 'node:fs/promises';
import { errnoOf, MediaError } from './errors';
import { BinaryExitError, ffmpegFileArg, resolveFfprobePath, runBinary, SAFE_INPUT_ARGS } from './ffmpeg';

export { MediaError } from './errors';
export type { MediaErrorCode } from './errors';

export interface MediaProbe {
  /** Container duration in seconds; null when the container does not say (e.g. MediaRecorder webm). */
  durationSec: number | null;
  /** Channels of the first audio stream (the one we decode). */
  channels: number;
  sampleRate: number;
  /** Audio codec name as ffmpeg spells it: mp3, aac, opus, pcm_s16le… */
  codec: string;
  /** A real picture track; cover art embedded in an mp3/m4a does not count. */
  hasVideo: boolean;
  videoCodec?: string;
  width?: number;
  height?: number;
  /** ffmpeg's demuxer name(s), e.g. "mp3" or "mov,mp4,m4a,3gp,3g2,mj2". */
  formatName: string;
  bitRate?: number;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  channels?: number;
  sample_rate?: string;
  width?: number;
  height?: number;
  duration?: string;
  disposition?: { attached_pic?: number };
}
interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; bit_rate?: string; probe_score?: number };
}

/**
 * When ffprobe gives up, was it a real media file that is broken ('corrupt')
 * or something else entirely ('unsupported')? ffprobe's wording cannot tell:
 * random bytes named .mp3 produce the same "Invalid frame size" as a damaged
 * mp3. The file's own first bytes can: a container signature means it was
 * meant to be media.
 */
async function hasMediaSignature(path: string): Promise<boolean> {
  const head = Buffer.alloc(12);
  try {
    const fh = await open(path, 'r');
    try {
      await fh.read(head, 0, 12, 0);
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
  const ascii = (from: number, to: number): string => head.toString('latin1', from, to);
  return (
    ascii(0, 3) === 'ID3' || // mp3 with tags
    (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') ||
    ['ftyp', 'moov', 'mdat', 'free', 'wide'].includes(ascii(4, 8)) || // mp4 / m4a / mov atoms
    ascii(0, 4) === 'OggS' ||
    ascii(0, 4) === 'fLaC' ||
    ascii(0, 4) === 'FORM' || // aiff
    head.readUInt32BE(0) === 0x1a45dfa3 || // EBML: webm / mkv
    ascii(0, 5) === '#!AMR'
  );
}

function positiveNumber(value: string | number | undefined): number | null {
  const n = typeof value === 'number' ? value : value === undefined ? NaN : Number.parseFloat(value);
  return Number.isFinite(n) && n > 0 ? n : null;
}

export async function probeMedia(path: string, signal?: AbortSignal): Promise<MediaProbe> {
  // Check the file ourselves first: ffprobe's wording for these is vague.
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new MediaError('unsupported', 'This is a folder, not a media file');
    if (info.size === 0) throw new MediaError('empty');
  } catch (err) {
    if (err instanceof MediaError) throw err;
    if (errnoOf(err).code === 'ENOENT') throw new MediaError('not_found', undefined, { cause: err });
    throw new MediaError('unsupported', 'This file could not be opened', { cause: err });
  }

  const args = [
    '-v',
    'error',
    '-hide_banner',
    ...SAFE_INPUT_ARGS,
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    '-i',
    ffmpegFileArg(path),
  ];
  let json: FfprobeOutput;
  try {
    const { stdout } = await runBinary(resolveFfprobePath(), args, { signal, timeoutMs: 60_000 });
    json = JSON.parse(stdout.toString('utf8')) as FfprobeOutput;
  } catch (err) {
    if (err instanceof MediaError) throw err;
    if (err instanceof BinaryExitError) {
      const code = (await hasMediaSignature(path)) ? 'corrupt' : 'unsupported';
      throw new MediaError(code, undefined, { detail: err.stderrTail, cause: err });
    }
    throw new MediaError('unsupported', undefined, { cause: err });
  }
  return describeProbe(json);
}

/** Turn ffprobe's JSON into our shape, rejecting things that only look like media. */
function describeProbe(json: FfprobeOutput): MediaProbe {
  const streams = json.streams ?? [];
  const format = json.format ?? {};
  const audioStreams = streams.filter((s) => s.codec_type === 'audio');
  // ffprobe will "recognise" random bytes as mp3 with probe_score 1 and an
  // audio stream of 0 channels at 0 Hz; such a stream is not decodable.
  const audio = audioStreams.find((s) => (s.channels ?? 0) > 0 && positiveNumber(s.sample_rate) !== null);
  const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);

  if (!audio) {
    if (audioStreams.length > 0 || streams.length === 0) throw new MediaError('unsupported');
    if (video) throw new MediaError('no_audio');
    throw new MediaError('unsupported');
  }

  const probe: MediaProbe = {
    durationSec: positiveNumber(format.duration) ?? positiveNumber(audio.duration),
    channels: audio.channels ?? 0,
    sampleRate: positiveNumber(audio.sample_rate) ?? 0,
    codec: audio.codec_name ?? 'unknown',
    hasVideo: video !== undefined,
    formatName: format.format_name ?? 'unknown',
  };
  const bitRate = positiveNumber(format.bit_rate);
  if (bitRate !== null) probe.bitRate = bitRate;
  if (video) {
    if (video.codec_name) probe.videoCodec = video.codec_name;
    if (video.width) probe.width = video.width;
    if (video.height) probe.height = video.height;
  }
  return probe;
}
