/**
 * Fetching one file over HTTP(S) into a `.partial` file, resumable with Range.
 *
 * Only this module speaks HTTP; the model manager decides what a finished or
 * broken `.partial` means. A download that stops early (pause, a dropped
 * connection) keeps what arrived; the next attempt asks for the rest with
 * `Range: bytes=<have>-` and appends when the server answers 206, or starts
 * over when it answers 200 (it ignored the range).
 */
import { createWriteStream } from 'node:fs';
import { stat, truncate } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type DownloadErrorKind = 'aborted' | 'interrupted' | 'http';

export class DownloadError extends Error {
  constructor(
    readonly kind: DownloadErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface DownloadRequest {
  url: string;
  partialPath: string;
  signal: AbortSignal;
  onProgress: (receivedBytes: number, totalBytes: number | null) => void;
}

const MAX_REDIRECTS = 5;
/** A server that sends nothing for this long has dropped us without closing the socket. */
const IDLE_TIMEOUT_MS = 60_000;

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function open(url: string, headers: Record<string, string>, signal: AbortSignal, hops = 0): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') {
      reject(new DownloadError('http', `Unsupported download address: ${target.protocol}`));
      return;
    }
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(target, { headers, signal, timeout: IDLE_TIMEOUT_MS }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (hops >= MAX_REDIRECTS) {
          reject(new DownloadError('http', 'The model server redirected too many times'));
          return;
        }
        // Hugging Face answers with a redirect to its CDN; the Range header goes along.
        open(new URL(res.headers.location, target).toString(), headers, signal, hops + 1).then(resolve, reject);
        return;
      }
      resolve(res);
    });
    req.on('timeout', () => req.destroy(new DownloadError('interrupted', 'The model server stopped answering')));
    req.on('error', (error) => reject(classify(error, signal)));
    req.end();
  });
}

function classify(error: unknown, signal: AbortSignal): DownloadError {
  if (error instanceof DownloadError) return error;
  if (signal.aborted) return new DownloadError('aborted', 'Download stopped');
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new DownloadError('interrupted', 'The model server could not be reached (no network?)');
  }
  return new DownloadError('interrupted', `The connection to the model server was lost (${code || String(error)})`);
}

/** Total size from `Content-Range: bytes a-b/total`. */
function totalFromContentRange(value: string | undefined): { start: number; total: number | null } | null {
  const m = /^bytes\s+(\d+)-\d+\/(\d+|\*)$/i.exec(value ?? '');
  if (!m) return null;
  return { start: Number(m[1]), total: m[2] === '*' ? null : Number(m[2]) };
}

/**
 * Downloads `url` into `partialPath`, continuing what is already there.
 * Resolves when the whole body arrived (the caller verifies it); rejects with
 * DownloadError otherwise, keeping whatever was written.
 */
export async function downloadToPartial(req: DownloadRequest): Promise<{ totalBytes: number }> {
  const { signal } = req;
  let have = await sizeOf(req.partialPath);
  let res: IncomingMessage;
  try {
    res = await open(req.url, have > 0 ? { range: `bytes=${have}-` } : {}, signal);
    if (res.statusCode === 416 && have > 0) {
      // What we have does not fit the file on the server (it changed?): start over.
      res.resume();
      await truncate(req.partialPath, 0);
      have = 0;
      res = await open(req.url, {}, signal);
    }
  } catch (error) {
    throw classify(error, signal);
  }

  const status = res.statusCode ?? 0;
  let total: number | null;
  if (status === 206) {
    const range = totalFromContentRange(res.headers['content-range']);
    if (!range || range.start !== have) {
      res.resume();
      await truncate(req.partialPath, 0);
      throw new DownloadError('interrupted', 'The model server sent the wrong part of the file; try again');
    }
    total = range.total;
  } else if (status === 200) {
    have = 0; // the server ignored the range: the body is the whole file
    const length = Number(res.headers['content-length']);
    total = Number.isFinite(length) && length > 0 ? length : null;
  } else {
    res.resume();
    throw new DownloadError('http', `The model server answered HTTP ${status}${status === 404 ? ' (not found)' : ''}`);
  }

  let received = have;
  req.onProgress(received, total);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      req.onProgress(received, total);
      done(null, chunk);
    },
  });
  try {
    await pipeline(res, counter, createWriteStream(req.partialPath, { flags: have > 0 ? 'a' : 'w' }), { signal });
  } catch (error) {
    throw classify(error, signal);
  }
  if (total !== null && received !== total) {
    throw new DownloadError(
      'interrupted',
      `The connection to the model server was lost at ${received} of ${total} bytes`,
    );
  }
  return { totalBytes: received };
}
