import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelFileError, readGgmlModelInfo } from '../../../../src/main/core/transcription/model-file';
import { buildTinyWhisperModel, tinyWhisperModelPath } from '../../../fixtures/tiny-whisper-model';

let dir = '';
let model = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gamefilm-model-test-'));
  model = await tinyWhisperModelPath();
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function refused(path: string): Promise<ModelFileError> {
  try {
    await readGgmlModelInfo(path);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFileError);
    return error as ModelFileError;
  }
  throw new Error(`expected ${path} to be refused`);
}

describe('readGgmlModelInfo', () => {
  it('reads back the generated tiny model', async () => {
    const info = await readGgmlModelInfo(model);
    expect(info.hparams).toEqual({
      n_vocab: 51864,
      n_audio_ctx: 1500,
      n_audio_state: 64,
      n_audio_head: 2,
      n_audio_layer: 1,
      n_text_ctx: 448,
      n_text_state: 64,
      n_text_head: 2,
      n_text_layer: 1,
      n_mels: 80,
      ftype: 1,
    });
    expect(info.kind).toBe('custom');
    expect(info.multilingual).toBe(false);
    expect(info.weightType).toBe(1);
    expect(info.melFilters).toEqual({ nMel: 80, nFft: 201 });
    expect(info.tensorCount).toBe(7 + 15 + 4 + 24);
    const bytes = await readFile(model);
    expect(info.sizeBytes).toBe(bytes.length);
    console.info(`[whisper] tiny test model: ${(info.sizeBytes / 1e6).toFixed(2)} MB`);
  });

  it('is deterministic and honours options (multilingual, 3 text layers)', async () => {
    expect(buildTinyWhisperModel().equals(await readFile(model))).toBe(true);
    const p = join(dir, 'multi.bin');
    await writeFile(p, buildTinyWhisperModel({ vocab: 51865, textLayers: 3, seed: 7 }));
    const info = await readGgmlModelInfo(p);
    expect(info.multilingual).toBe(true);
    expect(info.hparams.n_text_layer).toBe(3);
    expect(info.tensorCount).toBe(7 + 15 + 4 + 24 * 3);
    expect(() => buildTinyWhisperModel({ textLayers: 2 })).toThrow(/2 text layers/);
  });

  it('guesses the kind of standard sizes from the header alone', async () => {
    const p = join(dir, 'tiny-header.bin');
    const full = await readFile(model);
    const b = Buffer.from(full);
    b.writeInt32LE(384, 12); // n_audio_state
    b.writeInt32LE(6, 16); // n_audio_head
    b.writeInt32LE(4, 20); // n_audio_layer
    b.writeInt32LE(384, 28); // n_text_state
    b.writeInt32LE(6, 32); // n_text_head
    await writeFile(p, b);
    expect((await readGgmlModelInfo(p, { verifyTensors: false })).kind).toBe('tiny');
    // … but the tensors no longer match the header, so the full walk refuses it
    await expect(readGgmlModelInfo(p)).rejects.toThrow(ModelFileError);
  });

  it('refuses random bytes: bad magic', async () => {
    const p = join(dir, 'random.bin');
    await writeFile(p, randomBytes(4096));
    const err = await refused(p);
    expect(err.message).toMatch(/not a whisper ggml model: bad magic 0x[0-9a-f]{8}/);
  });

  it('refuses a GGUF file with a hint', async () => {
    const p = join(dir, 'x.gguf');
    await writeFile(p, Buffer.concat([Buffer.from('GGUF'), randomBytes(100)]));
    expect((await refused(p)).message).toMatch(/GGUF/);
  });

  it('refuses a zero-byte file', async () => {
    const p = join(dir, 'empty.bin');
    await writeFile(p, Buffer.alloc(0));
    expect((await refused(p)).message).toMatch(/empty/);
  });

  it('refuses a file cut inside the header', async () => {
    const p = join(dir, 'head.bin');
    await writeFile(p, (await readFile(model)).subarray(0, 30));
    expect((await refused(p)).message).toMatch(/truncated header/);
  });

  it('refuses a file cut inside the tensors (an interrupted download)', async () => {
    const p = join(dir, 'cut.bin');
    const full = await readFile(model);
    await writeFile(p, full.subarray(0, Math.floor(full.length * 0.7)));
    expect((await refused(p)).message).toMatch(/truncated file .*tensor '/);
  });

  it('refuses implausible hparams', async () => {
    const p = join(dir, 'weird.bin');
    const b = Buffer.from(await readFile(model));
    b.writeInt32LE(-5, 20); // n_audio_layer
    await writeFile(p, b);
    expect((await refused(p)).message).toMatch(/implausible n_audio_layer = -5/);
  });

  it('refuses a missing file and a directory', async () => {
    expect((await refused(join(dir, 'missing.bin'))).message).toMatch(/file not found/);
    expect((await refused(dir)).message).toMatch(/directory/);
  });
});
