import type { Migration } from './index';

/**
 * What travels through the team folder about a person rather than a call or
 * an attempt (issue 16): kudos given on someone's page and goals set for
 * them. Their change files carry records only (no review, no recording), so
 * the outbox and the "already written" digests take a third subject kind.
 * Nothing points at either table: a plain copy and rename does.
 */
export const m020TeamPersonSubjects: Migration = {
  version: 20,
  name: 'team folder: changes about a person',
  up: (db) => {
    db.exec(`
      CREATE TABLE team_outbox_020 (
        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('call', 'attempt', 'person')),
        subject_id   TEXT NOT NULL,
        queued_at    TEXT NOT NULL,
        PRIMARY KEY (subject_kind, subject_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO team_outbox_020 SELECT subject_kind, subject_id, queued_at FROM team_outbox;
      DROP TABLE team_outbox;
      ALTER TABLE team_outbox_020 RENAME TO team_outbox;

      CREATE TABLE team_written_020 (
        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('call', 'attempt', 'person')),
        subject_id   TEXT NOT NULL,
        digest       TEXT NOT NULL,
        seq          INTEGER NOT NULL,
        written_at   TEXT NOT NULL,
        PRIMARY KEY (subject_kind, subject_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO team_written_020 SELECT subject_kind, subject_id, digest, seq, written_at FROM team_written;
      DROP TABLE team_written;
      ALTER TABLE team_written_020 RENAME TO team_written;
    `);
  },
};
