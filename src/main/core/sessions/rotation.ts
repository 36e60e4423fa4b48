import type { Database } from 'better-sqlite3';
import type { Id } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';
import { setReviewers } from './agenda';
import { itemRows, participantRows, requireSession } from './repository';

interface Tally {
  personId: Id;
  position: number;
  /** How often they have presented / facilitated, in other sessions and so far in this one. */
  count: number;
  /** When they last did it ('' for never): the longest-waiting goes first among equals. */
  last: string;
}

/**
 * Whose work an item reviews: the call's rep, or the attempt's owner (when
 * that person is still in People). A deal review, or a recording with no rep
 * set, has none — there the room's choice of presenter stands.
 */
export function revieweeOf(db: Database, itemId: Id): Id | null {
  const row = get<{ reviewee: Id | null }>(
    db,
    sql`SELECT p.id AS reviewee FROM session_items i
        LEFT JOIN calls c ON c.id = i.call_id
        LEFT JOIN attempts a ON a.id = i.attempt_id
        JOIN people p ON p.id = coalesce(c.rep_id, a.person_id) AND p.deleted_at IS NULL
        WHERE i.id = ${itemId}`,
  );
  return row?.reviewee ?? null;
}

/** Least count first, then whoever has waited longest, then the participant order. */
const fairest = (tallies: Tally[]): Tally | undefined =>
  [...tallies].sort((a, b) => a.count - b.count || a.last.localeCompare(b.last) || a.position - b.position)[0];

function history(db: Database, sessionId: Id, role: 'presenter_id' | 'facilitator_id') {
  // One row per person and session they held the role in, so "facilitated" counts sessions, "presented" items.
  const column = role === 'presenter_id' ? sql`i.presenter_id` : sql`i.facilitator_id`;
  return all<{ person_id: Id; n: number; last: string }>(
    db,
    sql`SELECT ${column} AS person_id, count(*) AS n, max(s.session_date || ' ' || s.created_at) AS last
        FROM session_items i JOIN review_sessions s ON s.id = i.session_id
        WHERE i.session_id <> ${sessionId} AND i.deleted_at IS NULL AND s.deleted_at IS NULL AND ${column} IS NOT NULL
        GROUP BY ${column}`,
  );
}

function sessionsFacilitated(db: Database, sessionId: Id) {
  return all<{ person_id: Id; n: number; last: string }>(
    db,
    sql`SELECT person_id, count(*) AS n, max(last) AS last FROM (
          SELECT i.facilitator_id AS person_id, s.id, max(s.session_date || ' ' || s.created_at) AS last
          FROM session_items i JOIN review_sessions s ON s.id = i.session_id
          WHERE i.session_id <> ${sessionId} AND i.deleted_at IS NULL AND s.deleted_at IS NULL
            AND i.facilitator_id IS NOT NULL
          GROUP BY i.facilitator_id, s.id)
        GROUP BY person_id`,
  );
}

function tallies(
  people: Array<{ person_id: Id; position: number }>,
  past: Array<{ person_id: Id; n: number; last: string }>,
) {
  const byPerson = new Map(past.map((p) => [p.person_id, p]));
  return people.map((p): Tally => ({
    personId: p.person_id,
    position: p.position,
    count: byPerson.get(p.person_id)?.n ?? 0,
    last: byPerson.get(p.person_id)?.last ?? '',
  }));
}

/**
 * Assigns roles for every item of a session, fair over successive sessions.
 *
 * - Reviewee (the presenter column): on a call or a drill attempt, always the
 *   call's rep or the attempt's owner — rotating never makes someone else
 *   answer for a rep's call, and feedback captured on the item is aimed at
 *   them. Only items with no such person (deal reviews) rotate it:
 *   per item, whoever has presented least (this session's earlier
 *   items included), then whoever presented longest ago. Greedy least-count
 *   keeps everyone within one presentation of each other while the same
 *   people attend.
 * - Facilitator: one per session (someone has to drive the laptop), whoever
 *   has facilitated the fewest sessions; on the item they present, the next
 *   fairest person facilitates instead.
 * - Reviewers: everyone else who attends.
 */
export function rotateRoles(db: Database, sessionId: Id): void {
  db.transaction(() => {
    requireSession(db, sessionId);
    const everyone = participantRows(db, sessionId);
    const people = everyone.filter((p) => p.attended === 1);
    if (people.length < 2) {
      throw new AppError('invalid_input', 'Rotating roles needs at least two participants who are attending.');
    }
    const items = itemRows(db, sessionId);
    const presenters = tallies(people, history(db, sessionId, 'presenter_id'));
    const facilitators = tallies(people, sessionsFacilitated(db, sessionId));
    const lead = fairest(facilitators);
    const stamp = '\uffff'; // sorts after any date: "just now"
    const now = nowIso();
    for (const item of items) {
      const reviewee = revieweeOf(db, item.id);
      // A tally is only for people in the room; a reviewee who is away is still the reviewee.
      const tally = reviewee ? presenters.find((p) => p.personId === reviewee) : fairest(presenters);
      const presenter = reviewee ? { personId: reviewee } : tally;
      if (!presenter) break;
      if (tally) {
        tally.count += 1;
        tally.last = stamp;
      }
      const facilitator =
        lead && lead.personId !== presenter.personId
          ? lead
          : fairest(facilitators.filter((f) => f.personId !== presenter.personId));
      run(
        db,
        sql`UPDATE session_items SET presenter_id = ${presenter.personId},
              facilitator_id = ${facilitator?.personId ?? null}, updated_at = ${now}
            WHERE id = ${item.id}`,
      );
      setReviewers(
        db,
        sessionId,
        item.id,
        people.map((p) => p.person_id).filter((id) => id !== presenter.personId && id !== facilitator?.personId),
      );
    }
    run(db, sql`UPDATE review_sessions SET updated_at = ${now} WHERE id = ${sessionId}`);
  })();
}
