import type { Database } from 'better-sqlite3';
import type { ActionItem, Id } from '../../../../shared/domain';
import { AppError } from '../../../../shared/result';
import { newId, nowIso } from '../../db/ids';
import { all, get, run, sql } from '../../db/sql';
import { requireLivePerson } from '../guards';
import { getHeader, requireDraft } from './header';
import { storeIfPending } from './pending';

export interface ActionItemRow {
  id: Id;
  scorecard_id: Id | null;
  call_id: Id | null;
  text: string;
  owner_id: Id | null;
  due_date: string | null;
  done_at: string | null;
  created_at: string;
  updated_at: string;
}

export const toActionItem = (r: ActionItemRow): ActionItem => ({
  id: r.id,
  scorecardId: r.scorecard_id,
  callId: r.call_id,
  text: r.text,
  ownerId: r.owner_id,
  dueDate: r.due_date,
  done: r.done_at !== null,
  doneAt: r.done_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const actionItemColumns = sql`i.id, i.scorecard_id, s.call_id, i.text, i.owner_id, i.due_date, i.done_at,
  i.created_at, i.updated_at`;

export function listActionItems(db: Database, scorecardId: Id): ActionItem[] {
  return all<ActionItemRow>(
    db,
    sql`SELECT ${actionItemColumns} FROM action_items i LEFT JOIN scorecards s ON s.id = i.scorecard_id
        WHERE i.scorecard_id = ${scorecardId} AND i.deleted_at IS NULL ORDER BY i.created_at, i.id`,
  ).map(toActionItem);
}

export function getActionItem(db: Database, id: Id): ActionItem {
  const row = get<ActionItemRow>(
    db,
    sql`SELECT ${actionItemColumns} FROM action_items i LEFT JOIN scorecards s ON s.id = i.scorecard_id
        WHERE i.id = ${id} AND i.deleted_at IS NULL`,
  );
  if (!row) throw new AppError('not_found', 'That action item no longer exists.');
  return toActionItem(row);
}

/** The item's text, owner and due date are part of the scorecard, so they lock with it. */
function requireEditable(db: Database, item: ActionItem): void {
  if (item.scorecardId) requireDraft(getHeader(db, item.scorecardId));
}

/**
 * Adds an action item to a draft scorecard. With no owner given, the call's
 * rep owns it (the usual case: something for the rep to practise); pass
 * `ownerId: null` for an unowned item.
 */
export function addActionItem(
  db: Database,
  input: { scorecardId: Id; text: string; ownerId?: Id | null | undefined; dueDate?: string | null | undefined },
): ActionItem {
  const id = newId();
  db.transaction(() => {
    storeIfPending(db, input.scorecardId, nowIso());
    const header = getHeader(db, input.scorecardId);
    requireDraft(header);
    let ownerId = input.ownerId;
    if (ownerId === undefined) {
      ownerId = header.call_id
        ? (get<{ rep_id: Id | null }>(db, sql`SELECT rep_id FROM calls WHERE id = ${header.call_id}`)?.rep_id ?? null)
        : null;
    }
    if (ownerId) requireLivePerson(db, ownerId, 'owner');
    const now = nowIso();
    run(
      db,
      sql`INSERT INTO action_items (id, scorecard_id, text, owner_id, due_date, created_at, updated_at)
          VALUES (${id}, ${input.scorecardId}, ${input.text}, ${ownerId}, ${input.dueDate ?? null}, ${now}, ${now})`,
    );
    run(db, sql`UPDATE scorecards SET updated_at = ${now} WHERE id = ${input.scorecardId}`);
  })();
  return getActionItem(db, id);
}

export function updateActionItem(
  db: Database,
  input: { id: Id; text?: string | undefined; ownerId?: Id | null | undefined; dueDate?: string | null | undefined },
): ActionItem {
  const item = getActionItem(db, input.id);
  requireEditable(db, item);
  if (input.ownerId) requireLivePerson(db, input.ownerId, 'owner');
  run(
    db,
    sql`UPDATE action_items SET text = coalesce(${input.text}, text),
          owner_id = ${input.ownerId === undefined ? item.ownerId : input.ownerId},
          due_date = ${input.dueDate === undefined ? item.dueDate : input.dueDate},
          updated_at = ${nowIso()}
        WHERE id = ${input.id}`,
  );
  return getActionItem(db, input.id);
}

/** Ticking an item off is follow-up, not an edit of the review, so a submitted scorecard allows it. */
export function setActionItemDone(db: Database, input: { id: Id; done: boolean }): ActionItem {
  const item = getActionItem(db, input.id);
  if (item.done === input.done) return item;
  const now = nowIso();
  run(
    db,
    sql`UPDATE action_items SET done_at = ${input.done ? now : null}, updated_at = ${now} WHERE id = ${input.id}`,
  );
  return getActionItem(db, input.id);
}

export function removeActionItem(db: Database, id: Id): ActionItem {
  const item = getActionItem(db, id);
  requireEditable(db, item);
  run(db, sql`UPDATE action_items SET deleted_at = ${nowIso()}, updated_at = ${nowIso()} WHERE id = ${id}`);
  return item;
}
