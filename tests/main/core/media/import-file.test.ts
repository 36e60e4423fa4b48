import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { copyFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { importMediaFile, removeStaleImportTemps } from '../../../../src/main/core/media/import-file';
import type { ImportProgress } from '../../../../src/main/core/media/import-file';
import { MediaError } from '../../../../src/main/core/media/errors';
import type { MediaErrorCode } from '../../../../src/main/core/media/errors';
import { readPeaks } from '../../../../src/main/core/media/peaks';
import {
  ffprobeDuration,
  makeLongMp3,
  makeMedia,
  makeRandomBytes,
  makeSpeech,
  makeStereoSplit,
  makeTempDir,
  makeTextAsAudio,
  makeTruncated,
  makeVideoWithoutAudio,
  makeZeroByte,
  removeDir,
  shrinkFile,
} from '../../../fixtures/media';
import type { MediaKind } from '../../../fixtures/media';

let work: string;
let sources: string;
const made = new Map<MediaKind, string>();
let longFile: string;

/** Folder listing with sizes and content hashes: "byte-for-byte as before". */
async function snapshot(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).sort();
  return Promise.all(
    names.map(
      async (n) =>
        `${n} ${createHash('sha256')
          .update(await readFile(join(dir, n)))
          .digest('hex')}`,
    ),
  );
}

async function expectRejected(promise: Promise<unknown>, code: MediaErrorCode): Promise<MediaError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MediaError);
  expect((err as MediaError).code).toBe(code);
  expect((err as MediaError).message.length).toBeGreaterThan(5);
  return err as MediaError;
}

beforeAll(async () => {
  work = await makeTempDir();
  sources = join(work, 'sources');
  await import('node:fs/promises').then((fs) => fs.mkdir(sources));
  const kinds: MediaKind[] = ['wav', 'mp3', 'm4a', 'ogg', 'webm', 'flac', 'mp4', 'mov'];
  const files = await Promise.all(
    kinds.map((k) => makeMedia(sources, k, { durationSec: 6, channels: k === 'flac' ? 2 : 1 })),
  );
  kinds.forEach((k, i) => made.set(k, files[i] as string));
  longFile = await makeLongMp3(sources, 600, 'ten-minutes', 30); // ~2.4 MB: several copy chunks, ~1 s decode
}, 60_000);

afterAll(async () => {
  await removeDir(work);
});

describe('importMediaFile — formats', () => {
  const kinds: MediaKind[] = ['wav', 'mp3', 'm4a', 'ogg', 'webm', 'flac', 'mp4', 'mov'];
  it.each(kinds)('imports %s with the right duration, channels and peaks', async (kind) => {
    const src = made.get(kind) as string;
    const mediaDir = join(work, `media-${kind}`);
    const progress: ImportProgress[] = [];
    const result = await importMediaFile(src, mediaDir, { onProgress: (p) => progress.push(p) });

    const original = await readFile(src);
    expect(result.sha256).toBe(createHash('sha256').update(original).digest('hex'));
    expect(result.fileName).toBe(`${result.sha256}.${kind}`);
    expect(result.duplicate).toBe(false);
    expect(result.sizeBytes).toBe(original.length);
    expect(Buffer.compare(await readFile(join(mediaDir, result.fileName)), original)).toBe(0);
    expect((await readdir(mediaDir)).sort()).toEqual([`${result.sha256}.peaks`, result.fileName].sort());

    expect(Math.abs(result.durationSec - (await ffprobeDuration(src)))).toBeLessThan(0.05);
    expect(result.probe.channels).toBe(kind === 'flac' ? 2 : 1);
    expect(result.peaks.channels).toBe(kind === 'flac' ? 2 : 1);
    expect(result.probe.hasVideo).toBe(kind === 'mp4' || kind === 'mov');
    if (kind === 'mp4') expect(result.probe.videoCodec).toBe('h264');

    // Progress is one monotonic fraction ending at 1, through every phase.
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['copy', 'probe', 'decode', 'finalize']));

    const overview = await readPeaks(join(mediaDir, result.peaksFileName), { maxBuckets: 2000 });
    expect(overview.peaks.length).toBe(result.peaks.channels);
    expect(Math.max(...(overview.peaks[0] as Float32Array))).toBeGreaterThan(0.7);
  });

  it('imports speech re-encoded to mp3 with the true (gapless) duration', async () => {
    const src = await makeSpeech(sources, 'Thanks for taking my call. What does your budget look like?', 'mp3');
    const wav = join(sources, 'speech-raw.wav');
    const result = await importMediaFile(src, join(work, 'media-speech'));
    // ffprobe's mp3 duration counts the encoder's delay and padding (~60 ms at
    // 22 kHz); the decode trims them, so it matches the original speech.
    expect(Math.abs(result.durationSec - (await ffprobeDuration(wav)))).toBeLessThan(0.05);
    expect(Math.abs(result.durationSec - (await ffprobeDuration(src)))).toBeLessThan(0.1);
  });
});

describe('importMediaFile — stereo', () => {
  it('keeps two channels with each speaker where they spoke', async () => {
    const src = await makeStereoSplit(sources, 'dialer', 'mp3');
    const mediaDir = join(work, 'media-stereo');
    const result = await importMediaFile(src, mediaDir);
    expect(result.probe.channels).toBe(2);
    expect(result.peaks.channels).toBe(2);
    const w = await readPeaks(join(mediaDir, result.peaksFileName), { pixelsPerSecond: 10 });
    const [left, right] = w.peaks as [Float32Array, Float32Array];
    const at = (arr: Float32Array, sec: number): number => arr[Math.floor(sec * w.bucketsPerSecond)] as number;
    for (const sec of [1, 2.5, 4]) {
      expect(at(left, sec)).toBeGreaterThan(0.5);
      expect(at(right, sec)).toBeLessThan(0.05);
    }
    for (const sec of [6, 7.5, 9]) {
      expect(at(left, sec)).toBeLessThan(0.05);
      expect(at(right, sec)).toBeGreaterThan(0.5);
    }
  });
});

describe('importMediaFile — duplicates', () => {
  it('adds nothing when the same bytes are imported again, under any name', async () => {
    const mediaDir = join(work, 'media-dup');
    const first = await importMediaFile(made.get('mp3') as string, mediaDir);
    const before = await snapshot(mediaDir);
    const renamed = join(sources, 'same bytes, other name.MP3');
    await copyFile(made.get('mp3') as string, renamed);
    const second = await importMediaFile(renamed, mediaDir);
    expect(second.duplicate).toBe(true);
    expect(second.sha256).toBe(first.sha256);
    expect(second.fileName).toBe(first.fileName);
    expect(second.durationSec).toBeCloseTo(first.durationSec, 6);
    expect(await snapshot(mediaDir)).toEqual(before);
  });
});

describe('importMediaFile — bad input leaves the media folder unchanged', () => {
  let mediaDir: string;
  let before: string[];
  beforeAll(async () => {
    mediaDir = join(work, 'media-bad');
    await importMediaFile(made.get('wav') as string, mediaDir); // a non-empty library
    before = await snapshot(mediaDir);
  });

  const cases: Array<[string, () => Promise<string>, MediaErrorCode]> = [
    ['zero-byte file', () => makeZeroByte(sources, 'zero.wav'), 'empty'],
    ['random bytes named .mp3', () => makeRandomBytes(sources, 'random.mp3'), 'unsupported'],
    ['text named .mp3', () => makeTextAsAudio(sources, 'text.mp3'), 'unsupported'],
    [
      'truncated m4a (no moov atom)',
      () => makeTruncated(made.get('m4a') as string, join(sources, 'cut.m4a'), 0.5),
      'corrupt',
    ],
    ['video without audio', () => makeVideoWithoutAudio(sources), 'no_audio'],
    ['a file that does not exist', () => Promise.resolve(join(sources, 'nope.mp3')), 'not_found'],
  ];
  it.each(cases)('%s', async (_label, make, code) => {
    const src = await make();
    await expectRejected(importMediaFile(src, mediaDir), code);
    expect(await snapshot(mediaDir)).toEqual(before);
  });

  it('imports a truncated wav that still decodes, with its real length', async () => {
    // A recording cut off mid-upload is still worth reviewing: what decodes is kept.
    const cut = await makeTruncated(made.get('wav') as string, join(sources, 'cut.wav'), 0.5);
    const result = await importMediaFile(cut, join(work, 'media-cut-wav'));
    expect(result.durationSec).toBeGreaterThan(2.9);
    expect(result.durationSec).toBeLessThan(3.1);
  });

  it('cancels mid-decode and cleans up', async () => {
    const controller = new AbortController();
    const phases: string[] = [];
    const promise = importMediaFile(longFile, mediaDir, {
      signal: controller.signal,
      onProgress: (p) => {
        phases.push(p.phase);
        if (p.phase === 'decode' && p.phaseFraction > 0.1) controller.abort();
      },
    });
    await expectRejected(promise, 'cancelled');
    expect(phases).toContain('decode');
    expect(await snapshot(mediaDir)).toEqual(before);
  });

  it('cancels mid-copy and cleans up', async () => {
    const controller = new AbortController();
    const promise = importMediaFile(longFile, mediaDir, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'copy' && p.phaseFraction > 0) controller.abort();
      },
    });
    await expectRejected(promise, 'cancelled');
    expect(await snapshot(mediaDir)).toEqual(before);
  });

  it('reports a source that shrinks mid-copy as vanished', async () => {
    const victim = join(sources, 'victim.mp3');
    await copyFile(longFile, victim);
    let shrunk = false;
    const promise = importMediaFile(victim, mediaDir, {
      onProgress: (p) => {
        if (p.phase === 'copy' && !shrunk) {
          shrunk = true;
          void shrinkFile(victim, 1000);
        }
      },
    });
    await expectRejected(promise, 'vanished');
    expect(await snapshot(mediaDir)).toEqual(before);
  });
});

describe('importMediaFile — hostile file names', () => {
  const names = [
    'call with spaces.mp3',
    `it's "quoted".mp3`,
    '$(touch pwned).mp3',
    '`touch pwned`; rm -rf nothing.mp3',
    '-i rep call.mp3',
    'concat:a.mp3|b.mp3',
    'Anruf mit Käufer — 電話 📞.mp3',
  ];
  it('imports every name normally and never runs anything', async () => {
    const dir = join(work, 'hostile');
    const mediaDir = join(work, 'media-hostile');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    const original = await readFile(made.get('mp3') as string);
    for (const [i, name] of names.entries()) {
      const src = join(dir, name);
      // Distinct bytes per name so none of them is a duplicate.
      await writeFile(src, Buffer.concat([original, Buffer.from(`pad${i}`)]));
      const result = await importMediaFile(src, mediaDir);
      expect(result.duplicate).toBe(false);
      expect(result.ext).toBe('mp3');
      expect((await stat(join(mediaDir, result.fileName))).size).toBe(original.length + `pad${i}`.length);
    }
    for (const place of [dir, mediaDir, process.cwd(), work]) expect(existsSync(join(place, 'pwned'))).toBe(false);
  });
});

describe('importMediaFile — container claims more than decodes', () => {
  it('warns when an mp3 header promises a longer call than the bytes hold', async () => {
    // libmp3lame writes an Info/Xing frame count up front; cutting the file keeps that claim.
    const src = await makeMedia(sources, 'mp3', { durationSec: 20, name: 'claims-20s' });
    const cut = await makeTruncated(src, join(sources, 'claims-20s-cut.mp3'), 0.4);
    const result = await importMediaFile(cut, join(work, 'media-cut-mp3'));
    expect(result.durationSec).toBeLessThan(10);
    expect(result.probe.durationSec).toBeGreaterThan(19);
    expect(result.warnings.join(' ')).toMatch(/truncated/);
  });
});

describe('importMediaFile — housekeeping', () => {
  it('takes the extension from the content when the name has none', async () => {
    const src = join(sources, 'recording-without-extension');
    await copyFile(made.get('m4a') as string, src);
    const result = await importMediaFile(src, join(work, 'media-noext'));
    expect(result.ext).toBe('m4a');
    expect(result.fileName).toBe(`${result.sha256}.m4a`);
  });

  it('does not leave a new media folder behind when the first import fails', async () => {
    const mediaDir = join(work, 'never-created');
    await expectRejected(importMediaFile(await makeRandomBytes(sources, 'junk.wav'), mediaDir), 'unsupported');
    expect(existsSync(mediaDir)).toBe(false);
  });

  it('sweeps temp files left by a crashed import, and nothing else', async () => {
    const mediaDir = join(work, 'media-stale');
    const result = await importMediaFile(made.get('ogg') as string, mediaDir);
    await writeFile(join(mediaDir, '.import-0123456789abcdef.mp3'), 'half a copy');
    await writeFile(join(mediaDir, '.tmp-0123456789ab-deadbeef.peaks'), 'half a peaks file');
    expect((await removeStaleImportTemps(mediaDir)).length).toBe(2);
    expect((await readdir(mediaDir)).sort()).toEqual([result.fileName, result.peaksFileName].sort());
  });
});
