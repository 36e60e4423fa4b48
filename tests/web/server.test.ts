import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core';
import type { Core } from '../../src/main/core';
import { startWebServer } from '../../src/web/server';
import type { WebServer } from '../../src/web/server';
import { useTempDirs } from '../helpers/tmp';

const tempDir = useTempDirs();
const running: Array<{ core: Core; web: WebServer }> = [];
afterEach(async () => {
  for (const { core, web } of running.splice(0)) {
    await web.close();
    await core.close();
  }
});

async function start() {
  const dataDir = tempDir();
  const staticDir = tempDir();
  const core = createCore({ dataDir, shell: 'web' });
  const web = await startWebServer({ core, staticDir });
  running.push({ core, web });
  const base = `http://127.0.0.1:${web.port}`;
  const call = (channel: string, body: unknown, headers: Record<string, string> = { 'x-gamefilm-token': web.token }) =>
    fetch(`${base}/api/${channel}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { core, web, base, call, dataDir };
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
});
