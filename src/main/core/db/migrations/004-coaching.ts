import type { Migration } from './index';

/**
 * The coach's loop: annotations on a call, rubric templates with versions,
 * scorecards (scores, evidence, action items) and calibration notes.
 *
 * Room left for later issues without reshaping these tables:
 * - drills (issue 6): a scorecard scores a call OR a drill attempt — exactly
 *   one of `call_id` / `attempt_id` is set. `attempt_id` has no foreign key
 *   yet because the attempts table does not exist; issue 6 adds it.
 * - review sessions (issue 8): `session_id` on scorecards and action items
 *   (again without a foreign key until sessions exist).
 * - packets (issue 7): every row has a UUIDv7 id and `updated_at`, so
 *   merging by id with last-writer-wins needs nothing more.
 */
export const m004Coaching: Migration = {
  version: 4,
  name: 'annotations, rubrics, scorecards, calibration',
  up: (db) => {
    db.exec(`
      -- The editable tag set; annotations point at a tag by id so a rename shows everywhere.
      CREATE TABLE annotation_tags (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
        color       TEXT NOT NULL,                 -- #rrggbb, for waveform regions
        position    INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
      ) STRICT;
      CREATE UNIQUE INDEX annotation_tags_live_name ON annotation_tags (name) WHERE deleted_at IS NULL;

      CREATE TABLE annotations (
        id          TEXT PRIMARY KEY,
        call_id     TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        author_id   TEXT NOT NULL REFERENCES people (id),
        start_sec   REAL NOT NULL CHECK (start_sec >= 0),
        end_sec     REAL CHECK (end_sec IS NULL OR end_sec > start_sec),  -- NULL: a point
        body        TEXT NOT NULL DEFAULT '',
        tag_id      TEXT REFERENCES annotation_tags (id),
        situation   TEXT NOT NULL DEFAULT '',
        behavior    TEXT NOT NULL DEFAULT '',
        impact      TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
      ) STRICT;
      CREATE INDEX annotations_by_call ON annotations (call_id, start_sec) WHERE deleted_at IS NULL;

      CREATE TABLE annotation_replies (
        id            TEXT PRIMARY KEY,
        annotation_id TEXT NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
        author_id     TEXT NOT NULL REFERENCES people (id),
        body          TEXT NOT NULL CHECK (length(trim(body)) > 0),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        deleted_at    TEXT
      ) STRICT;
      CREATE INDEX annotation_replies_by_annotation ON annotation_replies (annotation_id, created_at);

      -- A rubric is the identity (name shown in pickers); its criteria live in versions.
      CREATE TABLE rubrics (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
        description TEXT NOT NULL DEFAULT '',
        seed_key    TEXT UNIQUE,                   -- set for rubrics shipped in resources/rubrics
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
      ) STRICT;

      CREATE TABLE rubric_versions (
        id          TEXT PRIMARY KEY,
        rubric_id   TEXT NOT NULL REFERENCES rubrics (id) ON DELETE CASCADE,
        version     INTEGER NOT NULL CHECK (version >= 1),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT,
        UNIQUE (rubric_id, version)
      ) STRICT;

      CREATE TABLE rubric_criteria (
        id                TEXT PRIMARY KEY,
        rubric_version_id TEXT NOT NULL REFERENCES rubric_versions (id) ON DELETE CASCADE,
        -- The same criterion across versions shares a key, so progress charts span rubric edits.
        key               TEXT NOT NULL,
        position          INTEGER NOT NULL,
        name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
        description       TEXT NOT NULL DEFAULT '',
        weight            REAL NOT NULL CHECK (weight > 0),
        anchor_1          TEXT NOT NULL CHECK (length(trim(anchor_1)) > 0),
        anchor_2          TEXT NOT NULL CHECK (length(trim(anchor_2)) > 0),
        anchor_3          TEXT NOT NULL CHECK (length(trim(anchor_3)) > 0),
        anchor_4          TEXT NOT NULL CHECK (length(trim(anchor_4)) > 0),
        anchor_5          TEXT NOT NULL CHECK (length(trim(anchor_5)) > 0),
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        UNIQUE (rubric_version_id, position),
        UNIQUE (rubric_version_id, key)
      ) STRICT;

      CREATE TABLE scorecards (
        id                TEXT PRIMARY KEY,
        call_id           TEXT REFERENCES calls (id) ON DELETE CASCADE,
        attempt_id        TEXT,                    -- issue 6: a drill attempt instead of a call
        -- RESTRICT: a rubric version a scorecard uses can never be hard-deleted under it.
        rubric_version_id TEXT NOT NULL REFERENCES rubric_versions (id) ON DELETE RESTRICT,
        reviewer_id       TEXT NOT NULL REFERENCES people (id),
        reviewer_kind     TEXT NOT NULL CHECK (reviewer_kind IN ('self', 'peer', 'coach')),
        status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
        strengths         TEXT NOT NULL DEFAULT '',
        session_id        TEXT,                    -- issue 8: captured during a review session
        submitted_at      TEXT,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        deleted_at        TEXT,
        CHECK ((call_id IS NULL) <> (attempt_id IS NULL)),
        CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
      ) STRICT;
      -- One live scorecard per reviewer, subject and rubric version.
      CREATE UNIQUE INDEX scorecards_one_per_call_reviewer ON scorecards (call_id, reviewer_id, rubric_version_id)
        WHERE deleted_at IS NULL AND call_id IS NOT NULL;
      CREATE UNIQUE INDEX scorecards_one_per_attempt_reviewer ON scorecards (attempt_id, reviewer_id, rubric_version_id)
        WHERE deleted_at IS NULL AND attempt_id IS NOT NULL;
      CREATE INDEX scorecards_by_version ON scorecards (rubric_version_id);
      CREATE INDEX scorecards_by_reviewer ON scorecards (reviewer_id);

      CREATE TABLE scorecard_scores (
        id            TEXT PRIMARY KEY,
        scorecard_id  TEXT NOT NULL REFERENCES scorecards (id) ON DELETE CASCADE,
        criterion_id  TEXT NOT NULL REFERENCES rubric_criteria (id),
        score         INTEGER CHECK (score IS NULL OR score BETWEEN 1 AND 5),  -- NULL: not scored
        comment       TEXT NOT NULL DEFAULT '',
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        UNIQUE (scorecard_id, criterion_id)
      ) STRICT;

      -- Evidence for a score: an annotation on the call, or a bare moment in seconds.
      CREATE TABLE score_evidence (
        id            TEXT PRIMARY KEY,
        score_id      TEXT NOT NULL REFERENCES scorecard_scores (id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,
        annotation_id TEXT REFERENCES annotations (id) ON DELETE CASCADE,
        at_sec        REAL CHECK (at_sec IS NULL OR at_sec >= 0),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        CHECK ((annotation_id IS NULL) <> (at_sec IS NULL))
      ) STRICT;
      CREATE INDEX score_evidence_by_score ON score_evidence (score_id, position);

      CREATE TABLE action_items (
        id            TEXT PRIMARY KEY,
        scorecard_id  TEXT REFERENCES scorecards (id) ON DELETE CASCADE,
        session_id    TEXT,                        -- issue 8: captured live in a review session
        text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
        owner_id      TEXT REFERENCES people (id),
        due_date      TEXT,                        -- YYYY-MM-DD
        done_at       TEXT,                        -- NULL: open
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        deleted_at    TEXT
      ) STRICT;
      CREATE INDEX action_items_open_by_owner ON action_items (owner_id) WHERE done_at IS NULL AND deleted_at IS NULL;
      CREATE INDEX action_items_by_scorecard ON action_items (scorecard_id);

      -- What reviewers agreed after the reveal: per call and criterion (the criterion fixes the version).
      CREATE TABLE calibration_notes (
        id            TEXT PRIMARY KEY,
        call_id       TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        criterion_id  TEXT NOT NULL REFERENCES rubric_criteria (id),
        agreed_score  INTEGER CHECK (agreed_score IS NULL OR agreed_score BETWEEN 1 AND 5),
        note          TEXT NOT NULL DEFAULT '',    -- how the anchor should be read
        author_id     TEXT NOT NULL REFERENCES people (id),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        UNIQUE (call_id, criterion_id)
      ) STRICT;
    `);
  },
};
