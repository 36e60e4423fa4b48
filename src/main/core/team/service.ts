/**
 * The team folder, wired up: the setting that names it, this device's id,
 * the writer fed by the core's events, the reader woken by a folder watch
 * (and a periodic rescan, for network shares and engines whose changes a
 * watch misses), status for Settings, and Leave.
 */
import type { FSWatcher } from 'node:fs';
import { watch } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Id, Person, SyncthingInfo, TeamDevice, TeamStatus } from '../../../shared/domain';
import type { EventMap, EventName } from '../../../shared/events';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { newId } from '../db/ids';
import { all, get, run, sql } from '../db/sql';
import { ensureMeta, writeSetting } from '../settings/repository';
import { packetAuthor } from '../signing/author';
import { ensureSigningKey, fingerprint } from '../signing/keys';
import { subjectsWithWorkOf } from './change';
import { changeKinds } from './kinds';
import { classify, deviceDir, DEVICE_ID, listDevices, teamRoot } from './layout';
import type { ReaderDeps, ScanOutcome } from './reader';
import { backlogOf, importChangeFile, scanTeam } from './reader';
import { enqueue, flushOutbox, outboxSize } from './writer';
import { addSyncthingPeer, detectSyncthing, syncthingHomes } from './syncthing';
import type { SyncthingWatch, SyncthingWatchState } from './syncthing-watch';
import { startSyncthingWatch } from './syncthing-watch';

const FOLDER_KEY = 'team.folder';
const DEVICE_KEY = 'team.deviceId';
const DEVICE_PERSON_KEY = 'team.devicePersonId';
/** Syncthing device ids of the teammates added through the app: set, the Syncthing watch runs. */
const SYNCTHING_PEERS_KEY = 'team.syncthingPeers';

export interface TeamServiceOptions {
  mediaDir: string;
  /** A backup of the library, before the first file of a catch-up changes it. */
  beforeApply?: () => Promise<unknown>;
  /** How long after the last change the outbox is written (a burst of typing is one file). */
  batchMs?: number;
  /** The periodic rescan, for folders a watch cannot follow (network shares). */
  rescanMs?: number;
  /** A damaged file younger than this may still be arriving (plain shared folders). */
  settleMs?: number;
  /** Where Syncthing's config.xml is looked for (default: where Syncthing keeps it on this OS). */
  syncthingHomes?: string[];
  /** The Syncthing watch's wait before asking a Syncthing that did not answer again (first, longest). */
  syncthingBackoffMs?: { first: number; max: number };
  /** After a failed write (a full disk), how long until the outbox is tried again. */
  retryWriteMs?: number;
  /** Runs before each change file is written; a test makes a write fail here (a full disk). */
  beforeWrite?: (path: string) => Promise<void> | void;
}

export interface TeamService {
  status(): Promise<TeamStatus>;
  join(folder: string, create: boolean, actor: Person | null): Promise<TeamStatus>;
  leave(): Promise<TeamStatus>;
  rescan(): Promise<TeamStatus>;
  retry(deviceId: string, fileName: string): Promise<TeamStatus>;
  /** Looks for the local Syncthing (its API and key). */
  syncthing(): Promise<SyncthingInfo>;
  /** Adds a teammate's Syncthing device and shares the team folder with it; the Syncthing watch then runs. */
  syncthingAddPeer(peer: { syncthingDeviceId: string; name: string }): Promise<SyncthingInfo>;
  /** Every core event passes here: the registry says which mean this device's people changed something. */
  onEvent<E extends EventName>(event: E, payload: EventMap[E]): void;
  /** Writes what the outbox holds now (tests; Leave and close do it too). */
  flush(): Promise<void>;
  /** Runs a catch-up now (or waits for the one running) and answers how it went. */
  scan(): Promise<ScanOutcome | null>;
  /** Interrupts a catch-up between two files; the next scan resumes where it stopped. */
  interrupt(): void;
  folder(): string | null;
  deviceId(): string;
  close(): Promise<void>;
}

const readSetting = (db: Database, key: string): string | null => {
  const row = get<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${key}`);
  return row ? (JSON.parse(row.value) as string | null) : null;
};

export function createTeamService(ctx: CoreContext, options: TeamServiceOptions): TeamService {
  const { db } = ctx;
  const batchMs = options.batchMs ?? 1_500;
  const rescanMs = options.rescanMs ?? 30_000;
  const deviceId = () => ensureMeta(db, DEVICE_KEY, newId);
  let folder: string | null = readSetting(db, FOLDER_KEY);
  let problem: string | null = null;
  let importing: { done: number; total: number } | null = null;
  let closed = false;
  let lastBackup = 0;

  // ---- writing ----
  let flushTimer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();
  const flushNow = (): Promise<void> => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    writing = writing.then(async () => {
      const at = folder;
      if (!at || closed) return;
      const me = packetAuthor(db);
      const boundTo = readSetting(db, DEVICE_PERSON_KEY);
      // A device writes as one person: the first "me" that writes here.
      if (me && !boundTo) writeSetting(db, DEVICE_PERSON_KEY, me.id);
      if (me && boundTo && me.id !== boundTo) {
        const name =
          get<{ name: string }>(db, sql`SELECT name FROM people WHERE id = ${boundTo}`)?.name ?? 'someone else';
        setProblem(
          `This device writes to the team folder as ${name}. Changes made as ${me.name} wait here; to write as ${me.name}, leave the team and join again (this device then gets a new id).`,
        );
        return;
      }
      const outcome = await flushOutbox({
        db,
        dataDir: ctx.dataDir,
        mediaDir: options.mediaDir,
        folder: at,
        deviceId: deviceId(),
        beforeWrite: options.beforeWrite,
      });
      setProblem(outcome.problem);
      if (outcome.written > 0) ctx.emit('team.changed', { reason: 'written' });
      // A full disk or a folder gone: the outbox keeps the changes and is tried again until it can write.
      if (outcome.problem && outboxSize(db) > 0) scheduleRetry();
    });
    return writing.catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };
  let retryTimer: NodeJS.Timeout | null = null;
  const scheduleRetry = () => {
    if (retryTimer || closed) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void flushNow();
    }, options.retryWriteMs ?? 30_000);
    retryTimer.unref?.();
  };
  const scheduleFlush = () => {
    if (!folder || closed) return;
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = setTimeout(() => void flushNow(), batchMs);
    flushTimer.unref?.();
  };

  function setProblem(next: string | null) {
    if (next === problem) return;
    problem = next;
    ctx.emit('team.changed', { reason: 'problem' });
  }

  // ---- reading ----
  let scanning: Promise<ScanOutcome | null> | null = null;
  let again = false;
  let controller = new AbortController();
  // ---- the Syncthing watch (only when Syncthing was set up through the app) ----
  const homes = options.syncthingHomes ?? syncthingHomes();
  const peersOf = (): string[] => {
    const row = get<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${SYNCTHING_PEERS_KEY}`);
    return row ? (JSON.parse(row.value) as string[]) : [];
  };
  let syncWatch: SyncthingWatch | null = null;
  let syncState: SyncthingWatchState | null = null;
  const startSyncWatch = () => {
    if (syncWatch || closed || !folder || peersOf().length === 0) return;
    syncState = { connected: false, message: 'Connecting to Syncthing…' };
    syncWatch = startSyncthingWatch({
      homes,
      team: () => (folder && !closed ? { folder, deviceId: deviceId() } : null),
      peers: peersOf,
      wake: () => kick(),
      onState: (next) => {
        syncState = next;
        ctx.emit('team.changed', { reason: 'problem' });
      },
      backoffMs: options.syncthingBackoffMs,
    });
  };
  const stopSyncWatch = async () => {
    const w = syncWatch;
    syncWatch = null;
    syncState = null;
    await w?.stop();
  };

  const readerDeps = (at: string): ReaderDeps => ({
    db,
    dataDir: ctx.dataDir,
    mediaDir: options.mediaDir,
    folder: at,
    deviceId: deviceId(),
    emit: ctx.emit,
    // A backup before a catch-up changes the library, at most every ten minutes (files arrive every few seconds).
    beforeApply: async () => {
      if (Date.now() - lastBackup < 10 * 60_000) return;
      lastBackup = Date.now();
      await options.beforeApply?.();
    },
    settleMs: options.settleMs,
  });
  const runScan = async (): Promise<ScanOutcome | null> => {
    const at = folder;
    if (!at || closed) return null;
    let last = 0;
    const outcome = await scanTeam(readerDeps(at), {
      signal: controller.signal,
      onProgress: (done, total) => {
        importing = { done, total };
        if (total > 0 && (done === total || Date.now() - last > 100)) {
          last = Date.now();
          ctx.emit('team.progress', { done, total, finished: false });
        }
      },
    });
    const total = importing?.total ?? 0;
    importing = null;
    if (total > 0) ctx.emit('team.progress', { done: outcome.imported + outcome.quarantined, total, finished: true });
    if (outcome.imported > 0) ctx.emit('team.changed', { reason: 'imported' });
    if (outcome.quarantined > 0) ctx.emit('team.changed', { reason: 'quarantined' });
    if (outcome.problem) setProblem(outcome.problem);
    watchDevices(at);
    return outcome;
  };
  const scan = (): Promise<ScanOutcome | null> => {
    if (scanning) {
      again = true;
      return scanning;
    }
    scanning = (async () => {
      let result: ScanOutcome | null = null;
      do {
        again = false;
        result = await runScan().catch((error: unknown) => {
          setProblem(`The team folder could not be read: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        });
      } while (again && !closed && !controller.signal.aborted);
      return result;
    })().finally(() => {
      scanning = null;
    });
    return scanning;
  };

  // ---- watching ----
  const watchers = new Map<string, FSWatcher>();
  let rescanTimer: NodeJS.Timeout | null = null;
  let kickTimer: NodeJS.Timeout | null = null;
  const kick = () => {
    if (kickTimer) return;
    kickTimer = setTimeout(() => {
      kickTimer = null;
      void scan();
    }, 150);
    kickTimer.unref?.();
  };
  const watchPath = (path: string) => {
    if (watchers.has(path)) return;
    try {
      const w = watch(path, { persistent: false }, (_event, name) => {
        // Temp names and the engine's own files change all the time while syncing: only real files wake the reader.
        if (name === null || classify(String(name)).kind !== 'ignored' || DEVICE_ID.test(String(name))) kick();
      });
      w.on('error', () => {
        w.close();
        watchers.delete(path);
      });
      watchers.set(path, w);
    } catch {
      // Not watchable (gone, or a share without notifications): the periodic rescan covers it.
    }
  };
  function watchDevices(at: string) {
    if (closed || folder !== at) return;
    watchPath(teamRoot(at));
    void listDevices(at).then((devices) => {
      if (closed || folder !== at) return;
      for (const d of devices) if (d !== deviceId()) watchPath(deviceDir(at, d));
    });
  }
  const stopWatching = () => {
    for (const w of watchers.values()) w.close();
    watchers.clear();
    if (rescanTimer) clearInterval(rescanTimer);
    rescanTimer = null;
  };
  const startWatching = (at: string) => {
    stopWatching();
    watchDevices(at);
    rescanTimer = setInterval(() => void scan(), rescanMs);
    rescanTimer.unref?.();
  };

  // ---- status ----
  const status = async (): Promise<TeamStatus> => {
    const me = packetAuthor(db);
    const devices: TeamDevice[] = [];
    if (folder) {
      const rows = all<{
        device_id: string;
        public_key: string | null;
        person_id: Id | null;
        next_seq: number;
        last_change_at: string | null;
        last_imported_at: string | null;
      }>(
        db,
        sql`SELECT device_id, public_key, person_id, next_seq, last_change_at, last_imported_at FROM team_devices
            ORDER BY first_seen_at, device_id`,
      );
      const onDisk = new Set(await listDevices(folder));
      for (const d of [...onDisk])
        if (d !== deviceId() && !rows.some((r) => r.device_id === d))
          rows.push({
            device_id: d,
            public_key: null,
            person_id: null,
            next_seq: 1,
            last_change_at: null,
            last_imported_at: null,
          });
      for (const r of rows) {
        if (r.device_id === deviceId()) continue;
        const backlog = await backlogOf(folder, db, r.device_id);
        const person = r.person_id
          ? get<{ id: Id; name: string }>(db, sql`SELECT id, name FROM people WHERE id = ${r.person_id}`)
          : undefined;
        devices.push({
          deviceId: r.device_id,
          people: person ? [person] : [],
          fingerprint: r.public_key ? fingerprint(r.public_key) : null,
          lastSeq: r.next_seq - 1,
          lastChangeAt: r.last_change_at,
          lastImportedAt: r.last_imported_at,
          waiting: backlog.waiting,
          waitingFor: backlog.waiting > 0 ? `Change ${r.next_seq} has not arrived yet, or is being imported.` : null,
          folderMissing: backlog.missing,
          conflictCopies: backlog.conflicts,
        });
      }
    }
    const quarantined = all<{
      device_id: string;
      file_name: string;
      seq: number | null;
      reason: string;
      advice: string;
      at: string;
    }>(
      db,
      sql`SELECT device_id, file_name, seq, reason, advice, at FROM team_quarantine ORDER BY at DESC, file_name, device_id`,
    ).map((q) => ({
      deviceId: q.device_id,
      fileName: q.file_name,
      seq: q.seq,
      reason: q.reason,
      advice: q.advice,
      at: q.at,
    }));
    const log = get<{ n: number; at: string | null }>(
      db,
      sql`SELECT count(*) AS n, max(created_at) AS at FROM team_log`,
    );
    const key = me && folder ? ensureSigningKey(db, ctx.dataDir, me.id) : null;
    return {
      folder,
      deviceId: deviceId(),
      writingAs: me && key ? { id: me.id, name: me.name, fingerprint: fingerprint(key.publicKey) } : null,
      written: log?.n ?? 0,
      outbox: outboxSize(db),
      lastWrittenAt: log?.at ?? null,
      devices,
      quarantined,
      importing,
      problem,
      syncthing: syncState,
    };
  };

  if (folder) {
    startWatching(folder);
    startSyncWatch();
    void scan();
  }

  const service: TeamService = {
    status,
    async join(path, create, actor) {
      const at = resolve(path);
      const info = await stat(at).catch(() => null);
      if (!info) {
        if (!create)
          throw new AppError('not_found', `There is no folder at ${at}. Check the path, or choose “Create it”.`);
        await mkdir(at, { recursive: true });
      } else if (!info.isDirectory()) {
        throw new AppError('invalid_input', `${at} is a file, not a folder.`);
      }
      const dataDir = resolve(ctx.dataDir);
      if (at === dataDir || at.startsWith(dataDir + '/') || dataDir.startsWith(at + '/'))
        throw new AppError(
          'invalid_input',
          'The team folder must be outside the library’s own folder (its keys must never be synced).',
        );
      // A device writes as one person: someone else on this device starts a new device folder.
      const boundTo = readSetting(db, DEVICE_PERSON_KEY);
      if (actor && boundTo && boundTo !== actor.id) {
        writeSetting(db, DEVICE_KEY, newId());
        run(db, sql`DELETE FROM settings WHERE key = ${DEVICE_PERSON_KEY}`);
      }
      const own = deviceDir(at, deviceId());
      try {
        await mkdir(own, { recursive: true });
        await access(own, constants.W_OK);
      } catch (error) {
        throw new AppError(
          'unsupported',
          `Gamefilm cannot write in ${at} (${(error as NodeJS.ErrnoException).code ?? 'error'}); choose a folder you can write to.`,
        );
      }
      db.transaction(() => {
        writeSetting(db, FOLDER_KEY, at);
        // What this person already did goes to the team too.
        if (actor) enqueue(db, subjectsWithWorkOf(db, actor.id));
      })();
      folder = at;
      controller = new AbortController();
      problem = null;
      startWatching(at);
      ctx.emit('team.changed', { reason: 'joined' });
      void flushNow();
      void scan();
      return status();
    },
    async leave() {
      controller.abort();
      await scanning;
      await flushNow();
      stopWatching();
      await stopSyncWatch();
      folder = null;
      db.transaction(() => {
        run(db, sql`DELETE FROM settings WHERE key = ${FOLDER_KEY}`);
        // Syncthing's folders point into the folder left: joining again means adding teammates again.
        run(db, sql`DELETE FROM settings WHERE key = ${SYNCTHING_PEERS_KEY}`);
        run(db, sql`DELETE FROM team_outbox`);
      })();
      problem = null;
      ctx.emit('team.changed', { reason: 'left' });
      return status();
    },
    async rescan() {
      await scan();
      return status();
    },
    async retry(device, fileName) {
      if (!DEVICE_ID.test(device)) throw new AppError('invalid_input', 'Not a device of the team folder.');
      const c = classify(fileName);
      if (c.kind !== 'change') throw new AppError('invalid_input', 'Not a change file.');
      if (!folder) throw new AppError('conflict', 'This library is not in a team.');
      const at = folder;
      run(db, sql`DELETE FROM team_quarantine WHERE device_id = ${device} AND file_name = ${fileName}`);
      await importChangeFile(readerDeps(at), device, fileName, c.seq, { backedUp: false });
      ctx.emit('team.changed', { reason: 'imported' });
      return status();
    },
    syncthing: () => detectSyncthing(homes),
    async syncthingAddPeer(peer) {
      const known = peersOf();
      const info = await addSyncthingPeer(service, peer, homes, known);
      if (!known.includes(peer.syncthingDeviceId))
        writeSetting(db, SYNCTHING_PEERS_KEY, [...known, peer.syncthingDeviceId]);
      startSyncWatch();
      return info;
    },
    onEvent(event, payload) {
      if (!folder || closed) return;
      if (event === 'people.changed' && (payload as EventMap['people.changed']).reason === 'me') {
        // Someone became "me" here: what they already did goes to the team too.
        const me = packetAuthor(db);
        if (me) enqueue(db, subjectsWithWorkOf(db, me.id));
        scheduleFlush();
      }
      // The outbox holds this device's people's changes: with nobody "me" there are none.
      if (!packetAuthor(db)) return;
      for (const kind of changeKinds()) {
        const subjectsOf = kind.watch[event] as
          ((d: Database, p: EventMap[typeof event]) => Array<{ kind: 'call' | 'attempt'; id: Id }>) | undefined;
        if (!subjectsOf) continue;
        const subjects = subjectsOf(db, payload);
        if (subjects.length > 0) {
          enqueue(db, subjects);
          scheduleFlush();
        }
      }
    },
    flush: flushNow,
    scan,
    interrupt() {
      controller.abort();
      controller = new AbortController();
    },
    folder: () => folder,
    deviceId,
    async close() {
      await flushNow();
      closed = true;
      controller.abort();
      if (kickTimer) clearTimeout(kickTimer);
      if (retryTimer) clearTimeout(retryTimer);
      stopWatching();
      await stopSyncWatch();
      await scanning;
      await writing;
    },
  };
  return service;
}
