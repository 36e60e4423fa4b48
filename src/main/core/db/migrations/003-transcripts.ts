import type { Migration } from './index';

/**
 * Background jobs, whisper models, and transcripts with their speakers.
 *
 * A transcript belongs to a recording (media, by SHA-256), not to a call, so
 * the same bytes are never transcribed twice. Segments carry an INTEGER
 * primary key as a stable rowid: the FTS5 index is external-content and
 * refers to rows by rowid, which VACUUM may renumber unless it is declared.
 */
export const m003Transcripts: Migration = {
  version: 3,
  name: 'jobs, models, transcripts, speakers',
  up: (db) => {
    db.exec(`
      -- Generic so later kinds (packet export, drill scoring) share the queue's bookkeeping.
      CREATE TABLE jobs (
        id                TEXT PRIMARY KEY,       -- UUIDv7
        kind              TEXT NOT NULL CHECK (length(kind) > 0),
        subject           TEXT NOT NULL,          -- what it works on: media sha256 for 'transcribe'
        state             TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        progress          REAL NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
        eta_sec           REAL CHECK (eta_sec IS NULL OR eta_sec >= 0),
        error             TEXT,
        attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        options           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        started_at        TEXT,
        finished_at       TEXT
      ) STRICT;
      CREATE INDEX jobs_pending ON jobs (kind, created_at, id) WHERE state IN ('queued', 'running');
      CREATE INDEX jobs_by_subject ON jobs (subject, created_at DESC);

      -- Models on this machine (downloaded from the catalog or imported); files live in <dataDir>/models.
      CREATE TABLE whisper_models (
        id                TEXT PRIMARY KEY,       -- catalog id ('base.en') or UUIDv7 for an import
        source            TEXT NOT NULL CHECK (source IN ('catalog', 'imported')),
        name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
        file_name         TEXT NOT NULL UNIQUE,
        size_bytes        INTEGER NOT NULL CHECK (size_bytes > 0),
        multilingual      INTEGER NOT NULL CHECK (multilingual IN (0, 1)),
        sha1              TEXT,
        installed_at      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE speakers (
        id                TEXT PRIMARY KEY,       -- UUIDv7
        media_sha256      TEXT NOT NULL REFERENCES media (sha256) ON DELETE CASCADE,
        channel           INTEGER CHECK (channel IS NULL OR channel >= 0),
        label             TEXT NOT NULL CHECK (length(trim(label)) > 0),
        person_id         TEXT REFERENCES people (id) ON DELETE SET NULL,
        is_customer       INTEGER NOT NULL DEFAULT 0 CHECK (is_customer IN (0, 1)),
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX speakers_by_media ON speakers (media_sha256, created_at);
      CREATE UNIQUE INDEX speakers_one_per_channel ON speakers (media_sha256, channel) WHERE channel IS NOT NULL;
      CREATE INDEX speakers_by_person ON speakers (person_id) WHERE person_id IS NOT NULL;

      CREATE TABLE transcripts (
        media_sha256      TEXT PRIMARY KEY REFERENCES media (sha256) ON DELETE CASCADE,
        model_id          TEXT NOT NULL,
        language          TEXT,
        verbatim          INTEGER NOT NULL CHECK (verbatim IN (0, 1)),
        job_id            TEXT REFERENCES jobs (id) ON DELETE SET NULL,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL
      ) STRICT;

      CREATE TABLE transcript_segments (
        seq               INTEGER PRIMARY KEY,    -- stable rowid for the FTS index
        id                TEXT NOT NULL UNIQUE,   -- UUIDv7, what the API speaks
        media_sha256      TEXT NOT NULL REFERENCES transcripts (media_sha256) ON DELETE CASCADE,
        ordinal           INTEGER NOT NULL CHECK (ordinal >= 0),
        start_sec         REAL NOT NULL CHECK (start_sec >= 0),
        end_sec           REAL NOT NULL CHECK (end_sec >= start_sec),
        text              TEXT NOT NULL,
        speaker_id        TEXT REFERENCES speakers (id) ON DELETE SET NULL,
        confidence        REAL CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 1),
        edited            INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
        updated_at        TEXT NOT NULL,
        UNIQUE (media_sha256, ordinal)
      ) STRICT;
      CREATE INDEX transcript_segments_by_speaker ON transcript_segments (speaker_id);

      CREATE TABLE transcript_words (
        segment_id        TEXT NOT NULL REFERENCES transcript_segments (id) ON DELETE CASCADE,
        ordinal           INTEGER NOT NULL CHECK (ordinal >= 0),
        start_sec         REAL NOT NULL CHECK (start_sec >= 0),
        end_sec           REAL NOT NULL CHECK (end_sec >= start_sec),
        text              TEXT NOT NULL,
        confidence        REAL CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 1),
        PRIMARY KEY (segment_id, ordinal)
      ) STRICT, WITHOUT ROWID;

      -- Library search: "the call where they mentioned the incumbent", landing on the moment.
      CREATE VIRTUAL TABLE transcript_segments_fts USING fts5 (
        text,
        content = 'transcript_segments',
        content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER transcript_segments_fts_insert AFTER INSERT ON transcript_segments BEGIN
        INSERT INTO transcript_segments_fts (rowid, text) VALUES (new.seq, new.text);
      END;
      CREATE TRIGGER transcript_segments_fts_delete AFTER DELETE ON transcript_segments BEGIN
        INSERT INTO transcript_segments_fts (transcript_segments_fts, rowid, text) VALUES ('delete', old.seq, old.text);
      END;
      CREATE TRIGGER transcript_segments_fts_update AFTER UPDATE OF text ON transcript_segments BEGIN
        INSERT INTO transcript_segments_fts (transcript_segments_fts, rowid, text) VALUES ('delete', old.seq, old.text);
        INSERT INTO transcript_segments_fts (rowid, text) VALUES (new.seq, new.text);
      END;
    `);
  },
};
