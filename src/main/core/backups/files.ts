/**
 * Backup files and the checks a restore needs, apart from any open
 * library: used by the service and by `openDatabase` (a pending restore is
 * carried out before the library is opened).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/result';

export const BACKUPS_DIR = 'backups';
/** Where a database replaced by a restore is moved: kept, never deleted. */
export const REPLACED_DIR = 'replaced';
const PENDING_FILE = 'restore-pending.json';

/** `gamefilm-20261203T031500123Z-daily.sqlite` */
export const BACKUP_NAME = /^gamefilm-(\d{8}T\d{9}Z)-(daily|manual|before-migration|before-packet)\.sqlite$/;
export type BackupReason = 'daily' | 'manual' | 'before-migration' | 'before-packet';

export const stampOf = (date: Date): string => date.toISOString().replace(/[-:.]/g, '');

export function backupFileName(reason: BackupReason, date = new Date()): string {
  return `gamefilm-${stampOf(date)}-${reason}.sqlite`;
}

/** The date a backup file name records (UTC). */
export function dateOfBackup(fileName: string): Date | null {
  const m = BACKUP_NAME.exec(fileName);
  if (!m) return null;
  const s = m[1]!;
  return new Date(
    `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`,
  );
}

/** Only names the service writes: nothing outside the backups folder can be named. */
export function backupPath(dataDir: string, fileName: string): string {
  if (!BACKUP_NAME.test(fileName)) throw new AppError('not_found', 'That backup is not known.');
  const path = join(dataDir, BACKUPS_DIR, fileName);
  if (!existsSync(path)) throw new AppError('not_found', 'That backup is no longer there.');
  return path;
}

/**
 * A backup may be restored only if SQLite finds it whole and it is not from
 * a newer Gamefilm. Answers its schema version.
 */
export function checkBackup(path: string, latestVersion: number, nativeBinding?: string): number {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new AppError('invalid_input', `That backup is damaged (SQLite's integrity check: ${String(integrity)}).`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestVersion) {
      throw new AppError(
        'db_too_new',
        `That backup was made by a newer Gamefilm (schema ${version}; this version knows up to ${latestVersion}).`,
      );
    }
    return version;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('invalid_input', `That backup cannot be read: ${(error as Error).message}`);
  } finally {
    db?.close();
  }
}

export function pendingRestore(dataDir: string): string | null {
  const file = join(dataDir, PENDING_FILE);
  if (!existsSync(file)) return null;
  try {
    const { fileName } = JSON.parse(readFileSync(file, 'utf8')) as { fileName?: unknown };
    return typeof fileName === 'string' ? fileName : null;
  } catch {
    return null;
  }
}

export function setPendingRestore(dataDir: string, fileName: string | null): void {
  const file = join(dataDir, PENDING_FILE);
  if (fileName === null) rmSync(file, { force: true });
  else {
    writeFileSync(`${file}.part`, JSON.stringify({ fileName }));
    renameSync(`${file}.part`, file);
  }
}

/**
 * Carries out a restore chosen "on next start", before the library is
 * opened: the current database (with its WAL) is moved aside into
 * `replaced/`, and a copy of the backup takes its place. A backup that no
 * longer passes the checks is left alone (and the marker dropped).
 */
export function applyPendingRestore(
  dbFile: string,
  dataDir: string,
  latestVersion: number,
  nativeBinding?: string,
): void {
  const fileName = pendingRestore(dataDir);
  if (!fileName) return;
  try {
    const source = backupPath(dataDir, fileName);
    checkBackup(source, latestVersion, nativeBinding);
    const aside = join(dataDir, REPLACED_DIR);
    mkdirSync(aside, { recursive: true });
    const stamp = stampOf(new Date());
    const temp = `${dbFile}.restoring`;
    copyFileSync(source, temp);
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, join(aside, `gamefilm-${stamp}.sqlite${suffix}`));
    }
    renameSync(temp, dbFile);
  } catch (error) {
    console.error('[gamefilm] the restore chosen for this start was not carried out', error);
  } finally {
    setPendingRestore(dataDir, null);
  }
}
