import type { Database } from 'better-sqlite3';
import type { Id, Person, PersonRole } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { newId, nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';

interface PersonRow {
  id: string;
  name: string;
  role: PersonRole;
  email: string | null;
  is_me: number;
  created_at: string;
  updated_at: string;
}

const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  name: r.name,
  role: r.role,
  email: r.email,
  isMe: r.is_me === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const columns = sql`id, name, role, email, is_me, created_at, updated_at`;

export function listPeople(db: Database): Person[] {
  return all<PersonRow>(
    db,
    sql`SELECT ${columns} FROM people WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id`,
  ).map(toPerson);
}

export function getPerson(db: Database, id: Id, opts: { includeDeleted?: boolean } = {}): Person {
  const row = get<PersonRow>(
    db,
    opts.includeDeleted
      ? sql`SELECT ${columns} FROM people WHERE id = ${id}`
      : sql`SELECT ${columns} FROM people WHERE id = ${id} AND deleted_at IS NULL`,
  );
  if (!row) throw new AppError('not_found', 'That person no longer exists.');
  return toPerson(row);
}

export function createPerson(db: Database, input: { name: string; role: PersonRole; email?: string | null }): Person {
  const id = newId();
  const now = nowIso();
  run(
    db,
    sql`INSERT INTO people (id, name, role, email, created_at, updated_at)
        VALUES (${id}, ${input.name}, ${input.role}, ${input.email ?? null}, ${now}, ${now})`,
  );
  return getPerson(db, id);
}

export function updatePerson(
  db: Database,
  input: { id: Id; name?: string; role?: PersonRole; email?: string | null },
): Person {
  const current = getPerson(db, input.id);
  run(
    db,
    sql`UPDATE people SET name = ${input.name ?? current.name}, role = ${input.role ?? current.role},
        email = ${input.email === undefined ? current.email : input.email}, updated_at = ${nowIso()}
        WHERE id = ${input.id}`,
  );
  return getPerson(db, input.id);
}

/** Exactly one person (or nobody) is "me"; swapping is one transaction so the unique index never trips. */
export function setMe(db: Database, id: Id | null): Person[] {
  db.transaction(() => {
    if (id !== null) getPerson(db, id);
    const now = nowIso();
    run(db, sql`UPDATE people SET is_me = 0, updated_at = ${now} WHERE is_me = 1`);
    if (id !== null) run(db, sql`UPDATE people SET is_me = 1, updated_at = ${now} WHERE id = ${id}`);
  })();
  return listPeople(db);
}

export function removePerson(db: Database, id: Id): void {
  getPerson(db, id);
  run(db, sql`UPDATE people SET deleted_at = ${nowIso()}, is_me = 0 WHERE id = ${id}`);
}

export function restorePerson(db: Database, id: Id): Person {
  getPerson(db, id, { includeDeleted: true });
  const survivor = get<{ name: string }>(
    db,
    sql`SELECT p.name FROM person_aliases a JOIN people p ON p.id = a.person_id WHERE a.alias_id = ${id}`,
  );
  // A merged record is not in the trash: its work now belongs to the survivor.
  if (survivor)
    throw new AppError('conflict', `This person was merged into ${survivor.name}; they cannot be restored.`);
  run(db, sql`UPDATE people SET deleted_at = NULL, updated_at = ${nowIso()} WHERE id = ${id}`);
  return getPerson(db, id);
}
