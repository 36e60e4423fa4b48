import type { Database } from 'better-sqlite3';
import type { Id } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { nowIso } from '../db/ids';
import { get, run, sql } from '../db/sql';
import type { SessionRow } from './repository';
import { itemRows, requireSession } from './repository';

/**
 * Running a session. Every change is a small transaction on stored state —
 * the current item, per-item timers as accumulated + started_at, playback as
 * a position at a time — so any window (or a restarted core) can rebuild the
 * room's state exactly, and nothing lives only in a window.
 */

function requireRunning(row: SessionRow): void {
  if (row.status === 'planned') throw new AppError('invalid_input', 'Start the session first.');
  if (row.status === 'finished') throw new AppError('invalid_input', 'This session is finished.');
}

const timerOf = (db: Database, itemId: Id) =>
  get<{ timer_accumulated_ms: number; timer_started_at: string | null; start_sec: number | null }>(
    db,
    sql`SELECT timer_accumulated_ms, timer_started_at, start_sec FROM session_items WHERE id = ${itemId}`,
  );

function startTimer(db: Database, itemId: Id, now: string): void {
  run(
    db,
    sql`UPDATE session_items SET timer_started_at = ${now}, updated_at = ${now}
        WHERE id = ${itemId} AND timer_started_at IS NULL`,
  );
}

/** Folds the running stretch into the accumulated time. Returns whether the timer was running. */
function stopTimer(db: Database, itemId: Id, now: string): boolean {
  const timer = timerOf(db, itemId);
  if (!timer?.timer_started_at) return false;
  const ran = Math.max(0, Date.parse(now) - Date.parse(timer.timer_started_at));
  run(
    db,
    sql`UPDATE session_items SET timer_accumulated_ms = timer_accumulated_ms + ${Math.round(ran)},
          timer_started_at = NULL, updated_at = ${now}
        WHERE id = ${itemId}`,
  );
  return true;
}

/**
 * An item on screen for less than this was flicked past on the way to
 * another (PageDown pressed twice): it is not covered, so it does not count
 * as presented, reviewed or facilitated.
 */
export const FLICK_MS = 1_000;

/** Leaving an item: if it came on screen for the first time under FLICK_MS ago, it was not covered after all. */
function leaveItem(db: Database, itemId: Id, now: string): void {
  const since = new Date(Date.parse(now) - FLICK_MS).toISOString();
  run(db, sql`UPDATE session_items SET covered_at = NULL WHERE id = ${itemId} AND covered_at > ${since}`);
}

/** Puts an item on screen: covered, playback parked at its start (the clip's start, or 0). */
function showItem(db: Database, sessionId: Id, itemId: Id, now: string): void {
  const startSec = timerOf(db, itemId)?.start_sec ?? 0;
  run(db, sql`UPDATE session_items SET covered_at = coalesce(covered_at, ${now}) WHERE id = ${itemId}`);
  run(
    db,
    sql`UPDATE review_sessions SET current_item_id = ${itemId}, playing = 0, position_sec = ${startSec},
          position_at = ${now}, updated_at = ${now}
        WHERE id = ${sessionId}`,
  );
}

export function startSession(db: Database, id: Id): void {
  db.transaction(() => {
    const row = requireSession(db, id);
    if (row.status === 'finished') throw new AppError('invalid_input', 'This session is finished.');
    if (row.status === 'running') return;
    const items = itemRows(db, id);
    const first = items[0];
    if (!first) throw new AppError('invalid_input', 'Add at least one item to the agenda before starting.');
    const waiting = items.find(
      (i) =>
        (i.kind === 'attempt' && !i.attempt_id) ||
        ((i.kind === 'clip' || i.kind === 'call') && !i.call_id) ||
        (i.kind === 'clip' && i.end_sec === null),
    );
    if (waiting) {
      const what = waiting.kind === 'attempt' ? 'drill attempt' : 'call';
      throw new AppError(
        'invalid_input',
        `“${waiting.title || 'Item ' + String(waiting.position + 1)}” has no ${what} yet; choose one or remove the item.`,
      );
    }
    const now = nowIso();
    const current = items.find((i) => i.id === row.current_item_id) ?? first;
    run(
      db,
      sql`UPDATE review_sessions SET status = 'running', started_at = coalesce(started_at, ${now}), updated_at = ${now}
          WHERE id = ${id}`,
    );
    showItem(db, id, current.id, now);
    startTimer(db, current.id, now);
  })();
}

export function goTo(db: Database, sessionId: Id, to: 'next' | 'previous' | Id): void {
  db.transaction(() => {
    const row = requireSession(db, sessionId);
    requireRunning(row);
    const items = itemRows(db, sessionId);
    const index = Math.max(
      0,
      items.findIndex((i) => i.id === row.current_item_id),
    );
    let target: (typeof items)[number] | undefined;
    if (to === 'next') {
      target = items[index + 1];
      if (!target) throw new AppError('invalid_input', 'This is the last item; finish the session when you are done.');
    } else if (to === 'previous') {
      target = items[index - 1];
      if (!target) throw new AppError('invalid_input', 'This is the first item.');
    } else {
      target = items.find((i) => i.id === to);
      if (!target) throw new AppError('not_found', 'That item is not on this agenda.');
    }
    if (target.id === row.current_item_id) return;
    const now = nowIso();
    const wasRunning = row.current_item_id ? stopTimer(db, row.current_item_id, now) : false;
    if (row.current_item_id) leaveItem(db, row.current_item_id, now);
    showItem(db, sessionId, target.id, now);
    if (wasRunning) startTimer(db, target.id, now);
  })();
}

export function setTimer(db: Database, sessionId: Id, running: boolean): void {
  db.transaction(() => {
    const row = requireSession(db, sessionId);
    requireRunning(row);
    if (!row.current_item_id) throw new AppError('invalid_input', 'No item is on screen.');
    const now = nowIso();
    if (running) startTimer(db, row.current_item_id, now);
    else stopTimer(db, row.current_item_id, now);
    run(db, sql`UPDATE review_sessions SET updated_at = ${now} WHERE id = ${sessionId}`);
  })();
}

export function setPlayback(db: Database, input: { sessionId: Id; playing: boolean; positionSec: number }): void {
  db.transaction(() => {
    const row = requireSession(db, input.sessionId);
    requireRunning(row);
    const item = itemRows(db, input.sessionId).find((i) => i.id === row.current_item_id);
    if (!item?.media_duration) throw new AppError('invalid_input', 'The item on screen has no recording to play.');
    const positionSec = Math.min(input.positionSec, item.media_duration);
    const now = nowIso();
    run(
      db,
      sql`UPDATE review_sessions SET playing = ${input.playing}, position_sec = ${positionSec}, position_at = ${now},
            updated_at = ${now}
          WHERE id = ${input.sessionId}`,
    );
  })();
}

/** Closes the session and records who attended, presented, reviewed and facilitated the items covered. */
export function finishSession(db: Database, id: Id): void {
  db.transaction(() => {
    const row = requireSession(db, id);
    if (row.status === 'finished') return;
    if (row.status === 'planned') throw new AppError('invalid_input', 'Start the session before finishing it.');
    const now = nowIso();
    if (row.current_item_id) stopTimer(db, row.current_item_id, now);
    run(
      db,
      sql`UPDATE review_sessions SET status = 'finished', finished_at = ${now}, playing = 0, updated_at = ${now}
          WHERE id = ${id}`,
    );
    recordParticipation(db, id, now);
  })();
}

export function recordParticipation(db: Database, sessionId: Id, now: string): void {
  const covered = sql`i.session_id = ${sessionId} AND i.deleted_at IS NULL AND i.covered_at IS NOT NULL`;
  run(
    db,
    sql`UPDATE session_participants SET
          presented_count = (SELECT count(*) FROM session_items i WHERE ${covered}
            AND i.presenter_id = session_participants.person_id),
          facilitated_count = (SELECT count(*) FROM session_items i WHERE ${covered}
            AND i.facilitator_id = session_participants.person_id),
          reviewed_count = (SELECT count(*) FROM session_items i JOIN session_item_reviewers v ON v.item_id = i.id
            WHERE ${covered} AND v.person_id = session_participants.person_id),
          updated_at = ${now}
        WHERE session_id = ${sessionId}`,
  );
}
