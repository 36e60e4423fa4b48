import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize, sep } from 'node:path';
import type { Core } from '../main/core';
import { contentTypeOf } from '../shared/content-types';
import { newId } from '../main/core/db/ids';
import { toFailure } from '../main/core/dispatch';
import { serveMedia } from '../main/core/media/serve';
import { resolveExportFile } from '../main/core/packets/downloads';
import { importUploadedModel } from '../main/core/transcription/upload';
import { ok } from '../shared/result';
import { CONTENT_SECURITY_POLICY } from '../shared/security';

const MAX_BODY_BYTES = 1024 * 1024;
/** Larger than any call, model or packet Gamefilm takes (a packet is capped at 6 GB unpacked). */
export const MAX_UPLOAD_BYTES = 16 * 1024 ** 3;

export interface WebServerOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  /** Tests lower it to prove the limit holds without sending gigabytes. */
  maxUploadBytes?: number;
}

export interface WebServer {
  server: Server;
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const sameSecret = (given: string | null | undefined, token: string): boolean => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
};

const sendJson = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('Request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length ? JSON.parse(text) : undefined;
}

/**
 * Browser mode: the same core the Electron app uses, served on 127.0.0.1
 * only. Every API, event and media request must carry the per-run token
 * (header, or `token` query for EventSource and media elements); the Host
 * header must name loopback, which stops DNS-rebinding pages from reaching it.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { core, staticDir } = options;
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  const unsubscribe = core.onAnyEvent((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const serveStatic = (pathname: string, res: ServerResponse) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return sendJson(res, 400, { error: 'bad request' });
    }
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    let file = join(staticDir, relative || 'index.html');
    if (!file.startsWith(staticDir + sep) && file !== staticDir) return sendJson(res, 403, { error: 'forbidden' });
    // Unknown paths fall back to the app shell so deep links and reloads work.
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticDir, 'index.html');
    if (!existsSync(file))
      return sendJson(res, 500, { error: 'The renderer is not built. Run `npm run build` first.' });
    res.writeHead(200, {
      'content-type': contentTypeOf(file),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
    });
    createReadStream(file).pipe(res);
  };

  /**
   * Browser mode's stand-in for a file path: the page streams the file here,
   * it lands in <data>/incoming, and the import queue takes it from there
   * (deleting it afterwards). An interrupted upload leaves nothing behind.
   */
  const incomingDir = join(core.dataDir, 'incoming');
  const receiveUpload = async (req: IncomingMessage, res: ServerResponse, params: URLSearchParams) => {
    const name = basename(params.get('name') ?? 'upload').slice(0, 255) || 'upload';
    const purpose = params.get('for') ?? 'call';
    if (!['call', 'relink', 'model', 'attempt', 'packet'].includes(purpose))
      return sendJson(res, 400, { error: 'unknown upload purpose' });
    const limit = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
    const tooLarge = () => {
      res.setHeader('connection', 'close');
      sendJson(res, 413, {
        ok: false,
        error: { code: 'invalid_input', message: 'That file is larger than Gamefilm takes; nothing was imported.' },
      });
    };
    // Refused before a byte is written when the size is declared; counted as it streams otherwise.
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      tooLarge();
      req.resume();
      return;
    }
    mkdirSync(incomingDir, { recursive: true });
    const temp = join(incomingDir, `${newId()}${extname(name).slice(0, 8)}`);
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        done(received > limit ? new RangeError('upload too large') : null, chunk);
      },
    });
    try {
      await pipeline(req, counter, createWriteStream(temp, { flags: 'wx' }));
    } catch (error) {
      await rm(temp, { force: true });
      if (!res.headersSent) {
        if (error instanceof RangeError) tooLarge();
        else sendJson(res, 400, { ok: false, error: { code: 'cancelled', message: 'The upload did not finish.' } });
      }
      return;
    }
    if (purpose === 'relink') {
      // The upload is the chosen file: it gets a handle like a file chosen in the desktop app.
      const file = core.files.register(temp);
      const result = await core.dispatch('calls.relink', { id: params.get('call'), file });
      core.files.release(file);
      await rm(temp, { force: true });
      return sendJson(res, 200, result);
    }
    if (purpose === 'attempt') {
      // A drill answer recorded in the page; kept (or refused) here, the temp copy always removed.
      try {
        return sendJson(res, 200, ok(await core.drills.saveAttemptFile(temp, params.get('drill') ?? '')));
      } catch (error) {
        return sendJson(res, 200, toFailure(error));
      } finally {
        await rm(temp, { force: true });
      }
    }
    if (purpose === 'packet') {
      // Checked and staged by the core (which keeps its own copy of the verified entries); the upload goes.
      const file = core.files.register(temp);
      const result = await core.dispatch('packets.inspect', { file });
      core.files.release(file);
      await rm(temp, { force: true });
      return sendJson(res, 200, result);
    }
    if (purpose === 'model') {
      try {
        return sendJson(res, 200, ok(await importUploadedModel(core, temp, name)));
      } catch (error) {
        return sendJson(res, 200, toFailure(error));
      }
    }
    const [job] = core.imports.add([{ path: temp, name, removeSource: true }]);
    sendJson(res, 200, { ok: true, value: job });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return sendJson(res, 403, { error: 'bad host' });

    const isApi = url.pathname.startsWith('/api/');
    const isEvents = url.pathname === '/events';
    const isMedia = url.pathname.startsWith('/media/');
    const isUpload = url.pathname === '/upload';
    const isExport = url.pathname.startsWith('/exports/');
    if (!isApi && !isEvents && !isMedia && !isUpload && !isExport) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
      return serveStatic(url.pathname, res);
    }

    const given = (req.headers['x-gamefilm-token'] as string | undefined) ?? url.searchParams.get('token');
    if (!sameSecret(given, token)) {
      return sendJson(res, 401, {
        ok: false,
        error: { code: 'unauthorized', message: 'Missing or wrong access token.' },
      });
    }

    if (isMedia) {
      const media = await serveMedia(core.mediaDir, url.pathname.slice('/media/'.length), req.headers.range ?? null);
      res.writeHead(media.status, media.headers);
      if (media.body && req.method !== 'HEAD') media.body.pipe(res);
      else res.end();
      return;
    }

    if (isExport) {
      // Exported packets, downloaded by the page; nothing outside the exports folder is reachable.
      const file = await resolveExportFile(core.packets.exportsDir, url.pathname.slice('/exports/'.length));
      if (!file) return sendJson(res, 404, { error: 'not found' });
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-length': String(file.size),
        'content-disposition': `attachment; filename="${file.fileName}"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file.path).pipe(res);
      return;
    }

    if (isUpload) {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' });
      return receiveUpload(req, res, url.searchParams);
    }

    if (isEvents) {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }

    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' });
    let input: unknown;
    try {
      input = await readJsonBody(req);
    } catch (error) {
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: (error as Error).message } });
    }
    const channel = url.pathname.slice('/api/'.length);
    sendJson(res, 200, await core.dispatch(channel, input));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[gamefilm web]', error);
      // The details stay in the log: a page is told only that something failed.
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Something went wrong in Gamefilm.' } });
      else res.end();
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const client of sseClients) client.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
