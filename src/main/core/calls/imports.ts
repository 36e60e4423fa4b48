import { rm, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Call, Id, ImportJob } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { newId } from '../db/ids';
import { importMediaFile, isMediaError } from '../media';
import { findCallByMedia, insertImportedCall } from './repository';

interface Entry {
  job: ImportJob;
  path: string;
  /** Uploaded temp files are ours to delete once imported. */
  removeSource: boolean;
  abort: AbortController;
}

export interface ImportQueueOptions {
  mediaDir: string;
  /** Two at a time: ffmpeg's decode is the bottleneck and this machine class has 2 cores. */
  concurrency?: number;
  /** Called once per newly created call (e.g. to queue transcription). */
  onCallImported?: (call: Call) => void;
  defaultRepId: () => Id | null;
}

/**
 * Imports run as in-memory jobs, one row each in the library: queued,
 * running with a phase and fraction, then done, duplicate, failed (with a
 * reason) or cancelled. A call row is written only when its media is safely
 * in place, so a failed import leaves the library exactly as it was.
 */
export class ImportQueue {
  private readonly entries = new Map<Id, Entry>();
  private running = 0;
  private closed = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: ImportQueueOptions,
  ) {}

  add(files: Array<{ path: string; name?: string; removeSource?: boolean }>): ImportJob[] {
    if (this.closed) throw new AppError('cancelled', 'Gamefilm is shutting down.');
    const jobs = files.map(({ path, name, removeSource }) => {
      const job: ImportJob = {
        id: newId(),
        fileName: name ?? basename(path),
        state: 'queued',
        phase: null,
        fraction: 0,
        message: null,
        callId: null,
      };
      this.entries.set(job.id, { job, path, removeSource: removeSource ?? false, abort: new AbortController() });
      this.publish(job);
      return job;
    });
    this.pump();
    return jobs;
  }

  list(): ImportJob[] {
    return [...this.entries.values()].map((e) => e.job);
  }

  cancel(id: Id): void {
    const entry = this.entries.get(id);
    if (!entry) throw new AppError('not_found', 'That import has already gone.');
    if (entry.job.state === 'queued') void this.finish(entry, { state: 'cancelled', message: 'Cancelled' });
    else if (entry.job.state === 'running') entry.abort.abort();
  }

  dismiss(id: Id): void {
    const entry = this.entries.get(id);
    if (entry && (entry.job.state === 'queued' || entry.job.state === 'running')) {
      throw new AppError('conflict', 'Cancel the import before dismissing it.');
    }
    this.entries.delete(id);
  }

  /** Waits for running imports to stop after cancelling them all. */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.entries.values()) entry.abort.abort();
    while (this.running > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private publish(job: ImportJob) {
    this.ctx.emit('import.progress', { ...job });
  }

  private update(entry: Entry, patch: Partial<ImportJob>) {
    Object.assign(entry.job, patch);
    this.publish(entry.job);
  }

  /**
   * The job's final state is set at once (so the pump never starts a job being
   * cancelled, and a listing never shows "done" without its call), but it is
   * announced only after an uploaded temp copy is gone, so "done" means tidy.
   */
  private async finish(entry: Entry, patch: Partial<ImportJob>) {
    Object.assign(entry.job, { phase: null, ...patch });
    if (entry.removeSource) await rm(entry.path, { force: true }).catch(() => undefined);
    this.publish(entry.job);
  }

  private pump() {
    const limit = this.options.concurrency ?? 2;
    for (const entry of this.entries.values()) {
      if (this.running >= limit || this.closed) return;
      if (entry.job.state !== 'queued') continue;
      this.running++;
      this.update(entry, { state: 'running', phase: 'copy' });
      void this.run(entry).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(entry: Entry) {
    const { db } = this.ctx;
    let lastSent = 0;
    try {
      const imported = await importMediaFile(entry.path, this.options.mediaDir, {
        signal: entry.abort.signal,
        onProgress: ({ phase, fraction }) => {
          // Progress events are throttled: a row repaints at most ~10× a second.
          const now = Date.now();
          if (now - lastSent < 100 && phase === entry.job.phase) return;
          lastSent = now;
          this.update(entry, { phase, fraction });
        },
      });
      const existing = findCallByMedia(db, imported.sha256);
      if (existing) {
        const where = existing.deletedAt ? 'in the trash' : 'in the library';
        await this.finish(entry, {
          state: 'duplicate',
          fraction: 1,
          callId: existing.id,
          message: `Already ${where} as “${existing.title}”. Nothing was added.`,
        });
        return;
      }
      let call: Call;
      try {
        call = insertImportedCall(db, imported, entry.job.fileName, { repId: this.options.defaultRepId() });
      } catch (error) {
        // The database refused: take the just-written media back out so nothing half-exists.
        if (!imported.duplicate) {
          await unlink(join(this.options.mediaDir, imported.fileName)).catch(() => undefined);
          await unlink(join(this.options.mediaDir, imported.peaksFileName)).catch(() => undefined);
        }
        throw error;
      }
      await this.finish(entry, { state: 'done', fraction: 1, callId: call.id, message: null });
      this.ctx.emit('calls.changed', { ids: [call.id] });
      this.options.onCallImported?.(call);
    } catch (error) {
      if (isMediaError(error, 'cancelled')) await this.finish(entry, { state: 'cancelled', message: 'Cancelled' });
      else await this.finish(entry, { state: 'failed', message: describeImportError(error) });
    }
  }
}

export function describeImportError(error: unknown): string {
  if (isMediaError(error)) {
    switch (error.code) {
      case 'empty':
        return 'The file is empty (0 bytes).';
      case 'unsupported':
        return 'This is not an audio or video file Gamefilm can read.';
      case 'corrupt':
        return 'The file is damaged or incomplete and could not be decoded.';
      case 'no_audio':
        return 'This file has no audio track.';
      case 'vanished':
        return 'The file changed or disappeared while it was being imported.';
      case 'not_found':
        return 'The file could not be found.';
      case 'tool_missing':
        return 'ffmpeg is missing: reinstall Gamefilm or set FFMPEG_PATH.';
      default:
        return error.message;
    }
  }
  if (error instanceof AppError) return error.message;
  return `Import failed: ${error instanceof Error ? error.message : String(error)}`;
}
