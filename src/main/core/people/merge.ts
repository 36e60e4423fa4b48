/**
 * Merge people: two records for the same human (added separately on two
 * machines, or by hand) become one. Every reference moves to the survivor;
 * the other record stays as a hidden row and an alias, so a packet that
 * still names it lands on the survivor, and the alias travels in packets so
 * other libraries merge the two as well.
 *
 * References are found from the schema (every foreign key to `people`), so
 * a table added later is moved too without this file knowing about it.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Id } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';
import { keysDir } from '../signing/keys';

/** Tables that only say "this person is in it": a row both records have is simply one row. */
const MEMBERSHIP_TABLES = new Set(['session_participants', 'session_item_reviewers']);

/** What a clash means, for the sentence a person reads. */
const CLASH_WORDS: Record<string, string> = {
  scorecards: 'a scorecard on the same call (or attempt) and rubric',
  session_scores: 'scores on the same review-session item',
  calibration_notes: 'a calibration note on the same criterion',
};

interface Reference {
  table: string;
  column: string;
}

/** Every column that points at people(id), from the schema itself. */
export function personReferences(db: Database): Reference[] {
  const tables = all<{ name: string }>(
    db,
    sql`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name, rowid`,
  );
  const refs: Reference[] = [];
  for (const { name } of tables) {
    const keys = db.prepare(`SELECT "table", "from" FROM pragma_foreign_key_list(?)`).all(name) as Array<{
      table: string;
      from: string;
    }>;
    for (const k of keys) if (k.table === 'people') refs.push({ table: name, column: k.from });
  }
  return refs;
}

/** The live person an id stands for: itself, or the record it was merged into. */
export function resolvePersonId(db: Database, id: Id): Id {
  // Aliases never chain (a merge moves the alias's own aliases to the survivor), so one hop is enough.
  return get<{ person_id: Id }>(db, sql`SELECT person_id FROM person_aliases WHERE alias_id = ${id}`)?.person_id ?? id;
}

export function aliasesOf(db: Database, personId: Id): Id[] {
  return all<{ alias_id: Id }>(
    db,
    sql`SELECT alias_id FROM person_aliases WHERE person_id = ${personId} ORDER BY alias_id`,
  ).map((r) => r.alias_id);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Joins `aliasId` into `survivorId`. Runs in the caller's transaction when
 * there is one (packet import), else in its own: all of it or none of it.
 */
export function mergePeople(db: Database, dataDir: string, survivorId: Id, aliasId: Id): void {
  if (survivorId === aliasId) throw new AppError('invalid_input', 'Pick two different people to merge.');
  const person = (id: Id) =>
    get<{ id: Id; name: string; is_me: number; deleted_at: string | null }>(
      db,
      sql`SELECT id, name, is_me, deleted_at FROM people WHERE id = ${id}`,
    );
  const survivor = person(survivorId);
  const alias = person(aliasId);
  if (!survivor || survivor.deleted_at || !alias)
    throw new AppError('not_found', 'One of those people is no longer in the library.');
  if (get(db, sql`SELECT 1 FROM person_aliases WHERE alias_id = ${aliasId}`))
    throw new AppError('conflict', `${alias.name} was already merged into someone else.`);

  const work = () => {
    const now = nowIso();
    if (alias.is_me) run(db, sql`UPDATE people SET is_me = 0 WHERE id = ${aliasId}`);
    for (const ref of personReferences(db)) {
      if (ref.table === 'person_aliases' && ref.column === 'person_id') continue; // moved below, after the check
      const table = quote(ref.table);
      const column = quote(ref.column);
      try {
        db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`).run(survivorId, aliasId);
      } catch (error) {
        if (!String(error).includes('UNIQUE')) throw error;
        if (MEMBERSHIP_TABLES.has(ref.table)) {
          db.prepare(`UPDATE OR IGNORE ${table} SET ${column} = ? WHERE ${column} = ?`).run(survivorId, aliasId);
          db.prepare(`DELETE FROM ${table} WHERE ${column} = ?`).run(aliasId);
          continue;
        }
        throw new AppError(
          'conflict',
          `${survivor.name} and ${alias.name} both have ${CLASH_WORDS[ref.table] ?? `rows in ${ref.table} that would collide`}. ` +
            'Remove one of the two first; nothing was merged.',
        );
      }
    }
    run(db, sql`UPDATE person_aliases SET person_id = ${survivorId} WHERE person_id = ${aliasId}`);
    run(
      db,
      sql`INSERT INTO person_aliases (alias_id, person_id, merged_at) VALUES (${aliasId}, ${survivorId}, ${now})`,
    );
    run(
      db,
      sql`UPDATE people SET deleted_at = coalesce(deleted_at, ${now}), updated_at = ${now} WHERE id = ${aliasId}`,
    );
    if (alias.is_me) run(db, sql`UPDATE people SET is_me = 1, updated_at = ${now} WHERE id = ${survivorId}`);
  };
  if (db.inTransaction) work();
  else db.transaction(work)();

  // The alias's signing key (if this machine made one) now signs for the survivor.
  const from = join(keysDir(dataDir), `${aliasId}.pem`);
  const to = join(keysDir(dataDir), `${survivorId}.pem`);
  if (existsSync(from) && !existsSync(to)) renameSync(from, to);
}
