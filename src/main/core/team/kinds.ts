/**
 * What travels in a team change file, as a registry. Every kind says which
 * core events may mean that this device's people changed something of its
 * kind, and about which subject (a call, a drill attempt or a person): the
 * writer's outbox is fed from those. Kinds that the packet format already
 * carries (annotations, replies, submitted scorecards, action items,
 * attempts with their recordings, transcripts) need nothing more; a kind the
 * packet does not carry (a review session's capture, kudos on a person's
 * page, goals, tombstones) also says how to collect its records for the
 * change file's `changes.json` and how to apply a teammate's, inside the
 * import's transaction.
 *
 * `registerChangeKind` is how another area plugs in.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { EventMap, EventName } from '../../../shared/events';
import type { Id } from '../../../shared/domain';
import { all, get, sql } from '../db/sql';
import { goalsKind, pageKudosKind } from '../recognition/team-folder';
import { sessionChangeKind } from '../sessions/team-folder';

export interface ChangeSubject {
  /** A call or a drill attempt (the change file carries its review), or a person (records only). */
  kind: 'call' | 'attempt' | 'person';
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

// ---- kudos ----
// Kudos on a call or a drill attempt (a moment, an annotation, a scorecard) travel in the packet's
// review itself (recognition/packets.ts); the team folder only needs to know which subject to rewrite.

registerChangeKind({
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
});

// ---- deletions ----
// An annotation, a reply or kudos its author removed travels as a tombstone in the next file about its subject; the
// log stays append-only (nothing is taken out of an earlier file). A tombstone is applied only to an item
// whose author (a kudos' giver) signed the file, so nobody removes someone else's work.

const Tombstone = z
  .object({
    kind: z.enum(['annotation', 'reply', 'kudos']),
    id: z.string().min(1).max(64),
    deletedAt: z.string().datetime({ offset: true }),
  })
  .strict();
type Tombstone = z.infer<typeof Tombstone>;

/** How a tombstone is applied: only to a live item of its subject whose author (a kudos' giver) signed the file. */
const REMOVE: Record<Tombstone['kind'], string> = {
  annotation: `UPDATE annotations SET deleted_at = ?, updated_at = ?
               WHERE id = ? AND author_id = ? AND call_id = ? AND deleted_at IS NULL`,
  reply: `UPDATE annotation_replies SET deleted_at = ?, updated_at = ?
          WHERE id = ? AND author_id = ? AND deleted_at IS NULL
            AND annotation_id IN (SELECT id FROM annotations WHERE call_id = ?)`,
  kudos: `UPDATE kudos SET deleted_at = ?, updated_at = ?
          WHERE id = ? AND giver_id = ? AND coalesce(call_id, attempt_id) = ? AND deleted_at IS NULL`,
};

registerChangeKind<Tombstone>({
  name: 'removed',
  watch: {},
  records: {
    schema: Tombstone,
    collect: (db, subject, authorId) => {
      if (subject.kind === 'person') return [];
      // Nothing of this subject was ever written: there is nothing on other devices to remove (and a file
      // carrying only tombstones would bring the call to them).
      if (!get(db, sql`SELECT 1 FROM team_written WHERE subject_kind = ${subject.kind} AND subject_id = ${subject.id}`))
        return [];
      const annotations =
        subject.kind === 'call'
          ? all<{ id: Id; deleted_at: string }>(
              db,
              sql`SELECT id, deleted_at FROM annotations
                  WHERE call_id = ${subject.id} AND author_id = ${authorId} AND deleted_at IS NOT NULL ORDER BY id`,
            )
          : [];
      const replies =
        subject.kind === 'call'
          ? all<{ id: Id; deleted_at: string }>(
              db,
              sql`SELECT r.id, r.deleted_at FROM annotation_replies r JOIN annotations a ON a.id = r.annotation_id
                  WHERE a.call_id = ${subject.id} AND r.author_id = ${authorId} AND r.deleted_at IS NOT NULL
                  ORDER BY r.id`,
            )
          : [];
      const on = subject.kind === 'call' ? sql`call_id = ${subject.id}` : sql`attempt_id = ${subject.id}`;
      const kudos = all<{ id: Id; deleted_at: string }>(
        db,
        sql`SELECT id, deleted_at FROM kudos WHERE ${on} AND giver_id = ${authorId} AND deleted_at IS NOT NULL ORDER BY id`,
      );
      return [
        ...annotations.map((a) => ({ kind: 'annotation' as const, id: a.id, deletedAt: a.deleted_at })),
        ...replies.map((r) => ({ kind: 'reply' as const, id: r.id, deletedAt: r.deleted_at })),
        ...kudos.map((k) => ({ kind: 'kudos' as const, id: k.id, deletedAt: k.deleted_at })),
      ];
    },
    people: () => [],
    apply: (db, records, ctx) => {
      const changed: Id[] = [];
      for (const r of records) {
        // Each statement takes (deleted at, updated at, id, the signer as author, the subject).
        const result = db.prepare(REMOVE[r.kind]).run(r.deletedAt, r.deletedAt, r.id, ctx.signerId, ctx.subject.id);
        if (result.changes > 0) changed.push(r.id);
      }
      return changed;
    },
    announce: (db, changed, emit) => {
      for (const id of changed) {
        const a = get<{ call_id: Id }>(db, sql`SELECT call_id FROM annotations WHERE id = ${id}`);
        if (a) emit('annotations.changed', { callId: a.call_id, ids: [id] });
        const reply = get<{ call_id: Id; annotation_id: Id }>(
          db,
          sql`SELECT a.call_id, r.annotation_id FROM annotation_replies r JOIN annotations a ON a.id = r.annotation_id
              WHERE r.id = ${id}`,
        );
        if (reply) emit('annotations.changed', { callId: reply.call_id, ids: [reply.annotation_id] });
        const k = get<{ recipient_id: Id; call_id: Id | null; session_id: Id | null }>(
          db,
          sql`SELECT recipient_id, call_id, session_id FROM kudos WHERE id = ${id}`,
        );
        if (k)
          emit('kudos.changed', {
            ids: [id],
            recipientIds: [k.recipient_id],
            callIds: k.call_id ? [k.call_id] : [],
            sessionIds: k.session_id ? [k.session_id] : [],
          });
      }
    },
  },
});

// ---- review sessions ----
// A finished session travels with each call or attempt on its agenda (sessions/team-folder.ts).

registerChangeKind(sessionChangeKind);

// ---- about a person ----
// Kudos on someone's page and goals set for them travel in change files about that person, records only
// (recognition/team-folder.ts).

registerChangeKind(pageKudosKind);
registerChangeKind(goalsKind);
