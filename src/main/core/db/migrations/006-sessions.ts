import type { Migration } from './index';

/**
 * Review sessions (issue 8): the weekly ritual run on a shared screen.
 *
 * - Live state (which item is on screen, the per-item timers, where playback
 *   is) is stored, not kept in a window, so closing the presenter window,
 *   reloading or restarting the core resumes at the same item and time. A
 *   timer is `accumulated_ms` plus, while it runs, the time since
 *   `timer_started_at`; playback is `position_sec` as of `position_at`.
 * - Action items captured live go into the coaching `action_items` table with
 *   its reserved `session_id`, so they show wherever action items already do.
 * - Scores given live are a lighter per-item table rather than scorecards:
 *   a scorecard is one per reviewer, call and rubric version (it would collide
 *   with the reviewer's own offline scorecard, and with two clips of one call),
 *   needs a call or attempt (a deal review has neither), and is blind until
 *   submitted — none of which fits scores said aloud in a room.
 */
export const m006Sessions: Migration = {
  version: 6,
  name: 'review sessions, agenda, live capture, kudos',
  up: (db) => {
    db.exec(`
      CREATE TABLE review_sessions (
        id               TEXT PRIMARY KEY,
        title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
        session_date     TEXT NOT NULL,                 -- YYYY-MM-DD
        template_key     TEXT,                          -- resources/sessions/<key>.json it was built from
        status           TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'finished')),
        current_item_id  TEXT,                          -- the item on screen while running
        playing          INTEGER NOT NULL DEFAULT 0 CHECK (playing IN (0, 1)),
        position_sec     REAL NOT NULL DEFAULT 0 CHECK (position_sec >= 0),
        position_at      TEXT,                          -- when position_sec was true
        notes            TEXT NOT NULL DEFAULT '',
        started_at       TEXT,
        finished_at      TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        deleted_at       TEXT
      ) STRICT;
      CREATE INDEX review_sessions_by_date ON review_sessions (session_date DESC, created_at DESC)
        WHERE deleted_at IS NULL;

      CREATE TABLE session_participants (
        session_id        TEXT NOT NULL REFERENCES review_sessions (id) ON DELETE CASCADE,
        person_id         TEXT NOT NULL REFERENCES people (id),
        position          INTEGER NOT NULL,
        attended          INTEGER NOT NULL DEFAULT 1 CHECK (attended IN (0, 1)),
        -- Recorded when the session finishes (items actually covered), for insights.
        presented_count   INTEGER NOT NULL DEFAULT 0,
        reviewed_count    INTEGER NOT NULL DEFAULT 0,
        facilitated_count INTEGER NOT NULL DEFAULT 0,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        PRIMARY KEY (session_id, person_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX session_participants_by_person ON session_participants (person_id);

      CREATE TABLE session_items (
        id                   TEXT PRIMARY KEY,
        session_id           TEXT NOT NULL REFERENCES review_sessions (id) ON DELETE CASCADE,
        position             INTEGER NOT NULL,
        kind                 TEXT NOT NULL CHECK (kind IN ('clip', 'call', 'attempt', 'deal')),
        title                TEXT NOT NULL DEFAULT '',
        call_id              TEXT REFERENCES calls (id) ON DELETE SET NULL,     -- emptying the trash leaves the slot
        attempt_id           TEXT REFERENCES attempts (id) ON DELETE SET NULL,
        start_sec            REAL CHECK (start_sec IS NULL OR start_sec >= 0),
        end_sec              REAL CHECK (end_sec IS NULL OR end_sec > start_sec),
        rubric_version_id    TEXT REFERENCES rubric_versions (id) ON DELETE SET NULL,
        timebox_sec          INTEGER NOT NULL CHECK (timebox_sec > 0),
        presenter_id         TEXT REFERENCES people (id),
        facilitator_id       TEXT REFERENCES people (id),
        timer_accumulated_ms INTEGER NOT NULL DEFAULT 0 CHECK (timer_accumulated_ms >= 0),
        timer_started_at     TEXT,
        covered_at           TEXT,                      -- first time it was on screen in a running session
        created_at           TEXT NOT NULL,
        updated_at           TEXT NOT NULL,
        deleted_at           TEXT,
        -- Each kind has its own subject; a slot from a template may wait for its subject (NULL).
        CHECK (kind = 'clip' OR (start_sec IS NULL AND end_sec IS NULL)),
        CHECK (kind IN ('clip', 'call') OR call_id IS NULL),
        CHECK (kind = 'attempt' OR attempt_id IS NULL),
        CHECK (kind <> 'clip' OR call_id IS NULL OR (start_sec IS NOT NULL AND end_sec IS NOT NULL))
      ) STRICT;
      CREATE INDEX session_items_by_session ON session_items (session_id, position) WHERE deleted_at IS NULL;
      CREATE INDEX session_items_by_presenter ON session_items (presenter_id);

      CREATE TABLE session_item_reviewers (
        item_id    TEXT NOT NULL REFERENCES session_items (id) ON DELETE CASCADE,
        person_id  TEXT NOT NULL REFERENCES people (id),
        PRIMARY KEY (item_id, person_id)
      ) STRICT, WITHOUT ROWID;

      -- Deal review: free-form notes against a fixed checklist.
      CREATE TABLE session_deal_notes (
        item_id    TEXT NOT NULL REFERENCES session_items (id) ON DELETE CASCADE,
        topic      TEXT NOT NULL CHECK (topic IN ('qualification', 'stakeholders', 'objections', 'next_steps')),
        body       TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (item_id, topic)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE session_feedback (
        id          TEXT PRIMARY KEY,
        session_id  TEXT NOT NULL REFERENCES review_sessions (id) ON DELETE CASCADE,
        item_id     TEXT REFERENCES session_items (id) ON DELETE SET NULL,
        author_id   TEXT REFERENCES people (id),
        subject_id  TEXT REFERENCES people (id),        -- who the feedback is for (usually the presenter)
        kind        TEXT NOT NULL CHECK (kind IN ('strength', 'improvement')),
        body        TEXT NOT NULL CHECK (length(trim(body)) > 0),
        situation   TEXT NOT NULL DEFAULT '',
        behavior    TEXT NOT NULL DEFAULT '',
        impact      TEXT NOT NULL DEFAULT '',
        at_sec      REAL CHECK (at_sec IS NULL OR at_sec >= 0),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
      ) STRICT;
      CREATE INDEX session_feedback_by_session ON session_feedback (session_id, created_at) WHERE deleted_at IS NULL;

      CREATE TABLE session_scores (
        item_id      TEXT NOT NULL REFERENCES session_items (id) ON DELETE CASCADE,
        reviewer_id  TEXT NOT NULL REFERENCES people (id),
        criterion_id TEXT NOT NULL REFERENCES rubric_criteria (id) ON DELETE CASCADE,
        score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        updated_at   TEXT NOT NULL,
        PRIMARY KEY (item_id, reviewer_id, criterion_id)
      ) STRICT, WITHOUT ROWID;

      -- The editable badge set; kudos point at a badge by id so a rename shows everywhere.
      CREATE TABLE kudos_badges (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
        emoji       TEXT NOT NULL DEFAULT '',
        position    INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
      ) STRICT;
      CREATE UNIQUE INDEX kudos_badges_live_name ON kudos_badges (name) WHERE deleted_at IS NULL;

      CREATE TABLE kudos (
        id          TEXT PRIMARY KEY,
        giver_id    TEXT NOT NULL REFERENCES people (id),
        recipient_id TEXT NOT NULL REFERENCES people (id),
        badge_id    TEXT NOT NULL REFERENCES kudos_badges (id),
        reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        call_id     TEXT REFERENCES calls (id) ON DELETE CASCADE,
        attempt_id  TEXT REFERENCES attempts (id) ON DELETE CASCADE,
        at_sec      REAL CHECK (at_sec IS NULL OR at_sec >= 0),
        session_id  TEXT REFERENCES review_sessions (id) ON DELETE SET NULL,
        item_id     TEXT REFERENCES session_items (id) ON DELETE SET NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT,
        -- A moment is in a call or an attempt, never both; a kudos without one comes from a session item.
        CHECK (call_id IS NULL OR attempt_id IS NULL),
        CHECK ((at_sec IS NULL) = (call_id IS NULL AND attempt_id IS NULL)),
        CHECK (call_id IS NOT NULL OR attempt_id IS NOT NULL OR session_id IS NOT NULL)
      ) STRICT;
      CREATE INDEX kudos_by_recipient ON kudos (recipient_id, created_at) WHERE deleted_at IS NULL;
      CREATE INDEX kudos_by_call ON kudos (call_id, at_sec) WHERE deleted_at IS NULL;
      CREATE INDEX kudos_by_session ON kudos (session_id) WHERE deleted_at IS NULL;

      CREATE INDEX action_items_by_session ON action_items (session_id) WHERE session_id IS NOT NULL;
    `);
  },
};
