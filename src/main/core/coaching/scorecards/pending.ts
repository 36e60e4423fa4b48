import type { Database } from 'better-sqlite3';
import type { Id, ReviewerKind } from '../../../../shared/domain';
import { AppError } from '../../../../shared/result';
import { get, run, sql } from '../../db/sql';
import type { ScorecardHeader } from './header';

/**
 * A scorecard is created when its first score (or comment, strengths note or
 * action item) is given, not when a page opens it: opening a call's or an
 * attempt's scorecard answers a blank card with a fresh id and writes
 * nothing, so an opened-and-left card is never counted, averaged, exported
 * or listed as "scoring". The blank card is remembered here, in memory, by
 * that id; the first write stores it (in the write's own transaction, so a
 * refused write leaves the library as it was). A blank card lost to a
 * restart costs nothing: the page opens it again.
 */

export interface PendingTarget {
  callId: Id | null;
  attemptId: Id | null;
  rubricVersionId: Id;
  reviewer: { id: Id; name: string };
  kind: ReviewerKind;
}

const byDb = new WeakMap<Database, Map<Id, ScorecardHeader>>();
const cardsOf = (db: Database): Map<Id, ScorecardHeader> => {
  let cards = byDb.get(db);
  if (!cards) byDb.set(db, (cards = new Map()));
  return cards;
};

const isStored = (db: Database, id: Id) => !!get(db, sql`SELECT 1 AS ok FROM scorecards WHERE id = ${id}`);

/** The blank card for this reviewer, target and version: the one already opened, or a new one. */
export function openBlank(
  db: Database,
  target: PendingTarget,
  header: { id: Id; rubric_id: Id; rubric_name: string; rubric_version: number; now: string },
): ScorecardHeader {
  const cards = cardsOf(db);
  for (const [id, card] of cards) {
    if (isStored(db, id)) cards.delete(id);
    else if (
      card.reviewer_id === target.reviewer.id &&
      card.call_id === target.callId &&
      card.attempt_id === target.attemptId &&
      card.rubric_version_id === target.rubricVersionId
    )
      return card;
  }
  const card: ScorecardHeader = {
    id: header.id,
    call_id: target.callId,
    attempt_id: target.attemptId,
    rubric_id: header.rubric_id,
    rubric_version_id: target.rubricVersionId,
    rubric_name: header.rubric_name,
    rubric_version: header.rubric_version,
    reviewer_id: target.reviewer.id,
    reviewer_name: target.reviewer.name,
    reviewer_kind: target.kind,
    status: 'draft',
    strengths: '',
    submitted_at: null,
    created_at: header.now,
    updated_at: header.now,
    deleted_at: null,
  };
  cards.set(card.id, card);
  return card;
}

/** The blank card with this id, if it was opened and not yet stored. */
export function pendingCard(db: Database, id: Id): ScorecardHeader | null {
  const cards = cardsOf(db);
  const card = cards.get(id);
  if (!card) return null;
  if (isStored(db, id)) {
    cards.delete(id);
    return null;
  }
  return card;
}

/**
 * Stores a blank card as its first write begins (call inside that write's
 * transaction). Nothing happens for a card already stored. Refused when the
 * call or attempt went to the trash meanwhile, or a card for the same
 * reviewer, target and version arrived another way (a packet).
 */
export function storeIfPending(db: Database, id: Id, now: string): boolean {
  const card = pendingCard(db, id);
  if (!card) return false;
  const target = card.call_id
    ? get<{ deleted_at: string | null }>(db, sql`SELECT deleted_at FROM calls WHERE id = ${card.call_id}`)
    : get<{ deleted_at: string | null }>(db, sql`SELECT deleted_at FROM attempts WHERE id = ${card.attempt_id}`);
  if (!target || target.deleted_at) {
    throw new AppError(
      'not_found',
      `That ${card.call_id ? 'call' : 'attempt'} is in the trash; restore it to score it.`,
    );
  }
  const clash = get<{ id: Id }>(
    db,
    sql`SELECT id FROM scorecards WHERE call_id IS ${card.call_id} AND attempt_id IS ${card.attempt_id}
        AND reviewer_id = ${card.reviewer_id} AND rubric_version_id = ${card.rubric_version_id} AND deleted_at IS NULL`,
  );
  if (clash)
    throw new AppError('conflict', 'You already have a scorecard here; open the scorecard again to continue it.');
  run(
    db,
    sql`INSERT INTO scorecards (id, call_id, attempt_id, rubric_version_id, reviewer_id, reviewer_kind, created_at, updated_at)
        VALUES (${card.id}, ${card.call_id}, ${card.attempt_id}, ${card.rubric_version_id}, ${card.reviewer_id},
          ${card.reviewer_kind}, ${now}, ${now})`,
  );
  return true;
}
