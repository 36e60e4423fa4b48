import type { Migration } from './index';

/**
 * Signed packets (issue 11, item 3).
 *
 * - `person_keys`: the Ed25519 public keys a person signs packets with (raw
 *   32 bytes, base64url). `verified` = 1 when this library made the key (its
 *   "me") or checked a packet signed by it; 0 when a packet only carried it
 *   beside a person (used to match people, never to accept changes). One key
 *   belongs to one person; a person may have several (merged records, two
 *   machines). Private keys are NOT here: rows travel in packets, the private
 *   key stays in the data folder as a file.
 * - `person_aliases`: a record merged into another ("Merge people"). The alias
 *   id keeps resolving to the survivor, so packets that still name it land on
 *   the right person, and the alias travels so other libraries merge too.
 * - `packet_receipts`: the newest packet accepted per signer and subject, so
 *   an older packet replayed later is refused instead of rolling work back.
 */
export const m008Signing: Migration = {
  version: 8,
  name: 'packet signing keys, person aliases, packet receipts',
  up: (db) => {
    db.exec(`
      CREATE TABLE person_keys (
        public_key TEXT PRIMARY KEY,
        person_id  TEXT NOT NULL REFERENCES people (id),
        verified   INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX person_keys_by_person ON person_keys (person_id);

      CREATE TABLE person_aliases (
        alias_id   TEXT PRIMARY KEY,
        person_id  TEXT NOT NULL REFERENCES people (id),
        merged_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX person_aliases_by_person ON person_aliases (person_id);

      CREATE TABLE packet_receipts (
        signer_key  TEXT NOT NULL,
        subject_id  TEXT NOT NULL,
        packet_id   TEXT NOT NULL,
        created_at  TEXT NOT NULL,          -- the packet's own (signed) creation time
        imported_at TEXT NOT NULL,
        PRIMARY KEY (signer_key, subject_id)
      ) STRICT;
    `);
  },
};
