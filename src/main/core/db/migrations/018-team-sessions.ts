import type { Migration } from './index';

/**
 * Review sessions through the team folder (issue 16, "sessions' captured
 * items"). A session belongs to the device that ran it: a finished session
 * travels from there, signed by that device's person, with what the room
 * captured (feedback, live scores, action items, kudos) — most of it said by
 * other people and typed by the facilitator, so the signer vouches for the
 * session, not for each line.
 *
 * `team_sessions` names the sessions that arrived from a teammate and whose
 * person sent them. Only that person's later files change them; this
 * library never sends them on, and refuses to edit them (they are changed
 * where they were run).
 */
export const m018TeamSessions: Migration = {
  version: 18,
  name: 'team folder: sessions from teammates',
  up: (db) => {
    db.exec(`
      CREATE TABLE team_sessions (
        session_id  TEXT PRIMARY KEY REFERENCES review_sessions (id) ON DELETE CASCADE,
        owner_id    TEXT NOT NULL REFERENCES people (id),
        received_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX team_sessions_by_owner ON team_sessions (owner_id);
    `);
  },
};
