import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import type { CatalogModel } from '../../../../src/main/core/transcription/catalog';
import { MODEL_CATALOG, modelBaseUrl } from '../../../../src/main/core/transcription/catalog';
import { importUploadedModel } from '../../../../src/main/core/transcription/upload';
import type { ModelDownloadProgress, TranscriptionSettings, WhisperModel } from '../../../../src/shared/domain';
import { buildTinyWhisperModel } from '../../../fixtures/tiny-whisper-model';
import { nextEvent, openCore, value } from './helpers';

/**
 * A model server on 127.0.0.1 that honours Range, and can be told to drop
 * the connection midway or to send bytes slowly (so a download can be paused).
 */
interface ModelServer {
  server: Server;
  baseUrl: string;
  requests: Array<{ path: string; range: string | undefined }>;
  /** Drop the socket after this many body bytes of the next full (non-range) response. */
  dropAfter: number | null;
  /** Bytes per 20 ms tick; null = all at once. */
  throttle: number | null;
}

let work = '';
let modelBytes: Buffer;
let srv: ModelServer;
const cores: Core[] = [];

function startServer(files: Record<string, Buffer>): Promise<ModelServer> {
  const state: ModelServer = {
    server: undefined as unknown as Server,
    baseUrl: '',
    requests: [],
    dropAfter: null,
    throttle: null,
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/models\//, '');
    state.requests.push({ path, range: req.headers.range });
    const body = files[path];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (m) {
      start = Number(m[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, {
        'content-length': body.length - start,
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
        'accept-ranges': 'bytes',
      });
    } else {
      res.writeHead(200, { 'content-length': body.length, 'accept-ranges': 'bytes' });
    }
    const rest = body.subarray(start);
    if (!m && state.dropAfter !== null) {
      const cut = state.dropAfter;
      state.dropAfter = null;
      res.write(rest.subarray(0, cut), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    if (state.throttle === null) {
      res.end(rest);
      return;
    }
    const step = state.throttle;
    let pos = 0;
    const tick = setInterval(() => {
      if (res.destroyed) return clearInterval(tick);
      const chunk = rest.subarray(pos, pos + step);
      pos += chunk.length;
      if (pos >= rest.length) {
        clearInterval(tick);
        res.end(chunk);
      } else res.write(chunk);
    }, 20);
    res.on('close', () => clearInterval(tick));
  };
  return new Promise((resolve) => {
    state.server = createServer(handle);
    state.server.listen(0, '127.0.0.1', () => {
      state.baseUrl = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}/models`;
      resolve(state);
    });
  });
}

const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');

/** The first catalog entry, pointed at the generated model; a second entry with a wrong checksum. */
let catalog: CatalogModel[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'gamefilm-models-test-'));
  modelBytes = buildTinyWhisperModel();
  catalog = [
    { ...MODEL_CATALOG[0]!, id: 'tiny.en', fileName: 'ggml-tiny.en.bin', sha1: sha1(modelBytes) },
    { ...MODEL_CATALOG[1]!, id: 'base.en', fileName: 'ggml-base.en.bin', sha1: '0'.repeat(40) },
  ];
  srv = await startServer({ 'ggml-tiny.en.bin': modelBytes, 'ggml-base.en.bin': modelBytes });
});

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  srv.requests.length = 0;
  srv.dropAfter = null;
  srv.throttle = null;
});

afterAll(async () => {
  await new Promise((r) => srv.server.close(r));
  await rm(work, { recursive: true, force: true });
});

let n = 0;
async function freshCore(dir?: string) {
  const dataDir = dir ?? join(work, `lib-${++n}`);
  await mkdir(dataDir, { recursive: true });
  const core = openCore(dataDir, { catalog, modelBaseUrl: srv.baseUrl });
  cores.push(core);
  return core;
}

const modelsOf = async (core: Core) => value<WhisperModel[]>(core.dispatch('models.list', undefined));
const stateOf = async (core: Core, id: string) => (await modelsOf(core)).find((m) => m.id === id)!;
const whenState = (core: Core, id: string, state: string) =>
  nextEvent(core, 'models.download', (p) => p.id === id && p.state === state);

describe('model catalog', () => {
  it('lists the six standard models with the SHA-1s upstream publishes', async () => {
    const readme = await readFile(
      join(process.cwd(), 'node_modules/nodejs-whisper/cpp/whisper.cpp/models/README.md'),
      'utf8',
    );
    expect(MODEL_CATALOG.map((m) => m.id)).toEqual(['tiny.en', 'base.en', 'small.en', 'tiny', 'base', 'small']);
    for (const m of MODEL_CATALOG) {
      const row = new RegExp(`\\|\\s*${m.id.replace('.', '\\.')}\\s*\\|[^|]*\\|\\s*\`([0-9a-f]{40})\``).exec(readme);
      expect(row?.[1], m.id).toBe(m.sha1);
    }
    expect(modelBaseUrl({})).toBe('https://huggingface.co/ggerganov/whisper.cpp/resolve/main');
    expect(modelBaseUrl({ GAMEFILM_MODEL_BASE_URL: 'http://127.0.0.1:9/m/' })).toBe('http://127.0.0.1:9/m');
  });
});

describe('model downloads against a local server', () => {
  it('downloads with progress, verifies the checksum, installs and becomes the default', async () => {
    const core = await freshCore();
    const progress: ModelDownloadProgress[] = [];
    core.onAnyEvent((name, p) => name === 'models.download' && progress.push(p as ModelDownloadProgress));
    const installed = whenState(core, 'tiny.en', 'installed');
    const started = await value<WhisperModel>(core.dispatch('models.download', { id: 'tiny.en' }));
    expect(started.state).toBe('downloading');
    await installed;
    const model = await stateOf(core, 'tiny.en');
    expect(model).toMatchObject({ state: 'installed', isDefault: true, sizeBytes: modelBytes.length });
    expect(progress.some((p) => p.state === 'downloading' && p.totalBytes === modelBytes.length)).toBe(true);
    const files = await readdir(join(core.dataDir, 'models'));
    expect(files).toEqual(['ggml-tiny.en.bin']);
    expect(sha1(await readFile(join(core.dataDir, 'models', 'ggml-tiny.en.bin')))).toBe(catalog[0]!.sha1);
    expect((await value<TranscriptionSettings>(core.dispatch('models.settings', undefined))).defaultModelId).toBe(
      'tiny.en',
    );
  });

  it('a dropped connection keeps the partial file; resume asks for the rest with Range', async () => {
    const core = await freshCore();
    srv.dropAfter = Math.floor(modelBytes.length * 0.4);
    const stopped = nextEvent(core, 'models.download', (p) => p.id === 'tiny.en' && p.state !== 'downloading');
    await value(core.dispatch('models.download', { id: 'tiny.en' }));
    const interrupted = await stopped;
    expect(interrupted.state).toBe('paused');
    expect(interrupted.error).toMatch(/connection/i);
    const partial = join(core.dataDir, 'models', 'ggml-tiny.en.bin.partial');
    const kept = (await readFile(partial)).length;
    // What reached the disk before the drop (never more than was sent); the resume asks for exactly the rest.
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(Math.floor(modelBytes.length * 0.4));
    expect(existsSync(join(core.dataDir, 'models', 'ggml-tiny.en.bin'))).toBe(false);
    expect((await stateOf(core, 'tiny.en')).state).toBe('paused');

    const installed = whenState(core, 'tiny.en', 'installed');
    await value(core.dispatch('models.download', { id: 'tiny.en' }));
    await installed;
    expect(srv.requests.map((r) => r.range)).toEqual([undefined, `bytes=${kept}-`]);
    expect(sha1(await readFile(join(core.dataDir, 'models', 'ggml-tiny.en.bin')))).toBe(catalog[0]!.sha1);
  });

  it('pause keeps the partial file across a restart; resume finishes it; cancel throws it away', async () => {
    const dir = join(work, 'pause-lib');
    const core = await freshCore(dir);
    srv.throttle = 256 * 1024;
    const moving = nextEvent(core, 'models.download', (p) => p.id === 'tiny.en' && p.receivedBytes > 512 * 1024);
    await value(core.dispatch('models.download', { id: 'tiny.en' }));
    await moving;
    const paused = await value<WhisperModel>(core.dispatch('models.pause', { id: 'tiny.en' }));
    expect(paused.state).toBe('paused');
    expect(paused.receivedBytes).toBeGreaterThan(0);
    expect(paused.receivedBytes).toBeLessThan(modelBytes.length);
    await core.close();
    cores.splice(cores.indexOf(core), 1);

    const again = await freshCore(dir);
    expect((await stateOf(again, 'tiny.en')).state).toBe('paused');
    srv.throttle = null;
    const installed = whenState(again, 'tiny.en', 'installed');
    await value(again.dispatch('models.download', { id: 'tiny.en' }));
    await installed;
    expect(srv.requests.at(-1)?.range).toBe(`bytes=${paused.receivedBytes}-`);
    expect((await stateOf(again, 'tiny.en')).state).toBe('installed');

    // Cancel: a second, slow download stopped for good leaves nothing behind.
    srv.throttle = 64 * 1024;
    const moving2 = nextEvent(again, 'models.download', (p) => p.id === 'base.en' && p.receivedBytes > 0);
    await value(again.dispatch('models.download', { id: 'base.en' }));
    await moving2;
    const cancelled = await value<WhisperModel>(again.dispatch('models.cancel', { id: 'base.en' }));
    expect(cancelled.state).toBe('available');
    expect((await readdir(join(dir, 'models'))).sort()).toEqual(['ggml-tiny.en.bin']);
  });

  it('a checksum mismatch fails the download and leaves no file that looks usable', async () => {
    const core = await freshCore();
    const failed = whenState(core, 'base.en', 'failed');
    await value(core.dispatch('models.download', { id: 'base.en' }));
    const p = await failed;
    expect(p.error).toMatch(/does not match its published checksum/);
    expect(await readdir(join(core.dataDir, 'models'))).toEqual([]);
    const model = await stateOf(core, 'base.en');
    expect(model.state).toBe('failed');
    expect((await value<TranscriptionSettings>(core.dispatch('models.settings', undefined))).defaultModelId).toBeNull();
    expect(core.transcription.models.pathOf('base.en')).toBeNull();
  });

  it('a 404 from the server is a clear failure', async () => {
    const core = await openCore(join(work, `lib-${++n}`), {
      catalog: [{ ...catalog[0]!, fileName: 'ggml-missing.bin' }],
      modelBaseUrl: srv.baseUrl,
    });
    cores.push(core);
    const failed = whenState(core, 'tiny.en', 'failed');
    await value(core.dispatch('models.download', { id: 'tiny.en' }));
    expect((await failed).error).toMatch(/HTTP 404/);
  });
});

describe('importing, choosing and deleting models', () => {
  it('refuses a file that is not a ggml whisper model, with a clear message', async () => {
    const core = await freshCore();
    const bad = join(work, 'not-a-model.bin');
    await writeFile(bad, Buffer.from('GGUF and then some bytes that are not a whisper model'));
    const truncated = join(work, 'truncated.bin');
    await writeFile(truncated, modelBytes.subarray(0, Math.floor(modelBytes.length / 2)));
    for (const path of [bad, truncated, join(work, 'nope.bin')]) {
      const result = await core.dispatch('models.import', { file: core.files.register(path) });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        // A sentence a coach can act on, naming the file; no magic numbers or header fields.
        expect(result.error.message).toMatch(
          /^“(not-a-model|truncated|nope)\.bin” cannot be used as a transcription model\. /,
        );
        expect(result.error.message).not.toMatch(/magic|ggml model:|0x/);
      }
    }
    expect(await readdir(join(core.dataDir, 'models'))).toEqual([]);
  });

  it('imports a model file, makes it the default, survives a restart, and deletes it', async () => {
    const dir = join(work, 'import-lib');
    const core = await freshCore(dir);
    const file = join(work, 'ggml-custom-tiny.bin');
    await writeFile(file, modelBytes);
    const imported = await value<WhisperModel>(core.dispatch('models.import', { file: core.files.register(file) }));
    expect(imported).toMatchObject({ source: 'imported', state: 'installed', isDefault: true, multilingual: false });
    expect(imported.name).toMatch(/custom-tiny/);
    expect(existsSync(file)).toBe(true); // an import copies; the original stays where it was
    await core.close();
    cores.splice(cores.indexOf(core), 1);

    const again = await freshCore(dir);
    const models = await modelsOf(again);
    expect(models.find((m) => m.id === imported.id)).toMatchObject({ state: 'installed', isDefault: true });

    // Browser mode's upload path moves the temp file in and always removes it.
    const upload = join(work, 'upload.tmp');
    // Another model (other weights): the same bytes again would be the model already installed.
    await writeFile(upload, buildTinyWhisperModel({ seed: 99 }));
    const uploaded = await importUploadedModel(again, upload, 'ggml-team-model.bin');
    expect(uploaded.name).toBe('team-model');
    expect(existsSync(upload)).toBe(false);
    const badUpload = join(work, 'bad-upload.tmp');
    await writeFile(badUpload, 'nope');
    await expect(importUploadedModel(again, badUpload, 'x.bin')).rejects.toThrow(/“x\.bin” cannot be used/);
    expect(existsSync(badUpload)).toBe(false);

    const settings = await value<TranscriptionSettings>(again.dispatch('models.setDefault', { id: uploaded.id }));
    expect(settings.defaultModelId).toBe(uploaded.id);
    await value(again.dispatch('models.remove', { id: uploaded.id }));
    expect((await modelsOf(again)).find((m) => m.id === uploaded.id)).toBeUndefined();
    // The default falls back to the model that is still installed.
    expect((await value<TranscriptionSettings>(again.dispatch('models.settings', undefined))).defaultModelId).toBe(
      imported.id,
    );
    expect(await readdir(join(dir, 'models'))).toEqual([`imported-${imported.id}.bin`]);
  });

  it('keeps the thread count and verbatim setting (verbatim is on until turned off)', async () => {
    const core = await freshCore();
    expect((await value<TranscriptionSettings>(core.dispatch('models.settings', undefined))).verbatim).toBe(true);
    const s = await value<TranscriptionSettings>(
      core.dispatch('models.updateSettings', { threads: 3, verbatim: false }),
    );
    expect(s).toMatchObject({ threads: 3, verbatim: false });
    expect((await core.dispatch('models.updateSettings', { threads: 0 })).ok).toBe(false);
  });
});
