/**
 * One team change file's contents: the subject's review as a packet carries
 * it, cut down to what this device's person wrote, plus `changes.json` (the
 * file's place in the device's log and the registry kinds' records).
 *
 * Blind and private rules hold because the review is read with the packet
 * collector as this person (drafts and private call notes never leave; a
 * scorecard is there once submitted), and then only their own work is kept.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Id } from '../../../shared/domain';
import type { PacketEvidence, PacketReview } from '../../../shared/packets';
import { PacketPerson, PacketReview as PacketReviewSchema } from '../../../shared/packets';
import { AppError } from '../../../shared/result';
import { get, sql } from '../db/sql';
import { collectAttemptReview, collectReview, readPeople } from '../packets/collect';
import type { ChangeSubject } from './kinds';
import { changeKinds } from './kinds';

export const CHANGES_ENTRY = 'changes.json';
export const CHANGE_FORMAT = 'gamefilm-team-change';

export const ChangeHeader = z
  .object({
    format: z.literal(CHANGE_FORMAT),
    version: z.literal(1),
    deviceId: z.string().regex(/^[0-9a-f-]{36}$/),
    seq: z.number().int().min(1),
    subject: z.object({ kind: z.enum(['call', 'attempt', 'person']), id: z.string().max(64) }).strict(),
    /** Records of the registry's kinds, by kind name; kinds this version does not know are left alone. */
    records: z.record(z.string().max(40), z.array(z.unknown()).max(10_000)),
    /** A file about a person has no review: the people its records name travel here, to be matched the same way. */
    people: z.array(PacketPerson).max(1_000).optional(),
  })
  .strict();
export type ChangeHeader = z.infer<typeof ChangeHeader>;

export interface BuiltChange {
  /** The subject's review; null for a change about a person (records only). */
  review: PacketReview | null;
  records: Record<string, unknown[]>;
  /** For a change about a person: the people its records name. */
  people: PacketPerson[];
  /** What this person's content is, without the transcript: the same digest twice means nothing to write. */
  digest: string;
}

/**
 * What `authorId` has to say about a subject, or null when nothing (nothing
 * of theirs is on it, or it is gone). `withTranscript`: the first file about
 * a subject carries its transcript; later ones do not repeat it.
 */
export function buildChange(
  db: Database,
  subject: ChangeSubject,
  authorId: Id,
  withTranscript: boolean,
): BuiltChange | null {
  if (subject.kind === 'person') return buildPersonChange(db, subject, authorId);
  let full: PacketReview;
  try {
    full =
      subject.kind === 'call'
        ? collectReview(
            db,
            {
              callId: subject.id,
              media: 'whole',
              contextSec: 0,
              transcript: withTranscript ? 'whole' : 'none',
              annotations: true,
              scorecards: true,
              actionItems: true,
              includePrivate: false,
            },
            authorId,
          ).review
        : collectAttemptReview(
            db,
            {
              attemptId: subject.id,
              transcript: withTranscript ? 'whole' : 'none',
              scorecards: true,
              actionItems: true,
              includePrivate: false,
            },
            authorId,
          ).review;
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }

  const mine = (id: Id) => id === authorId;
  const annotations = full.annotations
    .filter((a) => mine(a.authorId) || a.replies.some((r) => mine(r.authorId)))
    .map((a) => ({ ...a, replies: a.replies.filter((r) => mine(r.authorId)) }));
  const kept = new Set(annotations.map((a) => a.id));
  const startOf = new Map(full.annotations.map((a) => [a.id, a.startSec]));
  // Evidence pointing at someone else's annotation travels as the moment it marks.
  const evidence = (e: PacketEvidence): PacketEvidence =>
    e.annotationId !== null && !kept.has(e.annotationId)
      ? { id: e.id, annotationId: null, atSec: startOf.get(e.annotationId) ?? 0 }
      : e;
  const scorecards = full.scorecards
    .filter((s) => mine(s.reviewerId) && s.status === 'submitted')
    .map((s) => ({ ...s, scores: s.scores.map((score) => ({ ...score, evidence: score.evidence.map(evidence) })) }));

  // Kudos this person gave. A link to someone else's annotation travels as its moment; to a scorecard
  // that does not travel, as kudos on the call. Celebrations are not written: every library computes its own.
  const keptCards = new Set(scorecards.map((s) => s.id));
  const kudos = full.kudos
    .filter((k) => mine(k.giverId))
    .map((k) => ({
      ...k,
      annotationId: k.annotationId !== null && kept.has(k.annotationId) ? k.annotationId : null,
      atSec: k.annotationId !== null && !kept.has(k.annotationId) ? (startOf.get(k.annotationId) ?? k.atSec) : k.atSec,
      scorecardId: k.scorecardId !== null && keptCards.has(k.scorecardId) ? k.scorecardId : null,
    }));
  const badgeIds = new Set(kudos.flatMap((k) => (k.badgeId ? [k.badgeId] : [])));

  const { records, people } = collectRecords(db, subject, authorId);

  const ownSubject = full.subject.kind === 'attempt' && full.subject.attempt.personId === authorId;
  if (
    annotations.length === 0 &&
    scorecards.length === 0 &&
    kudos.length === 0 &&
    Object.keys(records).length === 0 &&
    !ownSubject
  )
    return null;

  if (full.subject.kind === 'call' && full.subject.call.repId) people.add(full.subject.call.repId);
  if (full.subject.kind === 'attempt' && full.subject.attempt.personId) people.add(full.subject.attempt.personId);
  for (const a of annotations) {
    people.add(a.authorId);
    for (const r of a.replies) people.add(r.authorId);
  }
  for (const s of scorecards) {
    people.add(s.reviewerId);
    for (const i of s.actionItems) if (i.ownerId) people.add(i.ownerId);
  }
  for (const k of kudos) people.add(k.recipientId);
  for (const s of full.transcript?.speakers ?? []) if (s.personId) people.add(s.personId);
  const tagIds = new Set(annotations.flatMap((a) => (a.tagId ? [a.tagId] : [])));
  const versionIds = new Set(scorecards.map((s) => s.rubricVersionId));

  const review: PacketReview = {
    ...full,
    people: readPeople(db, [...people]),
    tags: full.tags.filter((t) => tagIds.has(t.id)),
    rubricVersions: full.rubricVersions.filter((v) => versionIds.has(v.id)),
    annotations,
    scorecards,
    badges: full.badges.filter((b) => badgeIds.has(b.id)),
    kudos,
    celebrations: [],
    // The recording travels whole (beside the file, once); clips would only repeat it.
    clips: [],
  };
  const checked = PacketReviewSchema.safeParse(review);
  if (!checked.success)
    throw new AppError('internal', `A team change could not be built: ${checked.error.issues[0]?.message ?? ''}`);
  // Only this person's own work decides whether there is something new to write (not names, keys or call facts).
  const digest = createHash('sha256')
    .update(
      JSON.stringify([checked.data.annotations, checked.data.scorecards, checked.data.kudos, records, ownSubject]),
    )
    .digest('hex');
  return { review: checked.data, records, people: [], digest };
}

/** The registry's records about `authorId`'s own items, and the people they name. */
function collectRecords(db: Database, subject: ChangeSubject, authorId: Id) {
  const records: Record<string, unknown[]> = {};
  const people = new Set<Id>([authorId]);
  for (const kind of changeKinds()) {
    if (!kind.records) continue;
    const list = kind.records.collect(db, subject, authorId);
    if (list.length === 0) continue;
    records[kind.name] = list;
    for (const r of list) for (const p of kind.records.people(r)) people.add(p);
  }
  return { records, people };
}

/** A change about a person (kudos on their page, a goal set for them): records only, no review and no recording. */
function buildPersonChange(db: Database, subject: ChangeSubject, authorId: Id): BuiltChange | null {
  const { records, people } = collectRecords(db, subject, authorId);
  if (Object.keys(records).length === 0) return null;
  people.add(subject.id);
  const digest = createHash('sha256')
    .update(JSON.stringify(['person', records]))
    .digest('hex');
  return { review: null, records, people: readPeople(db, [...people]), digest };
}

/** Every subject on which `authorId` has work that travels, and the sessions run here (what joining a team writes first). */
export function subjectsWithWorkOf(db: Database, authorId: Id): ChangeSubject[] {
  const rows = db
    .prepare(
      `SELECT 'call' AS kind, call_id AS id FROM annotations WHERE author_id = ? AND deleted_at IS NULL
       UNION SELECT 'call', a.call_id FROM annotation_replies r JOIN annotations a ON a.id = r.annotation_id
         WHERE r.author_id = ? AND r.deleted_at IS NULL
       UNION SELECT CASE WHEN call_id IS NULL THEN 'attempt' ELSE 'call' END, coalesce(call_id, attempt_id)
         FROM scorecards WHERE reviewer_id = ? AND status = 'submitted' AND deleted_at IS NULL
       UNION SELECT 'attempt', id FROM attempts WHERE person_id = ? AND deleted_at IS NULL
       UNION SELECT CASE WHEN call_id IS NULL THEN 'attempt' ELSE 'call' END, coalesce(call_id, attempt_id)
         FROM kudos WHERE giver_id = ? AND at_sec IS NOT NULL
       UNION SELECT 'person', recipient_id FROM kudos
         WHERE giver_id = ? AND call_id IS NULL AND attempt_id IS NULL AND session_id IS NULL AND deleted_at IS NULL
       UNION SELECT 'person', coalesce(person_id, set_by_id) FROM goals WHERE set_by_id = ? AND deleted_at IS NULL
       UNION SELECT CASE WHEN i.call_id IS NULL THEN 'attempt' ELSE 'call' END, coalesce(i.call_id, i.attempt_id)
         FROM session_items i JOIN review_sessions s ON s.id = i.session_id
         WHERE s.status = 'finished' AND (i.call_id IS NOT NULL OR i.attempt_id IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM team_sessions t WHERE t.session_id = s.id)
       UNION SELECT 'person', ? FROM session_items i JOIN review_sessions s ON s.id = i.session_id
         WHERE i.kind = 'deal' AND s.status = 'finished'
           AND NOT EXISTS (SELECT 1 FROM team_sessions t WHERE t.session_id = s.id)
       ORDER BY kind, id`,
    )
    .all(authorId, authorId, authorId, authorId, authorId, authorId, authorId, authorId) as ChangeSubject[];
  return rows.filter((r) => r.id !== null);
}

/** The subject still exists here (not emptied from the trash). */
export const subjectExists = (db: Database, s: ChangeSubject): boolean =>
  !!(s.kind === 'call'
    ? get(db, sql`SELECT 1 FROM calls WHERE id = ${s.id} AND deleted_at IS NULL`)
    : s.kind === 'attempt'
      ? get(db, sql`SELECT 1 FROM attempts WHERE id = ${s.id} AND deleted_at IS NULL`)
      : get(db, sql`SELECT 1 FROM people WHERE id = ${s.id}`));
