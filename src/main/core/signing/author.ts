import type { Database } from 'better-sqlite3';
import type { Id } from '../../../shared/domain';
import { get, sql } from '../db/sql';

/**
 * Who signs the packets this library exports: its "me". Kept to this one
 * function so it can become the dispatch context's acting person without
 * touching the packet code.
 */
export function packetAuthor(db: Database): { id: Id; name: string } | null {
  return (
    get<{ id: Id; name: string }>(db, sql`SELECT id, name FROM people WHERE is_me = 1 AND deleted_at IS NULL`) ?? null
  );
}
