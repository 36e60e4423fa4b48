/**
 * The reader: imports the other devices' change files in each device's
 * sequence order through the packet import (validated, signed, planned and
 * applied in one transaction). Per device a cursor — the next number to
 * import — moves in the same transaction as the file it took, so a catch-up
 * interrupted anywhere resumes exactly there.
 *
 * A missing number waits (the file is on its way); so does a recording that
 * has not arrived, or a damaged file written moments ago (a plain shared
 * folder can show a file while it is still being copied). A file that fails
 * validation is quarantined with its reason — never applied, and the files
 * after it go on. Only the device's own key may sign in its folder: the
 * first file pins it, and a key used by another device is refused.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { EventMap, EventName } from '../../../shared/events';
import type { Id } from '../../../shared/domain';
import type { PacketManifest, PacketReview } from '../../../shared/packets';
import { AppError } from '../../../shared/result';
import { describeImportError } from '../calls/imports';
import { newId, nowIso } from '../db/ids';
import { get, run, sql } from '../db/sql';
import { importMediaFile } from '../media';
import type { PlacedMedia } from '../packets/apply';
import { applyPeople, applyPlan } from '../packets/apply';
import { announceRecognition } from '../packets/service';
import type { EntryLimits } from '../packets/entry-limits';
import { DEFAULT_ENTRY_LIMITS, mediaEntriesOf } from '../packets/entry-limits';
import type { MergePlan } from '../packets/plan';
import { planMerge } from '../packets/plan';
import { DEFAULT_CAPS, packetHasReview, readPacket, readSignedRecords } from '../packets/read';
import type { PeoplePlan } from '../packets/plan-people';
import { planPeople } from '../packets/plan-people';
import { resolvePersonId } from '../people/merge';
import { fingerprint } from '../signing/keys';
import { ChangeHeader, CHANGES_ENTRY } from './change';
import type { ChangeSubject } from './kinds';
import { changeKinds } from './kinds';
import { deviceDir, isMediaName, listDevice, listDevices, mediaPath } from './layout';

type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export interface ReaderDeps {
  db: Database;
  dataDir: string;
  mediaDir: string;
  folder: string;
  /** This device: its own folder is never read. */
  deviceId: string;
  emit: Emit;
  /** Runs once before the first file of a run changes the library (a backup). */
  beforeApply?: () => Promise<unknown>;
  limits?: EntryLimits;
  /** A damaged file younger than this may still be arriving: it waits instead of being quarantined. */
  settleMs?: number;
}

export type FileOutcome =
  | { kind: 'imported'; changed: boolean }
  | { kind: 'wait'; why: string }
  | { kind: 'quarantined'; reason: string }
  | { kind: 'stopped' };

export interface ScanOutcome {
  imported: number;
  quarantined: number;
  /** Device id → why its next file waits. */
  waiting: Map<string, string>;
  interrupted: boolean;
  problem: string | null;
}

const nothingToTake = (plan: MergePlan): boolean =>
  plan.items.every((i) => i.action === 'unchanged' || i.action === 'skip' || i.action === 'refused');

export const cursorOf = (db: Database, deviceId: string): number =>
  get<{ next_seq: number }>(db, sql`SELECT next_seq FROM team_devices WHERE device_id = ${deviceId}`)?.next_seq ?? 1;

function ensureDevice(db: Database, deviceId: string): void {
  run(
    db,
    sql`INSERT INTO team_devices (device_id, first_seen_at) VALUES (${deviceId}, ${nowIso()}) ON CONFLICT DO NOTHING`,
  );
}

function advance(db: Database, deviceId: string, seq: number): void {
  run(db, sql`UPDATE team_devices SET next_seq = max(next_seq, ${seq + 1}) WHERE device_id = ${deviceId}`);
}

/** What to do about a quarantined file, from its reason. */
export function adviceFor(reason: string): string {
  if (/damaged|truncated|not a complete|checksum|does not match its/i.test(reason))
    return 'The file is damaged. The sync engine usually repairs it from the other device; then choose Try again.';
  if (/signature|signed by|signing key|key/i.test(reason))
    return 'Nothing from it was imported. Ask the teammate on that device whether they wrote it; if not, delete the file from the team folder. Compare key fingerprints out of band if in doubt.';
  if (/future/i.test(reason))
    return 'A clock is wrong on the device that wrote it. Once its clock is right, choose Try again.';
  if (/older packet|replay|number/i.test(reason))
    return 'It repeats or reorders a change already taken, so it was left out; nothing needs doing.';
  if (/damaged|truncated|not a complete|checksum|does not match/i.test(reason))
    return 'The file is damaged. The sync engine usually repairs it from the other device; then choose Try again.';
  return 'Nothing from it was imported. Choose Try again once it is fixed, or leave it: the files after it were imported.';
}

function quarantine(db: Database, deviceId: string, fileName: string, seq: number | null, reason: string): void {
  run(
    db,
    sql`INSERT INTO team_quarantine (device_id, file_name, seq, reason, advice, at)
        VALUES (${deviceId}, ${fileName}, ${seq}, ${reason}, ${adviceFor(reason)}, ${nowIso()})
        ON CONFLICT DO UPDATE SET reason = excluded.reason, advice = excluded.advice, at = excluded.at`,
  );
}

/** A recording named in a change file: in any device's media folder (it may have come through another). */
async function findMedia(folder: string, sender: string, fileName: string): Promise<string | null> {
  if (!isMediaName(fileName)) return null;
  const own = mediaPath(folder, sender, fileName);
  if (
    await stat(own).then(
      (s) => s.isFile(),
      () => false,
    )
  )
    return own;
  for (const device of await listDevices(folder)) {
    const p = mediaPath(folder, device, fileName);
    if (
      await stat(p).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return p;
  }
  return null;
}

const isDamage = (message: string) =>
  /not a complete Gamefilm packet|is damaged|truncated|end of central directory|unexpected end|incomplete/i.test(
    message,
  );

/**
 * Imports one change file. `seq` is the number its name says; the file must
 * say the same inside (a copied or renamed file is a replay).
 */
export async function importChangeFile(
  deps: ReaderDeps,
  deviceId: string,
  fileName: string,
  seq: number,
  state: { backedUp: boolean },
): Promise<FileOutcome> {
  const { db } = deps;
  const path = join(deviceDir(deps.folder, deviceId), fileName);
  ensureDevice(db, deviceId);
  let hasReview: boolean;
  try {
    hasReview = await packetHasReview(path);
  } catch (error) {
    return readFailure(deps, deviceId, fileName, seq, path, error);
  }
  if (!hasReview) return importPersonChange(deps, deviceId, fileName, seq, path, state);
  const stage = join(deps.dataDir, 'team-staging', newId());
  let plan: MergePlan | null = null;
  let packet;
  try {
    packet = await readPacket(path, stage, DEFAULT_CAPS, {
      limits: deps.limits ?? DEFAULT_ENTRY_LIMITS,
      // The recording lies beside the change files, in any device's media folder (it may have come through another).
      external: (name) => (name.startsWith('media/') ? findMedia(deps.folder, deviceId, name.slice(6)) : null),
      select: (review, manifest) => {
        plan = planMerge(db, review, manifest);
        return [CHANGES_ENTRY, ...(plan.callAction === 'add' ? mediaEntriesOf(review) : [])];
      },
    });
  } catch (error) {
    return readFailure(deps, deviceId, fileName, seq, path, error);
  }

  try {
    const { manifest, review } = packet;
    const headerRaw = JSON.parse(await readFile(packet.file(CHANGES_ENTRY), 'utf8')) as unknown;
    const checked = checkedHeader(deps, deviceId, fileName, seq, manifest, headerRaw);
    if ('kind' in checked) return checked;
    const { header, author } = checked;

    const first = plan as MergePlan | null;
    if (first && !nothingToTake(first) && !state.backedUp) {
      state.backedUp = true;
      await deps.beforeApply?.();
    }
    let placed: { media: PlacedMedia; files: string[] } | null = null;
    if (first?.callAction === 'add') {
      const media = review.subject.media;
      if (!media.file || !packet.staged.has(media.file))
        return { kind: 'wait', why: `A recording for change ${seq} has not arrived yet.` };
      let imported;
      try {
        imported = await importMediaFile(packet.file(media.file), deps.mediaDir);
      } catch (error) {
        return refuseFile(
          deps,
          deviceId,
          fileName,
          seq,
          `Its recording could not be imported: ${describeImportError(error)}`,
        );
      }
      const files = imported.duplicate ? [] : [imported.fileName, imported.peaksFileName];
      if (imported.sha256 !== media.sha256) {
        await Promise.all(files.map((f) => rm(join(deps.mediaDir, f), { force: true })));
        return refuseFile(deps, deviceId, fileName, seq, 'Its recording is not the one its review data describes.');
      }
      placed = { media: imported, files };
    }

    let fresh: MergePlan;
    let changedByKind: Array<{ kind: string; ids: Id[] }> = [];
    try {
      ({ fresh, changedByKind } = db.transaction(() => {
        const p = planMerge(db, review, manifest);
        if (!nothingToTake(p)) {
          applyPlan(db, review, p, placed?.media ?? null, { dataDir: deps.dataDir, manifest });
        }
        const changed = applyRecords(db, header.records, p, { kind: review.subject.kind, id: p.callId });
        changed.push({ kind: 'removed', ids: restoreByAuthor(db, review, p) });
        run(
          db,
          sql`UPDATE team_devices SET public_key = ${author}, person_id = ${p.signer?.personId ?? null},
                last_change_at = ${manifest.createdAt}, last_imported_at = ${nowIso()}
              WHERE device_id = ${deviceId}`,
        );
        advance(db, deviceId, seq);
        run(db, sql`DELETE FROM team_quarantine WHERE device_id = ${deviceId} AND file_name = ${fileName}`);
        return { fresh: p, changedByKind: changed };
      })());
    } catch (error) {
      await Promise.all((placed?.files ?? []).map((f) => rm(join(deps.mediaDir, f), { force: true })));
      return refuseFile(deps, deviceId, fileName, seq, error instanceof Error ? error.message : String(error));
    }
    const changed = !nothingToTake(fresh) || changedByKind.some((c) => c.ids.length > 0);
    if (changed) announce(deps, fresh, changedByKind, placed?.media.sha256 ?? null);
    return { kind: 'imported', changed };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/**
 * An annotation its author removed and then restored (undo) comes back in
 * their next file, live and edited after the removal: in the team folder
 * the author's newer word wins over the removal their own tombstone made
 * here. (A packet leaves a removed annotation in the trash.) Answers the ids.
 */
function restoreByAuthor(db: Database, review: PacketReview, plan: MergePlan): Id[] {
  if (!plan.signer || review.subject.kind !== 'call') return [];
  const signer = resolvePersonId(db, plan.signer.personId);
  const restored: Id[] = [];
  for (const a of review.annotations) {
    const local = get<{ author_id: Id; deleted_at: string | null }>(
      db,
      sql`SELECT author_id, deleted_at FROM annotations WHERE id = ${a.id} AND call_id = ${plan.callId}`,
    );
    if (!local?.deleted_at || resolvePersonId(db, local.author_id) !== signer || a.updatedAt <= local.deleted_at)
      continue;
    run(
      db,
      sql`UPDATE annotations SET deleted_at = NULL, start_sec = ${a.startSec}, end_sec = ${a.endSec}, body = ${a.body},
            situation = ${a.situation}, behavior = ${a.behavior}, impact = ${a.impact}, updated_at = ${a.updatedAt}
          WHERE id = ${a.id}`,
    );
    restored.push(a.id);
  }
  return restored;
}

/** Why a change file could not be read: still arriving or its recording not here yet (wait), or refused. */
async function readFailure(
  deps: ReaderDeps,
  deviceId: string,
  fileName: string,
  seq: number,
  path: string,
  error: unknown,
): Promise<FileOutcome> {
  // Our own refusals are sentences; anything else from the zip or zlib layer means damaged bytes.
  const message =
    error instanceof AppError
      ? error.message
      : `The change file is damaged (${error instanceof Error ? error.message : String(error)}).`;
  if (error instanceof AppError && error.code === 'not_found')
    return { kind: 'wait', why: `A recording for change ${seq} has not arrived yet.` };
  if (error instanceof AppError && error.code === 'cancelled') return { kind: 'stopped' };
  if (/not enough free disk space/i.test(message)) return { kind: 'wait', why: message };
  if (isDamage(message)) {
    const age = Date.now() - ((await stat(path).catch(() => null))?.mtimeMs ?? 0);
    if (age < (deps.settleMs ?? 60_000)) return { kind: 'wait', why: `Change ${seq} is still arriving.` };
  }
  return refuseFile(deps, deviceId, fileName, seq, message);
}

/**
 * The file's changes.json, once it is signed by this folder's device: its
 * own number and device, a key no other device uses, and the key this
 * device always signed with. Otherwise the file is refused (quarantined).
 */
function checkedHeader(
  deps: ReaderDeps,
  deviceId: string,
  fileName: string,
  seq: number,
  manifest: PacketManifest,
  headerRaw: unknown,
): { header: ChangeHeader; author: string } | FileOutcome {
  const { db } = deps;
  const author = manifest.author?.publicKey;
  if (!author) return refuseFile(deps, deviceId, fileName, seq, 'The change file is not signed.');
  const parsed = ChangeHeader.safeParse(headerRaw);
  if (!parsed.success) return refuseFile(deps, deviceId, fileName, seq, 'Its changes.json is not valid.');
  const header = parsed.data;
  if (header.deviceId !== deviceId || header.seq !== seq) {
    return refuseFile(
      deps,
      deviceId,
      fileName,
      seq,
      `It says it is change ${header.seq} of device ${header.deviceId.slice(0, 8)}, but it lies as number ${seq} in the folder of device ${deviceId.slice(0, 8)}: a copied, renamed or replayed file.`,
    );
  }
  const keyOwner = get<{ device_id: string }>(db, sql`SELECT device_id FROM team_devices WHERE public_key = ${author}`);
  if (keyOwner && keyOwner.device_id !== deviceId) {
    return refuseFile(
      deps,
      deviceId,
      fileName,
      seq,
      `It is signed by the key of device ${keyOwner.device_id.slice(0, 8)} (${fingerprint(author)}), not by this folder’s device.`,
    );
  }
  const pinned = get<{ public_key: string | null }>(
    db,
    sql`SELECT public_key FROM team_devices WHERE device_id = ${deviceId}`,
  )?.public_key;
  if (pinned && pinned !== author) {
    return refuseFile(
      deps,
      deviceId,
      fileName,
      seq,
      `It is signed by a key this device never used (${fingerprint(author)}; the device signs with ${fingerprint(pinned)}).`,
    );
  }
  return { header, author };
}

/**
 * A change about a person (kudos on their page, a goal set for them):
 * records only. The people it names are matched as a packet's are; the
 * records apply in one transaction with the cursor, like any change file.
 */
async function importPersonChange(
  deps: ReaderDeps,
  deviceId: string,
  fileName: string,
  seq: number,
  path: string,
  state: { backedUp: boolean },
): Promise<FileOutcome> {
  const { db } = deps;
  let read;
  try {
    read = await readSignedRecords(path, [CHANGES_ENTRY]);
  } catch (error) {
    return readFailure(deps, deviceId, fileName, seq, path, error);
  }
  const checked = checkedHeader(deps, deviceId, fileName, seq, read.manifest, read.json.get(CHANGES_ENTRY));
  if ('kind' in checked) return checked;
  const { header, author } = checked;
  if (header.subject.kind !== 'person' || !header.people)
    return refuseFile(deps, deviceId, fileName, seq, 'It has no review data and is not a change about a person.');
  const people = header.people;
  if (!state.backedUp) {
    state.backedUp = true;
    await deps.beforeApply?.();
  }
  let outcome: { plan: PeoplePlan; changed: Array<{ kind: string; ids: Id[] }> };
  try {
    outcome = db.transaction(() => {
      const plan = planPeople(db, people, read.manifest);
      applyPeople(db, people, plan, deps.dataDir);
      const signer = plan.signer ? resolvePersonId(db, plan.signer.personId) : null;
      const personOf = (id: Id) => plan.personMap.get(id) ?? id;
      const changed = signer
        ? applyKinds(db, header.records, signer, personOf, {
            kind: 'person',
            id: resolvePersonId(db, personOf(header.subject.id)),
          })
        : [];
      run(
        db,
        sql`UPDATE team_devices SET public_key = ${author}, person_id = ${signer},
              last_change_at = ${read.manifest.createdAt}, last_imported_at = ${nowIso()}
            WHERE device_id = ${deviceId}`,
      );
      advance(db, deviceId, seq);
      run(db, sql`DELETE FROM team_quarantine WHERE device_id = ${deviceId} AND file_name = ${fileName}`);
      return { plan, changed };
    })();
  } catch (error) {
    return refuseFile(deps, deviceId, fileName, seq, error instanceof Error ? error.message : String(error));
  }
  const { plan, changed } = outcome;
  if (plan.newPeople.size > 0 || plan.merges.length > 0)
    deps.emit('people.changed', { reason: plan.merges.length > 0 ? 'merged' : 'created' });
  announceKinds(deps, changed);
  const any = plan.newPeople.size > 0 || changed.some((c) => c.ids.length > 0);
  return { kind: 'imported', changed: any };
}

function refuseFile(deps: ReaderDeps, deviceId: string, fileName: string, seq: number, reason: string): FileOutcome {
  deps.db.transaction(() => {
    quarantine(deps.db, deviceId, fileName, seq, reason);
    advance(deps.db, deviceId, seq);
  })();
  return { kind: 'quarantined', reason };
}

/** The registry's records of a change file about a call or attempt, applied as its signer. */
function applyRecords(
  db: Database,
  records: Record<string, unknown[]>,
  plan: MergePlan,
  subject: ChangeSubject,
): Array<{ kind: string; ids: Id[] }> {
  if (!plan.signer) return [];
  return applyKinds(
    db,
    records,
    resolvePersonId(db, plan.signer.personId),
    (id) => plan.personMap.get(id) ?? id,
    subject,
  );
}

/** Records of the kinds this version knows (others are left for a newer Gamefilm); invalid ones are skipped. */
function applyKinds(
  db: Database,
  records: Record<string, unknown[]>,
  signerId: Id,
  personOf: (id: Id) => Id,
  subject: ChangeSubject,
): Array<{ kind: string; ids: Id[] }> {
  const out: Array<{ kind: string; ids: Id[] }> = [];
  for (const kind of changeKinds()) {
    const list = kind.records ? records[kind.name] : undefined;
    if (!kind.records || !list) continue;
    const valid = list.flatMap((r) => {
      const parsed = kind.records?.schema.safeParse(r);
      return parsed?.success ? [parsed.data] : [];
    });
    out.push({ kind: kind.name, ids: kind.records.apply(db, valid, { signerId, personOf, subject }) });
  }
  return out;
}

/** Each kind tells the screens what its records changed. */
function announceKinds(deps: ReaderDeps, changedByKind: Array<{ kind: string; ids: Id[] }>): void {
  for (const { kind, ids } of changedByKind) {
    if (ids.length === 0) continue;
    changeKinds()
      .find((k) => k.name === kind)
      ?.records?.announce?.(deps.db, ids, deps.emit);
  }
}

/** What the screens must hear after a file changed the library (the same events a packet import sends). */
function announce(
  deps: ReaderDeps,
  plan: MergePlan,
  changedByKind: Array<{ kind: string; ids: Id[] }>,
  placedSha: string | null,
): void {
  const { emit } = deps;
  if (plan.newPeople.size > 0 || plan.merges.length > 0)
    emit('people.changed', { reason: plan.merges.length > 0 ? 'merged' : 'created' });
  const scorecardIds = plan.scorecards
    .filter((s) => s.action === 'add' || s.action === 'update')
    .map((s) => s.scorecard.id);
  if (plan.actionItems.some((i) => i.action === 'add' || i.action === 'update'))
    emit('actionItems.changed', { ids: plan.actionItems.map((i) => i.item.id) });
  if (plan.transcript === 'add' && placedSha) emit('transcript.changed', { mediaSha256: placedSha, reason: 'edited' });
  if (plan.subjectKind === 'attempt' && plan.drill) {
    if (plan.drill.action === 'add') emit('drills.changed', { ids: [plan.drill.id] });
    emit('attempts.changed', { drillId: plan.drill.id, ids: [plan.callId] });
    emit('scorecards.changed', { callId: null, scorecardIds });
  } else {
    emit('calls.changed', { ids: [plan.callId] });
    emit('annotations.changed', {
      callId: plan.callId,
      ids: [
        ...plan.annotations.filter((a) => a.action !== 'unchanged' && a.action !== 'skip').map((a) => a.annotation.id),
        ...plan.replies.filter((r) => r.action !== 'unchanged').map((r) => r.annotationId),
      ],
    });
    emit('scorecards.changed', { callId: plan.callId, scorecardIds });
  }
  announceRecognition(emit, plan);
  announceKinds(deps, changedByKind);
}

/**
 * One pass over the team folder: every other device's files from its cursor
 * on, in order, until a gap (or the end). `signal` interrupts between files.
 */
export async function scanTeam(
  deps: ReaderDeps,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<ScanOutcome> {
  const { db } = deps;
  const outcome: ScanOutcome = { imported: 0, quarantined: 0, waiting: new Map(), interrupted: false, problem: null };
  const plan: Array<{ deviceId: string; files: Array<[number, string]> }> = [];
  for (const deviceId of await listDevices(deps.folder)) {
    if (deviceId === deps.deviceId) continue;
    const listed = await listDevice(deviceDir(deps.folder, deviceId));
    if (!listed) continue;
    ensureDevice(db, deviceId);
    const from = cursorOf(db, deviceId);
    const files = [...listed.changes].filter(([seq]) => seq >= from).sort((a, b) => a[0] - b[0]);
    if (files.length > 0) plan.push({ deviceId, files });
  }
  const total = plan.reduce((n, d) => n + d.files.length, 0);
  let done = 0;
  options.onProgress?.(0, total);
  const state = { backedUp: false };
  // A catch-up of thousands of files tells the screens (and what reacts to events: celebrations, insights) in
  // batches, each event once, rather than once per file; a single file is told as soon as the scan ends.
  const events = batchedEvents(deps.emit);
  try {
    await importInOrder({ ...deps, emit: events.emit }, plan, outcome, options, state, () => {
      done++;
      options.onProgress?.(done, total);
      events.maybeFlush();
    });
  } finally {
    events.flush();
  }
  return outcome;
}

/** Events held and sent in batches: identical ones once, in the order first seen; at most every 250 ms or 100 files. */
function batchedEvents(emit: ReaderDeps['emit']) {
  let held = new Map<string, [EventName, unknown]>();
  let since = performance.now();
  let files = 0;
  const flush = () => {
    const out = held;
    held = new Map();
    since = performance.now();
    files = 0;
    for (const [event, payload] of out.values()) emit(event, payload as EventMap[typeof event]);
  };
  return {
    emit: (<E extends EventName>(event: E, payload: EventMap[E]) => {
      const key = JSON.stringify([event, payload]);
      if (!held.has(key)) held.set(key, [event, payload]);
    }) as ReaderDeps['emit'],
    maybeFlush: () => {
      files++;
      if (files >= 100 || performance.now() - since >= 250) flush();
    },
    flush,
  };
}

async function importInOrder(
  deps: ReaderDeps,
  plan: Array<{ deviceId: string; files: Array<[number, string]> }>,
  outcome: ScanOutcome,
  options: { signal?: AbortSignal },
  state: { backedUp: boolean },
  onFile: () => void,
): Promise<void> {
  const { db } = deps;
  for (const { deviceId, files } of plan) {
    for (const [seq, name] of files) {
      if (options.signal?.aborted) {
        outcome.interrupted = true;
        return;
      }
      const expected = cursorOf(db, deviceId);
      if (seq < expected) continue;
      if (seq > expected) {
        outcome.waiting.set(
          deviceId,
          `Change ${expected} has not arrived yet; ${files.length - files.findIndex(([s]) => s === seq)} later file(s) wait for it.`,
        );
        break;
      }
      const result = await importChangeFile(deps, deviceId, name, seq, state);
      if (result.kind === 'stopped') {
        outcome.interrupted = true;
        return;
      }
      if (result.kind === 'wait') {
        outcome.waiting.set(deviceId, result.why);
        if (/disk space/i.test(result.why)) outcome.problem = result.why;
        break;
      }
      if (result.kind === 'quarantined') outcome.quarantined++;
      else outcome.imported++;
      onFile();
    }
  }
}

/** Files present past the cursor, per device (Settings' "waiting to import"), and conflict copies. */
export async function backlogOf(
  folder: string,
  db: Database,
  deviceId: string,
): Promise<{ waiting: number; conflicts: number; missing: boolean }> {
  const listed = await listDevice(deviceDir(folder, deviceId));
  if (!listed) return { waiting: 0, conflicts: 0, missing: true };
  const from = cursorOf(db, deviceId);
  return {
    waiting: [...listed.changes.keys()].filter((s) => s >= from).length,
    conflicts: listed.conflicts,
    missing: false,
  };
}
