/**
 * Recognition through the team folder (issue 16) that is about a person, not
 * a call or an attempt: kudos given on someone's page, and goals set for
 * someone. Both travel in a change file about that person (records only),
 * from the device of whoever gave or set them, removals included. The team
 * goal (nobody's in particular) travels in a change file about its setter.
 *
 * Rules, as for everything a teammate's file brings: a record is taken only
 * from its author (the kudos' giver, the goal's setter) — and a goal only if
 * that author may set it here (the person themselves, or a coach or admin;
 * the team's, a coach or admin). Two coaches may set overlapping team goals
 * on two machines before either sees the other's: the one changed last
 * stands on both, the other is retired, so every library ends the same.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Id, Person } from '../../../shared/domain';
import { GOAL_METRICS } from '../../../shared/domain';
import { nowIso } from '../db/ids';
import type { Query } from '../db/sql';
import { all, get, run, sql } from '../db/sql';
import { resolvePersonId } from '../people/merge';
import { canSetGoal } from '../policy';
import type { ChangeKind, ChangeSubject } from '../team/kinds';
import { notifyKudos } from './kudos';

const PersonId = z.string().min(1).max(64);
const Time = z.string().datetime({ offset: true });
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const BadgeRecord = z
  .object({ id: z.string().min(1).max(64), name: z.string().max(40), icon: z.string().max(40) })
  .strict();
export type BadgeRecord = z.infer<typeof BadgeRecord>;

/** A teammate's badge here: the same id, else a live badge of the same name, else added. */
export function badgeHere(db: Database, badge: BadgeRecord): Id {
  const local =
    get<{ id: Id }>(db, sql`SELECT id FROM kudos_badges WHERE id = ${badge.id}`) ??
    get<{ id: Id }>(db, sql`SELECT id FROM kudos_badges WHERE name = ${badge.name} AND deleted_at IS NULL`);
  if (local) return local.id;
  const now = nowIso();
  const position = get<{ n: number }>(db, sql`SELECT coalesce(max(position) + 1, 0) AS n FROM kudos_badges`)?.n ?? 0;
  run(
    db,
    sql`INSERT INTO kudos_badges (id, name, icon, position, created_at, updated_at)
        VALUES (${badge.id}, ${badge.name.trim() || 'Kudos'}, ${badge.icon}, ${position}, ${now}, ${now})`,
  );
  return badge.id;
}

// ---- kudos on a person's page ----

const PageKudos = z
  .object({
    id: z.string().min(1).max(64),
    giverId: PersonId,
    recipientId: PersonId,
    badge: BadgeRecord.nullable(),
    reason: z.string().max(2_000),
    createdAt: Time,
    updatedAt: Time,
    deletedAt: Time.nullable(),
  })
  .strict();
type PageKudos = z.infer<typeof PageKudos>;

/** Kudos on nothing but the person (not a call, an attempt or a session). */
const onPage = sql`call_id IS NULL AND attempt_id IS NULL AND session_id IS NULL`;

/** Kudos rows as they travel: the badge with its name and icon (matched by id, else name, where they land). */
export function readKudosRecords(db: Database, where: Query) {
  return all<{
    id: Id;
    giver_id: Id;
    recipient_id: Id;
    badge_id: Id | null;
    badge_name: string | null;
    badge_icon: string | null;
    reason: string;
    at_sec: number | null;
    created_at: string;
    updated_at: string;
    deleted_at: string | null;
  }>(
    db,
    sql`SELECT k.id, k.giver_id, k.recipient_id, k.badge_id, b.name AS badge_name, b.icon AS badge_icon, k.reason,
          k.at_sec, k.created_at, k.updated_at, k.deleted_at
        FROM kudos k LEFT JOIN kudos_badges b ON b.id = k.badge_id
        WHERE ${where} ORDER BY k.created_at, k.id`,
  ).map((k) => ({
    id: k.id,
    giverId: k.giver_id,
    recipientId: k.recipient_id,
    badge: k.badge_id ? { id: k.badge_id, name: k.badge_name ?? '', icon: k.badge_icon ?? '' } : null,
    reason: k.reason,
    atSec: k.at_sec,
    createdAt: k.created_at,
    updatedAt: k.updated_at,
    deletedAt: k.deleted_at,
  }));
}

export const pageKudosKind: ChangeKind<PageKudos> = {
  name: 'pageKudos',
  watch: {
    'kudos.changed': (db, p) =>
      p.ids.flatMap((id): ChangeSubject[] => {
        const k = get<{ recipient_id: Id }>(db, sql`SELECT recipient_id FROM kudos WHERE id = ${id} AND ${onPage}`);
        return k ? [{ kind: 'person', id: k.recipient_id }] : [];
      }),
  },
  records: {
    schema: PageKudos,
    collect: (db, subject, authorId) =>
      subject.kind !== 'person'
        ? []
        : readKudosRecords(db, sql`k.recipient_id = ${subject.id} AND k.giver_id = ${authorId} AND ${onPage}`).map(
            ({ atSec: _moment, ...k }) => k,
          ),
    people: (k) => [k.giverId, k.recipientId],
    apply: (db, records, ctx) => {
      const changed: Id[] = [];
      for (const k of records) {
        const giver = resolvePersonId(db, ctx.personOf(k.giverId));
        const recipient = resolvePersonId(db, ctx.personOf(k.recipientId));
        if (giver !== ctx.signerId || recipient !== ctx.subject.id || giver === recipient) continue;
        const here = get<{ giver_id: Id; deleted_at: string | null }>(
          db,
          sql`SELECT giver_id, deleted_at FROM kudos WHERE id = ${k.id}`,
        );
        if (here) {
          if (here.giver_id !== giver || here.deleted_at === k.deletedAt) continue;
          run(db, sql`UPDATE kudos SET deleted_at = ${k.deletedAt}, updated_at = ${k.updatedAt} WHERE id = ${k.id}`);
          changed.push(k.id);
          continue;
        }
        if (k.deletedAt || (k.badge === null && k.reason.trim() === '')) continue;
        run(
          db,
          sql`INSERT INTO kudos (id, giver_id, recipient_id, badge_id, reason, created_at, updated_at)
              VALUES (${k.id}, ${giver}, ${recipient}, ${k.badge ? badgeHere(db, k.badge) : null}, ${k.reason},
                ${k.createdAt}, ${k.updatedAt})`,
        );
        notifyKudos(db, k.id, recipient, nowIso());
        changed.push(k.id);
      }
      return changed;
    },
    announce: (db, changed, emit) => {
      const rows = changed.flatMap((id) => {
        const k = get<{ recipient_id: Id }>(db, sql`SELECT recipient_id FROM kudos WHERE id = ${id}`);
        return k ? [k.recipient_id] : [];
      });
      emit('kudos.changed', { ids: changed, recipientIds: [...new Set(rows)], callIds: [], sessionIds: [] });
    },
  },
};

// ---- goals set for a person ----

/** The team goal's metric (never a person's). */
const TEAM_METRIC = 'team_drill_attempts';

const GoalRecord = z
  .object({
    id: z.string().min(1).max(64),
    /** Null: the team goal. */
    personId: PersonId.nullable(),
    setById: PersonId,
    metric: z.enum([...GOAL_METRICS, TEAM_METRIC]),
    criterionKey: z.string().max(80).nullable(),
    criterionName: z.string().max(200).nullable(),
    target: z.number().finite(),
    direction: z.enum(['up', 'down']),
    baseline: z.number().finite().nullable(),
    startDate: IsoDay,
    endDate: IsoDay,
    createdAt: Time,
    updatedAt: Time,
    deletedAt: Time.nullable(),
  })
  .strict()
  .refine(
    (g) =>
      g.endDate >= g.startDate &&
      (g.metric === 'criterion_average') === (g.criterionKey !== null) &&
      (g.metric === TEAM_METRIC) === (g.personId === null),
  );
type GoalRecord = z.infer<typeof GoalRecord>;

/** The signer may set this person's goals (or the team's) here: the same rule as setting one in this library. */
function maySetGoal(db: Database, signerId: Id, personId: Id | null): boolean {
  const signer = get<{ id: Id; role: Person['role'] }>(db, sql`SELECT id, role FROM people WHERE id = ${signerId}`);
  return signer !== undefined && canSetGoal(signer, personId);
}

export const goalsKind: ChangeKind<GoalRecord> = {
  name: 'goals',
  watch: {
    'goals.changed': (db, p) => [
      ...p.personIds.flatMap((id): ChangeSubject[] => (id ? [{ kind: 'person', id }] : [])),
      // The team goal travels in a file about whoever set it.
      ...p.ids.flatMap((id): ChangeSubject[] => {
        const g = get<{ set_by_id: Id }>(db, sql`SELECT set_by_id FROM goals WHERE id = ${id} AND person_id IS NULL`);
        return g ? [{ kind: 'person', id: g.set_by_id }] : [];
      }),
    ],
  },
  records: {
    schema: GoalRecord,
    collect: (db, subject, authorId) =>
      subject.kind !== 'person'
        ? []
        : all<{
            id: Id;
            person_id: Id;
            set_by_id: Id;
            metric: GoalRecord['metric'];
            criterion_key: string | null;
            criterion_name: string | null;
            target: number;
            direction: 'up' | 'down';
            baseline: number | null;
            start_date: string;
            end_date: string;
            created_at: string;
            updated_at: string;
            deleted_at: string | null;
          }>(
            db,
            sql`SELECT id, person_id, set_by_id, metric, criterion_key, criterion_name, target, direction, baseline,
                  start_date, end_date, created_at, updated_at, deleted_at
                FROM goals
                WHERE set_by_id = ${authorId}
                  AND (person_id = ${subject.id} OR (person_id IS NULL AND set_by_id = ${subject.id}))
                ORDER BY created_at, id`,
          ).map((g) => ({
            id: g.id,
            personId: g.person_id,
            setById: g.set_by_id,
            metric: g.metric,
            criterionKey: g.criterion_key,
            criterionName: g.criterion_name,
            target: g.target,
            direction: g.direction,
            baseline: g.baseline,
            startDate: g.start_date,
            endDate: g.end_date,
            createdAt: g.created_at,
            updatedAt: g.updated_at,
            deletedAt: g.deleted_at,
          })),
    people: (g) => (g.personId ? [g.personId, g.setById] : [g.setById]),
    apply: (db, records, ctx) => {
      const changed: Id[] = [];
      for (const g of records) {
        const person = g.personId === null ? null : resolvePersonId(db, ctx.personOf(g.personId));
        const setBy = resolvePersonId(db, ctx.personOf(g.setById));
        // A person's goal comes in a file about them; the team's in a file about its setter.
        if (setBy !== ctx.signerId || (person ?? setBy) !== ctx.subject.id || !maySetGoal(db, setBy, person)) continue;
        const here = get<{ set_by_id: Id; person_id: Id | null; updated_at: string }>(
          db,
          sql`SELECT set_by_id, person_id, updated_at FROM goals WHERE id = ${g.id}`,
        );
        if (here && (here.set_by_id !== setBy || here.person_id !== person || here.updated_at >= g.updatedAt)) continue;
        if (!here && g.deletedAt) continue;
        if (person === null && !g.deletedAt) {
          const retired = settleTeamGoalClash(db, g);
          if (retired === null) continue;
          changed.push(...retired);
        }
        run(
          db,
          sql`INSERT INTO goals (id, person_id, set_by_id, metric, criterion_key, criterion_name, target, direction,
                baseline, start_date, end_date, created_at, updated_at, deleted_at)
              VALUES (${g.id}, ${person}, ${setBy}, ${g.metric}, ${g.criterionKey}, ${g.criterionName}, ${g.target},
                ${g.direction}, ${g.baseline}, ${g.startDate}, ${g.endDate}, ${g.createdAt}, ${g.updatedAt},
                ${g.deletedAt})
              ON CONFLICT (id) DO UPDATE SET target = excluded.target, direction = excluded.direction,
                start_date = excluded.start_date, end_date = excluded.end_date, updated_at = excluded.updated_at,
                deleted_at = excluded.deleted_at`,
        );
        changed.push(g.id);
      }
      return changed;
    },
    announce: (db, changed, emit) => {
      const personIds = changed.map(
        (id) => get<{ person_id: Id | null }>(db, sql`SELECT person_id FROM goals WHERE id = ${id}`)?.person_id ?? null,
      );
      emit('goals.changed', { ids: changed, personIds: [...new Set(personIds)] });
    },
  },
};

/**
 * A teammate's team goal against this library's live team goals of overlapping dates (one team goal at a
 * time): the one changed last stands — the same choice on every machine. Answers null when one here is
 * newer (the teammate's is not taken), else the ids of those it retires.
 */
function settleTeamGoalClash(db: Database, g: GoalRecord): Id[] | null {
  const clashes = all<{ id: Id; updated_at: string }>(
    db,
    sql`SELECT id, updated_at FROM goals
        WHERE person_id IS NULL AND metric = ${TEAM_METRIC} AND deleted_at IS NULL AND id <> ${g.id}
          AND start_date <= ${g.endDate} AND end_date >= ${g.startDate}
        ORDER BY id`,
  );
  const newer = (c: { id: Id; updated_at: string }) =>
    c.updated_at > g.updatedAt || (c.updated_at === g.updatedAt && c.id > g.id);
  if (clashes.some(newer)) return null;
  for (const c of clashes) run(db, sql`UPDATE goals SET deleted_at = ${g.updatedAt} WHERE id = ${c.id}`);
  return clashes.map((c) => c.id);
}
