import type { Database } from 'better-sqlite3';
import type { Id, Person, PersonRole, Team } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { newId, nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';

interface PersonRow {
  id: string;
  name: string;
  role: PersonRole;
  email: string | null;
  is_me: number;
  team_id: string | null;
  created_at: string;
  updated_at: string;
}

const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  name: r.name,
  role: r.role,
  email: r.email,
  isMe: r.is_me === 1,
  teamId: r.team_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const columns = sql`id, name, role, email, is_me, team_id, created_at, updated_at`;

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
  input: { id: Id; name?: string; role?: PersonRole; email?: string | null; teamId?: Id | null },
): Person {
  const current = getPerson(db, input.id);
  if (input.teamId) getTeam(db, input.teamId);
  run(
    db,
    sql`UPDATE people SET name = ${input.name ?? current.name}, role = ${input.role ?? current.role},
        email = ${input.email === undefined ? current.email : input.email},
        team_id = ${input.teamId === undefined ? current.teamId : input.teamId}, updated_at = ${nowIso()}
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

// ---- teams ----

export function listTeams(db: Database): Team[] {
  return all<Team>(
    db,
    sql`SELECT t.id, t.name,
               (SELECT count(*) FROM people p WHERE p.team_id = t.id AND p.deleted_at IS NULL) AS members
          FROM teams t WHERE t.deleted_at IS NULL
         ORDER BY t.name COLLATE NOCASE, t.id`,
  );
}

export function getTeam(db: Database, id: Id): Team {
  const team = listTeams(db).find((t) => t.id === id);
  if (!team) throw new AppError('not_found', 'That team no longer exists.');
  return team;
}

function assertFreeName(db: Database, name: string, except: Id | null): void {
  const clash = get<{ id: string }>(
    db,
    sql`SELECT id FROM teams WHERE deleted_at IS NULL AND name = ${name} COLLATE NOCASE AND id <> ${except ?? ''}`,
  );
  if (clash) throw new AppError('conflict', `There is already a team called “${name}”.`);
}

export function createTeam(db: Database, name: string): Team {
  const id = newId();
  const now = nowIso();
  assertFreeName(db, name, null);
  run(db, sql`INSERT INTO teams (id, name, created_at, updated_at) VALUES (${id}, ${name}, ${now}, ${now})`);
  return getTeam(db, id);
}

export function renameTeam(db: Database, id: Id, name: string): Team {
  getTeam(db, id);
  assertFreeName(db, name, id);
  run(db, sql`UPDATE teams SET name = ${name}, updated_at = ${nowIso()} WHERE id = ${id}`);
  return getTeam(db, id);
}

/** Its members stay, without a team; their history is theirs, not the team's. */
export function removeTeam(db: Database, id: Id): void {
  getTeam(db, id);
  db.transaction(() => {
    const now = nowIso();
    run(db, sql`UPDATE people SET team_id = NULL, updated_at = ${now} WHERE team_id = ${id}`);
    run(db, sql`UPDATE teams SET deleted_at = ${now}, updated_at = ${now} WHERE id = ${id}`);
  })();
}
