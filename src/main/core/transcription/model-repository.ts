import type { Database } from 'better-sqlite3';
import { availableParallelism } from 'node:os';
import type { TranscriptionSettings } from '../../../shared/domain';
import { nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';
import { writeSetting } from '../settings/repository';

export interface InstalledModelRow {
  id: string;
  source: 'catalog' | 'imported';
  name: string;
  file_name: string;
  size_bytes: number;
  multilingual: number;
  sha1: string | null;
  installed_at: string;
}

export const listInstalledModels = (db: Database): InstalledModelRow[] =>
  all<InstalledModelRow>(db, sql`SELECT * FROM whisper_models ORDER BY installed_at, id`);

export const getInstalledModel = (db: Database, id: string): InstalledModelRow | undefined =>
  get<InstalledModelRow>(db, sql`SELECT * FROM whisper_models WHERE id = ${id}`);

export function recordInstalledModel(db: Database, row: Omit<InstalledModelRow, 'installed_at'>): void {
  run(
    db,
    sql`INSERT INTO whisper_models (id, source, name, file_name, size_bytes, multilingual, sha1, installed_at)
        VALUES (${row.id}, ${row.source}, ${row.name}, ${row.file_name}, ${row.size_bytes}, ${row.multilingual},
                ${row.sha1}, ${nowIso()})
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, file_name = excluded.file_name,
          size_bytes = excluded.size_bytes, multilingual = excluded.multilingual, sha1 = excluded.sha1,
          installed_at = excluded.installed_at`,
  );
}

export const forgetInstalledModel = (db: Database, id: string): void => {
  run(db, sql`DELETE FROM whisper_models WHERE id = ${id}`);
};

// Transcription settings share the settings table (one JSON value per key), under their own prefix.
const KEYS = {
  defaultModelId: 'transcription.defaultModelId',
  threads: 'transcription.threads',
  verbatim: 'transcription.verbatim',
  language: 'transcription.language',
} as const satisfies Record<keyof TranscriptionSettings, string>;

/** whisper.cpp's own default: up to 4 threads; more rarely helps and starves the UI. */
export const defaultThreadCount = (): number => Math.max(1, Math.min(4, availableParallelism()));

export function readTranscriptionSettings(db: Database): TranscriptionSettings {
  const stored: Record<string, unknown> = {};
  for (const row of all<{ key: string; value: string }>(
    db,
    sql`SELECT key, value FROM settings WHERE key LIKE 'transcription.%'`,
  )) {
    stored[row.key] = JSON.parse(row.value);
  }
  const threads = stored[KEYS.threads];
  const model = stored[KEYS.defaultModelId];
  const language = stored[KEYS.language];
  return {
    defaultModelId: typeof model === 'string' ? model : null,
    threads: typeof threads === 'number' && threads >= 1 ? threads : defaultThreadCount(),
    // On unless turned off: filler-word metrics (drills, insights) need the "um"s whisper drops by default.
    verbatim: stored[KEYS.verbatim] !== false,
    language: typeof language === 'string' ? language : null,
  };
}

export function writeTranscriptionSettings(db: Database, patch: Partial<TranscriptionSettings>): void {
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch) as Array<[keyof TranscriptionSettings, unknown]>) {
      if (value !== undefined) writeSetting(db, KEYS[key], value);
    }
  })();
}
