import { z } from 'zod';
import type { Call, CallPeaks, CallSearchHit, ImportJob } from '../domain';
import { CallProgressFilter, CallSortField, CallType, Id, IsoDate } from '../domain';
import { FileHandle } from '../files';
import { method } from './define';

const Tag = z.string().trim().min(1).max(40, 'Keep tags under 40 characters');

export const callsContract = {
  list: method<Call[]>()(
    z
      .object({
        search: z.string().max(200).optional(),
        repId: Id.optional(),
        callType: CallType.optional(),
        tag: Tag.optional(),
        dateFrom: IsoDate.optional(),
        dateTo: IsoDate.optional(),
        progress: CallProgressFilter.optional(),
        /** Calls where a keyword tracker heard one of its phrases. */
        trackerId: Id.optional(),
        sort: CallSortField.default('callDate'),
        direction: z.enum(['asc', 'desc']).default('desc'),
        /** The trash instead of the library. */
        trash: z.boolean().default(false),
      })
      .strict()
      .refine((f) => !f.dateFrom || !f.dateTo || f.dateFrom <= f.dateTo, 'The start date is after the end date')
      .optional(),
  ),
  get: method<Call>()(z.object({ id: Id }).strict()),
  /** What is inside calls: transcript words, annotations and their SBI, submitted scorecard notes. */
  search: method<CallSearchHit[]>()(
    z
      .object({
        query: z.string().trim().min(1, 'Type something to search for').max(200),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
  ),
  update: method<Call>()(
    z
      .object({
        id: Id,
        title: z.string().trim().min(1, 'A title is required').max(200).optional(),
        repId: Id.nullable().optional(),
        customer: z.string().trim().max(200).optional(),
        callType: CallType.optional(),
        stage: z.string().trim().max(80).optional(),
        callDate: IsoDate.nullable().optional(),
        tags: z.array(Tag).max(30).optional(),
        notes: z.string().max(20_000).optional(),
      })
      .strict(),
  ),
  /** Where playback was left; saved as the player moves. */
  setPosition: method<void>()(z.object({ id: Id, positionSec: z.number().min(0) }).strict()),
  /** Files on this machine (Electron: the dialog or a drop). Browser mode uploads instead. */
  import: method<ImportJob[]>()(
    z.object({ files: z.array(FileHandle).min(1, 'Choose at least one file').max(200) }).strict(),
  ),
  cancelImport: method<void>()(z.object({ jobId: Id }).strict()),
  imports: method<ImportJob[]>()(z.object({}).strict().optional()),
  dismissImport: method<void>()(z.object({ jobId: Id }).strict()),
  peaks: method<CallPeaks>()(
    z
      .object({
        id: Id,
        /** The zoom, in wavesurfer's terms; omitted for the whole-call overview. */
        pixelsPerSecond: z.number().positive().max(10_000).optional(),
      })
      .strict(),
  ),
  /** To the trash; restore brings them back, emptyTrash deletes for good (media too). */
  remove: method<void>()(z.object({ ids: z.array(Id).min(1) }).strict()),
  restore: method<void>()(z.object({ ids: z.array(Id).min(1) }).strict()),
  emptyTrash: method<{ deleted: number }>()(z.object({}).strict().optional()),
  /** Points a call whose file went missing at a copy of the same recording. */
  relink: method<Call>()(z.object({ id: Id, file: FileHandle }).strict()),
  tags: method<string[]>()(z.object({}).strict().optional()),
  /**
   * The sample call shipped with Gamefilm, with its transcript, annotations and
   * a submitted scorecard: opened (imported the first time, restored from the
   * trash after that).
   */
  openSample: method<Call>()(z.object({}).strict().optional()),
  /** Deletes the sample call for good, with the sample people it brought. */
  removeSample: method<{ removed: boolean }>()(z.object({}).strict().optional()),
};
