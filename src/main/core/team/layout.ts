/**
 * The team folder's layout, the one place that names its files:
 *
 *   <team folder>/team/<deviceId>/<seq>.gamefilm        a signed change file
 *   <team folder>/team/<deviceId>/media/<sha256>.<ext>   a recording, once by content
 *
 * Each device writes only into its own folder, and only new files: a change
 * file is written under a temp name the sync engine ignores, fsynced, then
 * renamed, so no other device ever sees half of one.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const TEAM_DIR = 'team';
export const MEDIA_DIR = 'media';
export const CHANGE_EXT = '.gamefilm';
/** The app's own temp names: dot-prefixed (Syncthing's ignore patterns and every reader skip them). */
export const TEMP_PREFIX = '.gamefilm-tmp-';
/** What the app asks a sync engine to leave alone (Syncthing `.stignore` patterns). */
export const IGNORE_PATTERNS = [`${TEMP_PREFIX}*`, '(?d).DS_Store', '(?d)Thumbs.db'];

/** Device ids are UUIDs: anything else in `team/` is not a device folder and is never read. */
export const DEVICE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHANGE_FILE = /^(\d{1,12})\.gamefilm$/;
const MEDIA_FILE = /^[0-9a-f]{64}\.[a-z0-9]{1,8}$/;

export const teamRoot = (folder: string) => join(folder, TEAM_DIR);
export const deviceDir = (folder: string, deviceId: string) => join(folder, TEAM_DIR, deviceId);
export const mediaPath = (folder: string, deviceId: string, fileName: string) =>
  join(folder, TEAM_DIR, deviceId, MEDIA_DIR, fileName);

/** `000012.gamefilm`: padded so a folder listing reads in order; any width parses. */
export const changeFileName = (seq: number) => `${String(seq).padStart(8, '0')}${CHANGE_EXT}`;

export type Listed =
  | { kind: 'change'; seq: number; name: string }
  | { kind: 'conflict'; name: string }
  | { kind: 'ignored'; name: string };

/**
 * What a name in a device folder is. Sync engines leave their own files
 * beside ours: Syncthing's `.syncthing.*.tmp` while a file arrives, `.stfolder`,
 * `.stversions/`, and `*.sync-conflict-*` copies when one file changed on two
 * sides (never in an append-only log, unless someone edited a file by hand).
 */
export function classify(name: string): Listed {
  if (name.startsWith('.') || name.startsWith('~syncthing~')) return { kind: 'ignored', name };
  if (name.includes('.sync-conflict-')) return { kind: 'conflict', name };
  const m = CHANGE_FILE.exec(name);
  if (m) return { kind: 'change', seq: Number(m[1]), name };
  return { kind: 'ignored', name };
}

export const isMediaName = (name: string) => MEDIA_FILE.test(name);

export async function listDevice(dir: string): Promise<{ changes: Map<number, string>; conflicts: number } | null> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return null;
  }
  const changes = new Map<number, string>();
  let conflicts = 0;
  for (const name of names) {
    const c = classify(name);
    if (c.kind === 'change' && !changes.has(c.seq)) changes.set(c.seq, c.name);
    else if (c.kind === 'conflict') conflicts++;
  }
  return { changes, conflicts };
}

export async function listDevices(folder: string): Promise<string[]> {
  try {
    return (await readdir(teamRoot(folder))).filter((n) => DEVICE_ID.test(n)).sort();
  } catch {
    return [];
  }
}

function fsyncPath(path: string, flags = 'r'): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A temp path in `dir` that every engine and every reader ignores. */
export const tempPathIn = (dir: string) => join(dir, `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`);

/**
 * Makes `temp` (already written) the file `final`: fsync the bytes, rename
 * (atomic on one file system), fsync the folder so the rename survives a
 * power cut. `final` must not exist: a log is append-only.
 */
export async function publish(temp: string, final: string, dir: string): Promise<void> {
  try {
    fsyncPath(temp);
    if (
      await stat(final).then(
        () => true,
        () => false,
      )
    )
      throw new Error(`${final} already exists`);
    await rename(temp, final);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  try {
    fsyncPath(dir);
  } catch {
    // Some file systems (Windows, some network shares) cannot fsync a folder; the rename stands anyway.
  }
}

/** Copies a recording into the device's media folder once (same name = same bytes), atomically. */
export async function placeMediaOnce(
  source: string,
  folder: string,
  deviceId: string,
  fileName: string,
): Promise<void> {
  const dir = join(deviceDir(folder, deviceId), MEDIA_DIR);
  const final = join(dir, fileName);
  if (
    await stat(final).then(
      () => true,
      () => false,
    )
  )
    return;
  await mkdir(dir, { recursive: true });
  const temp = tempPathIn(dir);
  await copyFile(source, temp);
  await publish(temp, final, dir);
}
