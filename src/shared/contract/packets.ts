import { z } from 'zod';
import { Id } from '../domain';
import type { PacketExportJob, PacketImportResult, PacketPreview } from '../packets/types';
import { FileHandle } from '../files';
import { method } from './define';

/** What goes into a packet; the export dialog's choices. */
export const PacketExportOptions = z
  .object({
    callId: Id,
    /** The whole recording (the importer gets the call's file) or only clips around the annotated moments. */
    media: z.enum(['whole', 'clips']).default('clips'),
    /** Seconds of context before and after each annotated moment. */
    contextSec: z.number().min(0).max(60, 'Keep the context under a minute').default(5),
    transcript: z.enum(['whole', 'excerpts', 'none']).default('excerpts'),
    annotations: z.boolean().default(true),
    scorecards: z.boolean().default(true),
    actionItems: z.boolean().default(true),
    /** Call notes and draft (unsubmitted) scorecards stay home unless this is set. */
    includePrivate: z.boolean().default(false),
  })
  .strict();
export type PacketExportOptions = z.output<typeof PacketExportOptions>;

/** A drill attempt's packet: the drill, the whole (short) recording, its transcript and its scorecards. */
export const PacketAttemptExportOptions = z
  .object({
    attemptId: Id,
    transcript: z.enum(['whole', 'none']).default('whole'),
    scorecards: z.boolean().default(true),
    actionItems: z.boolean().default(true),
    /** Draft (unsubmitted) scorecards stay home unless this is set. */
    includePrivate: z.boolean().default(false),
  })
  .strict();
export type PacketAttemptExportOptions = z.output<typeof PacketAttemptExportOptions>;

export const packetsContract = {
  /** Starts building the packet in the background; follow `packets.export` events or poll `exportJob`. */
  export: method<PacketExportJob>()(PacketExportOptions),
  /** The same for a drill attempt (same job, events and files). */
  exportAttempt: method<PacketExportJob>()(PacketAttemptExportOptions),
  exportJob: method<PacketExportJob>()(z.object({ jobId: Id }).strict()),
  cancelExport: method<PacketExportJob>()(z.object({ jobId: Id }).strict()),
  /**
   * Checks a `.gamefilm` file completely (names, sizes, hashes, schemas)
   * without touching the library, and answers what importing it would add
   * or update. Browser mode uploads the file instead (`inspectPacketFile`).
   */
  inspect: method<PacketPreview>()(z.object({ file: FileHandle }).strict()),
  /** Applies an inspected packet in one transaction (planned again against the library as it is now). */
  import: method<PacketImportResult>()(z.object({ stageId: Id }).strict()),
  /** Forgets an inspected packet without importing it. */
  discard: method<void>()(z.object({ stageId: Id }).strict()),
};
