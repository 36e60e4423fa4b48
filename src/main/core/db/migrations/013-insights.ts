import type { Migration } from './index';

/**
 * Conversation insights (issue 14): per-recording metrics and keyword
 * tracker hits, stored so Insights reads aggregates and never re-reads
 * segments.
 *
 * Both are derived from a transcript and its speakers, so both are thrown
 * away by triggers the moment either changes (a segment written, edited or
 * reassigned, a speaker renamed, marked as the customer or given a person).
 * A missing row means "compute before showing": nothing stale can be read,
 * whichever code path wrote the transcript.
 *
 * A tracker's hits on a recording are current when `tracker_scans` holds the
 * tracker's revision for it; editing a tracker bumps the revision, and a
 * background scan brings the library up to date.
 */
export const m013Insights: Migration = {
  version: 13,
  name: 'call-metrics-and-trackers',
  up: (db) => {
    db.exec(`
      CREATE TABLE call_metrics (
        media_sha256           TEXT PRIMARY KEY REFERENCES media (sha256) ON DELETE CASCADE,
        algorithm              INTEGER NOT NULL,        -- bumps recompute every row when a definition changes
        computed_at            TEXT NOT NULL,
        duration_sec           REAL NOT NULL CHECK (duration_sec >= 0),
        segment_count          INTEGER NOT NULL CHECK (segment_count >= 0),
        has_sides              INTEGER NOT NULL CHECK (has_sides IN (0, 1)),
        silence_share          REAL CHECK (silence_share IS NULL OR silence_share BETWEEN 0 AND 1),
        words_per_minute       REAL,
        fillers_per_minute     REAL,
        questions              INTEGER NOT NULL DEFAULT 0,
        -- Side figures: NULL when the recording has no customer side.
        talk_ratio_rep         REAL CHECK (talk_ratio_rep IS NULL OR talk_ratio_rep BETWEEN 0 AND 1),
        talk_sec_rep           REAL,
        talk_sec_customer      REAL,
        monologue_sec          REAL,
        monologue_start_sec    REAL,
        monologue_end_sec      REAL,
        story_sec              REAL,
        story_start_sec        REAL,
        story_end_sec          REAL,
        switches_per_minute    REAL,
        patience_sec           REAL,
        questions_rep          INTEGER,
        questions_customer     INTEGER,
        wpm_rep                REAL,
        wpm_customer           REAL,
        fillers_per_minute_rep REAL
      ) STRICT;

      CREATE TABLE trackers (
        id           TEXT PRIMARY KEY,                 -- UUIDv7
        name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
        side         TEXT NOT NULL CHECK (side IN ('rep', 'customer', 'either')),
        phrases      TEXT NOT NULL CHECK (json_valid(phrases) AND json_type(phrases) = 'array'),
        revision     INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
        seed_key     TEXT UNIQUE,                      -- shipped in resources/trackers
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        deleted_at   TEXT
      ) STRICT;
      CREATE UNIQUE INDEX trackers_live_name ON trackers (lower(name)) WHERE deleted_at IS NULL;

      CREATE TABLE tracker_scans (
        tracker_id   TEXT NOT NULL REFERENCES trackers (id) ON DELETE CASCADE,
        media_sha256 TEXT NOT NULL REFERENCES media (sha256) ON DELETE CASCADE,
        revision     INTEGER NOT NULL,
        PRIMARY KEY (tracker_id, media_sha256)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX tracker_scans_by_media ON tracker_scans (media_sha256);

      CREATE TABLE tracker_hits (
        tracker_id   TEXT NOT NULL REFERENCES trackers (id) ON DELETE CASCADE,
        media_sha256 TEXT NOT NULL REFERENCES media (sha256) ON DELETE CASCADE,
        ordinal      INTEGER NOT NULL CHECK (ordinal >= 0),  -- order of the hit within the recording
        segment_id   TEXT NOT NULL,
        start_sec    REAL NOT NULL CHECK (start_sec >= 0),
        phrase       TEXT NOT NULL,
        side         TEXT NOT NULL CHECK (side IN ('rep', 'customer', 'unknown')),
        PRIMARY KEY (tracker_id, media_sha256, ordinal)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX tracker_hits_by_media ON tracker_hits (media_sha256, start_sec);

    `);
    // Anything a figure is derived from changed: forget the figures and hits of that recording.
    const forget = (row: 'new' | 'old') => `
        DELETE FROM call_metrics WHERE media_sha256 = ${row}.media_sha256;
        DELETE FROM tracker_scans WHERE media_sha256 = ${row}.media_sha256;
        DELETE FROM tracker_hits WHERE media_sha256 = ${row}.media_sha256;`;
    const triggers: Array<[name: string, when: string, row: 'new' | 'old']> = [
      ['segment_insert', 'AFTER INSERT ON transcript_segments', 'new'],
      ['segment_update', 'AFTER UPDATE OF text, speaker_id, start_sec, end_sec ON transcript_segments', 'new'],
      ['segment_delete', 'AFTER DELETE ON transcript_segments', 'old'],
      ['speaker_insert', 'AFTER INSERT ON speakers', 'new'],
      ['speaker_update', 'AFTER UPDATE ON speakers', 'new'],
      ['speaker_delete', 'AFTER DELETE ON speakers', 'old'],
      ['transcript_delete', 'AFTER DELETE ON transcripts', 'old'],
    ];
    for (const [name, when, row] of triggers) {
      db.exec(`CREATE TRIGGER insights_stale_${name} ${when} BEGIN ${forget(row)}
      END;`);
    }
  },
};
