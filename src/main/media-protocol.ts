import type { Protocol } from 'electron';
import { Readable } from 'node:stream';
import { serveMedia } from './core/media/serve';

export const MEDIA_SCHEME = 'media';

/**
 * Answers `media://local/<sha256>.<ext>` from the managed folder only, and
 * answers Range requests itself with 206 — forwarding to `net.fetch(file:)`
 * breaks seeking (electron/electron#38749). A malformed `%` is a 400, not a throw.
 */
export async function serveMediaUrl(mediaDir: string, requestUrl: string, range: string | null): Promise<Response> {
  let name: string;
  let url: URL;
  try {
    url = new URL(requestUrl);
    name = decodeURIComponent(url.pathname.slice(1));
  } catch {
    return new Response(null, { status: 400 });
  }
  if (url.host !== 'local') return new Response(null, { status: 404 });
  const media = await serveMedia(mediaDir, name, range);
  const body = media.body ? (Readable.toWeb(media.body) as ReadableStream) : null;
  return new Response(body, { status: media.status, headers: media.headers });
}

export function handleMediaProtocol(protocol: Protocol, mediaDir: string): void {
  protocol.handle(MEDIA_SCHEME, (request) => serveMediaUrl(mediaDir, request.url, request.headers.get('range')));
}
