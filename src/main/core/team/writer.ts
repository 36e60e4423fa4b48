/**
 * The writer: subjects queued in the outbox become signed change files in
 * this device's folder, numbered 1, 2, 3… A burst of edits (typing an
 * annotation, scoring a card) is one file: the outbox is flushed a moment
 * after the last change. Each file is the packet format (signed manifest
 * with the SHA-256 of every entry); the recording is not inside it but
 * beside it, once, as `media/<sha256>.<ext>` — listed in the manifest all
 * the same, so the signature covers it.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { PacketManifest } from '../../../shared/packets';
import { PACKET_FORMAT, PACKET_SCHEMA_VERSION, REVIEW_ENTRY } from '../../../shared/packets';
import { newId, nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';
import type { BundleSource } from '../packets/bundle';
import { describeEntry, writeBundle } from '../packets/bundle';
import { packetAuthor } from '../signing/author';
import { ensureSigningKey, signBytes } from '../signing/keys';
import { APP_VERSION } from '../version';
import type { ChangeHeader } from './change';
import { buildChange, CHANGE_FORMAT, CHANGES_ENTRY, subjectExists } from './change';
import type { ChangeSubject } from './kinds';
import {
  changeFileName,
  deviceDir,
  listDevice,
  listDevices,
  mediaPath,
  placeMediaOnce,
  publish,
  tempPathIn,
} from './layout';

export interface WriterDeps {
  db: Database;
  dataDir: string;
  mediaDir: string;
  folder: string;
  deviceId: string;
  /** Runs before each change file is written (a test makes a write fail here, as a full disk would). */
  beforeWrite?: (path: string) => Promise<void> | void;
}

export function enqueue(db: Database, subjects: ChangeSubject[]): void {
  const now = nowIso();
  for (const s of subjects) {
    run(
      db,
      sql`INSERT INTO team_outbox (subject_kind, subject_id, queued_at) VALUES (${s.kind}, ${s.id}, ${now})
          ON CONFLICT DO NOTHING`,
    );
  }
}

export const outboxSize = (db: Database): number =>
  get<{ n: number }>(db, sql`SELECT count(*) AS n FROM team_outbox`)?.n ?? 0;

/** The next number: past both what this library wrote and what is in the folder (a restored backup must not reuse one). */
async function nextSeq(deps: WriterDeps): Promise<number> {
  const logged = get<{ n: number | null }>(deps.db, sql`SELECT max(seq) AS n FROM team_log`)?.n ?? 0;
  const listed = await listDevice(deviceDir(deps.folder, deps.deviceId));
  const onDisk = listed ? Math.max(0, ...listed.changes.keys()) : 0;
  return Math.max(logged, onDisk) + 1;
}

/** Times only move forward in one device's log, even when its clock is set back (a replay check compares them). */
function monotonicNow(db: Database): string {
  const last = get<{ at: string | null }>(db, sql`SELECT max(created_at) AS at FROM team_log`)?.at;
  const now = Date.now();
  const floor = last ? Date.parse(last) + 1 : 0;
  return new Date(Math.max(now, floor)).toISOString();
}

/** A recording already in the team folder (any device's media folder) is not copied again. */
async function mediaInTeam(folder: string, fileName: string): Promise<boolean> {
  for (const device of await listDevices(folder)) {
    if (
      await stat(mediaPath(folder, device, fileName)).then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  return false;
}

export interface FlushOutcome {
  written: number;
  /** Why writing stopped, in a person's words (nobody is me, the disk is full…). */
  problem: string | null;
}

/** Writes every queued subject that has something new of this device's person. */
export async function flushOutbox(deps: WriterDeps): Promise<FlushOutcome> {
  const { db } = deps;
  const me = packetAuthor(db);
  // Nobody is "me": this device has no person whose changes to write (Settings says so beside "Writes as").
  if (!me) return { written: 0, problem: null };
  const key = ensureSigningKey(db, deps.dataDir, me.id);
  const queue = all<{ subject_kind: ChangeSubject['kind']; subject_id: string }>(
    db,
    sql`SELECT subject_kind, subject_id FROM team_outbox ORDER BY queued_at, subject_kind, subject_id`,
  );
  let written = 0;
  for (const row of queue) {
    const subject: ChangeSubject = { kind: row.subject_kind, id: row.subject_id };
    const done = () =>
      run(db, sql`DELETE FROM team_outbox WHERE subject_kind = ${subject.kind} AND subject_id = ${subject.id}`);
    const before = get<{ digest: string }>(
      db,
      sql`SELECT digest FROM team_written WHERE subject_kind = ${subject.kind} AND subject_id = ${subject.id}`,
    );
    const built = subjectExists(db, subject) ? buildChange(db, subject, me.id, !before) : null;
    if (!built || built.digest === before?.digest) {
      done();
      continue;
    }
    try {
      const seq = await writeChangeFile(deps, subject, built, { id: me.id, name: me.name, key });
      written++;
      db.transaction(() => {
        run(
          db,
          sql`INSERT INTO team_written (subject_kind, subject_id, digest, seq, written_at)
              VALUES (${subject.kind}, ${subject.id}, ${built.digest}, ${seq.seq}, ${seq.createdAt})
              ON CONFLICT DO UPDATE SET digest = excluded.digest, seq = excluded.seq, written_at = excluded.written_at`,
        );
        done();
      })();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const problem =
        code === 'ENOSPC'
          ? 'The disk holding the team folder is full: changes wait here and are written once there is room.'
          : code === 'ENOENT' || code === 'EACCES' || code === 'EROFS' || code === 'EPERM'
            ? `The team folder cannot be written (${code}): is it still there and writable? Changes wait here.`
            : `A change could not be written to the team folder: ${error instanceof Error ? error.message : String(error)}`;
      return { written, problem };
    }
  }
  return { written, problem: null };
}

async function writeChangeFile(
  deps: WriterDeps,
  subject: ChangeSubject,
  built: NonNullable<ReturnType<typeof buildChange>>,
  signer: { id: string; name: string; key: ReturnType<typeof ensureSigningKey> },
): Promise<{ seq: number; createdAt: string }> {
  const { db, folder, deviceId } = deps;
  const dir = deviceDir(folder, deviceId);
  // This device's folder deleted by hand: made again (numbers go on from the log). The team folder itself
  // gone (an unmounted share) is not made again: the write fails and the change waits here.
  await stat(folder);
  await mkdir(dir, { recursive: true });
  const seq = await nextSeq(deps);
  const createdAt = monotonicNow(db);
  const header: ChangeHeader = {
    format: CHANGE_FORMAT,
    version: 1,
    deviceId,
    seq,
    subject,
    records: built.records,
    // A change about a person has no review to carry the people its records name.
    ...(built.review ? {} : { people: built.people }),
  };
  const sources: BundleSource[] = [
    ...(built.review ? [{ name: REVIEW_ENTRY, data: Buffer.from(JSON.stringify(built.review)), compress: true }] : []),
    { name: CHANGES_ENTRY, data: Buffer.from(JSON.stringify(header)), compress: true },
  ];
  const entries = [];
  for (const s of sources) entries.push(await describeEntry(s));
  const media = built.review?.subject.media;
  if (media?.file) {
    const fileName = `${media.sha256}.${media.ext}`;
    const local = join(deps.mediaDir, fileName);
    const size = (await stat(local)).size;
    // Once by content: a recording any device already put in the team folder is not copied again.
    if (!(await mediaInTeam(folder, fileName))) await placeMediaOnce(local, folder, deviceId, fileName);
    entries.push({ name: media.file, sha256: media.sha256, size });
  }
  const manifest: PacketManifest = {
    format: PACKET_FORMAT,
    schemaVersion: PACKET_SCHEMA_VERSION,
    packetId: newId(),
    appVersion: APP_VERSION,
    createdAt,
    author: { id: signer.id, name: signer.name, publicKey: signer.key.publicKey },
    title: `Team change ${seq} from device ${deviceId.slice(0, 8)}`,
    contents: {
      media: 'whole',
      contextSec: 0,
      transcript: built.review?.transcript ? 'whole' : 'none',
      annotations: true,
      scorecards: true,
      actionItems: true,
      privateNotes: false,
    },
    entries,
  };
  const temp = tempPathIn(dir);
  await deps.beforeWrite?.(temp);
  await writeBundle(temp, manifest, sources, undefined, (bytes) => signBytes(signer.key, bytes));
  const name = changeFileName(seq);
  await publish(temp, join(dir, name), dir);
  const size = (await stat(join(dir, name))).size;
  run(
    db,
    sql`INSERT INTO team_log (seq, file_name, subject_kind, subject_id, size_bytes, created_at)
        VALUES (${seq}, ${name}, ${subject.kind}, ${subject.id}, ${size}, ${createdAt})`,
  );
  return { seq, createdAt };
}
