import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { get, sql } from '../db/sql';
import { importMediaFile, readPeaks } from '../media';
import { peaksForPage } from '../media/repository';
import { describeImportError } from './imports';
import type { ImportQueue } from './imports';
import type { FileHandles } from '../files/handles';
import * as calls from './repository';
import { openSampleCall, removeSampleCall } from './sample';
import { searchCallContent } from './search';

export interface CallsDeps {
  mediaDir: string;
  imports: ImportQueue;
  files: FileHandles;
}

/** The call's media file is on disk? Keeps the stored flag in step when it is not. */
function checkMedia(ctx: CoreContext, mediaDir: string, call: ReturnType<typeof calls.getCall>) {
  const present = existsSync(join(mediaDir, call.media.fileName));
  if (present === (call.status === 'missing')) {
    calls.setMediaMissing(ctx.db, call.media.sha256, !present);
    return calls.getCall(ctx.db, call.id, { includeTrash: true });
  }
  return call;
}

export const callsHandlers = (ctx: CoreContext, { mediaDir, imports, files }: CallsDeps): Handlers['calls'] => {
  const { db, emit } = ctx;
  const changed = (ids: string[]) => emit('calls.changed', { ids });
  return {
    list: (filter) => calls.listCalls(db, filter ?? { sort: 'callDate', direction: 'desc', trash: false }),
    get: ({ id }) => checkMedia(ctx, mediaDir, calls.getCall(db, id)),
    search: ({ query, limit }, ctx) => searchCallContent(db, query, limit, ctx.actor?.id ?? null),
    openSample: async () => {
      const { call, created } = await openSampleCall(db, mediaDir);
      changed([call.id]);
      if (created) emit('people.changed', { reason: 'created' });
      return call;
    },
    removeSample: async () => {
      const result = await removeSampleCall(db, mediaDir);
      if (result.removed) {
        changed([]);
        emit('people.changed', { reason: 'removed' });
      }
      return result;
    },
    update: (patch) => {
      const call = calls.updateCall(db, patch);
      changed([call.id]);
      return call;
    },
    setPosition: ({ id, positionSec }) => calls.setPosition(db, id, positionSec),
    import: ({ files: chosen }) => imports.add(chosen.map((file) => ({ path: files.resolve(file) }))),
    cancelImport: ({ jobId }) => imports.cancel(jobId),
    imports: () => imports.list(),
    dismissImport: ({ jobId }) => imports.dismiss(jobId),
    peaks: async ({ id, pixelsPerSecond }) => {
      const call = calls.getCall(db, id);
      const file = join(mediaDir, `${call.media.sha256}.peaks`);
      if (!existsSync(file)) throw new AppError('not_found', 'The waveform for this call is missing; relink the file.');
      const window = await readPeaks(file, pixelsPerSecond ? { pixelsPerSecond } : { maxBuckets: 8000 });
      return peaksForPage(window);
    },
    remove: ({ ids }) => {
      calls.moveToTrash(db, ids);
      changed(ids);
    },
    restore: ({ ids }) => {
      calls.restoreFromTrash(db, ids);
      changed(ids);
    },
    emptyTrash: async () => {
      const { deleted, orphanFiles } = calls.purgeTrash(db);
      // Files go only after the rows are gone: a crash in between leaves strays, never dangling rows.
      await Promise.all(orphanFiles.map((f) => unlink(join(mediaDir, f)).catch(() => undefined)));
      changed([]);
      return { deleted };
    },
    relink: async ({ id, file }) => {
      const path = files.resolve(file);
      const call = calls.getCall(db, id);
      let imported;
      try {
        imported = await importMediaFile(path, mediaDir);
      } catch (error) {
        throw new AppError('unsupported', describeImportError(error));
      }
      if (imported.sha256 !== call.media.sha256) {
        const usedElsewhere = get(db, sql`SELECT 1 FROM media WHERE sha256 = ${imported.sha256}`);
        if (!imported.duplicate && !usedElsewhere) {
          await unlink(join(mediaDir, imported.fileName)).catch(() => undefined);
          await unlink(join(mediaDir, imported.peaksFileName)).catch(() => undefined);
        }
        throw new AppError(
          'conflict',
          'That file is a different recording. Choose the original file of this call (its annotations are timed to it).',
        );
      }
      calls.setMediaMissing(db, call.media.sha256, false);
      changed([id]);
      return calls.getCall(db, id);
    },
    tags: () => calls.listTags(db),
  };
};

/** At startup: flag calls whose media file has gone from disk (moved, deleted by hand, restored backup). */
export async function scanForMissingMedia(ctx: CoreContext, mediaDir: string): Promise<void> {
  const { access } = await import('node:fs/promises');
  const changedIds: string[] = [];
  for (const m of calls.allMedia(ctx.db)) {
    const present = await access(join(mediaDir, calls.mediaFileName(m.sha256, m.ext))).then(
      () => true,
      () => false,
    );
    const before = get<{ id: string; media_missing: number }>(
      ctx.db,
      sql`SELECT id, media_missing FROM calls WHERE media_sha256 = ${m.sha256}`,
    );
    if (before && before.media_missing === (present ? 1 : 0)) {
      calls.setMediaMissing(ctx.db, m.sha256, !present);
      changedIds.push(before.id);
    }
  }
  if (changedIds.length) ctx.emit('calls.changed', { ids: changedIds });
}
