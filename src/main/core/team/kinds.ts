/**
 * What travels in a team change file, as a registry. Every kind says which
 * core events may mean that this device's people changed something of its
 * kind, and about which subject (a call or a drill attempt): the writer's
 * outbox is fed from those. Kinds that the packet format already carries
 * (annotations, replies, submitted scorecards, action items, attempts with
 * their recordings, transcripts) need nothing more; a kind the packet does
 * not carry (kudos today; goals and celebrations later) also says how to
 * collect its records for the change file's `changes.json` and how to apply
 * a teammate's, inside the import's transaction.
 *
 * `registerChangeKind` is how another area plugs in.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { EventMap, EventName } from '../../../shared/events';
import { BADGE_ICONS, Id } from '../../../shared/domain';
import { all, get, run, sql } from '../db/sql';
import { resolvePersonId } from '../people/merge';

export interface ChangeSubject {
  kind: 'call' | 'attempt';
  id: Id;
}

export interface ApplyRecordsContext {
  /** The person who signed the change file (this library's id for them). */
  signerId: Id;
  /** The file's person ids → this library's. */
  personOf: (id: Id) => Id;
  /** The subject's id in this library (it may have matched by recording). */
  subject: ChangeSubject;
}

export interface ChangeKind<T = unknown> {
  name: string;
  /** Events that may mean a change of this kind, and the subjects they touch. */
  watch: { [E in EventName]?: (db: Database, payload: EventMap[E]) => ChangeSubject[] };
  /** Records of this kind that travel in `changes.json` (absent: the packet's review carries it). */
  records?: {
    schema: z.ZodType<T>;
    /** What `authorId` (this device's person) has of this kind about the subject, as it travels. */
    collect: (db: Database, subject: ChangeSubject, authorId: Id) => T[];
    /** The people a record names: they travel among the review's people so the importer can match them. */
    people: (record: T) => Id[];
    /** Writes a teammate's records; only the signer's own are taken. Answers the ids that changed. */
    apply: (db: Database, records: T[], ctx: ApplyRecordsContext) => Id[];
    /** What to tell the screens after the import committed. */
    announce?: (db: Database, changed: Id[], emit: <E extends EventName>(e: E, p: EventMap[E]) => void) => void;
  };
}

const kinds = new Map<string, ChangeKind>();

export function registerChangeKind<T>(kind: ChangeKind<T>): void {
  kinds.set(kind.name, kind as ChangeKind);
}

export const changeKinds = (): ChangeKind[] => [...kinds.values()];

const subjectOfScorecards = (db: Database, ids: Id[]): ChangeSubject[] =>
  ids.flatMap((id): ChangeSubject[] => {
    const s = get<{ call_id: Id | null; attempt_id: Id | null }>(
      db,
      sql`SELECT call_id, attempt_id FROM scorecards WHERE id = ${id}`,
    );
    if (s?.call_id) return [{ kind: 'call' as const, id: s.call_id }];
    if (s?.attempt_id) return [{ kind: 'attempt' as const, id: s.attempt_id }];
    return [];
  });

// ---- what the packet format carries ----

registerChangeKind({
  name: 'review',
  watch: {
    'annotations.changed': (_db, p) => [{ kind: 'call', id: p.callId }],
    'scorecards.changed': (db, p) =>
      p.callId ? [{ kind: 'call', id: p.callId }] : subjectOfScorecards(db, p.scorecardIds),
    'actionItems.changed': (db, p) =>
      subjectOfScorecards(
        db,
        p.ids.flatMap((id) => {
          const row = get<{ scorecard_id: Id | null }>(db, sql`SELECT scorecard_id FROM action_items WHERE id = ${id}`);
          return row?.scorecard_id ? [row.scorecard_id] : [];
        }),
      ),
    'attempts.changed': (_db, p) => p.ids.map((id) => ({ kind: 'attempt' as const, id })),
  },
});

// ---- kudos (session kudos on a moment of a call or an attempt) ----

const Timestamp = z.iso.datetime({ offset: true });
export const KudosRecord = z
  .object({
    id: Id,
    giverId: Id,
    recipientId: Id,
    badge: z.object({ id: Id, name: z.string().trim().min(1).max(80), icon: z.enum(BADGE_ICONS) }).strict(),
    reason: z.string().trim().min(1).max(280),
    atSec: z.number().finite().min(0),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.nullable(),
  })
  .strict();
export type KudosRecord = z.infer<typeof KudosRecord>;

registerChangeKind<KudosRecord>({
  name: 'kudos',
  watch: {
    'kudos.changed': (db, p) =>
      p.ids.flatMap((id): ChangeSubject[] => {
        const k = get<{ call_id: Id | null; attempt_id: Id | null }>(
          db,
          sql`SELECT call_id, attempt_id FROM kudos WHERE id = ${id}`,
        );
        if (k?.call_id) return [{ kind: 'call' as const, id: k.call_id }];
        if (k?.attempt_id) return [{ kind: 'attempt' as const, id: k.attempt_id }];
        return [];
      }),
  },
  records: {
    schema: KudosRecord,
    collect: (db, subject, authorId) =>
      all<{
        id: Id;
        giver_id: Id;
        recipient_id: Id;
        badge_id: Id;
        badge_name: string;
        badge_icon: (typeof BADGE_ICONS)[number];
        reason: string;
        at_sec: number;
        created_at: string;
        updated_at: string;
        deleted_at: string | null;
      }>(
        db,
        sql`SELECT k.id, k.giver_id, k.recipient_id, k.badge_id, b.name AS badge_name, b.icon AS badge_icon, k.reason,
                   k.at_sec, k.created_at, k.updated_at, k.deleted_at
            FROM kudos k JOIN kudos_badges b ON b.id = k.badge_id
            WHERE k.giver_id = ${authorId} AND k.at_sec IS NOT NULL
              AND ${subject.kind === 'call' ? sql`k.call_id = ${subject.id}` : sql`k.attempt_id = ${subject.id}`}
            ORDER BY k.created_at, k.id`,
      ).map((k) => ({
        id: k.id,
        giverId: k.giver_id,
        recipientId: k.recipient_id,
        badge: { id: k.badge_id, name: k.badge_name, icon: k.badge_icon },
        reason: k.reason,
        atSec: k.at_sec,
        createdAt: k.created_at,
        updatedAt: k.updated_at,
        deletedAt: k.deleted_at,
      })),
    people: (k) => [k.giverId, k.recipientId],
    apply: (db, records, ctx) => {
      const changed: Id[] = [];
      for (const k of records) {
        // Kudos say who gave them: only the giver's own device may write them.
        if (resolvePersonId(db, ctx.personOf(k.giverId)) !== ctx.signerId) continue;
        const recipient = resolvePersonId(db, ctx.personOf(k.recipientId));
        if (!get(db, sql`SELECT 1 FROM people WHERE id = ${recipient}`)) continue;
        const badgeId = localBadge(db, k.badge, k.createdAt);
        const result = run(
          db,
          sql`INSERT INTO kudos (id, giver_id, recipient_id, badge_id, reason, call_id, attempt_id, at_sec, created_at,
                updated_at, deleted_at)
              VALUES (${k.id}, ${ctx.signerId}, ${recipient}, ${badgeId}, ${k.reason},
                ${ctx.subject.kind === 'call' ? ctx.subject.id : null}, ${ctx.subject.kind === 'attempt' ? ctx.subject.id : null},
                ${k.atSec}, ${k.createdAt}, ${k.updatedAt}, ${k.deletedAt})
              ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, badge_id = excluded.badge_id,
                deleted_at = excluded.deleted_at, updated_at = excluded.updated_at
              WHERE excluded.updated_at > kudos.updated_at AND kudos.giver_id = excluded.giver_id`,
        );
        if (result.changes > 0) changed.push(k.id);
      }
      return changed;
    },
    announce: (db, changed, emit) => {
      const rows = changed.flatMap((id) => {
        const r = get<{ recipient_id: Id; call_id: Id | null }>(
          db,
          sql`SELECT recipient_id, call_id FROM kudos WHERE id = ${id}`,
        );
        return r ? [r] : [];
      });
      emit('kudos.changed', {
        ids: changed,
        recipientIds: [...new Set(rows.map((r) => r.recipient_id))],
        callIds: [...new Set(rows.flatMap((r) => (r.call_id ? [r.call_id] : [])))],
        sessionIds: [],
      });
    },
  },
});

/** The badge here: by id, else by name (each library seeded its own set), else added. */
function localBadge(db: Database, badge: KudosRecord['badge'], at: string): Id {
  const byId = get<{ id: Id }>(db, sql`SELECT id FROM kudos_badges WHERE id = ${badge.id}`);
  if (byId) return byId.id;
  const byName = get<{ id: Id }>(
    db,
    sql`SELECT id FROM kudos_badges WHERE name = ${badge.name} AND deleted_at IS NULL`,
  );
  if (byName) return byName.id;
  const position = get<{ n: number }>(db, sql`SELECT coalesce(max(position), -1) + 1 AS n FROM kudos_badges`)?.n ?? 0;
  run(
    db,
    sql`INSERT INTO kudos_badges (id, name, icon, position, created_at, updated_at)
        VALUES (${badge.id}, ${badge.name}, ${badge.icon}, ${position}, ${at}, ${at})`,
  );
  return badge.id;
}
