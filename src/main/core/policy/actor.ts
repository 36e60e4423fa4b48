import type { Database } from 'better-sqlite3';
import type { RequestContext } from '../../../shared/contract';
import type { Person } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { getPerson } from '../people/repository';
import { get, sql } from '../db/sql';

/**
 * Who is acting: the library's "me", read fresh for every request so a change
 * of "me" (People, or the first-start panel) holds from the next click on.
 * A page cannot name someone else: the contract has no field for it.
 */
export function readActor(db: Database): Person | null {
  const row = get<{ id: string }>(db, sql`SELECT id FROM people WHERE is_me = 1 AND deleted_at IS NULL`);
  return row ? getPerson(db, row.id) : null;
}

export const requestContextFor = (db: Database) => (): RequestContext => ({ actor: readActor(db) });

export const NO_ACTOR_MESSAGE =
  'Choose who you are first (the “Who are you?” panel at the top, or People → “This is me”): this needs to know who is acting.';

/** The actor of a request, or `no_actor` (the dispatcher already refuses acting methods without one). */
export function actorOf(ctx: RequestContext): Person {
  if (!ctx.actor) throw new AppError('no_actor', NO_ACTOR_MESSAGE);
  return ctx.actor;
}
