import type { Migration } from './index';

/**
 * Role-play drills and the rep's recorded attempts.
 *
 * An attempt is stored like a call: its audio is a `media` row (the file
 * `<sha256>.<ext>` in the media folder, with peaks), so the transcription
 * queue, transcripts and the media route work on it unchanged. Scorecards
 * already have `attempt_id` (004) without a foreign key; SQLite cannot add
 * one to an existing column, so a trigger refuses a scorecard pointing at an
 * attempt that does not exist.
 */
export const m005Drills: Migration = {
  version: 5,
  name: 'drills and attempts',
  up: (db) => {
    db.exec(`
      CREATE TABLE drills (
        id                  TEXT PRIMARY KEY,
        title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
        skill               TEXT NOT NULL CHECK (skill IN ('objection_handling', 'discovery_opener', 'cold_call_opener',
                              'pricing', 'next_step_close', 'value_pitch', 'other')),
        persona_role        TEXT NOT NULL DEFAULT '',
        persona_company     TEXT NOT NULL DEFAULT '',
        persona_mood        TEXT NOT NULL DEFAULT 'neutral'
                            CHECK (persona_mood IN ('neutral', 'skeptical', 'rushed', 'irritated', 'curious', 'friendly', 'guarded')),
        prompt_text         TEXT NOT NULL DEFAULT '',
        -- The prompt as audio: a span of a recording in the library (usually a call's).
        prompt_media_sha256 TEXT REFERENCES media (sha256),
        prompt_start_sec    REAL,
        prompt_end_sec      REAL,
        prompt_call_id      TEXT REFERENCES calls (id) ON DELETE SET NULL,
        time_limit_sec      INTEGER NOT NULL DEFAULT 60 CHECK (time_limit_sec BETWEEN 10 AND 300),
        rubric_id           TEXT REFERENCES rubrics (id) ON DELETE SET NULL, -- a drill outlives its rubric
        notes               TEXT NOT NULL DEFAULT '',   -- what good sounds like
        model_media_sha256  TEXT REFERENCES media (sha256),
        model_start_sec     REAL,
        model_end_sec       REAL,
        model_call_id       TEXT REFERENCES calls (id) ON DELETE SET NULL,
        seed_key            TEXT UNIQUE,                -- set for drills shipped in resources/drills
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        deleted_at          TEXT,
        CHECK ((prompt_media_sha256 IS NULL) = (prompt_start_sec IS NULL)
               AND (prompt_start_sec IS NULL) = (prompt_end_sec IS NULL)),
        CHECK (prompt_end_sec IS NULL OR (prompt_start_sec >= 0 AND prompt_end_sec > prompt_start_sec)),
        CHECK ((model_media_sha256 IS NULL) = (model_start_sec IS NULL)
               AND (model_start_sec IS NULL) = (model_end_sec IS NULL)),
        CHECK (model_end_sec IS NULL OR (model_start_sec >= 0 AND model_end_sec > model_start_sec)),
        CHECK (length(trim(prompt_text)) > 0 OR prompt_media_sha256 IS NOT NULL)
      ) STRICT;
      CREATE INDEX drills_live ON drills (title) WHERE deleted_at IS NULL;

      CREATE TABLE drill_tags (
        drill_id  TEXT NOT NULL REFERENCES drills (id) ON DELETE CASCADE,
        tag       TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(tag)) > 0),
        PRIMARY KEY (drill_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX drill_tags_by_tag ON drill_tags (tag);

      CREATE TABLE attempts (
        id            TEXT PRIMARY KEY,
        drill_id      TEXT NOT NULL REFERENCES drills (id) ON DELETE CASCADE,
        person_id     TEXT REFERENCES people (id),     -- "me" when recorded; NULL if no one was set up yet
        media_sha256  TEXT NOT NULL REFERENCES media (sha256),
        duration_sec  REAL NOT NULL CHECK (duration_sec >= 0),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        deleted_at    TEXT
      ) STRICT;
      CREATE INDEX attempts_by_drill ON attempts (drill_id, created_at) WHERE deleted_at IS NULL;
      CREATE INDEX attempts_by_person ON attempts (person_id, created_at) WHERE deleted_at IS NULL;
      CREATE INDEX attempts_by_media ON attempts (media_sha256);
      CREATE INDEX scorecards_by_attempt ON scorecards (attempt_id) WHERE attempt_id IS NOT NULL;

      CREATE TRIGGER scorecards_attempt_exists BEFORE INSERT ON scorecards
        WHEN NEW.attempt_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM attempts WHERE id = NEW.attempt_id)
        BEGIN SELECT RAISE(ABORT, 'scorecard for a missing attempt'); END;
      CREATE TRIGGER scorecards_attempt_exists_update BEFORE UPDATE OF attempt_id ON scorecards
        WHEN NEW.attempt_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM attempts WHERE id = NEW.attempt_id)
        BEGIN SELECT RAISE(ABORT, 'scorecard for a missing attempt'); END;
    `);
  },
};
