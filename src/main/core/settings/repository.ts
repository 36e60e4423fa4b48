import type { Database } from 'better-sqlite3';
import type { Settings } from '../../../shared/domain';
import { nowIso } from '../db/ids';
import { all, run, sql } from '../db/sql';

export const DEFAULT_SETTINGS: Settings = { theme: 'system', backupsToKeep: 10, leaderboards: false };

/** Settings are stored one JSON value per key, so a new setting needs no migration. */
export function readSettings(db: Database): Settings {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of all<{ key: string; value: string }>(db, sql`SELECT key, value FROM settings`)) {
    // Library metadata shares the table; only user settings are returned.
    if (row.key in DEFAULT_SETTINGS) settings[row.key] = JSON.parse(row.value);
  }
  return settings as unknown as Settings;
}

export function writeSetting(db: Database, key: string, value: unknown): void {
  run(
    db,
    sql`INSERT INTO settings (key, value, updated_at) VALUES (${key}, ${JSON.stringify(value)}, ${nowIso()})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
}

/** A value the library keeps about itself (its id, for sync and packets), created on first read. */
export function ensureMeta(db: Database, key: string, make: () => string): string {
  const row = all<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${key}`)[0];
  if (row) return JSON.parse(row.value) as string;
  const value = make();
  writeSetting(db, key, value);
  return value;
}
