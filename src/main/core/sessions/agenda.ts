import type { Database } from 'better-sqlite3';
import type { DealTopic, Id, SessionItemKind } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { requireLiveCall, requireLivePerson, requireWithinCall } from '../coaching/guards';
import { newId, nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';
import type { SessionRow } from './repository';
import { requireItem, requireSession } from './repository';
import { requireTemplate } from './templates';

// ---- the session itself ----

export function createSession(
  db: Database,
  input: { title: string; date: string; participantIds: Id[]; templateKey?: string | undefined },
): Id {
  const id = newId();
  const template = input.templateKey ? requireTemplate(input.templateKey) : null;
  db.transaction(() => {
    const now = nowIso();
    run(
      db,
      sql`INSERT INTO review_sessions (id, title, session_date, template_key, created_at, updated_at)
          VALUES (${id}, ${input.title}, ${input.date}, ${template?.key ?? null}, ${now}, ${now})`,
    );
    setParticipants(db, id, input.participantIds);
    template?.items.forEach((slot) =>
      insertItem(db, id, { kind: slot.kind, title: slot.title, timeboxSec: slot.timeboxMin * 60 }),
    );
  })();
  return id;
}

/** Replaces the participant list; roles held by people no longer in it are cleared. */
function setParticipants(db: Database, sessionId: Id, personIds: Id[]): void {
  const unique = [...new Set(personIds)];
  unique.forEach((personId) => requireLivePerson(db, personId, 'participant'));
  const now = nowIso();
  const keep = new Set(unique);
  for (const { person_id } of all<{ person_id: Id }>(
    db,
    sql`SELECT person_id FROM session_participants WHERE session_id = ${sessionId}`,
  )) {
    if (keep.has(person_id)) continue;
    run(db, sql`DELETE FROM session_participants WHERE session_id = ${sessionId} AND person_id = ${person_id}`);
    run(
      db,
      sql`DELETE FROM session_item_reviewers WHERE person_id = ${person_id}
            AND item_id IN (SELECT id FROM session_items WHERE session_id = ${sessionId})`,
    );
    run(
      db,
      sql`UPDATE session_items SET presenter_id = NULL, updated_at = ${now}
          WHERE session_id = ${sessionId} AND presenter_id = ${person_id}`,
    );
    run(
      db,
      sql`UPDATE session_items SET facilitator_id = NULL, updated_at = ${now}
          WHERE session_id = ${sessionId} AND facilitator_id = ${person_id}`,
    );
  }
  unique.forEach((personId, position) =>
    run(
      db,
      sql`INSERT INTO session_participants (session_id, person_id, position, created_at, updated_at)
          VALUES (${sessionId}, ${personId}, ${position}, ${now}, ${now})
          ON CONFLICT (session_id, person_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    ),
  );
}

export function updateSession(
  db: Database,
  input: {
    id: Id;
    title?: string | undefined;
    date?: string | undefined;
    participantIds?: Id[] | undefined;
    notes?: string | undefined;
  },
): void {
  db.transaction(() => {
    requireSession(db, input.id);
    if (input.participantIds) setParticipants(db, input.id, input.participantIds);
    run(
      db,
      sql`UPDATE review_sessions SET title = coalesce(${input.title}, title),
            session_date = coalesce(${input.date}, session_date), notes = coalesce(${input.notes}, notes),
            updated_at = ${nowIso()}
          WHERE id = ${input.id}`,
    );
  })();
}

export function setAttendance(db: Database, input: { sessionId: Id; personId: Id; attended: boolean }): void {
  requireSession(db, input.sessionId);
  const changed = run(
    db,
    sql`UPDATE session_participants SET attended = ${input.attended}, updated_at = ${nowIso()}
        WHERE session_id = ${input.sessionId} AND person_id = ${input.personId}`,
  ).changes;
  if (!changed) throw new AppError('invalid_input', 'That person is not a participant of this session.');
}

export function removeSession(db: Database, id: Id): void {
  requireSession(db, id);
  run(db, sql`UPDATE review_sessions SET deleted_at = ${nowIso()}, updated_at = ${nowIso()} WHERE id = ${id}`);
}

export function restoreSession(db: Database, id: Id): void {
  const row = get<SessionRow>(db, sql`SELECT * FROM review_sessions WHERE id = ${id}`);
  if (!row) throw new AppError('not_found', 'That review session no longer exists.');
  run(db, sql`UPDATE review_sessions SET deleted_at = NULL, updated_at = ${nowIso()} WHERE id = ${id}`);
}

// ---- agenda items ----

export interface ItemInput {
  title?: string | undefined;
  callId?: Id | null | undefined;
  attemptId?: Id | null | undefined;
  startSec?: number | null | undefined;
  endSec?: number | null | undefined;
  rubricId?: Id | null | undefined;
  timeboxSec?: number | undefined;
  presenterId?: Id | null | undefined;
  facilitatorId?: Id | null | undefined;
  reviewerIds?: Id[] | undefined;
}

interface StoredItem {
  id: Id;
  session_id: Id;
  kind: SessionItemKind;
  title: string;
  call_id: Id | null;
  attempt_id: Id | null;
  start_sec: number | null;
  end_sec: number | null;
  rubric_version_id: Id | null;
  timebox_sec: number;
  presenter_id: Id | null;
  facilitator_id: Id | null;
}

function requireParticipant(db: Database, sessionId: Id, personId: Id, as: string): void {
  const row = get<{ name: string; deleted_at: string | null; member: number | null }>(
    db,
    sql`SELECT p.name, p.deleted_at, sp.position AS member FROM people p
        LEFT JOIN session_participants sp ON sp.person_id = p.id AND sp.session_id = ${sessionId}
        WHERE p.id = ${personId}`,
  );
  if (!row) throw new AppError('not_found', `The ${as} no longer exists.`);
  if (row.member === null) {
    throw new AppError(
      'invalid_input',
      `${row.name} is not a participant; add them to the session to make them ${as}.`,
    );
  }
}

/** The rubric's current version: live sessions score against what the team uses now. */
function latestVersionOf(db: Database, rubricId: Id): Id {
  const row = get<{ id: Id; name: string; deleted_at: string | null }>(
    db,
    sql`SELECT v.id, r.name, r.deleted_at FROM rubrics r
        JOIN rubric_versions v ON v.rubric_id = r.id AND v.deleted_at IS NULL
        WHERE r.id = ${rubricId} ORDER BY v.version DESC, v.id DESC LIMIT 1`,
  );
  if (!row) throw new AppError('not_found', 'That rubric no longer exists.');
  if (row.deleted_at)
    throw new AppError('invalid_input', `“${row.name}” is in the trash; restore it to score with it.`);
  return row.id;
}

/** The team's first rubric (the shipped fundamentals, unless removed): calls are scored on it unless told otherwise. */
function defaultRubricVersion(db: Database): Id | null {
  const rubric = get<{ id: Id }>(
    db,
    sql`SELECT id FROM rubrics WHERE deleted_at IS NULL ORDER BY seed_key IS NULL, created_at, id LIMIT 1`,
  );
  return rubric ? latestVersionOf(db, rubric.id) : null;
}

function attemptFacts(db: Database, attemptId: Id): { durationSec: number; personId: Id | null; rubricId: Id | null } {
  const row = get<{ duration_sec: number; person_id: Id | null; rubric_id: Id | null; deleted_at: string | null }>(
    db,
    sql`SELECT a.duration_sec, a.person_id, d.rubric_id, a.deleted_at FROM attempts a JOIN drills d ON d.id = a.drill_id
        WHERE a.id = ${attemptId}`,
  );
  if (!row || row.deleted_at) throw new AppError('not_found', 'That drill attempt no longer exists.');
  return { durationSec: row.duration_sec, personId: row.person_id, rubricId: row.rubric_id };
}

/**
 * Validates and normalises an item's fields against its kind, then writes
 * them. A call or attempt brings sensible defaults (its rep presents when
 * they take part; an attempt is scored on its drill's rubric).
 */
function writeItem(db: Database, current: StoredItem, input: ItemInput, isNew: boolean): void {
  const next = { ...current };
  if (input.title !== undefined) next.title = input.title;
  if (input.timeboxSec !== undefined) next.timebox_sec = input.timeboxSec;
  if (input.callId !== undefined) next.call_id = input.callId;
  if (input.attemptId !== undefined) next.attempt_id = input.attemptId;
  if (input.startSec !== undefined) next.start_sec = input.startSec;
  if (input.endSec !== undefined) next.end_sec = input.endSec;
  if (input.presenterId !== undefined) next.presenter_id = input.presenterId;
  if (input.facilitatorId !== undefined) next.facilitator_id = input.facilitatorId;

  const kind = current.kind;
  if (kind !== 'clip' && kind !== 'call' && next.call_id) {
    throw new AppError('invalid_input', 'Only call clips and whole calls point at a call.');
  }
  if (kind !== 'attempt' && next.attempt_id)
    throw new AppError('invalid_input', 'Only drill items point at an attempt.');
  if (kind !== 'clip') {
    next.start_sec = null;
    next.end_sec = null;
  }

  let subjectRep: Id | null = null;
  let subjectRubric: Id | null = null;
  if (next.call_id && input.callId !== undefined) {
    const call = requireLiveCall(db, next.call_id);
    subjectRep = call.repId;
    next.title ||= call.title;
  }
  if (kind === 'clip' && next.call_id) {
    if (next.start_sec === null || next.end_sec === null) {
      throw new AppError('invalid_input', 'A clip needs a start and an end in the call.');
    }
    requireWithinCall(requireLiveCall(db, next.call_id), next.start_sec, next.end_sec);
  }
  if (next.attempt_id && input.attemptId !== undefined) {
    const attempt = attemptFacts(db, next.attempt_id);
    subjectRep = attempt.personId;
    subjectRubric = attempt.rubricId;
  }

  // The reviewee of a recording is usually its rep, when they are in the room.
  if (input.presenterId === undefined && !next.presenter_id && subjectRep) {
    const member = get(
      db,
      sql`SELECT 1 FROM session_participants WHERE session_id = ${current.session_id} AND person_id = ${subjectRep}`,
    );
    if (member) next.presenter_id = subjectRep;
  }
  if (next.presenter_id && input.presenterId !== undefined) {
    requireParticipant(db, current.session_id, next.presenter_id, 'presenter');
  }
  if (next.facilitator_id && input.facilitatorId !== undefined) {
    requireParticipant(db, current.session_id, next.facilitator_id, 'facilitator');
  }

  if (input.rubricId !== undefined) {
    next.rubric_version_id = input.rubricId ? latestVersionOf(db, input.rubricId) : null;
  } else if (!next.rubric_version_id && (subjectRubric || (isNew && kind !== 'deal'))) {
    next.rubric_version_id = subjectRubric ? latestVersionOf(db, subjectRubric) : defaultRubricVersion(db);
  }

  run(
    db,
    sql`UPDATE session_items SET title = ${next.title}, call_id = ${next.call_id}, attempt_id = ${next.attempt_id},
          start_sec = ${next.start_sec}, end_sec = ${next.end_sec}, rubric_version_id = ${next.rubric_version_id},
          timebox_sec = ${next.timebox_sec}, presenter_id = ${next.presenter_id},
          facilitator_id = ${next.facilitator_id}, updated_at = ${nowIso()}
        WHERE id = ${current.id}`,
  );
  if (input.reviewerIds) setReviewers(db, current.session_id, current.id, input.reviewerIds);
  // Whoever presents is reviewed, not a reviewer.
  if (next.presenter_id) {
    run(db, sql`DELETE FROM session_item_reviewers WHERE item_id = ${current.id} AND person_id = ${next.presenter_id}`);
  }
}

export function setReviewers(db: Database, sessionId: Id, itemId: Id, reviewerIds: Id[]): void {
  const unique = [...new Set(reviewerIds)];
  unique.forEach((personId) => requireParticipant(db, sessionId, personId, 'reviewer'));
  run(db, sql`DELETE FROM session_item_reviewers WHERE item_id = ${itemId}`);
  for (const personId of unique) {
    run(db, sql`INSERT INTO session_item_reviewers (item_id, person_id) VALUES (${itemId}, ${personId})`);
  }
}

function storedItem(db: Database, id: Id): StoredItem {
  const row = get<StoredItem>(
    db,
    sql`SELECT id, session_id, kind, title, call_id, attempt_id, start_sec, end_sec, rubric_version_id, timebox_sec,
          presenter_id, facilitator_id FROM session_items WHERE id = ${id}`,
  );
  if (!row) throw new AppError('not_found', 'That agenda item no longer exists.');
  return row;
}

function insertItem(db: Database, sessionId: Id, input: ItemInput & { kind: SessionItemKind }): Id {
  const id = newId();
  const position =
    get<{ next: number }>(
      db,
      sql`SELECT coalesce(max(position), -1) + 1 AS next FROM session_items
          WHERE session_id = ${sessionId} AND deleted_at IS NULL`,
    )?.next ?? 0;
  const now = nowIso();
  run(
    db,
    sql`INSERT INTO session_items (id, session_id, position, kind, timebox_sec, created_at, updated_at)
        VALUES (${id}, ${sessionId}, ${position}, ${input.kind}, ${input.timeboxSec ?? 600}, ${now}, ${now})`,
  );
  writeItem(db, storedItem(db, id), input, true);
  return id;
}

export function addItem(db: Database, input: ItemInput & { sessionId: Id; kind: SessionItemKind }): Id {
  return db.transaction(() => {
    requireSession(db, input.sessionId);
    return insertItem(db, input.sessionId, input);
  })();
}

export function updateItem(db: Database, input: ItemInput & { id: Id }): Id {
  return db.transaction(() => {
    const item = requireItem(db, input.id);
    writeItem(db, storedItem(db, input.id), input, false);
    return item.session_id;
  })();
}

function renumber(db: Database, order: Id[]): void {
  // Dense positions make "move to N" mean what it says.
  order.forEach((id, position) => run(db, sql`UPDATE session_items SET position = ${position} WHERE id = ${id}`));
}

const liveItemIds = (db: Database, sessionId: Id): Id[] =>
  all<{ id: Id }>(
    db,
    sql`SELECT id FROM session_items WHERE session_id = ${sessionId} AND deleted_at IS NULL ORDER BY position, id`,
  ).map((r) => r.id);

export function removeItem(db: Database, id: Id): Id {
  return db.transaction(() => {
    const item = requireItem(db, id);
    const session = requireSession(db, item.session_id);
    if (session.current_item_id === id && session.status === 'running') {
      throw new AppError('invalid_input', 'That item is on screen now; move to another item before removing it.');
    }
    run(db, sql`UPDATE session_items SET deleted_at = ${nowIso()}, timer_started_at = NULL WHERE id = ${id}`);
    if (session.current_item_id === id) {
      run(db, sql`UPDATE review_sessions SET current_item_id = NULL WHERE id = ${item.session_id}`);
    }
    renumber(db, liveItemIds(db, item.session_id));
    return item.session_id;
  })();
}

export function moveItem(db: Database, id: Id, position: number): Id {
  return db.transaction(() => {
    const item = requireItem(db, id);
    const order = liveItemIds(db, item.session_id).filter((x) => x !== id);
    order.splice(Math.min(position, order.length), 0, id);
    renumber(db, order);
    return item.session_id;
  })();
}

export function setDealNote(db: Database, input: { itemId: Id; topic: DealTopic; body: string }): Id {
  const item = requireItem(db, input.itemId);
  if (item.kind !== 'deal') throw new AppError('invalid_input', 'Checklist notes belong to deal reviews.');
  run(
    db,
    sql`INSERT INTO session_deal_notes (item_id, topic, body, updated_at)
        VALUES (${input.itemId}, ${input.topic}, ${input.body}, ${nowIso()})
        ON CONFLICT (item_id, topic) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
  );
  return item.session_id;
}
