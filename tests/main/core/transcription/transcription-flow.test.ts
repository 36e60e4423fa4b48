/**
 * What a coach trips over around transcription (issue 12, items 2, 3 and the
 * transcription parts of 14): corrections surviving "Transcribe again", Retry
 * after the model changed, and failure messages a person can act on.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import { liveEtaSec } from '../../../../src/shared/domain';
import type {
  Call,
  Person,
  RubricSummary,
  Scorecard,
  Transcript,
  TranscriptionJob,
  WhisperModel,
} from '../../../../src/shared/domain';
import { buildTinyWhisperModel, tinyWhisperModelPath } from '../../../fixtures/tiny-whisper-model';
import { FIND_OUTPUT_BASE, VALID_JSON, writeScript } from '../../../fixtures/whisper/helpers';
import { addRecording, openCore, settled, speak, value } from './helpers';
import { as } from '../../../helpers/acting';

let work = '';
let model = '';
let speech = '';
const cores: Core[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'gamefilm-flow-test-'));
  model = await tinyWhisperModelPath();
  speech = speak(join(work, 'speech.wav'), 'We are replacing the incumbent vendor next quarter, send the pricing.');
}, 600_000);
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

let n = 0;
async function coreAt(dir: string, whisper: { cliPath: string; stallTimeoutMs?: number }): Promise<Core> {
  await mkdir(dir, { recursive: true });
  const core = openCore(dir, { whisper });
  cores.push(core);
  return core;
}
const freshDir = () => join(work, `lib-${++n}`);

/** A whisper-cli stand-in that writes these segments (ms) as its JSON transcript. */
function engineSaying(name: string, segments: Array<[number, number, string]>): Promise<string> {
  const doc = JSON.stringify({
    model: { vocab: 51864, multilingual: false },
    transcription: segments.map(([from, to, text]) => ({
      offsets: { from, to },
      text: ` ${text}`,
      tokens: text.split(' ').map((w, i, all) => ({
        text: ` ${w}`,
        offsets: { from: from + ((to - from) * i) / all.length, to: from + ((to - from) * (i + 1)) / all.length },
        id: 1000 + i,
        p: 0.9,
      })),
    })),
  });
  return writeScript(work, name, `${FIND_OUTPUT_BASE}\ncat > "$OF.json" <<'EOF'\n${doc}\nEOF`);
}

async function transcribe(core: Core, sha256: string, extra: Record<string, unknown> = {}) {
  const job = await value<TranscriptionJob>(core.dispatch('transcripts.transcribe', { mediaSha256: sha256, ...extra }));
  return settled(core, job.id);
}
const transcriptOf = (core: Core, sha256: string) =>
  value<Transcript>(core.dispatch('transcripts.get', { mediaSha256: sha256 }));

describe('Transcribe again (item 2)', () => {
  it('keeps the segments a coach corrected, and replaces them only when asked to', async () => {
    const first = await engineSaying('first-run.sh', [
      [0, 1500, 'we are replacing the in come bent'],
      [1500, 3000, 'send the pricing'],
    ]);
    const dir = freshDir();
    let core = await coreAt(dir, { cliPath: first });
    await value(core.dispatch('models.import', { file: core.files.register(model) }));
    const rec = await addRecording(core, speech);
    expect((await transcribe(core, rec.sha256)).state).toBe('done');
    const before = await transcriptOf(core, rec.sha256);
    const corrected = before.segments[0]!;
    await value(
      core.dispatch('transcripts.updateSegment', { segmentId: corrected.id, text: 'We are replacing the incumbent' }),
    );

    // A second run (another engine output) hears both parts differently.
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    const second = await engineSaying('second-run.sh', [
      [0, 1400, 'where a replacing the income bent'],
      [1400, 3000, 'send us the pricing sheet'],
    ]);
    core = await coreAt(dir, { cliPath: second });
    expect((await transcribe(core, rec.sha256)).state).toBe('done');
    const after = await transcriptOf(core, rec.sha256);
    expect(after.segments.map((s) => [s.text, s.edited])).toEqual([
      ['We are replacing the incumbent', true],
      ['send us the pricing sheet', false],
    ]);
    expect(after.segments[0]!.id).toBe(corrected.id);
    // What is stored, not just what came back.
    const stored = core.db
      .prepare('SELECT text, edited FROM transcript_segments WHERE media_sha256 = ? ORDER BY ordinal')
      .all(rec.sha256);
    expect(stored).toEqual([
      { text: 'We are replacing the incumbent', edited: 1 },
      { text: 'send us the pricing sheet', edited: 0 },
    ]);

    // Asked to replace the corrections too: the new run's words everywhere.
    expect((await transcribe(core, rec.sha256, { keepEdits: false })).state).toBe('done');
    expect((await transcriptOf(core, rec.sha256)).segments.map((s) => s.text)).toEqual([
      'where a replacing the income bent',
      'send us the pricing sheet',
    ]);
  });
});

describe('Retry after the model changed (item 3)', () => {
  it('a failed job retried after its model was deleted and another imported runs with the new default', async () => {
    const failing = await writeScript(
      work,
      'fails.sh',
      `echo "whisper_init_from_file_with_params_no_state: loading model" >&2\necho "error: failed to load model weights" >&2\nexit 1`,
    );
    const dir = freshDir();
    let core = await coreAt(dir, { cliPath: failing });
    const first = await value<WhisperModel>(core.dispatch('models.import', { file: core.files.register(model) }));
    const rec = await addRecording(core, speech);
    const failed = await transcribe(core, rec.sha256);
    expect(failed.state).toBe('failed');
    // Item 14: the reason is the engine's own telling line, not "exited with code 1. Last output:" with nothing after.
    expect(failed.error).toMatch(/failed to load model weights/);
    expect(failed.error).not.toMatch(/exited with code|Last output/);

    await value(core.dispatch('models.remove', { id: first.id }));
    const otherPath = join(work, 'ggml-other.bin');
    await writeFile(otherPath, buildTinyWhisperModel({ seed: 7 }));
    const other = await value<WhisperModel>(core.dispatch('models.import', { file: core.files.register(otherPath) }));
    await core.close();
    cores.splice(cores.indexOf(core), 1);

    core = await coreAt(dir, {
      cliPath: await writeScript(work, 'ok.sh', `${FIND_OUTPUT_BASE}\ncat > "$OF.json" <<'EOF'\n${VALID_JSON}\nEOF`),
    });
    const retried = await value<TranscriptionJob>(core.dispatch('jobs.retry', { id: failed.id }));
    expect(retried.options.modelId).toBe(other.id);
    const done = await settled(core, failed.id);
    expect(done.state).toBe('done');
    expect((await transcriptOf(core, rec.sha256)).modelId).toBe(other.id);
  });

  it('with no model left, Retry says what to do in words, not with a model id', async () => {
    const dir = freshDir();
    const core = await coreAt(dir, { cliPath: await writeScript(work, 'crash.sh', 'kill -SEGV $$') });
    const only = await value<WhisperModel>(core.dispatch('models.import', { file: core.files.register(model) }));
    const rec = await addRecording(core, speech);
    const failed = await transcribe(core, rec.sha256);
    await value(core.dispatch('models.remove', { id: only.id }));
    const result = await core.dispatch('jobs.retry', { id: failed.id });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/Download or import one in Settings/);
      expect(result.error.message).not.toContain(only.id);
    }
    const stored = await value<TranscriptionJob[]>(core.dispatch('jobs.list', {}));
    expect(stored.map((j) => j.state)).toEqual(['failed']); // nothing changed
  });
});

describe('messages a coach can act on (item 14)', () => {
  it('a hang says the engine stopped responding, and does not blame the model size', async () => {
    const core = await coreAt(freshDir(), {
      cliPath: await writeScript(work, 'hangs.sh', `echo "whisper_init_state: starting" >&2\nsleep 60`),
      stallTimeoutMs: 700,
    });
    await value(core.dispatch('models.import', { file: core.files.register(model) }));
    const rec = await addRecording(core, speech);
    const failed = await transcribe(core, rec.sha256);
    expect(failed.error).toMatch(/stopped responding/);
    expect(failed.error).not.toMatch(/smaller model|whisper_init_state/);
  });

  it('a missing engine is explained without developer commands', async () => {
    const core = await coreAt(freshDir(), { cliPath: join(work, 'no-such-whisper-cli') });
    await value(core.dispatch('models.import', { file: core.files.register(model) }));
    const rec = await addRecording(core, speech);
    const failed = await transcribe(core, rec.sha256);
    expect(failed.error).toMatch(/not available in this installation/);
    expect(failed.error).not.toMatch(/build-whisper|WHISPER_CLI_PATH|node /);
  });

  it('a GGUF file is refused by name with what to choose instead; the same model file twice is listed once', async () => {
    const core = await coreAt(freshDir(), { cliPath: join(work, 'unused') });
    const gguf = join(work, 'llama.gguf');
    await writeFile(gguf, Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(64)]));
    const refused = await core.dispatch('models.import', { file: core.files.register(gguf) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!refused.ok) {
      expect(refused.error.message).toMatch(
        /^“llama\.gguf” cannot be used as a transcription model\. It is a GGUF file/,
      );
      expect(refused.error.message).not.toMatch(/magic|0x/);
    }
    const a = await value<WhisperModel>(core.dispatch('models.import', { file: core.files.register(model) }));
    const b = await value<WhisperModel>(core.dispatch('models.import', { file: core.files.register(model) }));
    expect(b.id).toBe(a.id);
    const models = await value<WhisperModel[]>(core.dispatch('models.list', undefined));
    expect(models.filter((m) => m.source === 'imported')).toHaveLength(1);
  });

  it('the time left is estimated from the clock, so it grows while progress stalls instead of going stale', () => {
    const started = '2026-12-02T10:00:00.000Z';
    const t0 = Date.parse(started);
    expect(liveEtaSec(0.04, started, t0 + 5_000)).toBeNull(); // too early to say
    expect(liveEtaSec(0.05, started, t0 + 10_000)).toBeCloseTo(190, 5);
    // Two minutes later, still at 5 %: no longer "less than a minute left".
    expect(liveEtaSec(0.05, started, t0 + 130_000)!).toBeGreaterThan(60 * 40);
    expect(liveEtaSec(0.5, started, t0 + 60_000)).toBeCloseTo(60, 5);
  });
});

describe('the library shows where each call stands, and can transcribe the backlog (item 4)', () => {
  it('calls imported before any model: status, filter, backlog, Transcribe all, reviewed by N', async () => {
    const ok = await engineSaying('backlog.sh', [[0, 1500, 'we are replacing the incumbent']]);
    const core = await coreAt(freshDir(), { cliPath: ok });
    const a = await addRecording(core, speech, 'Acme discovery');
    const b = await addRecording(core, speak(join(work, 'other.wav'), 'Send me the pricing sheet.'), 'Beta demo');
    const list = (filter: Record<string, unknown> = {}) =>
      value<Call[]>(core.dispatch('calls.list', { sort: 'title', direction: 'asc', ...filter }));

    expect((await list()).map((c) => [c.title, c.transcription, c.reviewedBy])).toEqual([
      ['Acme discovery', 'none', 0],
      ['Beta demo', 'none', 0],
    ]);
    expect(await value(core.dispatch('transcripts.backlog', undefined))).toEqual({ untranscribed: 2 });
    // No model yet: Transcribe all says what to do and queues nothing.
    expect(await core.dispatch('transcripts.transcribeAll', undefined)).toMatchObject({
      ok: false,
      error: { code: 'unsupported', message: 'Download or import a model in Settings first.' },
    });
    expect(await value(core.dispatch('jobs.list', {}))).toEqual([]);

    await value(core.dispatch('models.import', { file: core.files.register(model) }));
    expect(await value(core.dispatch('transcripts.transcribeAll', undefined))).toEqual({ queued: 2 });
    expect((await list({ progress: 'untranscribed' })).length).toBe(0);
    await core.transcription.queue.whenIdle();
    expect((await list({ progress: 'transcribed' })).map((c) => c.title)).toEqual(['Acme discovery', 'Beta demo']);
    expect(await value(core.dispatch('transcripts.backlog', undefined))).toEqual({ untranscribed: 0 });

    // Two reviewers submit on Acme (a draft on Beta does not count).
    const coach = await value<Person>(core.dispatch('people.create', { name: 'Cora', role: 'coach' }));
    const peer = await value<Person>(core.dispatch('people.create', { name: 'Pete', role: 'rep' }));
    const [rubric] = await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined));
    for (const reviewer of [coach, peer]) {
      const card = await value<Scorecard>(
        as(core, reviewer.id)('scorecards.start', { callId: a.callId, rubricId: rubric!.id }),
      );
      await value(
        core.dispatch('scorecards.setScore', { id: card.id, criterionId: card.scores[0]!.criterionId, score: 4 }),
      );
      await value(core.dispatch('scorecards.submit', { id: card.id }));
    }
    await value(as(core, coach.id)('scorecards.start', { callId: b.callId, rubricId: rubric!.id }));
    expect((await list()).map((c) => [c.title, c.reviewedBy])).toEqual([
      ['Acme discovery', 2],
      ['Beta demo', 0],
    ]);
    expect((await list({ progress: 'reviewed' })).map((c) => c.title)).toEqual(['Acme discovery']);
  });
});
