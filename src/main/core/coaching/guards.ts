import type { Database } from 'better-sqlite3';
import type { Id } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { get, sql } from '../db/sql';

/** Players report the end of a file with float noise; a thousandth of a second is inside the call. */
const END_TOLERANCE_SEC = 0.001;

/** Checks that a person exists and is not in the trash; `as` names their part in the message. */
export function requireLivePerson(db: Database, id: Id, as: string): { id: Id; name: string; role: string } {
  const row = get<{ id: Id; name: string; role: string; deleted_at: string | null }>(
    db,
    sql`SELECT id, name, role, deleted_at FROM people WHERE id = ${id}`,
  );
  if (!row) throw new AppError('not_found', `The ${as} no longer exists.`);
  if (row.deleted_at) {
    throw new AppError(
      'invalid_input',
      `${row.name} has been removed, so they can't be the ${as}. Restore them in People first.`,
    );
  }
  return { id: row.id, name: row.name, role: row.role };
}

export interface CallFacts {
  id: Id;
  title: string;
  repId: Id | null;
  durationSec: number;
}

/** A call that is in the library (not the trash), with its media's duration. */
export function requireLiveCall(db: Database, id: Id): CallFacts {
  const row = get<{ id: Id; title: string; rep_id: Id | null; duration_sec: number; deleted_at: string | null }>(
    db,
    sql`SELECT c.id, c.title, c.rep_id, m.duration_sec, c.deleted_at
        FROM calls c JOIN media m ON m.sha256 = c.media_sha256 WHERE c.id = ${id}`,
  );
  if (!row) throw new AppError('not_found', 'That call no longer exists.');
  if (row.deleted_at) throw new AppError('invalid_input', `“${row.title}” is in the trash; restore it to work on it.`);
  return { id: row.id, title: row.title, repId: row.rep_id, durationSec: row.duration_sec };
}

const clock = (sec: number): string => {
  const s = Math.floor(sec);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
};

/** A moment or range must sit inside the call's recording. */
export function requireWithinCall(call: CallFacts, startSec: number, endSec: number | null): void {
  const limit = call.durationSec + END_TOLERANCE_SEC;
  if (endSec !== null && endSec <= startSec) throw new AppError('invalid_input', 'A range must end after it starts.');
  if (startSec > limit || (endSec !== null && endSec > limit)) {
    throw new AppError(
      'invalid_input',
      `That moment is past the end of the call (it is ${clock(call.durationSec)} long).`,
    );
  }
}
