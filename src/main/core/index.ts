import { EventEmitter } from 'node:events';
import type { Database } from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../../shared/contract';
import type { Call } from '../../shared/domain';
import type { EventMap, EventName, Unsubscribe } from '../../shared/events';
import { appHandlers } from './app/handlers';
import { backupsHandlers } from './backups/handlers';
import { createBackupService } from './backups/service';
import type { BackupService } from './backups/service';
import { callsHandlers, scanForMissingMedia } from './calls/handlers';
import { annotationsHandlers } from './coaching/annotations/handlers';
import { rubricsHandlers } from './coaching/rubrics/handlers';
import { scorecardsHandlers } from './coaching/scorecards/handlers';
import { seedCoachingDefaults } from './coaching/seed';
import { drillsHandlers } from './drills/handlers';
import { insightsHandlers, trackersHandlers } from './insights/handlers';
import type { RefreshThreadOptions } from './insights/refresher';
import { createRefresher } from './insights/refresher';
import { seedTrackers } from './insights/trackers';
import { seedDrills } from './drills/seed';
import { createDrillsService } from './drills/service';
import type { DrillsService } from './drills/service';
import { ImportQueue } from './calls/imports';
import type { CoreContext } from './context';
import { openDatabase } from './db/open';
import { createDispatcher } from './dispatch';
import { createFileHandles } from './files/handles';
import type { FileHandles } from './files/handles';
import { removeStaleImportTemps } from './media';
import { get, sql } from './db/sql';
import type { Dispatch } from './dispatch';
import { packetsHandlers } from './packets/handlers';
import { requestContextFor } from './policy/actor';
import { createPacketService } from './packets/service';
import type { PacketService } from './packets/service';
import { peopleHandlers } from './people/handlers';
import { goalsHandlers } from './recognition/goal-handlers';
import { recognitionHandlers } from './recognition/handlers';
import { CELEBRATION_TRIGGERS, createCelebrationWatcher } from './recognition/service';
import { settingsHandlers } from './settings/handlers';
import { kudosHandlers, sessionsHandlers } from './sessions/handlers';
import { seedKudosBadges } from './recognition/kudos';
import { teamHandlers } from './team/handlers';
import { createTeamService } from './team/service';
import type { TeamService, TeamServiceOptions } from './team/service';
import { jobsHandlers, modelsHandlers, transcriptsHandlers } from './transcription/handlers';
import { createTranscriptionService } from './transcription/service';
import type { TranscriptionOptions, TranscriptionService } from './transcription/service';

export interface CoreOptions {
  /** The user-data folder: the database and the managed media folder live here. */
  dataDir: string;
  shell: 'electron' | 'web';
  nativeBinding?: string;
  /** Engine, whisper-cli path, model catalog and download URL overrides (tests, benchmarks). */
  transcription?: TranscriptionOptions;
  /** Electron: shows a review session's presenter window. Browser mode has none (the page opens a tab). */
  openPresenter?: (sessionId: string) => void;
  /** Team folder timings (tests shorten the batch and rescan intervals). */
  team?: Omit<TeamServiceOptions, 'mediaDir' | 'beforeApply'>;
  /** Where the insights refresh thread's entry is; without it the refresh runs in short turns on this thread. */
  insightsThread?: RefreshThreadOptions;
}

export interface Core {
  dispatch: Dispatch;
  /** Every event, for transports that forward them all (IPC broadcast, SSE). */
  onAnyEvent(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): Unsubscribe;
  close(): Promise<void>;
  db: Database;
  /** The managed folder: `<sha256>.<ext>` recordings and their `.peaks`. */
  mediaDir: string;
  imports: ImportQueue;
  /** Models and the transcription queue; `transcription.enqueueTranscription(sha256)` after an import. */
  transcription: TranscriptionService;
  /** Settles once startup housekeeping (stale temps, missing-media scan) is done. */
  ready: Promise<void>;
  onCallImported(listener: (call: Call) => void): void;
  /** Packet export jobs and the inspect → import flow; `packets.exportsDir` is what browser mode serves downloads from. */
  packets: PacketService;
  /** Drill attempts: browser mode's upload route keeps a recorded answer with `drills.saveAttemptFile(path, drillId)`. */
  drills: DrillsService;
  backups: BackupService;
  /** The team folder: writer, reader and status. */
  team: TeamService;
  /** The files the person chose, by handle: only the shells register them (dialogs, drops, uploads). */
  files: FileHandles;
  dataDir: string;
}

/** Wires the services together. Plain Node: the same core runs under Electron and in browser mode. */
export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true });
  const dbFile = join(options.dataDir, 'gamefilm.sqlite');
  const db = openDatabase(dbFile, { nativeBinding: options.nativeBinding });
  seedCoachingDefaults(db);
  // After the rubrics: shipped drills name their rubric by seed key.
  seedDrills(db);
  seedKudosBadges(db);
  seedTrackers(db);
  const bus = new EventEmitter();
  bus.setMaxListeners(0);

  const ctx: CoreContext = {
    db,
    dataDir: options.dataDir,
    shell: options.shell,
    emit: (event, payload) => bus.emit('event', event, payload),
  };
  const mediaDir = join(options.dataDir, 'media');
  mkdirSync(mediaDir, { recursive: true });
  // Uploads and recorded answers waiting to be imported: a crash leaves them behind, and nothing is queued yet.
  rmSync(join(options.dataDir, 'incoming'), { recursive: true, force: true });
  const imports = new ImportQueue(ctx, {
    mediaDir,
    // A rep importing their own calls should not have to pick themselves every time.
    defaultRepId: () =>
      get<{ id: string }>(db, sql`SELECT id FROM people WHERE is_me = 1 AND role = 'rep' AND deleted_at IS NULL`)?.id ??
      null,
    onCallImported: (call) => importListeners.forEach((listener) => listener(call)),
  });
  const importListeners: Array<(call: Call) => void> = [];

  const transcription = createTranscriptionService(ctx, mediaDir, options.transcription);
  // New calls go straight into the transcription queue when a default model is installed
  // (without one, enqueueTranscription does nothing and the transcript tab offers the models).
  importListeners.push((call) => {
    try {
      transcription.enqueueTranscription(call.media.sha256);
    } catch (error) {
      console.error('[gamefilm] could not queue transcription', error);
    }
  });

  const drills = createDrillsService(ctx, { mediaDir, transcription });
  const files = createFileHandles();
  // Call figures and tracker hits follow every transcript change, in the background.
  const insights = createRefresher(
    db,
    ctx.emit,
    options.insightsThread && { ...options.insightsThread, dbFile, nativeBinding: options.nativeBinding },
  );
  const backups = createBackupService(ctx, {
    dbFile,
    nativeBinding: options.nativeBinding,
    quiet: (work) => insights.whilePaused(work),
  });
  const packets = createPacketService(ctx, { mediaDir, beforeApply: () => backups.create('before-packet') });
  bus.on('event', (event: EventName) => {
    if (event === 'transcript.changed' || event === 'calls.changed') insights.kick();
  });
  insights.kick();
  // Celebrations follow the data they are read from (scores, attempts, action items, goals).
  const celebrations = createCelebrationWatcher(db, ctx.emit);
  bus.on('event', (event: EventName) => {
    if (CELEBRATION_TRIGGERS.has(event)) celebrations.kick();
  });
  celebrations.kick();
  // The team folder hears every event: its registry says which mean this device's people changed something.
  const team = createTeamService(ctx, {
    ...options.team,
    mediaDir,
    beforeApply: () => backups.create('before-packet'),
  });
  bus.on('event', (event: EventName, payload: EventMap[EventName]) => team.onEvent(event, payload));
  const handlers: Handlers = {
    annotations: annotationsHandlers(ctx),
    app: appHandlers(ctx),
    backups: backupsHandlers(backups),
    calls: callsHandlers(ctx, { mediaDir, imports, files }),
    drills: drillsHandlers(ctx, drills),
    goals: goalsHandlers(ctx),
    insights: insightsHandlers(ctx),
    trackers: trackersHandlers(ctx, () => insights.kick()),
    packets: packetsHandlers(packets, files),
    people: peopleHandlers(ctx),
    recognition: recognitionHandlers(ctx),
    rubrics: rubricsHandlers(ctx),
    scorecards: scorecardsHandlers(ctx),
    settings: settingsHandlers(ctx),
    team: teamHandlers(team),
    transcripts: transcriptsHandlers(ctx, transcription),
    jobs: jobsHandlers(ctx, transcription),
    kudos: kudosHandlers(ctx),
    sessions: sessionsHandlers(ctx, { mediaDir, openPresenter: options.openPresenter }),
    models: modelsHandlers(transcription, files),
  };

  // Housekeeping off the request path: temp files from a crash, files moved away by hand.
  const housekeeping = Promise.all([
    removeStaleImportTemps(mediaDir).catch(() => undefined),
    scanForMissingMedia(ctx, mediaDir).catch((error: unknown) => console.error('[gamefilm] media scan failed', error)),
    backups.daily().catch((error: unknown) => console.error('[gamefilm] the daily backup failed', error)),
  ]);

  return {
    // Both shells (IPC and browser mode) reach the core through this one dispatcher, so the actor is read the same way.
    dispatch: createDispatcher(handlers, requestContextFor(db)),
    mediaDir,
    imports,
    transcription,
    drills,
    packets,
    backups,
    team,
    files,
    ready: housekeeping.then(() => undefined),
    onCallImported: (listener) => {
      importListeners.push(listener);
    },
    onAnyEvent(listener) {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
    async close() {
      await insights.close();
      celebrations.close();
      await team.close();
      await Promise.all([imports.close(), housekeeping, transcription.close(), packets.close()]);
      await backups.close();
      bus.removeAllListeners();
      db.close();
    },
    db,
    dataDir: options.dataDir,
  };
}
