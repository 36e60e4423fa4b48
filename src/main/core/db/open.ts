import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyPendingRestore, BACKUPS_DIR, backupFileName } from '../backups/files';
import { latestVersion, migrate } from './migrations';

export interface OpenOptions {
  /** Electron needs its own build of the addon (see README, "Two builds of better-sqlite3"). */
  nativeBinding?: string;
}

/**
 * A copy of the library as it is, before a migration changes it. Synchronous
 * (`VACUUM INTO`): nothing else has the database open yet, and the migration
 * must not start before the copy is whole.
 */
function backupBeforeMigration(db: Db, file: string): void {
  const dir = join(dirname(file), BACKUPS_DIR);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, backupFileName('before-migration'));
  const part = `${target}.part`;
  db.prepare('VACUUM INTO ?').run(part);
  // Renamed only when whole (a crash leaves a .part, removed by the backups service).
  rmSync(target, { force: true });
  renameSync(part, target);
}

/**
 * Transactions on the app's connection take the write lock as they begin
 * (BEGIN IMMEDIATE). The insights refresh writes through a connection of its
 * own on another thread; a deferred transaction that reads first and writes
 * later would fail outright (SQLITE_BUSY_SNAPSHOT) whenever that thread
 * committed in between, where an immediate one waits its turn (busy_timeout).
 * Nested transactions stay savepoints, as before.
 */
export function beginImmediately(db: Db): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const t = transaction(fn);
    return Object.assign((...args: unknown[]) => t.immediate(...args), {
      default: t.immediate,
      deferred: t.deferred,
      immediate: t.immediate,
      exclusive: t.exclusive,
    });
  }) as Db['transaction'];
}

/** Opens (creating if needed) the library database and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  // A restore chosen "on next start" happens here, before anything has the database open.
  applyPendingRestore(file, dirname(file), latestVersion(), options.nativeBinding);
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // WAL's durability with synchronous=NORMAL survives an app crash; only power loss can drop the last commit.
    db.pragma('synchronous = NORMAL');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > 0 && version < latestVersion()) backupBeforeMigration(db, file);
    migrate(db);
    beginImmediately(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
