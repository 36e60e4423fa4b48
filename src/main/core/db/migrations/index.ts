import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/result';
import { m001PeopleSettings } from './001-people-settings';
import { m002Calls } from './002-calls';
import { m003Transcripts } from './003-transcripts';
import { m004Coaching } from './004-coaching';
import { m005Drills } from './005-drills';
import { m006Sessions } from './006-sessions';
import { m008Signing } from './008-signing';
import { m009Search } from './009-search';
import { m011BadgeIcons } from './011-badge-icons';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

/** Ordered; append only. A migration, once shipped, is never edited. */
export const migrations: readonly Migration[] = [
  m001PeopleSettings,
  m002Calls,
  m003Transcripts,
  m004Coaching,
  m005Drills,
  m006Sessions,
  m008Signing,
  m009Search,
  m011BadgeIcons,
];

export const latestVersion = (): number => migrations.at(-1)?.version ?? 0;

/**
 * Brings the database to the latest schema in one transaction: either every
 * pending migration applies and `user_version` records it, or none does.
 * A database written by a newer Gamefilm is refused rather than guessed at.
 */
export function migrate(db: Database, list: readonly Migration[] = migrations): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = list.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new AppError(
      'db_too_new',
      `This library was saved by a newer version of Gamefilm (schema ${from}; this version knows up to ${latest}). ` +
        'Update Gamefilm to open it — nothing was changed.',
    );
  }
  const pending = list.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return { from, to: latest };
}
