import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { migrate } from './migrations';

export interface OpenOptions {
  /** Electron needs its own build of the addon (see README, "Two builds of better-sqlite3"). */
  nativeBinding?: string;
}

/** Opens (creating if needed) the library database and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // WAL's durability with synchronous=NORMAL survives an app crash; only power loss can drop the last commit.
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
