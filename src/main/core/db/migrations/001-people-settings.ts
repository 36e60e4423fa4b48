import type { Migration } from './index';

/**
 * The first schema: settings and people. Every row carries created/updated
 * timestamps and a soft-delete marker so a trash, team sync and packet
 * merges can all be built without reshaping these tables.
 */
export const m001PeopleSettings: Migration = {
  version: 1,
  name: 'people and settings',
  up: (db) => {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,           -- JSON
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE people (
        id         TEXT PRIMARY KEY,        -- UUIDv7
        name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
        role       TEXT NOT NULL CHECK (role IN ('rep', 'coach', 'facilitator', 'manager')),
        email      TEXT,
        is_me      INTEGER NOT NULL DEFAULT 0 CHECK (is_me IN (0, 1)),
        team_id    TEXT,                    -- reserved for team sync
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;

      -- "This is me" names at most one person on this machine.
      CREATE UNIQUE INDEX people_one_me ON people (is_me) WHERE is_me = 1;
      CREATE INDEX people_live_by_name ON people (name COLLATE NOCASE) WHERE deleted_at IS NULL;
    `);
  },
};
