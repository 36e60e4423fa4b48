/**
 * The packet service: export jobs (progress events, cancel) and the two-step
 * import (inspect → preview → import). Inspecting stages the packet's
 * verified entries in a private folder; importing plans again against the
 * library as it is at that moment and applies the plan in one transaction.
 */
import { readdir, rm, unlink } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PacketAttemptExportOptions, PacketExportOptions } from '../../../shared/contract/packets';
import type { PacketExportJob, PacketImportResult, PacketPreview } from '../../../shared/packets/types';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { newId } from '../db/ids';
import { importMediaFile } from '../media';
import { describeImportError } from '../calls/imports';
import type { PlacedMedia } from './apply';
import { applyPlan } from './apply';
import { buildStandIn } from './clips';
import { exportPacket } from './export';
import type { MergePlan } from './plan';
import { planMerge } from './plan';
import type { EntryLimits } from './entry-limits';
import { DEFAULT_ENTRY_LIMITS, mediaEntriesOf } from './entry-limits';
import type { PacketCaps, ReadPacket } from './read';
import { DEFAULT_CAPS, readPacket } from './read';

export interface PacketServiceOptions {
  mediaDir: string;
  /** Tests lower these to prove the caps hold without writing gigabytes. */
  caps?: PacketCaps;
  limits?: EntryLimits;
  /** Runs before a packet changes the library (a backup of it). */
  beforeApply?: () => Promise<unknown>;
}

export interface PacketService {
  exportsDir: string;
  /** A call's packet, or a drill attempt's (options with `attemptId`). */
  startExport(options: PacketExportOptions | PacketAttemptExportOptions): PacketExportJob;
  job(jobId: string): PacketExportJob;
  cancelExport(jobId: string): PacketExportJob;
  /** Resolves once the job has finished (tests, and callers that want to wait). */
  settled(jobId: string): Promise<PacketExportJob>;
  inspect(path: string): Promise<PacketPreview>;
  importStaged(stageId: string): Promise<PacketImportResult>;
  discard(stageId: string): Promise<void>;
  close(): Promise<void>;
}

/** Whether importing would write nothing: everything is here already, left alone, or refused. */
const nothingToTake = (plan: MergePlan): boolean =>
  plan.items.every((i) => i.action === 'unchanged' || i.action === 'skip' || i.action === 'refused');

/** Staged packets not imported within this time are forgotten (their folders removed). */
const STAGE_TTL_MS = 30 * 60_000;

export function createPacketService(ctx: CoreContext, options: PacketServiceOptions): PacketService {
  const { db } = ctx;
  const exportsDir = join(ctx.dataDir, 'exports');
  const stagingRoot = join(ctx.dataDir, 'packet-staging');
  mkdirSync(exportsDir, { recursive: true });
  // Leftovers of a run that crashed mid-export or mid-import.
  const housekeeping = Promise.all([
    rm(stagingRoot, { recursive: true, force: true }),
    readdir(exportsDir)
      .then((names) =>
        Promise.all(
          names
            .filter((n) => n.startsWith('.work-') || n.endsWith('.part'))
            .map((n) => rm(join(exportsDir, n), { recursive: true, force: true })),
        ),
      )
      .catch(() => undefined),
  ]);

  const jobs = new Map<string, { job: PacketExportJob; controller: AbortController; done: Promise<void> }>();
  const staged = new Map<string, { packet: ReadPacket; timer: NodeJS.Timeout }>();
  /** Inspections under way: closing cancels them (their staging goes with them). */
  const inspecting = new Set<AbortController>();
  const publish = (job: PacketExportJob) => ctx.emit('packets.export', { ...job, files: [...job.files] });

  const getJob = (jobId: string) => {
    const entry = jobs.get(jobId);
    if (!entry) throw new AppError('not_found', 'That export is no longer known (was Gamefilm restarted?).');
    return entry;
  };

  const forget = async (stageId: string) => {
    const entry = staged.get(stageId);
    staged.delete(stageId);
    if (entry) {
      clearTimeout(entry.timer);
      await rm(entry.packet.dir, { recursive: true, force: true });
    }
  };

  /** Puts the new call's recording into the media folder: the packet's own, or a stand-in built from its clips. */
  const placeMedia = async (packet: ReadPacket): Promise<{ media: PlacedMedia; placedFiles: string[] }> => {
    const { review } = packet;
    const { media } = review.subject;
    let source: string;
    if (media.file) {
      source = packet.file(media.file);
    } else {
      source = join(packet.dir, 'stand-in.ogg');
      await buildStandIn(
        review.clips.map((c) => ({ path: packet.file(c.file), startSec: c.startSec, endSec: c.endSec })),
        media.durationSec,
        source,
      ).catch((error: unknown) => {
        throw new AppError('unsupported', `The packet’s clips could not be put together: ${String(error)}`);
      });
    }
    let imported;
    try {
      imported = await importMediaFile(source, options.mediaDir);
    } catch (error) {
      throw new AppError('unsupported', `The packet’s recording could not be imported: ${describeImportError(error)}`);
    }
    const placedFiles = imported.duplicate ? [] : [imported.fileName, imported.peaksFileName];
    if (media.file && imported.sha256 !== media.sha256) {
      await Promise.all(placedFiles.map((f) => unlink(join(options.mediaDir, f)).catch(() => undefined)));
      throw new AppError(
        'invalid_input',
        'The packet’s recording is not the one its review data describes; nothing was imported.',
      );
    }
    return { media: imported, placedFiles };
  };

  return {
    exportsDir,
    startExport(exportOptions) {
      const controller = new AbortController();
      const job: PacketExportJob = {
        jobId: newId(),
        callId: 'callId' in exportOptions ? exportOptions.callId : null,
        attemptId: 'attemptId' in exportOptions ? exportOptions.attemptId : null,
        state: 'running',
        fraction: 0,
        label: 'Starting',
        error: null,
        packetId: null,
        files: [],
      };
      let lastPublished = 0;
      const done = exportPacket({ db, dataDir: ctx.dataDir, mediaDir: options.mediaDir, exportsDir }, exportOptions, {
        signal: controller.signal,
        onProgress: (fraction, label) => {
          job.fraction = fraction;
          job.label = label;
          // A few events a second are plenty for a progress bar.
          if (Date.now() - lastPublished > 150 || fraction >= 1) {
            lastPublished = Date.now();
            publish(job);
          }
        },
      }).then(
        (result) => {
          Object.assign(job, {
            state: 'done',
            fraction: 1,
            label: 'Packet ready',
            packetId: result.packetId,
            files: result.files,
          });
          publish(job);
        },
        (error: unknown) => {
          const cancelled = controller.signal.aborted;
          Object.assign(job, {
            state: cancelled ? 'cancelled' : 'failed',
            label: cancelled ? 'Cancelled' : 'Failed',
            error: cancelled ? null : error instanceof Error ? error.message : String(error),
          });
          publish(job);
        },
      );
      jobs.set(job.jobId, { job, controller, done });
      publish(job);
      return { ...job };
    },
    job: (jobId) => ({ ...getJob(jobId).job }),
    cancelExport(jobId) {
      const entry = getJob(jobId);
      if (entry.job.state === 'running') entry.controller.abort();
      return { ...entry.job };
    },
    async settled(jobId) {
      const entry = getJob(jobId);
      await entry.done;
      return { ...entry.job };
    },

    async inspect(path) {
      const stageId = newId();
      const controller = new AbortController();
      inspecting.add(controller);
      let plan: MergePlan | null = null;
      let packet: ReadPacket;
      try {
        await housekeeping;
        packet = await readPacket(path, join(stagingRoot, stageId), options.caps ?? DEFAULT_CAPS, {
          signal: controller.signal,
          limits: options.limits ?? DEFAULT_ENTRY_LIMITS,
          // Planned before anything is inflated (a provenance refusal writes nothing), and only the
          // recording (or its clips) of a call this library lacks is worth unpacking.
          select: (review, manifest) => {
            plan = planMerge(db, review, manifest);
            return plan.callAction === 'add' ? mediaEntriesOf(review) : [];
          },
        });
      } finally {
        inspecting.delete(controller);
      }
      if (!plan || controller.signal.aborted) {
        // Closed while reading: nothing stays staged.
        await rm(packet.dir, { recursive: true, force: true });
        throw new AppError('cancelled', 'The import was cancelled.');
      }
      const ready: MergePlan = plan;
      if (packet.staged.size === 0) await rm(packet.dir, { recursive: true, force: true });
      const timer = setTimeout(() => void forget(stageId), STAGE_TTL_MS);
      timer.unref();
      staged.set(stageId, { packet, timer });
      const { manifest } = packet;
      return {
        stageId,
        packetId: manifest.packetId,
        title: manifest.title,
        authorName: manifest.author?.name ?? null,
        signer: ready.signer,
        createdAt: manifest.createdAt,
        appVersion: manifest.appVersion,
        contents: manifest.contents,
        subjectKind: ready.subjectKind,
        callTitle: ready.callTitle,
        callAction: ready.callAction,
        totals: ready.totals,
        items: ready.items,
        upToDate: nothingToTake(ready),
      };
    },

    async importStaged(stageId) {
      const entry = staged.get(stageId);
      if (!entry) throw new AppError('not_found', 'That packet is no longer staged; choose the file again.');
      const { packet } = entry;
      try {
        let placed: { media: PlacedMedia; placedFiles: string[] } | null = null;
        const first = planMerge(db, packet.review, packet.manifest);
        // A copy of the library as it was, before the packet changes it.
        if (!nothingToTake(first)) await options.beforeApply?.();
        if (first.callAction === 'add') {
          // The call was deleted since the preview: its recording was not unpacked then.
          if (!mediaEntriesOf(packet.review).every((name) => packet.staged.has(name)))
            throw new AppError('conflict', 'The library changed since this packet was checked; choose the file again.');
          placed = await placeMedia(packet);
        }
        let plan;
        try {
          plan = db.transaction(() => {
            // Planned again inside the transaction: the library may have changed since the preview.
            const fresh = planMerge(db, packet.review, packet.manifest);
            // Nothing to take (all here, or refused): the library is left exactly as it was, receipts and keys too.
            if (!nothingToTake(fresh)) {
              applyPlan(db, packet.review, fresh, placed?.media ?? null, {
                dataDir: ctx.dataDir,
                manifest: packet.manifest,
              });
            }
            return fresh;
          })();
        } catch (error) {
          await Promise.all(
            (placed?.placedFiles ?? []).map((f) => unlink(join(options.mediaDir, f)).catch(() => undefined)),
          );
          throw error;
        }
        if (plan.newPeople.size > 0 || plan.merges.length > 0) {
          // The People screen, pickers and person pages list people: they must hear about new and merged ones.
          ctx.emit('people.changed', { reason: plan.merges.length > 0 ? 'merged' : 'created' });
        }
        announceRecognition(ctx, plan);
        const changedScorecards = plan.scorecards
          .filter((s) => s.action === 'add' || s.action === 'update')
          .map((s) => s.scorecard.id);
        if (plan.actionItems.some((i) => i.action === 'add' || i.action === 'update')) {
          ctx.emit('actionItems.changed', { ids: plan.actionItems.map((i) => i.item.id) });
        }
        if (plan.transcript === 'add') {
          const sha = placed?.media.sha256;
          if (sha) ctx.emit('transcript.changed', { mediaSha256: sha, reason: 'edited' });
        }
        if (plan.subjectKind === 'attempt' && plan.drill) {
          if (plan.drill.action === 'add') ctx.emit('drills.changed', { ids: [plan.drill.id] });
          ctx.emit('attempts.changed', { drillId: plan.drill.id, ids: [plan.callId] });
          ctx.emit('scorecards.changed', { callId: null, scorecardIds: changedScorecards });
          return {
            subjectKind: 'attempt',
            callId: null,
            attemptId: plan.callId,
            drillId: plan.drill.id,
            totals: plan.totals,
            items: plan.items,
          };
        }
        const changedAnnotations = plan.annotations.filter((a) => a.action !== 'unchanged' && a.action !== 'skip');
        ctx.emit('calls.changed', { ids: [plan.callId] });
        ctx.emit('annotations.changed', {
          callId: plan.callId,
          ids: [
            ...changedAnnotations.map((a) => a.annotation.id),
            ...plan.replies.filter((r) => r.action !== 'unchanged').map((r) => r.annotationId),
          ],
        });
        ctx.emit('scorecards.changed', { callId: plan.callId, scorecardIds: changedScorecards });
        return {
          subjectKind: 'call',
          callId: plan.callId,
          attemptId: null,
          drillId: null,
          totals: plan.totals,
          items: plan.items,
        };
      } finally {
        await forget(stageId);
      }
    },

    discard: (stageId) => forget(stageId),

    async close() {
      for (const { controller } of jobs.values()) controller.abort();
      for (const controller of inspecting) controller.abort();
      await Promise.all([...jobs.values()].map((j) => j.done));
      await Promise.all([...staged.keys()].map((id) => forget(id)));
      await housekeeping;
    },
  };
}

/** Kudos and celebrations a packet added reach the wall, person pages and the bell. */
function announceRecognition(ctx: CoreContext, plan: MergePlan): void {
  const kudos = plan.recognition.kudos.filter((k) => k.action === 'add').map((k) => k.kudos);
  const celebrations = plan.recognition.celebrations.filter((c) => c.action === 'add').map((c) => c.celebration);
  const personIds = [...new Set([...kudos.map((k) => k.recipientId), ...celebrations.map((c) => c.personId)])].map(
    (id) => plan.personMap.get(id) ?? id,
  );
  if (kudos.length > 0) {
    ctx.emit('kudos.changed', {
      ids: kudos.map((k) => k.id),
      recipientIds: personIds,
      callIds: plan.subjectKind === 'call' ? [plan.callId] : [],
      sessionIds: [],
    });
  }
  if (celebrations.length > 0) ctx.emit('celebrations.changed', { ids: celebrations.map((c) => c.id), personIds });
  if (personIds.length > 0) ctx.emit('notifications.changed', { personIds });
}
