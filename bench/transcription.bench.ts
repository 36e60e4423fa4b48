import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/main/core';
import type { Core } from '../src/main/core';
import type { TranscriptionJob } from '../src/shared/domain';
import { tinyWhisperModelPath } from '../tests/fixtures/tiny-whisper-model';
import { SALES_CALL_TEXT, ensureWhisperCli, makeSpeechWav } from '../tests/fixtures/whisper/helpers';
import { addRecording } from '../tests/main/core/transcription/helpers';
import type { BenchRow } from './harness';
import { row } from './harness';

const THREADS = 2;
// Odd, and interleaved: ggml threads stall under other load, so single runs vary a lot.
const RUNS = 5;

/** whisper-cli alone: same model, threads, file and greedy flags the engine passes; no queue, no ffmpeg, no database. */
function bareRun(cli: string, model: string, wav: string, outBase: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = [
      '-m',
      model,
      '-f',
      wav,
      '-t',
      String(THREADS),
      '-l',
      'en',
      '-ojf',
      '-of',
      outBase,
      '-bs',
      '1',
      '-bo',
      '1',
      '-nf',
    ];
    const child = spawn(cli, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`whisper-cli exited with ${code}`))));
  });
}

/** Through the product path: dispatch → queue (SQLite) → ffmpeg decode → whisper-cli → parse → store transcript. */
async function queuedRun(core: Core, sha256: string, verbatim: boolean): Promise<void> {
  const result = await core.dispatch('transcripts.transcribe', { mediaSha256: sha256, verbatim });
  if (!result.ok) throw new Error(result.error.message);
  const job = result.value as TranscriptionJob;
  await new Promise<void>((resolve, reject) => {
    const off = core.onAnyEvent((name, payload) => {
      const j = payload as TranscriptionJob;
      if (name !== 'transcription.job' || j.id !== job.id) return;
      if (j.state === 'done') {
        off();
        resolve();
      } else if (j.state === 'failed' || j.state === 'cancelled') {
        off();
        reject(new Error(j.error ?? j.state));
      }
    });
  });
}

/** speech + `gapSec` of faint line hiss + speech, 16 kHz mono, made with sox. */
function makeGappyWav(dir: string, speech: string, gapSec: number): string {
  const sox = (args: string[]) => {
    const r = spawnSync('sox', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sox failed: ${r.stderr}`);
  };
  const s16 = join(dir, 'speech16.wav');
  const hiss = join(dir, 'hiss.wav');
  const out = join(dir, 'gappy.wav');
  sox([speech, '-r', '16000', '-c', '1', '-b', '16', s16]);
  sox(['-n', '-r', '16000', '-c', '1', '-b', '16', hiss, 'synth', String(gapSec), 'whitenoise', 'vol', '0.002']);
  sox([s16, hiss, s16, out]);
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Transcription wall time of ~2 minutes of espeak speech with the generated tiny
 * model: our queue path vs a bare whisper-cli run, interleaved in one run so
 * machine load hits both alike. Target ≤ 1.1×.
 */
export async function benchTranscription(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gamefilm-bench-whisper-'));
  try {
    const cli = ensureWhisperCli();
    const model = await tinyWhisperModelPath();
    // About two minutes of speech: a short call. On a 20 s clip the fixed per-job work (decode pass,
    // silence scan, transcript write) weighs more than the tiny model's own run, which no real call resembles.
    const wav = makeSpeechWav(join(dir, 'speech.wav'), Array.from({ length: 6 }, () => SALES_CALL_TEXT).join(' '));
    const core = createCore({ dataDir: join(dir, 'lib'), shell: 'web', transcription: { whisper: { cliPath: cli } } });
    try {
      await core.dispatch('models.import', { file: core.files.register(model) });
      await core.dispatch('models.updateSettings', { threads: THREADS });
      const rec = await addRecording(core, wav, 'Bench call');
      // Warm the page cache for both paths.
      await bareRun(cli, model, wav, join(dir, 'warm'));

      const bare: number[] = [];
      const ours: number[] = [];
      const verbatim: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        let t = performance.now();
        await bareRun(cli, model, wav, join(dir, `bare-${i}`));
        bare.push(performance.now() - t);
        t = performance.now();
        await queuedRun(core, rec.sha256, false);
        ours.push(performance.now() - t);
        t = performance.now();
        await queuedRun(core, rec.sha256, true);
        verbatim.push(performance.now() - t);
      }
      const note = `${rec.durationSec.toFixed(1)} s espeak speech, tiny random-weight model, ${THREADS} threads, median of ${RUNS}`;

      // A call with a minute of muted line in the middle: our path cuts it before whisper runs.
      const gappy = makeGappyWav(dir, wav, 60);
      const gappyRec = await addRecording(core, gappy, 'Bench call with a long hold');
      const bareGappy: number[] = [];
      const oursGappy: number[] = [];
      for (let i = 0; i < 3; i++) {
        let t = performance.now();
        await bareRun(cli, model, gappy, join(dir, `bare-gappy-${i}`));
        bareGappy.push(performance.now() - t);
        t = performance.now();
        await queuedRun(core, gappyRec.sha256, false);
        oursGappy.push(performance.now() - t);
      }
      return [
        row('transcribe via queue vs bare whisper-cli', median(ours), median(bare), 'ms', note),
        row('verbatim (filler prompt) via queue vs bare whisper-cli', median(verbatim), median(bare), 'ms', note),
        row(
          'call with 60 s of silence: queue (silence cut) vs bare whisper-cli',
          median(oursGappy),
          median(bareGappy),
          'ms',
          `${gappyRec.durationSec.toFixed(1)} s: speech, 60 s faint hiss, speech; median of 3`,
        ),
      ];
    } finally {
      await core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
