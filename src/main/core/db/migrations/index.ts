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
import { m010RolesSkills } from './010-roles-skills';
import { m011BadgeIcons } from './011-badge-icons';
import { m013Insights } from './013-insights';
import { m015Recognition } from './015-recognition';
import { m016Team } from './016-team';
import { m017Teams } from './017-teams';
import { m018TeamSessions } from './018-team-sessions';
import { m019TrackerCounts } from './019-tracker-counts';
import { m020TeamPersonSubjects } from './020-team-person-subjects';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
  /**
   * Rebuilds a table others point at (SQLite cannot change a CHECK in place).
   * The runner then turns foreign keys off around the transaction — they
   * cannot be switched inside one — and runs `foreign_key_check` before it
   * commits, so a broken reference still rolls everything back.
   */
  rebuildsTables?: boolean;
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
  m010RolesSkills,
  m011BadgeIcons,
  m013Insights,
  m015Recognition,
  m016Team,
  m017Teams,
  m018TeamSessions,
  m019TrackerCounts,
  m020TeamPersonSubjects,
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
  const rebuild = pending.some((m) => m.rebuildsTables);
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  if (rebuild && foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const m of pending) {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }
      if (rebuild) {
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length)
          throw new Error(`The schema upgrade left ${broken.length} broken references; nothing was changed.`);
      }
    })();
  } finally {
    if (rebuild && foreignKeys) db.pragma('foreign_keys = ON');
  }
  return { from, to: latest };
}
