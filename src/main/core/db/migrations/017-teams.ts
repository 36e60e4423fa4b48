import type { Migration } from './index';

/**
 * Teams inside the library (issue 14's "team" filter): a named group of
 * people, e.g. "SMB East". A person belongs to at most one team through the
 * `people.team_id` column migration 001 reserved. Removing a team is soft
 * (its members keep their history; the column is cleared in the same
 * transaction), so a filter can never point at a team that is gone.
 */
export const m017Teams: Migration = {
  version: 17,
  name: 'teams',
  up: (db) => {
    db.exec(`
      CREATE TABLE teams (
        id         TEXT PRIMARY KEY,        -- UUIDv7
        name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      -- Two live teams never share a name (case-insensitive); a removed one frees it.
      CREATE UNIQUE INDEX teams_live_name ON teams (name COLLATE NOCASE) WHERE deleted_at IS NULL;
      CREATE INDEX people_by_team ON people (team_id) WHERE team_id IS NOT NULL AND deleted_at IS NULL;
    `);
  },
};
