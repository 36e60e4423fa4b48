/**
 * kill -9 in the middle of the operations that write the library (issue 13,
 * item 10): an import, a transcription's write, a packet's apply and a
 * backup. Each runs in a child process (child.ts) that stops at a fixed point
 * inside the operation and says so; the test then kills it the hard way and
 * checks what a user would find at the next start:
 *   - SQLite's integrity_check says ok, and no foreign key dangles;
 *   - nothing is half-applied: every count is what it was before (the kill
 *     lands inside the write, so "after" is not reachable yet);
 *   - the temp and staging files the operation had made are gone once the
 *     library is opened again (the core clears them at start);
 *   - the operation, tried again, completes.
 * (Killing the server mid-edit of an annotation is tests/e2e/coaching.spec.ts.)
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/main/core';
import type { Core } from '../../../../src/main/core';
import type { Call, Person, TranscriptionJob, WhisperModel } from '../../../../src/shared/domain';
import type { ImportJob } from '../../../../src/shared/domain';
import { makeMedia } from '../../../fixtures/media';
import { tinyWhisperModelPath } from '../../../fixtures/tiny-whisper-model';
import { FIND_OUTPUT_BASE, writeScript } from '../../../fixtures/whisper/helpers';
import { useTempDirs } from '../../../helpers/tmp';
import { bundleOf, exportAndWait, importPacket, reviewedCall } from '../packets/helpers';
import { addRecording, settled, speak, value } from '../transcription/helpers';
import type { ChildArgs } from './child';

const ROOT = resolve(__dirname, '../../../..');
const CHILD = join(__dirname, 'child.ts');
const tempDir = useTempDirs();

const children: ChildProcessWithoutNullStreams[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const core of cores.splice(0)) await core.close();
});

function open(dataDir: string, whisperCli?: string): Core {
  const core = createCore({
    dataDir,
    shell: 'web',
    transcription: whisperCli ? { whisper: { cliPath: whisperCli } } : undefined,
  });
  cores.push(core);
  return core;
}
async function close(core: Core): Promise<void> {
  cores.splice(cores.indexOf(core), 1);
  await core.close();
}

/** Starts the child and resolves once it has stopped at its pause point (with where that was). */
function runUntilPaused(args: ChildArgs): Promise<{ child: ChildProcessWithoutNullStreams; at: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(args)], {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  children.push(child);
  return new Promise((done, fail) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^paused (\S+)$/m.exec(out);
      if (m) done({ child, at: m[1]! });
    });
    child.once('exit', (code) => fail(new Error(`the child exited (${code}) before pausing:\n${err}`)));
  });
}

/** kill -9: no exit handlers, no finally blocks, no flushes. */
async function killHard(child: ChildProcessWithoutNullStreams): Promise<void> {
  const exited = new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_code, signal) => done(signal)));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

/** Opens the library file as the next start would (WAL recovery included) and reads what is in it. */
function inspectLibrary(dataDir: string, tables: string[]) {
  const db = new Database(join(dataDir, 'gamefilm.sqlite'));
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const danglingKeys = db.pragma('foreign_key_check');
    const counts = Object.fromEntries(
      tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
    );
    return { integrity, danglingKeys, counts };
  } finally {
    db.close();
  }
}

const IMPORT_TABLES = ['media', 'calls'];
const PACKET_TABLES = [
  'people',
  'media',
  'calls',
  'annotations',
  'annotation_replies',
  'scorecards',
  'scorecard_scores',
  'action_items',
];

const importTemps = (mediaDir: string) =>
  readdirSync(mediaDir).filter((n) => n.startsWith('.import-') || n.startsWith('.tmp-'));

async function importAndWait(core: Core, path: string): Promise<ImportJob> {
  const [job] = await value<ImportJob[]>(core.dispatch('calls.import', { files: [core.files.register(path)] }));
  return new Promise((done) => {
    const off = core.onAnyEvent((event, payload) => {
      const j = payload as ImportJob;
      if (event === 'import.progress' && j.id === job!.id && ['done', 'duplicate', 'failed'].includes(j.state)) {
        off();
        done(j);
      }
    });
  });
}

describe('kill -9 during a call import', () => {
  it('of an upload, after the copy, before ffprobe: no rows; the temp copy and the upload are gone at the next start', async () => {
    const dataDir = tempDir();
    await close(open(dataDir));
    const recording = await makeMedia(tempDir(), 'ogg', { durationSec: 4, name: 'acme-call' });
    const before = inspectLibrary(dataDir, IMPORT_TABLES);

    const { child, at } = await runUntilPaused({ scenario: 'import-copied', dataDir, file: recording });
    expect(at).toBe('probe');
    const mediaDir = join(dataDir, 'media');
    expect(importTemps(mediaDir)).toHaveLength(1);
    expect(readdirSync(join(dataDir, 'incoming'))).toEqual(['acme-call.ogg']);
    await killHard(child);

    const after = inspectLibrary(dataDir, IMPORT_TABLES);
    expect(after.integrity).toBe('ok');
    expect(after.danglingKeys).toEqual([]);
    expect(after.counts).toEqual(before.counts);

    const core = open(dataDir);
    await core.ready;
    expect(importTemps(mediaDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'incoming'))).toBe(false);
    expect((await importAndWait(core, recording)).state).toBe('done');
    expect(inspectLibrary(dataDir, IMPORT_TABLES).counts).toEqual({ media: 1, calls: 1 });
  });

  it('while its rows are written: no rows, and importing again adopts the recording already in the store', async () => {
    const dataDir = tempDir();
    await close(open(dataDir));
    const recording = await makeMedia(tempDir(), 'ogg', { durationSec: 4, name: 'acme-call' });
    const before = inspectLibrary(dataDir, IMPORT_TABLES);

    const { child, at } = await runUntilPaused({ scenario: 'import-rows', dataDir, file: recording });
    expect(at).toBe('calls');
    const mediaDir = join(dataDir, 'media');
    // The recording is already in the content-addressed store under its final name.
    const placed = readdirSync(mediaDir).filter((n) => /^[0-9a-f]{64}\.(ogg|peaks)$/.test(n));
    expect(placed).toHaveLength(2);
    await killHard(child);

    const after = inspectLibrary(dataDir, IMPORT_TABLES);
    expect(after.integrity).toBe('ok');
    expect(after.counts).toEqual(before.counts);

    // A recording with no row is not removed at start (after a restore from a backup, calls imported
    // since then are exactly that, and their files must stay); importing it again gives it its call.
    const core = open(dataDir);
    await core.ready;
    expect(importTemps(mediaDir)).toEqual([]);
    const job = await importAndWait(core, recording);
    expect(job.state).toBe('done');
    const call = await value<Call>(core.dispatch('calls.get', { id: job.callId }));
    expect(call.status).toBe('ready');
    expect(
      readdirSync(mediaDir)
        .filter((n) => /^[0-9a-f]{64}\./.test(n))
        .sort(),
    ).toEqual(placed.sort());
    expect(inspectLibrary(dataDir, IMPORT_TABLES).counts).toEqual({ media: 1, calls: 1 });
  });
});

describe('kill -9 during a transcription', () => {
  let model = '';
  beforeAll(async () => {
    model = await tinyWhisperModelPath();
  });
  const standIn = () =>
    // whisper-cli's stand-in answers at once with two segments (the real engine with random weights takes
    // ~30 s a run on a busy machine); everything around it — decode, queue, storage — is the real thing.
    writeScript(
      tempDir(),
      'whisper-cli',
      `${FIND_OUTPUT_BASE}\ncat > "$OF.json" <<'EOF'\n${JSON.stringify(
        whisperJson([
          [0, 1500, 'we are replacing the in come bent'],
          [1500, 3000, 'send the pricing'],
        ]),
      )}\nEOF`,
    );

  it('in whisper and in the write: the old transcript (with its correction) stays whole, temp folders go, the job reruns', async () => {
    const dataDir = tempDir();
    const cli = await standIn();
    const speech = speak(join(tempDir(), 'speech.wav'), 'We are replacing the incumbent vendor, send the pricing.');
    let core = open(dataDir, cli);
    await value<WhisperModel>(core.dispatch('models.import', { file: core.files.register(model) }));
    const rec = await addRecording(core, speech);
    const first = await value<TranscriptionJob>(core.dispatch('transcripts.transcribe', { mediaSha256: rec.sha256 }));
    expect((await settled(core, first.id)).state).toBe('done');
    const [segment] = core.db.prepare('SELECT id FROM transcript_segments ORDER BY ordinal').all() as Array<{
      id: string;
    }>;
    await value(
      core.dispatch('transcripts.updateSegment', { segmentId: segment!.id, text: 'We are replacing the incumbent' }),
    );
    await close(core);
    const segmentsNow = () => {
      const db = new Database(join(dataDir, 'gamefilm.sqlite'), { readonly: true });
      try {
        return db.prepare('SELECT id, ordinal, text, edited FROM transcript_segments ORDER BY ordinal, id').all();
      } finally {
        db.close();
      }
    };
    const before = segmentsNow();
    expect(before).toHaveLength(2);
    const workDir = join(dataDir, 'transcription-work');

    // 1. While the engine works: its folder (the decoded audio) is in the library's work folder.
    const engine = await runUntilPaused({
      scenario: 'transcript-engine',
      dataDir,
      mediaSha256: rec.sha256,
      whisperCli: cli,
    });
    expect(engine.at).toBe('engine');
    expect(readdirSync(workDir)).toHaveLength(1);
    await killHard(engine.child);
    expect(segmentsNow()).toEqual(before);

    // 2. The next start clears the work folder and runs the job again; kill it inside the transcript's write.
    const write = await runUntilPaused({
      scenario: 'transcript-rows',
      dataDir,
      mediaSha256: rec.sha256,
      whisperCli: cli,
    });
    expect(write.at).toBe('transcript_segments');
    // This start cleared the folder the first crash left (and the engine has removed its own).
    expect(readdirSync(workDir)).toEqual([]);
    await killHard(write.child);
    const after = inspectLibrary(dataDir, ['transcripts', 'transcript_segments', 'transcript_words']);
    expect(after.integrity).toBe('ok');
    expect(after.danglingKeys).toEqual([]);
    expect(segmentsNow()).toEqual(before);

    // 3. A third start: the job the crash left "running" is queued again and completes; the correction is kept.
    core = open(dataDir, cli);
    const jobs = await value<TranscriptionJob[]>(core.dispatch('jobs.list', {}));
    const rerun = jobs.find((j) => j.id !== first.id);
    expect(rerun).toBeDefined();
    expect((await settled(core, rerun!.id)).state).toBe('done');
    expect(readdirSync(workDir)).toEqual([]);
    expect((segmentsNow() as Array<{ text: string; edited: number }>).map((s) => [s.text, s.edited])).toEqual([
      ['We are replacing the incumbent', 1],
      ['send the pricing', 0],
    ]);
  });
});

/** whisper-cli's -ojf output for these segments (ms). */
function whisperJson(segments: Array<[number, number, string]>) {
  return {
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
  };
}

describe('kill -9 during a packet apply', () => {
  it('no row of the packet lands, the staging folder goes at the next start, and the packet applies then', async () => {
    const source = tempDir();
    const from = open(source);
    const reviewed = await reviewedCall(from, tempDir());
    const bundle = bundleOf(await exportAndWait(from, { callId: reviewed.call.id, media: 'whole' }));
    await close(from);

    const dataDir = tempDir();
    const target = open(dataDir);
    // Inspecting and importing a packet needs someone to be "me" in this library.
    const me = await value<Person>(target.dispatch('people.create', { name: 'Tess Target', role: 'coach' }));
    await value(target.dispatch('people.setMe', { id: me.id }));
    await close(target);
    const before = inspectLibrary(dataDir, PACKET_TABLES);

    const { child, at } = await runUntilPaused({ scenario: 'packet-rows', dataDir, file: bundle });
    expect(at).toBe('annotations');
    const staging = join(dataDir, 'packet-staging');
    expect(readdirSync(staging)).toHaveLength(1);
    await killHard(child);

    const after = inspectLibrary(dataDir, PACKET_TABLES);
    expect(after.integrity).toBe('ok');
    expect(after.danglingKeys).toEqual([]);
    expect(after.counts).toEqual(before.counts);

    const core = open(dataDir);
    await core.ready;
    const { result } = await importPacket(core, bundle);
    expect(result.callId).toBe(reviewed.call.id);
    expect(existsSync(staging) ? readdirSync(staging) : []).toEqual([]);
    const applied = inspectLibrary(dataDir, PACKET_TABLES).counts;
    expect(applied).toMatchObject({ calls: 1, media: 1, annotations: 2, annotation_replies: 1, scorecards: 1 });
    const people = await value<Person[]>(core.dispatch('people.list', {}));
    expect(people.map((p) => p.name).sort()).toEqual(['Cora Coach', 'Ray Rep', 'Tess Target']);
  });
});

describe('kill -9 during a backup', () => {
  it('leaves only a .part, which the next start removes; the library is whole and backs up again', async () => {
    const dataDir = tempDir();
    let core = open(dataDir);
    await core.ready; // the day's first start takes a backup
    await close(core);
    const backupsDir = join(dataDir, 'backups');
    const before = readdirSync(backupsDir).sort();
    expect(before).toHaveLength(1);

    const { child, at } = await runUntilPaused({ scenario: 'backup-pages', dataDir });
    expect(at).toBe('backup');
    expect(readdirSync(backupsDir).filter((n) => n.endsWith('.part'))).toHaveLength(1);
    await killHard(child);
    expect(inspectLibrary(dataDir, ['calls']).integrity).toBe('ok');

    core = open(dataDir);
    await core.ready;
    expect(readdirSync(backupsDir).sort()).toEqual(before);
    const made = await value<{ fileName: string }>(core.dispatch('backups.create', undefined));
    const copy = new Database(join(backupsDir, made.fileName), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  });
});
