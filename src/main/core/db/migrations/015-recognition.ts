import type { Migration } from './index';

/**
 * Recognition (issue 15): kudos anywhere, automatic celebrations,
 * notifications and personal goals.
 *
 * - `kudos` is rebuilt: a kudos may now be a badge alone or a message alone
 *   (never neither), and may point at an annotation, a scorecard or nothing
 *   at all (given on a person's page), not only at a call, an attempt or a
 *   session. Nothing points at `kudos` yet, so a plain copy-and-rename does.
 * - `celebrations` are computed from the data. Their natural key
 *   `(kind, person_id, subject_key, period)` is UNIQUE, so recomputing, a
 *   re-import or two machines' packets celebrating the same personal best
 *   all end as one row (inserts are `ON CONFLICT DO NOTHING`).
 * - `notifications` are this library's own (never in packets): one per
 *   person and kudos or celebration, read or not.
 * - `goals` belong to a person (`person_id`), or to the team when it is
 *   NULL (the leaderboards' shared goal). The baseline is stored as it was
 *   when the goal was set, so "you vs your past" does not drift.
 */
export const m015Recognition: Migration = {
  version: 15,
  name: 'recognition-celebrations-goals',
  up: (db) => {
    db.exec(`
      CREATE TABLE kudos_015 (
        id            TEXT PRIMARY KEY,
        giver_id      TEXT NOT NULL REFERENCES people (id),
        recipient_id  TEXT NOT NULL REFERENCES people (id),
        badge_id      TEXT REFERENCES kudos_badges (id),
        reason        TEXT NOT NULL DEFAULT '',
        call_id       TEXT REFERENCES calls (id) ON DELETE CASCADE,
        annotation_id TEXT REFERENCES annotations (id) ON DELETE CASCADE,
        attempt_id    TEXT REFERENCES attempts (id) ON DELETE CASCADE,
        scorecard_id  TEXT REFERENCES scorecards (id) ON DELETE CASCADE,
        at_sec        REAL CHECK (at_sec IS NULL OR at_sec >= 0),
        session_id    TEXT REFERENCES review_sessions (id) ON DELETE SET NULL,
        item_id       TEXT REFERENCES session_items (id) ON DELETE SET NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        deleted_at    TEXT,
        -- Never empty: a badge, a message, or both.
        CHECK (badge_id IS NOT NULL OR length(trim(reason)) > 0),
        CHECK (call_id IS NULL OR attempt_id IS NULL),
        CHECK (annotation_id IS NULL OR call_id IS NOT NULL),
        -- A moment is a time in a call or an attempt.
        CHECK (at_sec IS NULL OR call_id IS NOT NULL OR attempt_id IS NOT NULL)
      ) STRICT;
      INSERT INTO kudos_015 (id, giver_id, recipient_id, badge_id, reason, call_id, attempt_id, at_sec, session_id,
          item_id, created_at, updated_at, deleted_at)
        SELECT id, giver_id, recipient_id, badge_id, reason, call_id, attempt_id, at_sec, session_id, item_id,
          created_at, updated_at, deleted_at FROM kudos;
      DROP TABLE kudos;
      ALTER TABLE kudos_015 RENAME TO kudos;
      CREATE INDEX kudos_by_recipient ON kudos (recipient_id, created_at) WHERE deleted_at IS NULL;
      CREATE INDEX kudos_by_giver ON kudos (giver_id, created_at) WHERE deleted_at IS NULL;
      CREATE INDEX kudos_by_call ON kudos (call_id, at_sec) WHERE deleted_at IS NULL;
      CREATE INDEX kudos_by_session ON kudos (session_id) WHERE deleted_at IS NULL;
      CREATE INDEX kudos_by_attempt ON kudos (attempt_id) WHERE attempt_id IS NOT NULL;
      CREATE INDEX kudos_by_scorecard ON kudos (scorecard_id) WHERE scorecard_id IS NOT NULL;
      CREATE INDEX kudos_by_annotation ON kudos (annotation_id) WHERE annotation_id IS NOT NULL;
      CREATE INDEX kudos_wall ON kudos (created_at DESC, id DESC) WHERE deleted_at IS NULL;

      CREATE TABLE goals (
        id            TEXT PRIMARY KEY,
        person_id     TEXT REFERENCES people (id),        -- NULL: the team's shared goal
        set_by_id     TEXT NOT NULL REFERENCES people (id),
        metric        TEXT NOT NULL CHECK (metric IN ('criterion_average', 'drill_attempts_per_week', 'talk_ratio',
                        'questions_per_call', 'filler_rate', 'longest_monologue', 'self_reviews_per_week',
                        'team_drill_attempts')),
        criterion_key TEXT,                               -- rubric_criteria.key, for criterion_average
        criterion_name TEXT,
        target        REAL NOT NULL,
        direction     TEXT NOT NULL CHECK (direction IN ('up', 'down')),
        baseline      REAL,                               -- the person's figure when the goal was set
        start_date    TEXT NOT NULL,                      -- YYYY-MM-DD
        end_date      TEXT NOT NULL,                      -- YYYY-MM-DD, inclusive
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        deleted_at    TEXT,
        CHECK (end_date >= start_date),
        CHECK ((metric = 'criterion_average') = (criterion_key IS NOT NULL)),
        CHECK ((metric = 'team_drill_attempts') = (person_id IS NULL))
      ) STRICT;
      CREATE INDEX goals_by_person ON goals (person_id, start_date) WHERE deleted_at IS NULL;

      CREATE TABLE celebrations (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL CHECK (kind IN ('personal_best', 'goal_reached', 'streak', 'criterion_up',
                        'first_self_review', 'action_items_done')),
        person_id     TEXT NOT NULL REFERENCES people (id),
        subject_key   TEXT NOT NULL,                      -- what it is about: a drill, goal, criterion key, scorecard…
        period        TEXT NOT NULL DEFAULT '',           -- which occurrence: the best attempt, the month, the streak's start
        title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
        call_id       TEXT REFERENCES calls (id) ON DELETE SET NULL,
        attempt_id    TEXT REFERENCES attempts (id) ON DELETE SET NULL,
        drill_id      TEXT REFERENCES drills (id) ON DELETE SET NULL,
        scorecard_id  TEXT REFERENCES scorecards (id) ON DELETE SET NULL,
        goal_id       TEXT REFERENCES goals (id) ON DELETE SET NULL,
        occurred_at   TEXT NOT NULL,                      -- when the data says it happened
        created_at    TEXT NOT NULL,
        UNIQUE (kind, person_id, subject_key, period)
      ) STRICT;
      CREATE INDEX celebrations_wall ON celebrations (occurred_at DESC, id DESC);
      CREATE INDEX celebrations_by_person ON celebrations (person_id, occurred_at);

      CREATE TABLE notifications (
        id             TEXT PRIMARY KEY,
        person_id      TEXT NOT NULL REFERENCES people (id),
        kudos_id       TEXT REFERENCES kudos (id) ON DELETE CASCADE,
        celebration_id TEXT REFERENCES celebrations (id) ON DELETE CASCADE,
        created_at     TEXT NOT NULL,
        read_at        TEXT,
        CHECK ((kudos_id IS NULL) <> (celebration_id IS NULL)),
        UNIQUE (person_id, kudos_id),
        UNIQUE (person_id, celebration_id)
      ) STRICT;
      CREATE INDEX notifications_by_person ON notifications (person_id, created_at);
    `);
  },
};
