import type { Protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../shared/content-types';
import { CONTENT_SECURITY_POLICY } from '../shared/security';
import { MEDIA_SCHEME } from './media-protocol';

/**
 * The renderer is served from `app://gamefilm/`, not `file://`: one origin
 * the trust check can name exactly, a CSP sent as a header (the same one
 * browser mode sends), and no page that can read other local files.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'gamefilm';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Must run before app 'ready' (and only once: a second call replaces the first). */
export function registerSchemes(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

const securityHeaders = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Answers one app:// request from the built renderer folder only. */
export async function serveAppFile(rendererDir: string, requestUrl: string): Promise<Response> {
  let url: URL;
  let pathname: string;
  try {
    url = new URL(requestUrl);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return new Response('Bad request', { status: 400, headers: securityHeaders });
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || pathname.includes('\0'))
    return new Response('Not found', { status: 404, headers: securityHeaders });
  const root = normalize(rendererDir);
  const relative = normalize(pathname).replace(/^([/\\])+/, '');
  const file = join(root, relative || 'index.html');
  if (!file.startsWith(root + sep)) return new Response('Forbidden', { status: 403, headers: securityHeaders });
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return new Response('Not found', { status: 404, headers: securityHeaders });
  return new Response(await readFile(file), {
    status: 200,
    headers: { ...securityHeaders, 'content-type': contentTypeOf(file) },
  });
}

export function handleAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppFile(rendererDir, request.url));
}
