import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import type { Transcript, TranscriptionJob, WhisperModel } from '../../../../src/shared/domain';
import { tinyWhisperModelPath } from '../../../fixtures/tiny-whisper-model';
import {
  FIND_OUTPUT_BASE,
  VALID_JSON,
  ensureWhisperCli,
  makeSpeechWav,
  writeScript,
} from '../../../fixtures/whisper/helpers';
import { addRecording, nextEvent, openCore, settled, speak, value } from './helpers';

let cli = '';
let model = '';
let work = '';
let speech = '';
let shortA = '';
let shortB = '';
const cores: Core[] = [];

beforeAll(async () => {
  cli = ensureWhisperCli();
  model = await tinyWhisperModelPath();
  work = await mkdtemp(join(tmpdir(), 'gamefilm-queue-test-'));
  speech = makeSpeechWav(join(work, 'speech.wav'));
  shortA = speak(join(work, 'short-a.wav'), 'We are replacing the incumbent vendor next quarter.');
  shortB = speak(join(work, 'short-b.wav'), 'Send me the pricing sheet by Friday.');
}, 600_000);

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

let dirCount = 0;
async function freshCore(whisper: { cliPath: string; stallTimeoutMs?: number } = { cliPath: cli }, dataDir?: string) {
  const dir = dataDir ?? join(work, `lib-${++dirCount}`);
  await mkdir(dir, { recursive: true });
  const core = openCore(dir, { whisper });
  cores.push(core);
  return core;
}

async function installModel(core: Core): Promise<WhisperModel> {
  return value<WhisperModel>(core.dispatch('models.import', { file: core.files.register(model) }));
}

async function transcribe(core: Core, sha256: string): Promise<TranscriptionJob> {
  return value<TranscriptionJob>(core.dispatch('transcripts.transcribe', { mediaSha256: sha256 }));
}

describe('transcription queue (real whisper.cpp, generated model)', () => {
  it('transcribes ~20 s of speech through the queue: progress, ETA, timed segments within the duration', async () => {
    const core = await freshCore();
    await installModel(core);
    const rec = await addRecording(core, speech);
    const progress: TranscriptionJob[] = [];
    core.onAnyEvent((name, payload) => {
      if (name === 'transcription.job') progress.push(payload as TranscriptionJob);
    });
    const job = await transcribe(core, rec.sha256);
    expect(job.options.threads).toBeGreaterThanOrEqual(1);
    expect(job.options.language).toBe('en'); // an English-only model

    const t0 = performance.now();
    const done = await settled(core, job.id);
    console.info(
      `[queue] ${rec.durationSec.toFixed(1)} s of speech through the queue in ${((performance.now() - t0) / 1000).toFixed(2)} s`,
    );
    expect(done.state).toBe('done');
    expect(done.progress).toBe(1);
    expect(done.attempts).toBe(1);

    const running = progress.filter((p) => p.state === 'running');
    expect(running.length).toBeGreaterThan(1);
    for (let i = 1; i < running.length; i++) {
      expect(running[i]!.progress).toBeGreaterThanOrEqual(running[i - 1]!.progress);
    }

    const t = await value<Transcript>(core.dispatch('transcripts.get', { mediaSha256: rec.sha256 }));
    expect(t.segments.length).toBeGreaterThan(0);
    expect(t.speakers).toHaveLength(1); // mono: one speaker
    let prevEnd = 0;
    for (const s of t.segments) {
      expect(s.startSec).toBeGreaterThanOrEqual(prevEnd);
      expect(s.endSec).toBeGreaterThanOrEqual(s.startSec);
      expect(s.endSec).toBeLessThanOrEqual(rec.durationSec + 1e-6);
      expect(s.speakerId).toBe(t.speakers[0]!.id);
      for (const w of s.words) {
        expect(w.startSec).toBeGreaterThanOrEqual(s.startSec);
        expect(w.endSec).toBeLessThanOrEqual(s.endSec);
      }
      prevEnd = s.endSec;
    }
    expect(t.segments.some((s) => s.words.length > 0)).toBe(true);
  }, 120_000);

  it('cancel midway leaves no partial transcript, and the queue runs the next job', async () => {
    const core = await freshCore();
    await installModel(core);
    const a = await addRecording(core, shortA, 'Call A');
    const b = await addRecording(core, shortB, 'Call B');
    // Cancel as soon as decoding is done and whisper itself is running.
    const midway = nextEvent(core, 'transcription.job', (j) => j.state === 'running' && j.progress >= 0.05);
    const jobA = await transcribe(core, a.sha256);
    const jobB = await transcribe(core, b.sha256);
    expect(jobB.state).toBe('queued');
    await midway;
    const cancelled = await value<TranscriptionJob>(core.dispatch('jobs.cancel', { id: jobA.id }));
    expect(cancelled.state).toBe('cancelled');
    expect(await value(core.dispatch('transcripts.get', { mediaSha256: a.sha256 }))).toBeNull();
    const count = (table: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

    expect((await settled(core, jobB.id)).state).toBe('done');
    expect(await value(core.dispatch('transcripts.get', { mediaSha256: a.sha256 }))).toBeNull();
    expect(count('transcripts')).toBe(1);

    // Retry puts the cancelled job back; it then completes.
    const retried = await value<TranscriptionJob>(core.dispatch('jobs.retry', { id: jobA.id }));
    expect(['queued', 'running']).toContain(retried.state);
    const again = await settled(core, jobA.id);
    expect(again.state).toBe('done');
    expect(again.attempts).toBe(2);
  }, 120_000);

  it('a job survives a restart of the core: running goes back to queued and reruns, queued still runs', async () => {
    // First core: an engine that hangs, so one job is running and one queued when the core closes.
    const hang = await writeScript(work, 'hang.sh', `echo "whisper_init_state: loading" >&2\nsleep 60`);
    const dir = join(work, 'restart-lib');
    const first = await freshCore({ cliPath: hang }, dir);
    await installModel(first);
    const a = await addRecording(first, shortA, 'Call A');
    const b = await addRecording(first, shortB, 'Call B');
    const running = nextEvent(first, 'transcription.job', (j) => j.state === 'running');
    const jobA = await transcribe(first, a.sha256);
    const jobB = await transcribe(first, b.sha256);
    await running;
    await first.close();
    cores.splice(cores.indexOf(first), 1);

    const second = await freshCore({ cliPath: cli }, dir);
    const doneA = await settled(second, jobA.id);
    const doneB = await settled(second, jobB.id);
    expect(doneA.state).toBe('done');
    expect(doneB.state).toBe('done');
    expect(doneA.attempts).toBe(2);
    expect(doneB.attempts).toBe(1);
    expect(await value<Transcript>(second.dispatch('transcripts.get', { mediaSha256: b.sha256 }))).not.toBeNull();
  }, 120_000);

  it('re-transcribing replaces the transcript in one go', async () => {
    const fake = await writeScript(
      work,
      'fixed.sh',
      `${FIND_OUTPUT_BASE}\ncat > "$OF.json" <<'EOF'\n${VALID_JSON}\nEOF`,
    );
    const core = await freshCore({ cliPath: fake });
    await installModel(core);
    const rec = await addRecording(core, shortA);
    await settled(core, (await transcribe(core, rec.sha256)).id);
    const first = await value<Transcript>(core.dispatch('transcripts.get', { mediaSha256: rec.sha256 }));
    await settled(core, (await transcribe(core, rec.sha256)).id);
    const second = await value<Transcript>(core.dispatch('transcripts.get', { mediaSha256: rec.sha256 }));
    expect(second.segments.map((s) => s.text)).toEqual(['Hello there.']);
    expect(second.segments[0]!.id).not.toBe(first.segments[0]!.id);
    expect(second.speakers.map((s) => s.id)).toEqual(first.speakers.map((s) => s.id)); // names survive
    expect((core.db.prepare('SELECT count(*) AS n FROM transcript_segments').get() as { n: number }).n).toBe(1);
  });

  describe('engines that misbehave end as failed jobs with a clear reason; the next job still runs', () => {
    it.each([
      ['crashes', `echo "whisper_model_load: loading" >&2\nkill -SEGV $$`, /crashed/],
      ['hangs', `echo "whisper_init_state: starting" >&2\nsleep 60`, /stopped responding/],
      [
        'prints garbage',
        `${FIND_OUTPUT_BASE}\nprintf 'this is { not json' > "$OF.json"`,
        /without a usable transcript/,
      ],
    ])('an engine that %s', async (name, body, reason) => {
      const script = await writeScript(work, `bad-${name.replace(/\s/g, '-')}.sh`, body);
      const dir = join(work, `bad-${name.replace(/\s/g, '-')}`);
      const core = await freshCore({ cliPath: script, stallTimeoutMs: 700 }, dir);
      await installModel(core);
      const a = await addRecording(core, shortA, 'Call A');
      const jobA = await transcribe(core, a.sha256);
      const failed = await settled(core, jobA.id);
      expect(failed.state).toBe('failed');
      expect(failed.error).toMatch(/^The transcription engine/);
      expect(failed.error).toMatch(reason);
      expect(await value(core.dispatch('transcripts.get', { mediaSha256: a.sha256 }))).toBeNull();

      // The same queue, now with a working engine, runs the next job. Swap by restarting on the same library.
      await core.close();
      cores.splice(cores.indexOf(core), 1);
      const fixed = await freshCore(
        {
          cliPath: await writeScript(
            work,
            `ok-${name.replace(/\s/g, '-')}.sh`,
            `${FIND_OUTPUT_BASE}\ncat > "$OF.json" <<'EOF'\n${VALID_JSON}\nEOF`,
          ),
        },
        dir,
      );
      const b = await addRecording(fixed, shortB, 'Call B');
      expect((await settled(fixed, (await transcribe(fixed, b.sha256)).id)).state).toBe('done');
    });

    it('a failed job does not block the queue behind it', async () => {
      const crash = await writeScript(work, 'crash-first.sh', `kill -SEGV $$`);
      const core = await freshCore({ cliPath: crash });
      await installModel(core);
      const a = await addRecording(core, shortA, 'Call A');
      const b = await addRecording(core, shortB, 'Call B');
      const jobA = await transcribe(core, a.sha256);
      const jobB = await transcribe(core, b.sha256);
      expect((await settled(core, jobA.id)).state).toBe('failed');
      // B ran (and failed the same way) rather than waiting forever behind A.
      expect((await settled(core, jobB.id)).state).toBe('failed');
    });
  });

  it('without a model nothing is queued: enqueueTranscription returns null, the API says what to do', async () => {
    const core = await freshCore();
    const rec = await addRecording(core, shortA);
    expect(core.transcription.enqueueTranscription(rec.sha256)).toBeNull();
    const result = await core.dispatch('transcripts.transcribe', { mediaSha256: rec.sha256 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'unsupported', message: 'Download or import a model in Settings first.' },
    });
    expect(await value(core.dispatch('jobs.list', {}))).toEqual([]);
  });
});
