/**
 * A Gamefilm core in its own process, run by crash.test.ts: it starts one
 * operation on a library and stops dead at a chosen point inside it, says
 * "paused <where>" on stdout and waits there for ever — so the test's
 * kill -9 lands at the same place on every run, not at a timing guess.
 *
 * The pause points need nothing from the core: a TEMP trigger (this
 * connection only, never stored in the library) calling a JavaScript
 * function stops a transaction after its first row; an event listener stops
 * an import between its phases (events are emitted synchronously); the
 * backup's own progress callback stops SQLite's online backup part-way.
 *
 *   node --import tsx child.ts '{"scenario":"…","dataDir":"…", …}'
 */
import { copyFileSync, mkdirSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { createCore } from '../../../../src/main/core';
import type { Core } from '../../../../src/main/core';
import type { Result } from '../../../../src/shared/result';

export interface ChildArgs {
  scenario: 'import-copied' | 'import-rows' | 'transcript-engine' | 'transcript-rows' | 'packet-rows' | 'backup-pages';
  dataDir: string;
  /** The recording to import, or the packet to apply. */
  file?: string;
  mediaSha256?: string;
  whisperCli?: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;

/** Stops this process where it stands (synchronously: a transaction stays open) until it is killed. */
function pause(where: string): void {
  writeSync(1, `paused ${where}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

/** Pauses inside the transaction that inserts into `table`, right after its first row. */
function pauseAfterFirstInsert(db: Database, table: string): void {
  db.function('crash_test_pause', () => {
    pause(table);
    return null;
  });
  db.exec(`CREATE TEMP TRIGGER crash_test_pause AFTER INSERT ON ${table} BEGIN SELECT crash_test_pause(); END`);
}

async function ok<T>(pending: Promise<Result<unknown>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const FINAL = ['done', 'duplicate', 'failed', 'cancelled'];

/** Resolves when an import or transcription job ends (the pause should come first). */
function jobEnded(core: Core): Promise<void> {
  return new Promise((resolve) =>
    core.onAnyEvent((event, payload) => {
      const { state } = payload as { state?: string };
      if ((event === 'import.progress' || event === 'transcription.job') && state && FINAL.includes(state)) resolve();
    }),
  );
}

async function main(): Promise<void> {
  const core: Core = createCore({
    dataDir: args.dataDir,
    shell: 'web',
    transcription: args.whisperCli ? { whisper: { cliPath: args.whisperCli } } : undefined,
  });
  await core.ready;
  const file = args.file ?? '';
  const ended = jobEnded(core);
  switch (args.scenario) {
    case 'import-copied': {
      // As browser mode takes an upload: the file waits in <data>/incoming, and the queue deletes it once imported.
      const upload = join(args.dataDir, 'incoming', basename(file));
      mkdirSync(dirname(upload), { recursive: true });
      copyFileSync(file, upload);
      // The copy is in the media folder under its temp name; ffprobe is next.
      core.onAnyEvent((event, payload) => {
        if (event === 'import.progress' && (payload as { phase: string | null }).phase === 'probe') pause('probe');
      });
      core.imports.add([{ path: upload, name: basename(file), removeSource: true }]);
      await ended;
      break;
    }
    case 'import-rows':
      // The recording is in the store under its final name; its media and call rows are being written.
      pauseAfterFirstInsert(core.db, 'calls');
      await ok(core.dispatch('calls.import', { files: [core.files.register(file)] }));
      await ended;
      break;
    case 'transcript-engine':
      // The recording is decoded into whisper's work folder; whisper-cli is next.
      core.onAnyEvent((event, payload) => {
        const job = payload as { state?: string; progress?: number };
        if (event === 'transcription.job' && job.state === 'running' && (job.progress ?? 0) >= 0.05) pause('engine');
      });
      await ok(core.dispatch('transcripts.transcribe', { mediaSha256: args.mediaSha256 }));
      await ended;
      break;
    case 'transcript-rows': {
      // Whisper has run; the old transcript is deleted and the new one's first segment written, uncommitted.
      // (The trigger is in place long before: the queue's job first decodes and runs whisper.)
      pauseAfterFirstInsert(core.db, 'transcript_segments');
      const jobs = await ok<Array<{ state: string }>>(core.dispatch('jobs.list', {}));
      // A job a crash left running was queued again by this start; otherwise start one.
      if (!jobs.some((j) => j.state === 'queued' || j.state === 'running'))
        await ok(core.dispatch('transcripts.transcribe', { mediaSha256: args.mediaSha256 }));
      await ended;
      break;
    }
    case 'packet-rows': {
      // Checked, staged, backed up, its recording placed; people and the call written, uncommitted.
      const preview = await ok<{ stageId: string }>(
        core.dispatch('packets.inspect', { file: core.files.register(file) }),
      );
      pauseAfterFirstInsert(core.db, 'annotations');
      await ok(core.dispatch('packets.import', { stageId: preview.stageId }));
      break;
    }
    case 'backup-pages': {
      // SQLite's online backup, a few pages into the `.part` file.
      const db = core.db;
      const backup = db.backup.bind(db);
      let steps = 0;
      db.backup = (destination, options) =>
        backup(destination, {
          ...options,
          progress: () => {
            if (++steps === 3) pause('backup');
            return 1;
          },
        });
      await ok(core.dispatch('backups.create', undefined));
      break;
    }
  }
  // Reaching this line means the pause point was never hit.
  writeSync(2, `finished without pausing (${args.scenario})\n`);
  process.exit(3);
}

main().catch((error: unknown) => {
  writeSync(2, `${String((error as Error)?.stack ?? error)}\n`);
  process.exit(2);
});
