import type { Migration } from './index';

/**
 * Recordings and the calls that use them. A `media` row is one file in the
 * managed folder, named by its SHA-256; a call (and, later, a drill attempt)
 * points at one. Transcripts will hang off media too, so the same recording
 * is never transcribed twice.
 */
export const m002Calls: Migration = {
  version: 2,
  name: 'media and calls',
  up: (db) => {
    db.exec(`
      CREATE TABLE media (
        sha256            TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        ext               TEXT NOT NULL,          -- file is <sha256>.<ext> in the media folder
        size_bytes        INTEGER NOT NULL,
        duration_sec      REAL NOT NULL,          -- decoded, sample-accurate
        channels          INTEGER NOT NULL,       -- as decoded for peaks (1 or 2)
        source_channels   INTEGER NOT NULL,
        sample_rate       INTEGER NOT NULL,
        codec             TEXT NOT NULL,
        format_name       TEXT NOT NULL,
        has_video         INTEGER NOT NULL CHECK (has_video IN (0, 1)),
        video_codec       TEXT,
        width             INTEGER,
        height            INTEGER,
        created_at        TEXT NOT NULL
      ) STRICT;

      CREATE TABLE calls (
        id                TEXT PRIMARY KEY,       -- UUIDv7
        media_sha256      TEXT NOT NULL REFERENCES media (sha256),
        title             TEXT NOT NULL,
        source_name       TEXT NOT NULL,          -- the file name it was imported from
        rep_id            TEXT REFERENCES people (id),
        customer          TEXT NOT NULL DEFAULT '',
        call_type         TEXT NOT NULL DEFAULT 'other'
                          CHECK (call_type IN ('discovery', 'demo', 'negotiation', 'renewal', 'cold_call', 'other')),
        stage             TEXT NOT NULL DEFAULT '',
        call_date         TEXT,                   -- YYYY-MM-DD
        notes             TEXT NOT NULL DEFAULT '',
        last_position_sec REAL NOT NULL DEFAULT 0,
        media_missing     INTEGER NOT NULL DEFAULT 0 CHECK (media_missing IN (0, 1)),
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        deleted_at        TEXT                    -- in the trash
      ) STRICT;

      -- The same recording is one call: a second import of the same bytes is a duplicate.
      CREATE UNIQUE INDEX calls_one_per_media ON calls (media_sha256);
      CREATE INDEX calls_by_date ON calls (call_date DESC, created_at DESC) WHERE deleted_at IS NULL;
      CREATE INDEX calls_by_rep ON calls (rep_id) WHERE deleted_at IS NULL;

      CREATE TABLE call_tags (
        call_id           TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        tag               TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(tag)) > 0),
        PRIMARY KEY (call_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX call_tags_by_tag ON call_tags (tag);
    `);
  },
};
