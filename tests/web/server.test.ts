import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core';
import type { Core } from '../../src/main/core';
import { startWebServer } from '../../src/web/server';
import type { WebServer } from '../../src/web/server';
import { useTempDirs } from '../helpers/tmp';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/security';

const tempDir = useTempDirs();
const running: Array<{ core: Core; web: WebServer }> = [];
afterEach(async () => {
  for (const { core, web } of running.splice(0)) {
    await web.close();
    await core.close();
  }
});

async function start(maxUploadBytes?: number) {
  const dataDir = tempDir();
  const staticDir = tempDir();
  const core = createCore({ dataDir, shell: 'web' });
  const web = await startWebServer({ core, staticDir, ...(maxUploadBytes ? { maxUploadBytes } : {}) });
  running.push({ core, web });
  const base = `http://127.0.0.1:${web.port}`;
  const call = (channel: string, body: unknown, headers: Record<string, string> = { 'x-gamefilm-token': web.token }) =>
    fetch(`${base}/api/${channel}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { core, web, base, call, dataDir, staticDir };
}

const fingerprint = (dir: string) =>
  readdirSync(dir)
    .sort()
    .map((f) => `${f}:${statSync(join(dir, f)).size}`);

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only and prints a tokenised address', async () => {
    const { web } = await start();
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect((web.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('answers a request without the token with 401 and writes nothing', async () => {
    const { call, core, dataDir } = await start();
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fingerprint(dataDir);
    const count = () => (core.db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
    const noToken = await call('people.create', { name: 'Mallory', role: 'rep' }, {});
    expect(noToken.status).toBe(401);
    const wrongToken = await call('people.create', { name: 'Mallory', role: 'rep' }, { 'x-gamefilm-token': 'nope' });
    expect(wrongToken.status).toBe(401);
    expect(count()).toBe(0);
    expect(fingerprint(dataDir)).toEqual(before);
  });

  it('exposes contract methods with the same Result shape as IPC', async () => {
    const { call } = await start();
    const created = await (await call('people.create', { name: 'Dana', role: 'rep' })).json();
    expect(created).toMatchObject({ ok: true, value: { name: 'Dana', role: 'rep', isMe: false } });
    const bad = (await (await call('people.create', { name: 'Dana', role: 'boss' })).json()) as {
      error: { message: string };
    };
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(bad.error.message).toMatch(/role/);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const { web } = await start();
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: web.port,
          path: '/api/people.list',
          method: 'POST',
          headers: { host: 'evil.example:80', 'x-gamefilm-token': web.token },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('streams pushed events over SSE to token holders', async () => {
    const { web, base, call } = await start();
    const controller = new AbortController();
    const res = await fetch(`${base}/events?token=${web.token}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const received = (async () => {
      let text = '';
      while (!text.includes('people.changed')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      return text;
    })();
    await call('people.create', { name: 'Eve', role: 'rep' });
    expect(await received).toContain('event: people.changed\ndata: {"reason":"created"}');
    controller.abort();
    expect((await fetch(`${base}/events`)).status).toBe(401);
  });
});

describe('browser-mode uploads and media', () => {
  it('imports an uploaded file and serves it back with ranges, only with the token', async () => {
    const { makeMedia, makeTempDir, removeDir } = await import('../fixtures/media');
    const src = await makeTempDir();
    try {
      const file = await makeMedia(src, 'mp3', { durationSec: 2, name: 'upload me' });
      const { web, base, core } = await start();
      const body = (await import('node:fs')).readFileSync(file);
      const refused = await fetch(`${base}/upload?name=x.mp3`, { method: 'POST', body });
      expect(refused.status).toBe(401);

      const done = new Promise<{ callId: string }>((resolve) => {
        const off = core.onAnyEvent((event, payload) => {
          const job = payload as { state: string; callId: string };
          if (event === 'import.progress' && job.state === 'done') {
            off();
            resolve(job);
          }
        });
      });
      const res = await fetch(`${base}/upload?name=${encodeURIComponent('upload me.mp3')}`, {
        method: 'POST',
        headers: { 'x-gamefilm-token': web.token },
        body,
      });
      expect(await res.json()).toMatchObject({ ok: true, value: { fileName: 'upload me.mp3' } });
      const { callId } = await done;
      const call = (await (
        await fetch(`${base}/api/calls.get`, {
          method: 'POST',
          headers: { 'x-gamefilm-token': web.token },
          body: JSON.stringify({ id: callId }),
        })
      ).json()) as { value: { media: { fileName: string; sizeBytes: number } } };
      // The uploaded temp copy is gone once imported.
      expect(readdirSync(join(core.dataDir, 'incoming'))).toEqual([]);

      const mediaUrl = `${base}/media/${call.value.media.fileName}`;
      expect((await fetch(mediaUrl)).status).toBe(401);
      const ranged = await fetch(`${mediaUrl}?token=${web.token}`, { headers: { range: 'bytes=0-9' } });
      expect(ranged.status).toBe(206);
      expect(ranged.headers.get('content-type')).toBe('audio/mpeg');
      expect((await ranged.arrayBuffer()).byteLength).toBe(10);
      expect((await fetch(`${base}/media/..%2Fgamefilm.sqlite?token=${web.token}`)).status).toBe(400);
    } finally {
      await removeDir(src);
    }
  });

  it('sends the one CSP as a header (the page has no meta CSP) and answers a malformed % with 400 and no stack text', async () => {
    const { base, staticDir } = await start();
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const built = readFileSync(join(__dirname, '../../src/renderer/index.html'), 'utf8');
    expect(built).not.toMatch(/Content-Security-Policy/i);
    for (const path of ['/%', '/%E0%A4%A', '/assets/%zz.js']) {
      const bad = await fetch(`${base}${path}`);
      expect(bad.status, path).toBe(400);
      const text = await bad.text();
      expect(text, path).not.toMatch(/URIError|at .*\.ts|malformed/i);
    }
  });

  it('refuses an upload over the size limit and keeps nothing of it', async () => {
    const { base, web, dataDir } = await start(1024 * 1024);
    const incoming = join(dataDir, 'incoming');
    const declared = await fetch(`${base}/upload?for=call&name=big.wav&token=${web.token}`, {
      method: 'POST',
      body: Buffer.alloc(2 * 1024 * 1024),
    });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { message: string } }).error.message).toMatch(
      /larger than Gamefilm takes/,
    );
    // Streamed without a length: cut off once it passes the limit, the partial file removed.
    const status = await new Promise<number | 'reset'>((resolve) => {
      const req = request(
        `${base}/upload?for=call&name=big.wav&token=${web.token}`,
        { method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', () => resolve('reset'));
      const chunk = Buffer.alloc(256 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 16) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect([413, 'reset']).toContain(status);
    expect(existsSync(incoming) ? readdirSync(incoming) : []).toEqual([]);
  });
});
