import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWhisperCliEngine, toSourceTimes, wavDurationSec } from '../../../../src/main/core/transcription/engine';
import { condenseSilence, makeSilenceMap } from '../../../../src/main/core/transcription/silence';
import { tinyWhisperModelPath } from '../../../fixtures/tiny-whisper-model';
import { ensureWhisperCli } from '../../../fixtures/whisper/helpers';
import { speak } from './helpers';

let dir: string;
let gappy: string;
let gapSec: number;

const sox = (args: string[]) => {
  const r = spawnSync('sox', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sox ${args.join(' ')}: ${r.stderr}`);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-silence-'));
  const a = speak(join(dir, 'a.wav'), 'Let me check the contract terms with our legal team.');
  const b = speak(join(dir, 'b.wav'), 'Okay, I am back. The renewal date is in March.');
  const a16 = join(dir, 'a16.wav');
  const b16 = join(dir, 'b16.wav');
  sox([a, '-r', '16000', '-c', '1', '-b', '16', a16]);
  sox([b, '-r', '16000', '-c', '1', '-b', '16', b16]);
  gapSec = 25;
  // Speech, 25 s of a muted line (faint hiss, as a real line has), speech again.
  const hiss = join(dir, 'hiss.wav');
  sox(['-n', '-r', '16000', '-c', '1', '-b', '16', hiss, 'synth', String(gapSec), 'whitenoise', 'vol', '0.002']);
  gappy = join(dir, 'gappy.wav');
  sox([a16, hiss, b16, gappy]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('condensing silence', () => {
  it('cuts a long silence to a short gap and maps condensed times back to the recording', async () => {
    const out = join(dir, 'condensed.wav');
    const map = await condenseSilence(gappy, out);
    expect(map).not.toBeNull();
    const original = await wavDurationSec(gappy);
    expect(map!.originalSec).toBeCloseTo(original, 2);
    // Roughly the whole gap is gone (it keeps 0.6 s of it, plus espeak's own trailing quiet is trimmed too).
    expect(original - map!.condensedSec).toBeGreaterThan(gapSec - 1);
    expect(await wavDurationSec(out)).toBeCloseTo(map!.condensedSec, 2);

    // Before the gap nothing moves; after it, times shift by what was cut.
    expect(map!.toSource(0.5)).toBeCloseTo(0.5, 3);
    const cut = original - map!.condensedSec;
    expect(map!.toSource(map!.condensedSec - 0.5)).toBeCloseTo(original - 0.5, 2);
    expect(map!.toSource(map!.condensedSec - 0.5) - (map!.condensedSec - 0.5)).toBeCloseTo(cut, 2);
    // Monotonic everywhere.
    let last = -1;
    for (let t = 0; t <= map!.condensedSec; t += 0.05) {
      const s = map!.toSource(t);
      expect(s).toBeGreaterThanOrEqual(last);
      last = s;
    }
  });

  it('leaves speech with only short pauses alone', async () => {
    const plain = join(dir, 'a16.wav');
    expect(await condenseSilence(plain, join(dir, 'unused.wav'))).toBeNull();
  });

  it('maps segments and words and clamps them to the recording', () => {
    const map = makeSilenceMap(
      [
        { srcSec: 0, dstSec: 0, lengthSec: 4 },
        { srcSec: 30, dstSec: 4, lengthSec: 6 },
      ],
      36,
    );
    const [seg] = toSourceTimes(
      [
        {
          start: 3,
          end: 12,
          text: 'x y',
          words: [
            { text: 'x', start: 3, end: 3.5 },
            { text: 'y', start: 5, end: 11 },
          ],
        },
      ],
      map,
      36,
    );
    expect(seg).toMatchObject({ start: 3, end: 36 });
    expect(seg!.words.map((w) => [w.start, w.end])).toEqual([
      [3, 3.5],
      [31, 36],
    ]);
  });
});

describe('the engine on a call with a long silence', () => {
  it('hands whisper the condensed audio and returns times on the original recording', async () => {
    const cli = ensureWhisperCli();
    const model = await tinyWhisperModelPath();
    const processed: number[] = [];
    const engine = createWhisperCliEngine({
      cliPath: cli,
      // whisper-cli announces "processing '…' (N samples, S sec …)": what it really had to decode.
      onLog: (source, line) => {
        const m = source === 'whisper-cli' ? /\(\d+ samples, ([\d.]+) sec/.exec(line) : null;
        if (m) processed.push(Number(m[1]));
      },
    });
    const segments = await engine.transcribe({ inputPath: gappy, modelPath: model, threads: 2 });
    const duration = await wavDurationSec(gappy);
    expect(processed).toHaveLength(1);
    expect(processed[0]).toBeLessThan(duration - (gapSec - 1));
    const words = segments.flatMap((s) => s.words);
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) {
      expect(w.start).toBeGreaterThanOrEqual(0);
      expect(w.end).toBeLessThanOrEqual(duration);
    }
  }, 120_000);
});
