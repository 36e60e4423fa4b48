import type { Database } from 'better-sqlite3';
import type { ActionItem, FeedbackKind, Id, SessionFeedback } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { requireLivePerson } from '../coaching/guards';
import type { ActionItemRow } from '../coaching/scorecards/action-items';
import { actionItemColumns, toActionItem } from '../coaching/scorecards/action-items';
import { newId, nowIso } from '../db/ids';
import { get, run, sql } from '../db/sql';
import { getFeedback, requireItem, requireSession } from './repository';
import { revieweeOf } from './rotation';

/** The item feedback or an action item is about: the one named, else the one on screen. */
function itemFor(db: Database, sessionId: Id, itemId: Id | null | undefined) {
  const session = requireSession(db, sessionId);
  const id = itemId ?? session.current_item_id;
  if (!id) return null;
  const item = get<{ id: Id; session_id: Id; presenter_id: Id | null }>(
    db,
    sql`SELECT id, session_id, presenter_id FROM session_items WHERE id = ${id} AND deleted_at IS NULL`,
  );
  if (!item || item.session_id !== sessionId) {
    throw new AppError('invalid_input', 'That agenda item is not part of this session.');
  }
  return item;
}

export function addFeedback(
  db: Database,
  input: {
    sessionId: Id;
    itemId?: Id | null | undefined;
    authorId?: Id | null | undefined;
    subjectId?: Id | null | undefined;
    kind: FeedbackKind;
    body: string;
    situation: string;
    behavior: string;
    impact: string;
    atSec?: number | null | undefined;
  },
): SessionFeedback {
  const id = newId();
  db.transaction(() => {
    const item = itemFor(db, input.sessionId, input.itemId);
    // Feedback on a call or attempt is for the person whose work it is, whoever presents it.
    const subjectId =
      input.subjectId === undefined
        ? ((item && revieweeOf(db, item.id)) ?? item?.presenter_id ?? null)
        : input.subjectId;
    if (input.authorId) requireLivePerson(db, input.authorId, 'author');
    if (subjectId) requireLivePerson(db, subjectId, 'person the feedback is for');
    const now = nowIso();
    run(
      db,
      sql`INSERT INTO session_feedback (id, session_id, item_id, author_id, subject_id, kind, body, situation, behavior,
            impact, at_sec, created_at, updated_at)
          VALUES (${id}, ${input.sessionId}, ${item?.id ?? null}, ${input.authorId ?? null}, ${subjectId}, ${input.kind},
            ${input.body}, ${input.situation}, ${input.behavior}, ${input.impact}, ${input.atSec ?? null}, ${now}, ${now})`,
    );
  })();
  return getFeedback(db, id);
}

export function removeFeedback(db: Database, id: Id): SessionFeedback {
  const feedback = getFeedback(db, id);
  run(db, sql`UPDATE session_feedback SET deleted_at = ${nowIso()}, updated_at = ${nowIso()} WHERE id = ${id}`);
  return feedback;
}

/**
 * Live action items go into the coaching table with its reserved session_id
 * (no scorecard), so the rep page's open items and their done-ticking work
 * on them unchanged.
 */
export function addSessionActionItem(
  db: Database,
  input: { sessionId: Id; text: string; ownerId?: Id | null | undefined; dueDate?: string | null | undefined },
): ActionItem {
  const id = newId();
  db.transaction(() => {
    const item = itemFor(db, input.sessionId, null);
    const ownerId =
      input.ownerId === undefined ? ((item && revieweeOf(db, item.id)) ?? item?.presenter_id ?? null) : input.ownerId;
    if (ownerId) requireLivePerson(db, ownerId, 'owner');
    const now = nowIso();
    run(
      db,
      sql`INSERT INTO action_items (id, session_id, text, owner_id, due_date, created_at, updated_at)
          VALUES (${id}, ${input.sessionId}, ${input.text}, ${ownerId}, ${input.dueDate ?? null}, ${now}, ${now})`,
    );
  })();
  const row = get<ActionItemRow>(
    db,
    sql`SELECT ${actionItemColumns} FROM action_items i LEFT JOIN scorecards s ON s.id = i.scorecard_id
        WHERE i.id = ${id}`,
  );
  if (!row) throw new AppError('internal', 'The action item was not saved.');
  return toActionItem(row);
}

export function setSessionScore(
  db: Database,
  input: { itemId: Id; reviewerId: Id; criterionId: Id; score: number | null },
): Id {
  return db.transaction(() => {
    const item = requireItem(db, input.itemId);
    const criterion = get<{ ok: number }>(
      db,
      sql`SELECT 1 AS ok FROM rubric_criteria k JOIN session_items i ON i.rubric_version_id = k.rubric_version_id
          WHERE i.id = ${input.itemId} AND k.id = ${input.criterionId}`,
    );
    if (!criterion) throw new AppError('invalid_input', 'That criterion is not on this item’s rubric.');
    requireLivePerson(db, input.reviewerId, 'reviewer');
    if (input.score === null) {
      run(
        db,
        sql`DELETE FROM session_scores WHERE item_id = ${input.itemId} AND reviewer_id = ${input.reviewerId}
              AND criterion_id = ${input.criterionId}`,
      );
    } else {
      run(
        db,
        sql`INSERT INTO session_scores (item_id, reviewer_id, criterion_id, score, updated_at)
            VALUES (${input.itemId}, ${input.reviewerId}, ${input.criterionId}, ${input.score}, ${nowIso()})
            ON CONFLICT (item_id, reviewer_id, criterion_id) DO UPDATE SET score = excluded.score,
              updated_at = excluded.updated_at`,
      );
    }
    return item.session_id;
  })();
}
