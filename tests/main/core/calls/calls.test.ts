import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import { serveMedia } from '../../../../src/main/core/media/serve';
import type { Call, CallPeaks, Person } from '../../../../src/shared/domain';
import {
  makeMedia,
  makeRandomBytes,
  makeStereoSplit,
  makeTempDir,
  makeTextAsAudio,
  makeTruncated,
  makeZeroByte,
  removeDir,
} from '../../../fixtures/media';
import { importPaths, openCore, value } from './helpers';

let sources: string;
let wav: string;
let mp4: string;
let stereo: string;

beforeAll(async () => {
  sources = await makeTempDir('gamefilm-calls-src-');
  wav = await makeMedia(sources, 'wav', { durationSec: 4, name: 'Acme discovery – Q3 “final” $(touch pwned) 🎧' });
  mp4 = await makeMedia(sources, 'mp4', { durationSec: 3, name: 'demo video' });
  stereo = await makeStereoSplit(sources, 'dialer stereo');
});
afterAll(() => removeDir(sources));

async function withLibrary(run: (core: Core, dataDir: string) => Promise<void>) {
  const dataDir = await makeTempDir('gamefilm-calls-lib-');
  const core = openCore(dataDir);
  try {
    await run(core, dataDir);
  } finally {
    await core.close();
    await removeDir(dataDir);
  }
}

/** What "the library is unchanged" means: same rows, same files in the media folder. */
function snapshot(core: Core) {
  const count = (table: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    calls: count('calls'),
    media: count('media'),
    tags: count('call_tags'),
    files: readdirSync(core.mediaDir)
      .sort()
      .map((f) => `${f}:${statSync(join(core.mediaDir, f)).size}`),
  };
}

describe('importing calls', () => {
  it('imports several files, titles them from the file name, and says so for a duplicate', () =>
    withLibrary(async (core) => {
      const jobs = await importPaths(core, [wav, mp4, stereo]);
      expect(jobs.map((j) => j.state)).toEqual(['done', 'done', 'done']);
      const calls = value<Call[]>(await core.dispatch('calls.list', {}));
      expect(calls.map((c) => c.title).sort()).toEqual([
        'Acme discovery – Q3 “final” $(touch pwned) 🎧',
        'demo video',
        'dialer stereo',
      ]);
      expect(existsSync(join(sources, 'pwned'))).toBe(false);
      const video = calls.find((c) => c.title === 'demo video')!;
      expect(video.media).toMatchObject({ hasVideo: true, width: 160, height: 120 });
      expect(video.media.fileName).toMatch(/^[a-f0-9]{64}\.mp4$/);
      expect(calls.find((c) => c.title === 'dialer stereo')!.media.channels).toBe(2);

      const before = snapshot(core);
      const copy = join(sources, 'renamed copy.wav');
      await copyFile(wav, copy);
      const [dup] = await importPaths(core, [copy]);
      expect(dup).toMatchObject({ state: 'duplicate', callId: calls.find((c) => c.title.startsWith('Acme'))!.id });
      expect(dup!.message).toMatch(/Already in the library as “Acme discovery/);
      expect(snapshot(core)).toEqual(before);
    }));

  it('refuses bad input with a clear message and leaves the library byte-for-byte unchanged', () =>
    withLibrary(async (core) => {
      await importPaths(core, [wav]);
      const before = snapshot(core);
      const bad = [
        await makeZeroByte(sources, 'zero.wav'),
        await makeRandomBytes(sources, 'noise.mp3'),
        await makeTextAsAudio(sources, 'minutes.mp3'),
        await makeTruncated(mp4, join(sources, 'cut.mp4'), 0.3),
        join(sources, 'does-not-exist.wav'),
      ];
      const jobs = await importPaths(core, bad);
      expect(jobs.map((j) => j.state)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
      expect(jobs[0]!.message).toBe('The file is empty (0 bytes).');
      expect(jobs[1]!.message).toMatch(/not an audio or video file|damaged/);
      expect(jobs[2]!.message).toBe('This is not an audio or video file Gamefilm can read.');
      expect(jobs[3]!.message).toMatch(/damaged or incomplete/);
      expect(jobs[4]!.message).toBe('The file could not be found.');
      expect(snapshot(core)).toEqual(before);
    }));

  it('cancels a running import and keeps nothing of it', () =>
    withLibrary(async (core) => {
      const long = await makeMedia(sources, 'flac', { durationSec: 240, name: 'long' });
      const before = snapshot(core);
      const [job] = value<{ id: string }[]>(
        await core.dispatch('calls.import', { files: [core.files.register(long)] }),
      );
      await new Promise<void>((resolve) => {
        const off = core.onAnyEvent((event, payload) => {
          if (event === 'import.progress' && (payload as { state: string }).state === 'running') {
            off();
            resolve();
          }
        });
      });
      value(await core.dispatch('calls.cancelImport', { jobId: job!.id }));
      const [end] = await (await import('./helpers')).settled(core, [job as never]);
      expect(end!.state).toBe('cancelled');
      expect(snapshot(core)).toEqual(before);
    }));
});

describe('the library', () => {
  it('edits metadata, filters, searches and sorts', () =>
    withLibrary(async (core) => {
      await importPaths(core, [wav, mp4, stereo]);
      const rep = value<Person>(await core.dispatch('people.create', { name: 'Riley Rep', role: 'rep' }));
      const [a, b, c] = value<Call[]>(await core.dispatch('calls.list', { sort: 'title', direction: 'asc' }));
      value(
        await core.dispatch('calls.update', {
          id: a!.id,
          title: 'Acme discovery',
          repId: rep.id,
          customer: 'Acme Corp',
          callType: 'discovery',
          callDate: '2026-10-01',
          tags: ['pricing', 'Q3', 'pricing'],
          notes: 'Mentioned the incumbent twice',
        }),
      );
      value(await core.dispatch('calls.update', { id: b!.id, callType: 'demo', callDate: '2026-11-15', tags: ['Q3'] }));
      value(await core.dispatch('calls.update', { id: c!.id, callDate: '2026-09-01' }));

      const titles = async (filter: object) =>
        value<Call[]>(await core.dispatch('calls.list', filter)).map((x) => x.title);
      expect(await titles({ repId: rep.id })).toEqual(['Acme discovery']);
      expect(await titles({ callType: 'demo' })).toEqual(['demo video']);
      expect(await titles({ tag: 'q3' })).toEqual(['demo video', 'Acme discovery']);
      expect(await titles({ dateFrom: '2026-09-15', dateTo: '2026-10-31' })).toEqual(['Acme discovery']);
      expect(await titles({ search: 'acme incumbent' })).toEqual(['Acme discovery']);
      expect(await titles({ search: 'riley' })).toEqual(['Acme discovery']);
      expect(await titles({ search: '100%_' })).toEqual([]);
      expect(await titles({ sort: 'callDate', direction: 'asc' })).toEqual([
        'dialer stereo',
        'Acme discovery',
        'demo video',
      ]);
      expect(value<string[]>(await core.dispatch('calls.tags', {}))).toEqual(['pricing', 'Q3']);

      const bad = await core.dispatch('calls.list', { dateFrom: '2026-12-01', dateTo: '2026-01-01' });
      expect(bad).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: 'The start date is after the end date' },
      });
      expect(await core.dispatch('calls.update', { id: a!.id, title: '' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      expect(await core.dispatch('calls.update', { id: a!.id, callDate: '28/11/2026' })).toMatchObject({ ok: false });
    }));

  it('moves calls to the trash, restores them, and empties the trash for good', () =>
    withLibrary(async (core) => {
      await importPaths(core, [wav, mp4]);
      const [a, b] = value<Call[]>(await core.dispatch('calls.list', {}));
      value(await core.dispatch('calls.remove', { ids: [a!.id] }));
      expect(value<Call[]>(await core.dispatch('calls.list', {})).map((c) => c.id)).toEqual([b!.id]);
      expect(value<Call[]>(await core.dispatch('calls.list', { trash: true })).map((c) => c.id)).toEqual([a!.id]);
      value(await core.dispatch('calls.restore', { ids: [a!.id] }));
      expect(value<Call[]>(await core.dispatch('calls.list', {}))).toHaveLength(2);

      value(await core.dispatch('calls.remove', { ids: [a!.id] }));
      expect(value(await core.dispatch('calls.emptyTrash', {}))).toEqual({ deleted: 1 });
      expect(existsSync(join(core.mediaDir, a!.media.fileName))).toBe(false);
      expect(existsSync(join(core.mediaDir, `${a!.media.sha256}.peaks`))).toBe(false);
      expect(existsSync(join(core.mediaDir, b!.media.fileName))).toBe(true);
      expect(await core.dispatch('calls.get', { id: a!.id })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    }));

  it('remembers where playback was left', () =>
    withLibrary(async (core) => {
      await importPaths(core, [wav]);
      const [a] = value<Call[]>(await core.dispatch('calls.list', {}));
      value(await core.dispatch('calls.setPosition', { id: a!.id, positionSec: 2.5 }));
      expect(value<Call>(await core.dispatch('calls.get', { id: a!.id })).lastPositionSec).toBe(2.5);
    }));

  it('serves peaks per channel for the waveform', () =>
    withLibrary(async (core) => {
      await importPaths(core, [stereo]);
      const [call] = value<Call[]>(await core.dispatch('calls.list', {}));
      const peaks = value<CallPeaks>(await core.dispatch('calls.peaks', { id: call!.id }));
      expect(peaks.channels).toHaveLength(2);
      expect(peaks.durationSec).toBeCloseTo(10, 1);
      const half = Math.floor(peaks.channels[0]!.length / 2);
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      // Left speaks first, right second (dialer recording).
      expect(mean(peaks.channels[0]!.slice(0, half - 5))).toBeGreaterThan(0.5);
      expect(mean(peaks.channels[0]!.slice(half + 5))).toBeLessThan(0.05);
      expect(mean(peaks.channels[1]!.slice(half + 5))).toBeGreaterThan(0.5);
      const zoomed = value<CallPeaks>(await core.dispatch('calls.peaks', { id: call!.id, pixelsPerSecond: 100 }));
      expect(zoomed.bucketsPerSecond).toBeGreaterThanOrEqual(100);
    }));
});

describe('missing media', () => {
  it('shows "missing" when the file is gone and relinks to the same recording only', () =>
    withLibrary(async (core, dataDir) => {
      await importPaths(core, [wav, mp4]);
      const [call] = value<Call[]>(await core.dispatch('calls.list', { search: 'Acme' }));
      const file = join(core.mediaDir, call!.media.fileName);
      const away = join(sources, 'moved-away.wav');
      await rename(file, away);
      expect(value<Call>(await core.dispatch('calls.get', { id: call!.id })).status).toBe('missing');

      // A restarted core finds it on its own, too.
      await core.close();
      const again = openCore(dataDir);
      try {
        await again.ready;
        const listed = value<Call[]>(await again.dispatch('calls.list', { search: 'Acme' }));
        expect(listed[0]!.status).toBe('missing');

        const before = readdirSync(again.mediaDir).sort();
        const wrong = await again.dispatch('calls.relink', { id: call!.id, file: again.files.register(mp4) });
        expect(wrong).toMatchObject({ ok: false, error: { code: 'conflict' } });
        expect(readdirSync(again.mediaDir).sort()).toEqual(before);

        const fixed = value<Call>(
          await again.dispatch('calls.relink', { id: call!.id, file: again.files.register(away) }),
        );
        expect(fixed.status).toBe('ready');
        expect(existsSync(file)).toBe(true);
      } finally {
        await again.close();
      }
      await unlink(away);
    }));
});

describe('serving media', () => {
  it('answers ranges with 206 and refuses names outside the folder', () =>
    withLibrary(async (core) => {
      await importPaths(core, [wav]);
      const [call] = value<Call[]>(await core.dispatch('calls.list', {}));
      const name = call!.media.fileName;
      const size = call!.media.sizeBytes;
      const whole = await serveMedia(core.mediaDir, name, null);
      expect(whole.status).toBe(200);
      expect(whole.headers['content-length']).toBe(String(size));
      whole.body?.destroy();
      const part = await serveMedia(core.mediaDir, name, 'bytes=100-199');
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 100-199/${size}`);
      const chunks: Buffer[] = [];
      for await (const chunk of part.body!) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks)).toHaveLength(100);
      expect((await serveMedia(core.mediaDir, name, 'bytes=-10')).headers['content-range']).toBe(
        `bytes ${size - 10}-${size - 1}/${size}`,
      );
      expect((await serveMedia(core.mediaDir, name, `bytes=${size + 5}-`)).status).toBe(416);
      for (const evil of ['../gamefilm.sqlite', '..%2Fgamefilm.sqlite', '/etc/passwd', `${name}/..`, 'a.wav']) {
        expect((await serveMedia(core.mediaDir, evil, null)).status).toBe(400);
      }
      expect((await serveMedia(core.mediaDir, `${'0'.repeat(64)}.wav`, null)).status).toBe(404);
    }));
});
