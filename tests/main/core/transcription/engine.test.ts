import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EngineError,
  createWhisperCliEngine,
  resolveWhisperCliPath,
  wavDurationSec,
} from '../../../../src/main/core/transcription/engine';
import type { Segment } from '../../../../src/main/core/transcription/engine';
import { tinyWhisperModelPath } from '../../../fixtures/tiny-whisper-model';
import {
  FIND_OUTPUT_BASE,
  VALID_JSON,
  ensureWhisperCli,
  makeSpeechWav,
  writeScript,
} from '../../../fixtures/whisper/helpers';

let cli = '';
let model = '';
let work = '';
let speech = '';
let speechSec = 0;
let scripts = '';

beforeAll(async () => {
  cli = ensureWhisperCli();
  model = await tinyWhisperModelPath();
  work = await mkdtemp(join(tmpdir(), 'gamefilm-engine-test-'));
  scripts = join(work, 'bin');
  await mkdir(scripts);
  speech = makeSpeechWav(join(work, 'speech.wav'));
  speechSec = await wavDurationSec(speech);
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** True when some process has `needle` in its command line (pgrep; false when pgrep is absent). */
function stillRunning(needle: string): boolean {
  const r = spawnSync('pgrep', ['-f', needle]);
  return !r.error && r.status === 0;
}

/** A fresh, empty temp folder for one engine, so leftovers can be checked. */
async function freshTmp(): Promise<string> {
  return mkdtemp(join(work, 'tmp-'));
}

async function rejection(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected the transcription to fail');
}

function checkSegments(segments: Segment[], durationSec: number): void {
  expect(segments.length).toBeGreaterThan(0);
  let prevEnd = 0;
  for (const s of segments) {
    expect(s.text.trim()).not.toBe('');
    expect(s.start).toBeGreaterThanOrEqual(prevEnd);
    expect(s.end).toBeGreaterThanOrEqual(s.start);
    expect(s.end).toBeLessThanOrEqual(durationSec + 1e-6);
    let prevWordEnd = s.start;
    for (const w of s.words) {
      expect(w.text).not.toMatch(/^\s|\s$|\[_|<\|/);
      expect(w.start).toBeGreaterThanOrEqual(prevWordEnd);
      expect(w.end).toBeGreaterThanOrEqual(w.start);
      expect(w.end).toBeLessThanOrEqual(s.end);
      if (w.confidence !== undefined) {
        expect(w.confidence).toBeGreaterThanOrEqual(0);
        expect(w.confidence).toBeLessThanOrEqual(1);
      }
      prevWordEnd = w.end;
    }
    prevEnd = s.end;
  }
}

describe('whisper-cli engine (real whisper.cpp, tiny random model)', () => {
  it('resolves the vendored CLI from the repo root', () => {
    if (!process.env.WHISPER_CLI_PATH) expect(resolveWhisperCliPath()).toBe(cli);
    expect(resolveWhisperCliPath('/x/y')).toBe('/x/y');
  });

  it('transcribes ~20 s of speech into timed segments and words', async () => {
    expect(speechSec).toBeGreaterThan(12);
    const tmp = await freshTmp();
    const engine = createWhisperCliEngine({ cliPath: cli, tmpDir: tmp });
    const progress: number[] = [];
    const t0 = performance.now();
    const segments = await engine.transcribe({
      inputPath: speech,
      modelPath: model,
      threads: 2,
      language: 'en',
      onProgress: (f) => progress.push(f),
    });
    const ms = performance.now() - t0;
    console.info(
      `[whisper] ${speechSec.toFixed(1)} s of speech transcribed in ${(ms / 1000).toFixed(2)} s (tiny random model, 2 threads); ` +
        `${segments.length} segment(s), ${segments.reduce((n, s) => n + s.words.length, 0)} words`,
    );

    checkSegments(segments, speechSec);
    expect(segments.some((s) => s.words.length > 0)).toBe(true);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[progress.length - 1]).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1] ?? 0);
    expect(await readdir(tmp)).toEqual([]);
  }, 120_000);

  it('cancels a live run: the process is killed, the error is "cancelled", no temp files remain', async () => {
    const tmp = await freshTmp();
    const controller = new AbortController();
    let abortedAt = 0;
    const engine = createWhisperCliEngine({
      cliPath: cli,
      tmpDir: tmp,
      onLog: (source, line) => {
        // whisper-cli has loaded the model and is about to encode/decode: cancel mid-run
        if (source === 'whisper-cli' && /^main: processing/.test(line) && !abortedAt) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    });
    const err = await rejection(
      engine.transcribe({ inputPath: speech, modelPath: model, threads: 2, signal: controller.signal }),
    );
    expect(abortedAt).toBeGreaterThan(0);
    expect(err.code).toBe('cancelled');
    expect(performance.now() - abortedAt).toBeLessThan(3_000);
    expect(await readdir(tmp)).toEqual([]);
    // nothing still runs on files under this temp folder
    expect(stillRunning(tmp)).toBe(false);
  }, 60_000);

  it('rejects at once when the signal is already aborted', async () => {
    const tmp = await freshTmp();
    const engine = createWhisperCliEngine({ cliPath: cli, tmpDir: tmp });
    const err = await rejection(
      engine.transcribe({ inputPath: speech, modelPath: model, threads: 1, signal: AbortSignal.abort() }),
    );
    expect(err.code).toBe('cancelled');
    expect(await readdir(tmp)).toEqual([]);
  });

  it('handles a file name with spaces, quotes, $(…) and emoji without running anything', async () => {
    const dir = join(work, `we ird "dq" 'sq' $(touch pwned) ; touch pwned2 🎧`);
    await mkdir(dir);
    const input = join(dir, `call $(touch pwned) \`touch pwned3\` "a" 'b' & 🎧.wav`);
    await copyFile(speech, input);
    const tmp = await freshTmp();
    const engine = createWhisperCliEngine({ cliPath: cli, tmpDir: tmp });
    const segments = await engine.transcribe({
      inputPath: input,
      modelPath: model,
      threads: 2,
      initialPrompt: `"; $(touch pwned) 'x'`,
    });
    checkSegments(segments, speechSec);
    for (const where of [process.cwd(), dir, work, tmp]) {
      for (const name of ['pwned', 'pwned2', 'pwned3']) expect(existsSync(join(where, name))).toBe(false);
    }
    expect(await readdir(tmp)).toEqual([]);
  }, 120_000);

  it('passes arguments verbatim as an array (-l, --prompt, -t, greedy flags)', async () => {
    const argsFile = join(work, 'args.txt');
    const recorder = await writeScript(
      scripts,
      'record-args.sh',
      `printf '%s\\n' "$@" > '${argsFile}'\n${FIND_OUTPUT_BASE}\ncat > "$OF.json" <<'EOF'\n${VALID_JSON}\nEOF`,
    );
    const engine = createWhisperCliEngine({ cliPath: recorder, tmpDir: await freshTmp() });
    const prompt = `Acme's "Q3" $(touch pwned) plan`;
    const segments = await engine.transcribe({
      inputPath: speech,
      modelPath: model,
      threads: 3,
      language: 'de',
      initialPrompt: prompt,
    });
    const args = (await readFile(argsFile, 'utf8')).split('\n').slice(0, -1);
    expect(args.slice(0, 2)).toEqual(['-m', model]);
    expect(args[args.indexOf('-t') + 1]).toBe('3');
    expect(args[args.indexOf('-l') + 1]).toBe('de');
    expect(args[args.indexOf('--prompt') + 1]).toBe(prompt);
    for (const flag of ['-ojf', '-pp', '-nf']) expect(args).toContain(flag);
    expect(args[args.indexOf('-bs') + 1]).toBe('1');
    expect(args[args.indexOf('-bo') + 1]).toBe('1');
    expect(segments).toEqual([
      {
        start: 0,
        end: 1.5,
        text: 'Hello there.',
        confidence: 0.8,
        words: [
          { text: 'Hello', start: 0, end: 0.6, confidence: 0.9 },
          { text: 'there.', start: 0.6, end: 1.3, confidence: 0.75 },
        ],
      },
    ]);
  });

  describe('stand-in engines that misbehave', () => {
    it('a crash by signal → engine_failed with the signal and the last stderr lines', async () => {
      const crash = await writeScript(
        scripts,
        'crash.sh',
        `echo "whisper_model_load: loading model" >&2\nkill -SEGV $$`,
      );
      const tmp = await freshTmp();
      const err = await rejection(
        createWhisperCliEngine({ cliPath: crash, tmpDir: tmp }).transcribe({
          inputPath: speech,
          modelPath: model,
          threads: 1,
        }),
      );
      expect(err.code).toBe('engine_failed');
      expect(err.message).toMatch(/crashed \(SIGSEGV\)/);
      expect(err.message).toContain('whisper_model_load: loading model');
      expect(await readdir(tmp)).toEqual([]);
    });

    it('a non-zero exit → engine_failed with the exit code and stderr', async () => {
      const exit3 = await writeScript(
        scripts,
        'exit3.sh',
        `echo "error: failed to initialize whisper context" >&2\nexit 3`,
      );
      const err = await rejection(
        createWhisperCliEngine({ cliPath: exit3, tmpDir: await freshTmp() }).transcribe({
          inputPath: speech,
          modelPath: model,
          threads: 1,
        }),
      );
      expect(err.code).toBe('engine_failed');
      expect(err.message).toMatch(/exited with code 3/);
      expect(err.message).toContain('failed to initialize whisper context');
      expect(err.stderrTail).toContain('error: failed to initialize whisper context');
    });

    it('a hang → engine_stalled after stallTimeoutMs, process group killed', async () => {
      const hang = await writeScript(
        scripts,
        'hang.sh',
        `echo "whisper_init_state: starting" >&2\nsleep 60\necho done`,
      );
      const tmp = await freshTmp();
      const t0 = performance.now();
      const err = await rejection(
        createWhisperCliEngine({ cliPath: hang, tmpDir: tmp, stallTimeoutMs: 700 }).transcribe({
          inputPath: speech,
          modelPath: model,
          threads: 1,
        }),
      );
      expect(err.code).toBe('engine_stalled');
      expect(err.message).toMatch(/made no progress/);
      expect(err.message).toContain('whisper_init_state: starting');
      expect(performance.now() - t0).toBeLessThan(10_000);
      expect(await readdir(tmp)).toEqual([]);
      expect(stillRunning(tmp)).toBe(false);
    });

    it('garbage instead of JSON → engine_failed "unreadable transcript"', async () => {
      const garbage = await writeScript(
        scripts,
        'garbage.sh',
        `${FIND_OUTPUT_BASE}\nprintf 'this is { not json' > "$OF.json"\necho "whisper_print_timings: total time = 1 ms" >&2`,
      );
      const tmp = await freshTmp();
      const err = await rejection(
        createWhisperCliEngine({ cliPath: garbage, tmpDir: tmp }).transcribe({
          inputPath: speech,
          modelPath: model,
          threads: 1,
        }),
      );
      expect(err.code).toBe('engine_failed');
      expect(err.message).toMatch(/unreadable transcript/);
      expect(await readdir(tmp)).toEqual([]);
    });

    it('exit 0 without a JSON file → engine_failed', async () => {
      const silent = await writeScript(scripts, 'silent.sh', `echo "error: unknown language 'xx'" >&2\nexit 0`);
      const err = await rejection(
        createWhisperCliEngine({ cliPath: silent, tmpDir: await freshTmp() }).transcribe({
          inputPath: speech,
          modelPath: model,
          threads: 1,
        }),
      );
      expect(err.code).toBe('engine_failed');
      expect(err.message).toMatch(/without writing a transcript[\s\S]*unknown language/);
    });
  });

  describe('bad inputs', () => {
    it('a missing CLI → engine_missing', async () => {
      const err = await rejection(
        createWhisperCliEngine({ cliPath: join(work, 'nope', 'whisper-cli') }).transcribe({
          inputPath: speech,
          modelPath: model,
          threads: 1,
        }),
      );
      expect(err.code).toBe('engine_missing');
      expect(err.message).toMatch(/build-whisper/);
    });

    it('a missing ffmpeg → engine_missing', async () => {
      const err = await rejection(
        createWhisperCliEngine({ cliPath: cli, ffmpegPath: join(work, 'nope', 'ffmpeg') }).transcribe({
          inputPath: speech,
          modelPath: model,
          threads: 1,
        }),
      );
      expect(err.code).toBe('engine_missing');
      expect(err.message).toMatch(/could not start ffmpeg/);
    });

    it('a missing model → model_missing', async () => {
      const err = await rejection(
        createWhisperCliEngine({ cliPath: cli }).transcribe({
          inputPath: speech,
          modelPath: join(work, 'none.bin'),
          threads: 1,
        }),
      );
      expect(err.code).toBe('model_missing');
    });

    it('a file that is not audio → decode_failed', async () => {
      const tmp = await freshTmp();
      const notAudio = join(work, 'notes.txt.mp3');
      await copyFile(model, notAudio);
      const err = await rejection(
        createWhisperCliEngine({ cliPath: cli, tmpDir: tmp }).transcribe({
          inputPath: notAudio,
          modelPath: model,
          threads: 1,
        }),
      );
      expect(err.code).toBe('decode_failed');
      expect(err.message).toMatch(/ffmpeg|no audio/);
      expect(await readdir(tmp)).toEqual([]);
    });
  });
});
