import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { probeMedia, MediaError } from '../../../../src/main/core/media/probe';
import {
  BinaryExitError,
  resolveFfmpegPath,
  resolveFfprobePath,
  runBinary,
} from '../../../../src/main/core/media/ffmpeg';
import {
  ffmpeg,
  makeMedia,
  makeRandomBytes,
  makeTempDir,
  makeVideoWithoutAudio,
  makeZeroByte,
  removeDir,
} from '../../../fixtures/media';

let work: string;
beforeAll(async () => {
  work = await makeTempDir();
});
afterAll(async () => removeDir(work));

describe('ffmpeg runner', () => {
  it('resolves the bundled binaries unless overridden by env', () => {
    const saved = process.env['FFMPEG_PATH'];
    try {
      delete process.env['FFMPEG_PATH'];
      expect(resolveFfmpegPath()).toMatch(/ffmpeg$/);
      expect(resolveFfprobePath()).toMatch(/ffprobe$/);
      process.env['FFMPEG_PATH'] = '/usr/bin/ffmpeg';
      expect(resolveFfmpegPath()).toBe('/usr/bin/ffmpeg');
    } finally {
      if (saved === undefined) delete process.env['FFMPEG_PATH'];
      else process.env['FFMPEG_PATH'] = saved;
    }
  });

  it('passes arguments verbatim, with no shell in between', async () => {
    const { stdout } = await runBinary('/bin/echo', ['$(touch pwned)', '`id`;', '"q"', "'s'"], {});
    expect(stdout.toString()).toBe(`$(touch pwned) \`id\`; "q" 's'\n`);
    expect(existsSync(join(process.cwd(), 'pwned'))).toBe(false);
  });

  it('reports a non-zero exit with the tail of stderr', async () => {
    const err = await runBinary(resolveFfmpegPath(), ['-v', 'error', '-i', join(work, 'missing.wav')]).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BinaryExitError);
    expect((err as BinaryExitError).stderrTail).toMatch(/No such file/);
  });

  it('reports a missing binary as tool_missing', async () => {
    await expect(runBinary(join(work, 'no-such-ffmpeg'), ['-version'])).rejects.toMatchObject({ code: 'tool_missing' });
  });

  it('kills the child on abort', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const promise = runBinary('/bin/sleep', ['30'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(promise).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('probeMedia', () => {
  it('describes an audio file', async () => {
    const file = await makeMedia(work, 'm4a', { durationSec: 3, channels: 2, sampleRate: 44100 });
    const probe = await probeMedia(file);
    expect(probe).toMatchObject({ channels: 2, sampleRate: 44100, codec: 'aac', hasVideo: false });
    expect(probe.formatName).toContain('mp4');
    expect(probe.durationSec).toBeCloseTo(3, 1);
  });

  it('describes a video file', async () => {
    const file = await makeMedia(work, 'mp4', { durationSec: 2 });
    const probe = await probeMedia(file);
    expect(probe).toMatchObject({
      hasVideo: true,
      videoCodec: 'h264',
      width: 160,
      height: 120,
      codec: 'aac',
      channels: 1,
    });
  });

  it('does not count mp3 cover art as video', async () => {
    const tone = await makeMedia(work, 'mp3', { durationSec: 2, name: 'plain' });
    const cover = join(work, 'cover.png');
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=64x64:d=1', '-frames:v', '1', cover]);
    const withArt = join(work, 'with-art.mp3');
    await ffmpeg([
      '-i',
      tone,
      '-i',
      cover,
      '-map',
      '0',
      '-map',
      '1',
      '-c',
      'copy',
      '-disposition:v',
      'attached_pic',
      '-id3v2_version',
      '3',
      withArt,
    ]);
    const probe = await probeMedia(withArt);
    expect(probe.hasVideo).toBe(false);
    expect(probe.codec).toBe('mp3');
  });

  it.each([
    ['no audio track', () => makeVideoWithoutAudio(work), 'no_audio', 'This file has no audio track'],
    ['zero bytes', () => makeZeroByte(work), 'empty', undefined],
    ['random bytes named .mp3', () => makeRandomBytes(work), 'unsupported', undefined],
    ['a missing file', () => Promise.resolve(join(work, 'gone.mp3')), 'not_found', undefined],
  ] as const)('rejects %s', async (_label, make, code, message) => {
    const err = await probeMedia(await make()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaError);
    expect(err).toMatchObject({ code, name: 'MediaError' });
    if (message) expect((err as MediaError).message).toBe(message);
  });
});

describe('core boundary', () => {
  it('never imports electron (core runs in plain Node)', async () => {
    const dir = join(process.cwd(), 'src/main/core/media');
    for (const name of await readdir(dir)) {
      const text = await readFile(join(dir, name), 'utf8');
      expect(text, name).not.toMatch(/from ['"]electron['"]|require\(['"]electron['"]\)/);
    }
  });
});
