/**
 * Review sessions through the team folder (issue 16). A finished session
 * travels from the device that ran it, in the change file of each call or
 * attempt on its agenda: the session (title, date, who took part), the item,
 * and what the room captured — feedback, live scores, action items, kudos.
 * Deal reviews have no call or attempt: they travel, with their checklist
 * notes, in a change file about the person who ran the session (records
 * only), which carries the session too when nothing else on it would.
 *
 * The room's lines were said by many people and typed on one machine, so
 * the signer vouches for the session as a whole: a session that arrived is
 * owned by the person who sent it (`team_sessions`), only their later files
 * change it, and this library neither sends it on nor edits it.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Id } from '../../../shared/domain';
import { DEAL_TOPICS } from '../../../shared/domain';
import { nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';
import { resolvePersonId } from '../people/merge';
import { requireSessionRunHere } from '../policy';
import { notifyKudos } from '../recognition/kudos';
import { BadgeRecord, badgeHere, readKudosRecords } from '../recognition/team-folder';
import { packetAuthor } from '../signing/author';
import type { ApplyRecordsContext, ChangeKind, ChangeSubject } from '../team/kinds';

const PersonId = z.string().min(1).max(64);
const Time = z.string().datetime({ offset: true });
const Text = (max: number) => z.string().max(max);

const Feedback = z
  .object({
    id: z.string().min(1).max(64),
    authorId: PersonId.nullable(),
    subjectId: PersonId.nullable(),
    kind: z.enum(['strength', 'improvement']),
    body: Text(5_000).refine((s) => s.trim().length > 0),
    situation: Text(2_000),
    behavior: Text(2_000),
    impact: Text(2_000),
    atSec: z.number().min(0).nullable(),
    createdAt: Time,
    updatedAt: Time,
    deletedAt: Time.nullable(),
  })
  .strict();

const KudosRecord = z
  .object({
    id: z.string().min(1).max(64),
    giverId: PersonId,
    recipientId: PersonId,
    badge: BadgeRecord.nullable(),
    reason: Text(2_000),
    /** Pinned to a moment of the subject (a call or attempt on the agenda), or to the session alone. */
    atSec: z.number().min(0).nullable(),
    createdAt: Time,
    updatedAt: Time,
    deletedAt: Time.nullable(),
  })
  .strict();

const SessionRecord = z
  .object({
    session: z
      .object({
        id: z.string().min(1).max(64),
        title: Text(200).refine((s) => s.trim().length > 0),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        startedAt: Time.nullable(),
        finishedAt: Time.nullable(),
        createdAt: Time,
        deletedAt: Time.nullable(),
        participants: z
          .array(
            z
              .object({
                personId: PersonId,
                attended: z.boolean(),
                presented: z.number().int().min(0),
                reviewed: z.number().int().min(0),
                facilitated: z.number().int().min(0),
              })
              .strict(),
          )
          .max(50),
        /** Captured for the session, not an item: they travel with every item, and apply once. */
        feedback: z.array(Feedback).max(2_000),
        actionItems: z
          .array(
            z
              .object({
                id: z.string().min(1).max(64),
                text: Text(2_000).refine((s) => s.trim().length > 0),
                ownerId: PersonId.nullable(),
                dueDate: z
                  .string()
                  .regex(/^\d{4}-\d{2}-\d{2}$/)
                  .nullable(),
                createdAt: Time,
                updatedAt: Time,
                deletedAt: Time.nullable(),
              })
              .strict(),
          )
          .max(2_000),
        kudos: z.array(KudosRecord).max(2_000),
      })
      .strict(),
    item: z
      .object({
        id: z.string().min(1).max(64),
        position: z.number().int().min(0),
        kind: z.enum(['clip', 'call', 'attempt', 'deal']),
        title: Text(200),
        startSec: z.number().min(0).nullable(),
        endSec: z.number().min(0).nullable(),
        timeboxSec: z.number().int().min(1),
        spentMs: z.number().int().min(0),
        presenterId: PersonId.nullable(),
        facilitatorId: PersonId.nullable(),
        reviewerIds: z.array(PersonId).max(50),
        coveredAt: Time.nullable(),
        deletedAt: Time.nullable(),
        /** The item's rubric, so live scores land on the same criteria here (matched by id, else seeded rubric and place). */
        rubric: z
          .object({
            seedKey: z.string().max(80).nullable(),
            criteria: z
              .array(z.object({ id: z.string().min(1).max(64), position: z.number().int(), name: Text(200) }).strict())
              .max(50),
          })
          .strict()
          .nullable(),
        /** A deal review's checklist notes (other kinds have none). */
        dealNotes: z
          .array(z.object({ topic: z.enum(DEAL_TOPICS), body: Text(20_000), updatedAt: Time }).strict())
          .max(DEAL_TOPICS.length)
          .optional(),
      })
      .strict(),
    feedback: z.array(Feedback).max(2_000),
    scores: z
      .array(
        z
          .object({
            reviewerId: PersonId,
            criterionId: z.string().min(1).max(64),
            score: z.number().int().min(1).max(5),
            updatedAt: Time,
          })
          .strict(),
      )
      .max(5_000),
    kudos: z.array(KudosRecord).max(2_000),
  })
  .strict();
export type SessionRecord = z.infer<typeof SessionRecord>;

// ---- who owns a session ----

/** The teammate a session came from, or null when it was made here. */
export function sessionSender(db: Database, sessionId: Id): { personId: Id; name: string } | null {
  const row = get<{ owner_id: Id; name: string }>(
    db,
    sql`SELECT t.owner_id, p.name FROM team_sessions t JOIN people p ON p.id = t.owner_id
        WHERE t.session_id = ${sessionId}`,
  );
  return row ? { personId: row.owner_id, name: row.name } : null;
}

/** A session that arrived from a teammate is changed where it was run: refused here (policy/ownership.ts). */
export function requireOwnSession(db: Database, sessionId: Id): void {
  requireSessionRunHere(sessionSender(db, sessionId));
}

// ---- collecting ----

interface ItemRow {
  id: Id;
  session_id: Id;
  position: number;
  kind: 'clip' | 'call' | 'attempt' | 'deal';
  title: string;
  start_sec: number | null;
  end_sec: number | null;
  timebox_sec: number;
  timer_accumulated_ms: number;
  presenter_id: Id | null;
  facilitator_id: Id | null;
  rubric_version_id: Id | null;
  covered_at: string | null;
  deleted_at: string | null;
}

interface FeedbackRow {
  id: Id;
  author_id: Id | null;
  subject_id: Id | null;
  kind: 'strength' | 'improvement';
  body: string;
  situation: string;
  behavior: string;
  impact: string;
  at_sec: number | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const toFeedback = (f: FeedbackRow): SessionRecord['feedback'][number] => ({
  id: f.id,
  authorId: f.author_id,
  subjectId: f.subject_id,
  kind: f.kind,
  body: f.body,
  situation: f.situation,
  behavior: f.behavior,
  impact: f.impact,
  atSec: f.at_sec,
  createdAt: f.created_at,
  updatedAt: f.updated_at,
  deletedAt: f.deleted_at,
});

function collectSessionPart(db: Database, sessionId: Id): SessionRecord['session'] | null {
  const s = get<{
    id: Id;
    title: string;
    session_date: string;
    started_at: string | null;
    finished_at: string | null;
    created_at: string;
    deleted_at: string | null;
  }>(
    db,
    sql`SELECT id, title, session_date, started_at, finished_at, created_at, deleted_at
        FROM review_sessions WHERE id = ${sessionId}`,
  );
  if (!s) return null;
  const participants = all<{
    person_id: Id;
    attended: number;
    presented_count: number;
    reviewed_count: number;
    facilitated_count: number;
  }>(
    db,
    sql`SELECT person_id, attended, presented_count, reviewed_count, facilitated_count
        FROM session_participants WHERE session_id = ${sessionId} ORDER BY position, person_id`,
  );
  const actionItems = all<{
    id: Id;
    text: string;
    owner_id: Id | null;
    due_date: string | null;
    created_at: string;
    updated_at: string;
    deleted_at: string | null;
  }>(
    db,
    sql`SELECT id, text, owner_id, due_date, created_at, updated_at, deleted_at FROM action_items
        WHERE session_id = ${sessionId} AND scorecard_id IS NULL ORDER BY created_at, id`,
  );
  return {
    id: s.id,
    title: s.title,
    date: s.session_date,
    startedAt: s.started_at,
    finishedAt: s.finished_at,
    createdAt: s.created_at,
    deletedAt: s.deleted_at,
    participants: participants.map((p) => ({
      personId: p.person_id,
      attended: p.attended === 1,
      presented: p.presented_count,
      reviewed: p.reviewed_count,
      facilitated: p.facilitated_count,
    })),
    feedback: all<FeedbackRow>(
      db,
      sql`SELECT * FROM session_feedback WHERE session_id = ${sessionId} AND item_id IS NULL ORDER BY created_at, id`,
    ).map(toFeedback),
    actionItems: actionItems.map((a) => ({
      id: a.id,
      text: a.text,
      ownerId: a.owner_id,
      dueDate: a.due_date,
      createdAt: a.created_at,
      updatedAt: a.updated_at,
      deletedAt: a.deleted_at,
    })),
    kudos: readKudosRecords(db, sql`k.session_id = ${sessionId} AND k.item_id IS NULL`),
  };
}

/** Finished sessions run here (not received). */
const RUN_HERE = sql`s.status = 'finished' AND NOT EXISTS (SELECT 1 FROM team_sessions t WHERE t.session_id = s.id)`;

/**
 * The finished sessions made here with an item on the subject, one record per item (removed ones too: that
 * travels). About a person: their deal reviews, when that person is the one writing (`authorId`, who ran them here).
 */
export function collectSessions(db: Database, subject: ChangeSubject, authorId: Id): SessionRecord[] {
  if (subject.kind === 'person' && subject.id !== authorId) return [];
  const on =
    subject.kind === 'person'
      ? sql`i.kind = 'deal'`
      : subject.kind === 'call'
        ? sql`i.call_id = ${subject.id} AND i.kind IN ('clip', 'call')`
        : sql`i.attempt_id = ${subject.id} AND i.kind = 'attempt'`;
  const items = all<ItemRow>(
    db,
    sql`SELECT i.id, i.session_id, i.position, i.kind, i.title, i.start_sec, i.end_sec, i.timebox_sec, i.timer_accumulated_ms, i.presenter_id,
          i.facilitator_id, i.rubric_version_id, i.covered_at, i.deleted_at
        FROM session_items i JOIN review_sessions s ON s.id = i.session_id
        WHERE ${on} AND ${RUN_HERE}
        ORDER BY s.session_date, s.id, i.position, i.id`,
  );
  const records: SessionRecord[] = [];
  for (const i of items) {
    const session = collectSessionPart(db, i.session_id);
    if (!session) continue;
    const rubric = i.rubric_version_id
      ? {
          seedKey:
            get<{ seed_key: string | null }>(
              db,
              sql`SELECT r.seed_key FROM rubric_versions v JOIN rubrics r ON r.id = v.rubric_id
                  WHERE v.id = ${i.rubric_version_id}`,
            )?.seed_key ?? null,
          criteria: all<{ id: Id; position: number; name: string }>(
            db,
            sql`SELECT id, position, name FROM rubric_criteria WHERE rubric_version_id = ${i.rubric_version_id}
                ORDER BY position, id`,
          ),
        }
      : null;
    records.push({
      session,
      item: {
        id: i.id,
        position: i.position,
        kind: i.kind,
        title: i.title,
        startSec: i.start_sec,
        endSec: i.end_sec,
        timeboxSec: i.timebox_sec,
        spentMs: i.timer_accumulated_ms,
        presenterId: i.presenter_id,
        facilitatorId: i.facilitator_id,
        reviewerIds: all<{ person_id: Id }>(
          db,
          sql`SELECT person_id FROM session_item_reviewers WHERE item_id = ${i.id} ORDER BY person_id`,
        ).map((r) => r.person_id),
        coveredAt: i.covered_at,
        deletedAt: i.deleted_at,
        rubric,
        ...(i.kind === 'deal'
          ? {
              dealNotes: all<{ topic: (typeof DEAL_TOPICS)[number]; body: string; updated_at: string }>(
                db,
                sql`SELECT topic, body, updated_at FROM session_deal_notes WHERE item_id = ${i.id} ORDER BY topic, item_id`,
              ).map((n) => ({ topic: n.topic, body: n.body, updatedAt: n.updated_at })),
            }
          : {}),
      },
      feedback: all<FeedbackRow>(
        db,
        sql`SELECT * FROM session_feedback WHERE item_id = ${i.id} ORDER BY created_at, id`,
      ).map(toFeedback),
      scores: all<{ reviewer_id: Id; criterion_id: Id; score: number; updated_at: string }>(
        db,
        sql`SELECT reviewer_id, criterion_id, score, updated_at FROM session_scores WHERE item_id = ${i.id}
            ORDER BY reviewer_id, criterion_id`,
      ).map((s) => ({
        reviewerId: s.reviewer_id,
        criterionId: s.criterion_id,
        score: s.score,
        updatedAt: s.updated_at,
      })),
      kudos: readKudosRecords(db, sql`k.item_id = ${i.id}`),
    });
  }
  return records;
}

const peopleOf = (r: SessionRecord): Id[] => {
  const ids = [
    ...r.session.participants.map((p) => p.personId),
    ...[...r.session.feedback, ...r.feedback].flatMap((f) => [f.authorId, f.subjectId]),
    ...r.session.actionItems.map((a) => a.ownerId),
    ...[...r.session.kudos, ...r.kudos].flatMap((k) => [k.giverId, k.recipientId]),
    r.item.presenterId,
    r.item.facilitatorId,
    ...r.item.reviewerIds,
    ...r.scores.map((s) => s.reviewerId),
  ];
  return [...new Set(ids.filter((id): id is Id => id !== null))];
};

// ---- applying ----

/** The item's criterion here: the same id, else the same place and name in the same seeded rubric. */
function criterionHere(
  db: Database,
  rubric: NonNullable<SessionRecord['item']['rubric']>,
  criterionId: Id,
): { id: Id; versionId: Id } | null {
  const byId = get<{ id: Id; rubric_version_id: Id }>(
    db,
    sql`SELECT id, rubric_version_id FROM rubric_criteria WHERE id = ${criterionId}`,
  );
  if (byId) return { id: byId.id, versionId: byId.rubric_version_id };
  const theirs = rubric.criteria.find((c) => c.id === criterionId);
  if (!theirs || !rubric.seedKey) return null;
  const twin = get<{ id: Id; rubric_version_id: Id }>(
    db,
    sql`SELECT k.id, k.rubric_version_id FROM rubric_criteria k
          JOIN rubric_versions v ON v.id = k.rubric_version_id JOIN rubrics r ON r.id = v.rubric_id
        WHERE r.seed_key = ${rubric.seedKey} AND k.position = ${theirs.position} AND k.name = ${theirs.name}
        ORDER BY v.version DESC, v.id DESC LIMIT 1`,
  );
  return twin ? { id: twin.id, versionId: twin.rubric_version_id } : null;
}

function applyFeedback(
  db: Database,
  sessionId: Id,
  itemId: Id | null,
  list: SessionRecord['feedback'],
  pid: (id: Id | null) => Id | null,
) {
  for (const f of list) {
    const here = get<{ session_id: Id }>(db, sql`SELECT session_id FROM session_feedback WHERE id = ${f.id}`);
    if (here && here.session_id !== sessionId) continue;
    if (!here && f.deletedAt) continue;
    run(
      db,
      sql`INSERT INTO session_feedback (id, session_id, item_id, author_id, subject_id, kind, body, situation, behavior,
            impact, at_sec, created_at, updated_at, deleted_at)
          VALUES (${f.id}, ${sessionId}, ${itemId}, ${pid(f.authorId)}, ${pid(f.subjectId)}, ${f.kind}, ${f.body},
            ${f.situation}, ${f.behavior}, ${f.impact}, ${f.atSec}, ${f.createdAt}, ${f.updatedAt}, ${f.deletedAt})
          ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, body = excluded.body, situation = excluded.situation,
            behavior = excluded.behavior, impact = excluded.impact, at_sec = excluded.at_sec,
            updated_at = excluded.updated_at, deleted_at = excluded.deleted_at`,
    );
  }
}

function applyKudos(
  db: Database,
  sessionId: Id,
  itemId: Id | null,
  list: SessionRecord['kudos'],
  pid: (id: Id | null) => Id | null,
  subject: ChangeSubject | null,
) {
  for (const k of list) {
    const giver = pid(k.giverId);
    const recipient = pid(k.recipientId);
    if (!giver || !recipient || giver === recipient) continue;
    const here = get<{ session_id: Id | null; giver_id: Id }>(
      db,
      sql`SELECT session_id, giver_id FROM kudos WHERE id = ${k.id}`,
    );
    if (here) {
      // This session's own kudos: a removal is the sender's to make.
      if (here.session_id === sessionId)
        run(db, sql`UPDATE kudos SET deleted_at = ${k.deletedAt}, updated_at = ${k.updatedAt} WHERE id = ${k.id}`);
      // Brought by its giver's review of the call: only tied to the session (a session cannot remove others' kudos).
      else if (here.session_id === null && here.giver_id === giver)
        run(db, sql`UPDATE kudos SET session_id = ${sessionId}, item_id = ${itemId} WHERE id = ${k.id}`);
      continue;
    }
    if (k.deletedAt || (k.badge === null && k.reason.trim() === '')) continue;
    const onSubject = subject !== null && k.atSec !== null;
    run(
      db,
      sql`INSERT INTO kudos (id, giver_id, recipient_id, badge_id, reason, call_id, attempt_id, at_sec, session_id,
            item_id, created_at, updated_at)
          VALUES (${k.id}, ${giver}, ${recipient}, ${k.badge ? badgeHere(db, k.badge) : null}, ${k.reason},
            ${onSubject && subject.kind === 'call' ? subject.id : null},
            ${onSubject && subject.kind === 'attempt' ? subject.id : null}, ${onSubject ? k.atSec : null},
            ${sessionId}, ${itemId}, ${k.createdAt}, ${k.updatedAt})`,
    );
    notifyKudos(db, k.id, recipient, nowIso());
  }
}

/** Writes a teammate's sessions; answers the sessions that changed. */
export function applySessions(db: Database, records: SessionRecord[], ctx: ApplyRecordsContext): Id[] {
  const changed = new Set<Id>();
  const pid = (id: Id | null) => (id === null ? null : resolvePersonId(db, ctx.personOf(id)));
  const live = (id: Id | null) => {
    const p = pid(id);
    return p && get(db, sql`SELECT 1 FROM people WHERE id = ${p}`) ? p : null;
  };
  // Deal reviews come in a file about the person who ran the session: their own file, nobody else's.
  if (ctx.subject.kind === 'person' && ctx.subject.id !== ctx.signerId) return [];
  for (const r of records) {
    const s = r.session;
    const here = get<{ id: Id }>(db, sql`SELECT id FROM review_sessions WHERE id = ${s.id}`);
    const owner = get<{ owner_id: Id }>(db, sql`SELECT owner_id FROM team_sessions WHERE session_id = ${s.id}`);
    // Made here (or an id someone borrowed), or sent by somebody else first: not the signer's to change.
    if (here && !owner) continue;
    if (owner && resolvePersonId(db, owner.owner_id) !== ctx.signerId) continue;
    const now = nowIso();
    if (!here) {
      if (s.deletedAt) continue;
      run(
        db,
        sql`INSERT INTO review_sessions (id, title, session_date, status, started_at, finished_at, created_at, updated_at)
            VALUES (${s.id}, ${s.title}, ${s.date}, 'finished', ${s.startedAt}, ${s.finishedAt}, ${s.createdAt}, ${now})`,
      );
      run(
        db,
        sql`INSERT INTO team_sessions (session_id, owner_id, received_at) VALUES (${s.id}, ${ctx.signerId}, ${now})`,
      );
    } else {
      run(
        db,
        sql`UPDATE review_sessions SET title = ${s.title}, session_date = ${s.date}, started_at = ${s.startedAt},
              finished_at = ${s.finishedAt}, deleted_at = ${s.deletedAt}, updated_at = ${now}
            WHERE id = ${s.id}`,
      );
    }
    run(db, sql`DELETE FROM session_participants WHERE session_id = ${s.id}`);
    const seen = new Set<Id>();
    s.participants.forEach((p, position) => {
      const person = live(p.personId);
      if (!person || seen.has(person)) return;
      seen.add(person);
      run(
        db,
        sql`INSERT INTO session_participants (session_id, person_id, position, attended, presented_count, reviewed_count,
              facilitated_count, created_at, updated_at)
            VALUES (${s.id}, ${person}, ${position}, ${p.attended ? 1 : 0}, ${p.presented}, ${p.reviewed},
              ${p.facilitated}, ${now}, ${now})`,
      );
    });
    applyFeedback(db, s.id, null, s.feedback, live);
    for (const a of s.actionItems) {
      const existing = get<{ session_id: Id | null }>(db, sql`SELECT session_id FROM action_items WHERE id = ${a.id}`);
      if (existing && existing.session_id !== s.id) continue;
      if (!existing && a.deletedAt) continue;
      // Whether it is done is its owner's to say, on their machine: kept as it is here.
      run(
        db,
        sql`INSERT INTO action_items (id, session_id, text, owner_id, due_date, created_at, updated_at, deleted_at)
            VALUES (${a.id}, ${s.id}, ${a.text}, ${live(a.ownerId)}, ${a.dueDate}, ${a.createdAt}, ${a.updatedAt},
              ${a.deletedAt})
            ON CONFLICT (id) DO UPDATE SET text = excluded.text, owner_id = excluded.owner_id,
              due_date = excluded.due_date, updated_at = excluded.updated_at, deleted_at = excluded.deleted_at`,
      );
    }
    applyKudos(db, s.id, null, s.kudos, live, null);
    applyItem(db, r, ctx.subject, live);
    changed.add(s.id);
  }
  return [...changed];
}

function applyItem(db: Database, r: SessionRecord, subject: ChangeSubject, live: (id: Id | null) => Id | null) {
  const { item } = r;
  const sessionId = r.session.id;
  if ((item.kind === 'attempt') !== (subject.kind === 'attempt')) return;
  if ((item.kind === 'deal') !== (subject.kind === 'person')) return;
  const existing = get<{ session_id: Id }>(db, sql`SELECT session_id FROM session_items WHERE id = ${item.id}`);
  if (existing && existing.session_id !== sessionId) return;
  if (!existing && item.deletedAt) return;
  const criteria = new Map<Id, { id: Id; versionId: Id }>();
  if (item.rubric) {
    for (const c of item.rubric.criteria) {
      const local = criterionHere(db, item.rubric, c.id);
      if (local) criteria.set(c.id, local);
    }
  }
  const versionId = [...criteria.values()][0]?.versionId ?? null;
  const clip = item.kind === 'clip' && item.startSec !== null && item.endSec !== null && item.endSec > item.startSec;
  const kind = item.kind === 'clip' && !clip ? 'call' : item.kind;
  const now = nowIso();
  run(
    db,
    sql`INSERT INTO session_items (id, session_id, position, kind, title, call_id, attempt_id, start_sec, end_sec,
          rubric_version_id, timebox_sec, timer_accumulated_ms, presenter_id, facilitator_id, covered_at, created_at, updated_at, deleted_at)
        VALUES (${item.id}, ${sessionId}, ${item.position}, ${kind}, ${item.title},
          ${subject.kind === 'call' ? subject.id : null}, ${subject.kind === 'attempt' ? subject.id : null},
          ${clip ? item.startSec : null}, ${clip ? item.endSec : null}, ${versionId}, ${item.timeboxSec}, ${item.spentMs},
          ${live(item.presenterId)}, ${live(item.facilitatorId)}, ${item.coveredAt}, ${now}, ${now}, ${item.deletedAt})
        ON CONFLICT (id) DO UPDATE SET position = excluded.position, title = excluded.title,
          presenter_id = excluded.presenter_id, facilitator_id = excluded.facilitator_id,
          rubric_version_id = coalesce(excluded.rubric_version_id, session_items.rubric_version_id),
          timer_accumulated_ms = excluded.timer_accumulated_ms, covered_at = excluded.covered_at, updated_at = excluded.updated_at, deleted_at = excluded.deleted_at`,
  );
  run(db, sql`DELETE FROM session_item_reviewers WHERE item_id = ${item.id}`);
  for (const reviewer of new Set(item.reviewerIds.map(live))) {
    if (reviewer)
      run(db, sql`INSERT INTO session_item_reviewers (item_id, person_id) VALUES (${item.id}, ${reviewer})`);
  }
  for (const n of item.kind === 'deal' ? (item.dealNotes ?? []) : []) {
    run(
      db,
      sql`INSERT INTO session_deal_notes (item_id, topic, body, updated_at)
          VALUES (${item.id}, ${n.topic}, ${n.body}, ${n.updatedAt})
          ON CONFLICT (item_id, topic) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
    );
  }
  applyFeedback(db, sessionId, item.id, r.feedback, live);
  // The live scores are the sender's whole list for the item: what is gone there is gone here.
  run(db, sql`DELETE FROM session_scores WHERE item_id = ${item.id}`);
  for (const s of r.scores) {
    const criterion = criteria.get(s.criterionId);
    const reviewer = live(s.reviewerId);
    if (!criterion || !reviewer || criterion.versionId !== versionId) continue;
    run(
      db,
      sql`INSERT INTO session_scores (item_id, reviewer_id, criterion_id, score, updated_at)
          VALUES (${item.id}, ${reviewer}, ${criterion.id}, ${s.score}, ${s.updatedAt})
          ON CONFLICT DO UPDATE SET score = excluded.score, updated_at = excluded.updated_at`,
    );
  }
  applyKudos(db, sessionId, item.id, r.kudos, live, subject.kind === 'person' ? null : subject);
}

/** Subjects a session's change touches: every call or attempt on its agenda, and the writer (its deal reviews). */
export function subjectsOfSession(db: Database, sessionId: Id): ChangeSubject[] {
  const subjects = all<{ call_id: Id | null; attempt_id: Id | null }>(
    db,
    sql`SELECT DISTINCT call_id, attempt_id FROM session_items
        WHERE session_id = ${sessionId} AND (call_id IS NOT NULL OR attempt_id IS NOT NULL)
        ORDER BY call_id, attempt_id`,
  ).map((i): ChangeSubject =>
    i.call_id ? { kind: 'call', id: i.call_id } : { kind: 'attempt', id: i.attempt_id as Id },
  );
  const me = get(db, sql`SELECT 1 FROM session_items WHERE session_id = ${sessionId} AND kind = 'deal'`)
    ? packetAuthor(db)
    : null;
  return me ? [...subjects, { kind: 'person', id: me.id }] : subjects;
}

export const sessionChangeKind: ChangeKind<SessionRecord> = {
  name: 'session',
  watch: {
    'sessions.changed': (db, p) => (p.reason === 'live' ? [] : subjectsOfSession(db, p.sessionId)),
    'kudos.changed': (db, p) => p.sessionIds.flatMap((id) => subjectsOfSession(db, id)),
  },
  records: {
    schema: SessionRecord,
    collect: collectSessions,
    people: peopleOf,
    apply: applySessions,
    announce: (db, changed, emit) => {
      for (const sessionId of changed) {
        emit('sessions.changed', { sessionId, reason: 'capture' });
        const kudos = all<{ id: Id; recipient_id: Id }>(
          db,
          sql`SELECT id, recipient_id FROM kudos WHERE session_id = ${sessionId} ORDER BY id`,
        );
        if (kudos.length > 0) {
          emit('kudos.changed', {
            ids: kudos.map((k) => k.id),
            recipientIds: [...new Set(kudos.map((k) => k.recipient_id))],
            callIds: [],
            sessionIds: [sessionId],
          });
        }
        const actionItems = all<{ id: Id }>(
          db,
          sql`SELECT id FROM action_items WHERE session_id = ${sessionId} ORDER BY id`,
        );
        if (actionItems.length > 0) emit('actionItems.changed', { ids: actionItems.map((a) => a.id) });
      }
    },
  },
};
