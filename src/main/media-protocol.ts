import type { Protocol } from 'electron';
import { Readable } from 'node:stream';
import { serveMedia } from './core/media/serve';

export const MEDIA_SCHEME = 'media';

/** Must run before app 'ready': lets media:// stream, seek and be fetched like https. */
export function registerMediaScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves `media://local/<sha256>.<ext>` from the managed folder only, and
 * answers Range requests itself with 206 — forwarding to `net.fetch(file:)`
 * breaks seeking (electron/electron#38749).
 */
export function handleMediaProtocol(protocol: Protocol, mediaDir: string): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'local') return new Response(null, { status: 404 });
    const media = await serveMedia(mediaDir, decodeURIComponent(url.pathname.slice(1)), request.headers.get('range'));
    const body = media.body ? (Readable.toWeb(media.body) as ReadableStream) : null;
    return new Response(body, { status: media.status, headers: media.headers });
  });
}
