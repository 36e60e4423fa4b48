import { createReadStream } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  oga: 'audio/ogg',
  webm: 'video/webm',
  flac: 'audio/flac',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  // Chromium plays H.264/AAC QuickTime files when told they are MP4.
  mov: 'video/mp4',
};

/** Only `<sha256>.<ext>` names: no separators, no dots beyond the extension, so nothing outside the folder. */
const MEDIA_NAME = /^([a-f0-9]{64})\.([a-z0-9]{1,5})$/;

export interface MediaResponse {
  status: 200 | 206 | 400 | 404 | 416;
  headers: Record<string, string>;
  body: ReadStream | null;
}

/**
 * Answers a request for a file in the managed media folder, honouring a
 * single `Range: bytes=a-b` (206) so media elements can seek. Shared by the
 * Electron `media://` protocol and browser mode's HTTP route.
 */
export async function serveMedia(mediaDir: string, name: string, rangeHeader: string | null): Promise<MediaResponse> {
  const match = MEDIA_NAME.exec(name);
  if (!match) return { status: 400, headers: {}, body: null };
  const path = join(mediaDir, name);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { status: 404, headers: {}, body: null };
    size = info.size;
  } catch {
    return { status: 404, headers: {}, body: null };
  }
  const base = {
    'content-type': CONTENT_TYPES[match[2]!] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  if (!rangeHeader) {
    return { status: 200, headers: { ...base, 'content-length': String(size) }, body: createReadStream(path) };
  }
  const range = /^bytes=(\d*)-(\d*)$/.exec(rangeHeader.trim());
  let start: number;
  let end: number;
  if (range && (range[1] || range[2])) {
    if (range[1]) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    } else {
      // bytes=-N: the last N bytes.
      start = Math.max(0, size - Number(range[2]));
      end = size - 1;
    }
  } else {
    start = Number.NaN;
    end = Number.NaN;
  }
  if (!Number.isFinite(start) || start > end || start >= size) {
    return { status: 416, headers: { ...base, 'content-range': `bytes */${size}` }, body: null };
  }
  return {
    status: 206,
    headers: { ...base, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(end - start + 1) },
    body: createReadStream(path, { start, end }),
  };
}
