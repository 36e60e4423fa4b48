/**
 * Automatic backups of the library: SQLite's online backup of the one
 * database file (media files are content-addressed and never rewritten, so
 * the database is the library). Taken at start (at most daily), before
 * every migration (see db/open.ts) and before a packet is applied; the last
 * `backupsToKeep` are kept. A restore is checked (integrity, schema version)
 * and the database it replaces is kept in `replaced/`, never deleted.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, RestoreOutcome } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { latestVersion, migrate } from '../db/migrations';
import { readSettings } from '../settings/repository';
import type { BackupReason } from './files';
import {
  BACKUP_NAME,
  BACKUPS_DIR,
  backupFileName,
  backupPath,
  checkBackup,
  dateOfBackup,
  REPLACED_DIR,
  setPendingRestore,
  stampOf,
} from './files';

const DAY_MS = 24 * 60 * 60_000;

export interface BackupService {
  dir: string;
  list(): BackupInfo[];
  create(reason: BackupReason): Promise<BackupInfo>;
  /** At start: a backup unless one was taken within the last day. */
  daily(): Promise<BackupInfo | null>;
  restore(fileName: string, when: 'now' | 'next-start'): Promise<RestoreOutcome>;
  close(): Promise<void>;
}

export interface BackupOptions {
  dbFile: string;
  nativeBinding?: string;
  /**
   * Runs a backup while the library's other writers (the insights thread's connection) are still: SQLite
   * restarts an online backup whenever another connection writes to its source.
   */
  quiet?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** An online backup keeps the source's WAL flag; a standalone copy reads better without it. */
function asStandalone(path: string, nativeBinding?: string): void {
  const copy = new Database(path, nativeBinding ? { nativeBinding } : {});
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

export function createBackupService(ctx: CoreContext, options: BackupOptions): BackupService {
  const { db, dataDir } = ctx;
  const dir = join(dataDir, BACKUPS_DIR);
  mkdirSync(dir, { recursive: true });
  // Leftovers of a backup interrupted by a crash: the `.part` and SQLite's own `.part-journal` beside it.
  for (const name of readdirSync(dir))
    if (/\.part(-journal|-wal|-shm)?$/.test(name)) rmSync(join(dir, name), { force: true });
  let running: Promise<unknown> = Promise.resolve();

  const info = (fileName: string): BackupInfo => {
    const [, , reason] = BACKUP_NAME.exec(fileName) ?? [];
    return {
      fileName,
      createdAt: (dateOfBackup(fileName) ?? new Date(0)).toISOString(),
      sizeBytes: statSync(join(dir, fileName)).size,
      reason: reason as BackupReason,
    };
  };

  const list = (): BackupInfo[] =>
    readdirSync(dir)
      .filter((n) => BACKUP_NAME.test(n))
      .map(info)
      // Newest first; the name (unique, stamp first) breaks ties.
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.fileName.localeCompare(a.fileName));

  const prune = () => {
    const keep = readSettings(db).backupsToKeep;
    for (const old of list().slice(keep)) rmSync(join(dir, old.fileName), { force: true });
  };

  /** One backup at a time: a second waits for the first. Each runs while nothing else writes to the library. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const quietly = () => (options.quiet ? options.quiet(work) : work());
    const next = running.then(quietly, quietly);
    running = next.catch(() => undefined);
    return next;
  };

  const create = (reason: BackupReason) =>
    serial(async () => {
      const fileName = backupFileName(reason);
      const part = join(dir, `${fileName}.part`);
      try {
        await db.backup(part);
        asStandalone(part, options.nativeBinding);
        // Only a complete backup gets its name: a crash mid-way leaves a .part, removed at the next start.
        renameSync(part, join(dir, fileName));
      } catch (error) {
        rmSync(part, { force: true });
        throw new AppError('internal', `The backup could not be written: ${(error as Error).message}`);
      }
      prune();
      return info(fileName);
    });

  return {
    dir,
    list,
    create,
    async daily() {
      const newest = list()[0];
      if (newest && Date.now() - Date.parse(newest.createdAt) < DAY_MS) return null;
      return create('daily');
    },
    async restore(fileName, when) {
      const source = backupPath(dataDir, fileName);
      const version = checkBackup(source, latestVersion(), options.nativeBinding);
      const date = dateOfBackup(fileName)?.toISOString() ?? fileName;
      if (when === 'next-start') {
        setPendingRestore(dataDir, fileName);
        return {
          when,
          fileName,
          message: `The backup from ${date} will replace the library the next time Gamefilm starts. The current library will be kept in “${REPLACED_DIR}”.`,
        };
      }
      return serial(async () => {
        setPendingRestore(dataDir, null);
        // The current library first, whole, into replaced/ (kept, never deleted).
        const aside = join(dataDir, REPLACED_DIR);
        mkdirSync(aside, { recursive: true });
        const kept = join(aside, `gamefilm-${stampOf(new Date())}.sqlite`);
        await db.backup(kept);
        asStandalone(kept, options.nativeBinding);
        // Then the backup's pages into the open library, through SQLite's backup API (the connection stays valid).
        const from = new Database(source, {
          readonly: true,
          fileMustExist: true,
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        });
        try {
          await from.backup(options.dbFile);
        } finally {
          from.close();
        }
        db.pragma('journal_mode = WAL');
        // An older backup is brought up to this version's schema, as at any start.
        if (version < latestVersion()) migrate(db);
        return {
          when,
          fileName,
          message: `The library is back to the backup from ${date}. The library it replaced is kept in “${REPLACED_DIR}”.`,
        };
      });
    },
    close: () => running.then(() => undefined),
  };
}
