/**
 * Keeps stored call figures and tracker hits current in the background —
 * on a thread of its own when the shell says where its entry is (the
 * desktop app and browser mode), else on the main thread in short turns
 * (unit tests, benchmarks of the turns themselves). Either way the core
 * sees the same `insights.progress` events.
 *
 * A thread that fails (a SQLite error it did not expect, a crash) is logged
 * and started again a second later; one that fails three times running
 * (say its entry is missing from a broken install) gives way to the same
 * work on the main thread, so figures still come. The library is never left
 * half written: every recording's figures are one transaction.
 */
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { EventMap, EventName } from '../../../shared/events';
import type { FromRefreshThread, RefreshThreadData, ToRefreshThread } from './refresh-thread';
import { createInsightsWorker } from './service';

export interface RefreshThreadOptions {
  /** The thread's entry: `refresh-thread.ts`, or what the build made of it (`out/main/insights-refresh.js`). */
  entry: string;
  /** A module the thread requires first: to run the TypeScript source, tsx's require hook (`tsx/cjs`). */
  preload?: string;
}

export interface Refresher {
  /** Something changed: bring figures up to date soon. */
  kick(): void;
  /** Runs `work` while the thread writes nothing (a backup reads the library page by page). */
  whilePaused<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export function createRefresher(
  db: Database,
  emit: Emit,
  thread: (RefreshThreadOptions & RefreshThreadData) | undefined,
): Refresher {
  if (!thread) {
    // One connection: a backup of it sees its own writes as they happen, nothing to pause.
    const worker = createInsightsWorker(db, emit);
    return { kick: () => worker.kick(), whilePaused: (work) => work(), close: async () => worker.close() };
  }
  let worker: Worker | null = null;
  let closed = false;
  let pauses = 0;
  let restart: NodeJS.Timeout | null = null;
  let failures = 0;
  let onMainThread: ReturnType<typeof createInsightsWorker> | null = null;
  const data: RefreshThreadData = { dbFile: thread.dbFile, nativeBinding: thread.nativeBinding };
  const start = (): Worker => {
    const started = thread.preload
      ? new Worker(`require(${JSON.stringify(thread.preload)}); require(${JSON.stringify(thread.entry)});`, {
          eval: true,
          workerData: data,
        })
      : new Worker(thread.entry, { workerData: data });
    started.on('message', (message: FromRefreshThread) => {
      if (message.type !== 'event') return;
      failures = 0;
      emit(message.event as EventName, message.payload as EventMap[EventName]);
    });
    if (pauses > 0) started.postMessage({ type: 'pause' } satisfies ToRefreshThread);
    started.on('error', (error) => {
      failures++;
      if (failures >= 3) {
        console.error('[gamefilm] the insights refresh thread keeps failing; the main thread does its work', error);
        onMainThread = createInsightsWorker(db, emit);
        onMainThread.kick();
        return;
      }
      console.error('[gamefilm] the insights refresh stopped; it starts again in a second', error);
      restart ??= setTimeout(() => {
        restart = null;
        kick();
      }, 1_000);
      restart.unref();
    });
    started.on('exit', () => {
      if (worker === started) worker = null;
    });
    return started;
  };
  const send = (message: ToRefreshThread) => worker?.postMessage(message);
  const kick = () => {
    if (closed) return;
    if (onMainThread) return onMainThread.kick();
    worker ??= start();
    send({ type: 'kick' });
  };
  /** Resolves once the running thread (if any) has said it writes nothing more. */
  const pause = async () => {
    pauses++;
    const running = worker;
    if (!running) return;
    await new Promise<void>((resolve) => {
      const heard = (message: FromRefreshThread) => {
        if (message.type !== 'paused') return;
        running.off('message', heard);
        running.off('exit', gone);
        resolve();
      };
      const gone = () => {
        running.off('message', heard);
        resolve();
      };
      running.on('message', heard);
      running.once('exit', gone);
      running.postMessage({ type: 'pause' } satisfies ToRefreshThread);
    });
  };
  const resume = () => {
    pauses--;
    if (pauses === 0) send({ type: 'resume' });
  };
  return {
    kick,
    async whilePaused(work) {
      await pause();
      try {
        return await work();
      } finally {
        resume();
      }
    },
    async close() {
      closed = true;
      if (restart) clearTimeout(restart);
      onMainThread?.close();
      const running = worker;
      if (!running) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      send({ type: 'close' });
      // A thread in the middle of one recording finishes it first; one that does not answer is stopped.
      const timer = setTimeout(() => void running.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
