/**
 * The insights refresh on a thread of its own (a `worker_threads` entry):
 * its own SQLite connection to the library, the same windowed worker as the
 * in-process refresh, and its progress posted back as core events. The main
 * process's event loop then only ever carries messages, however long one
 * recording's scan or a garbage collection on this thread takes.
 *
 * Messages in: `kick` (something changed), `pause` (a backup is about to
 * read the library: writes from another connection would restart it),
 * `resume`, `close`. Out: `event` (what the core should emit), `paused`
 * (nothing is being written until `resume`). The main side is `refresher.ts`.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { createInsightsWorker } from './service';

export interface RefreshThreadData {
  dbFile: string;
  /** Electron's build of the addon (README, "Two builds of better-sqlite3"). */
  nativeBinding?: string;
}

export type ToRefreshThread = { type: 'kick' | 'pause' | 'resume' | 'close' };
export type FromRefreshThread = { type: 'event'; event: string; payload: unknown } | { type: 'paused' };

const port = parentPort;
if (!port) throw new Error('refresh-thread.ts runs as a worker thread (see refresher.ts).');
const { dbFile, nativeBinding } = workerData as RefreshThreadData;
const db = new Database(dbFile, nativeBinding ? { nativeBinding } : {});
// The main connection set WAL and migrated the schema; this one only needs to wait its turn to write.
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');
db.pragma('synchronous = NORMAL');

const worker = createInsightsWorker(db, (event, payload) => {
  port.postMessage({ type: 'event', event, payload } satisfies FromRefreshThread);
});

port.on('message', (message: ToRefreshThread) => {
  switch (message.type) {
    case 'kick':
      return worker.kick();
    case 'pause':
      // Messages arrive between turns, so no transaction is open here.
      worker.pause();
      return port.postMessage({ type: 'paused' } satisfies FromRefreshThread);
    case 'resume':
      return worker.resume();
    case 'close':
      worker.close();
      db.close();
      port.close();
  }
});
