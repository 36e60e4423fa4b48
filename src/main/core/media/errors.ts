/**
 * Errors the media pipeline reports to the rest of the app.
 *
 * Every failure a user can cause (a wrong file, a damaged file, pulling the
 * USB stick mid-import, pressing Cancel) maps to one stable `code`, so the UI
 * can pick its own wording and the IPC layer can pass it across as data. The
 * `message` is already human-readable for places that just show it; `detail`
 * keeps the tail of ffmpeg's stderr for logs and bug reports, never for users.
 */
export type MediaErrorCode =
  | 'not_found' // the source was not there when the import started
  | 'empty' // zero bytes
  | 'unsupported' // not a container/codec ffmpeg recognises (e.g. a PDF renamed .mp3)
  | 'corrupt' // recognised, but damaged or truncated beyond decoding
  | 'no_audio' // a real media file, but without an audio track (e.g. a silent screen recording)
  | 'vanished' // the source disappeared or changed while we were reading it
  | 'cancelled' // the caller's AbortSignal fired
  | 'tool_missing' // ffmpeg / ffprobe could not be started
  | 'io'; // we could not write into the media folder (disk full, permissions)

const DEFAULT_MESSAGES: Record<MediaErrorCode, string> = {
  not_found: 'The file could not be found',
  empty: 'This file is empty (0 bytes)',
  unsupported: "This file isn't an audio or video format Gamefilm can read",
  corrupt: 'This file looks damaged or incomplete and could not be read',
  no_audio: 'This file has no audio track',
  vanished: 'The file was moved, deleted or changed while it was being imported',
  cancelled: 'Import cancelled',
  tool_missing: 'The bundled ffmpeg could not be started',
  io: 'Could not write to the media folder',
};

export class MediaError extends Error {
  override readonly name = 'MediaError';
  readonly code: MediaErrorCode;
  /** Technical detail (ffmpeg stderr tail, errno) for logs — not for display. */
  readonly detail: string | undefined;

  constructor(code: MediaErrorCode, message?: string, options?: { detail?: string; cause?: unknown }) {
    super(message ?? DEFAULT_MESSAGES[code], options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = options?.detail;
  }
}

export function isMediaError(err: unknown, code?: MediaErrorCode): err is MediaError {
  return err instanceof MediaError && (code === undefined || err.code === code);
}

/** Throw the project's own 'cancelled' error (not a DOMException) so callers match on one type. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MediaError('cancelled');
}

/** Node fs errors carry `code` (ENOENT, ENOSPC…) and sometimes `path`. */
export function errnoOf(err: unknown): { code?: string; path?: string } {
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: unknown; path?: unknown };
    return {
      code: typeof e.code === 'string' ? e.code : undefined,
      path: typeof e.path === 'string' ? e.path : undefined,
    };
  }
  return {};
}
