import type { Migration } from './index';

/**
 * A team library through per-device change logs in a synced folder (issue 16).
 *
 * - `team_outbox`: subjects (a call or a drill attempt) whose items this
 *   device's people changed and that wait to be written as a change file.
 * - `team_written`: per subject, the digest of what this device last wrote,
 *   so an unchanged review is never written twice.
 * - `team_log`: the change files this device wrote (its sequence).
 * - `team_devices`: every other device seen in the team folder, the signing
 *   key its files are signed with (pinned by its first file), and the cursor
 *   of the reader: the next sequence number to import. The cursor moves in
 *   the same transaction that applies a file, so a catch-up stopped at any
 *   point resumes exactly there.
 * - `team_quarantine`: files that failed validation, with the reason; never
 *   applied, and they never block the files after them.
 */
export const m016Team: Migration = {
  version: 16,
  name: 'team folder: outbox, change log, devices, quarantine',
  up: (db) => {
    db.exec(`
      CREATE TABLE team_outbox (
        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('call', 'attempt')),
        subject_id   TEXT NOT NULL,
        queued_at    TEXT NOT NULL,
        PRIMARY KEY (subject_kind, subject_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE team_written (
        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('call', 'attempt')),
        subject_id   TEXT NOT NULL,
        digest       TEXT NOT NULL,
        seq          INTEGER NOT NULL,
        written_at   TEXT NOT NULL,
        PRIMARY KEY (subject_kind, subject_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE team_log (
        seq          INTEGER PRIMARY KEY CHECK (seq > 0),
        file_name    TEXT NOT NULL,
        subject_kind TEXT NOT NULL,
        subject_id   TEXT NOT NULL,
        size_bytes   INTEGER NOT NULL,
        created_at   TEXT NOT NULL
      ) STRICT;

      CREATE TABLE team_devices (
        device_id        TEXT PRIMARY KEY,
        public_key       TEXT,
        person_id        TEXT,
        next_seq         INTEGER NOT NULL DEFAULT 1 CHECK (next_seq > 0),
        last_change_at   TEXT,
        last_imported_at TEXT,
        first_seen_at    TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX team_devices_by_key ON team_devices (public_key) WHERE public_key IS NOT NULL;

      CREATE TABLE team_quarantine (
        device_id   TEXT NOT NULL,
        file_name   TEXT NOT NULL,
        seq         INTEGER,
        reason      TEXT NOT NULL,
        advice      TEXT NOT NULL,
        at          TEXT NOT NULL,
        PRIMARY KEY (device_id, file_name)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
