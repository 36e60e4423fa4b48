/**
 * Recognition in packets: kudos and celebrations travel with the call or
 * attempt they are about, with stable ids, like annotations.
 *
 * - collect: the kudos on the subject (a moment, an annotation, a scorecard
 *   the packet carries) and its celebrations, with the badges they use.
 * - plan: a badge matches by id, then by name, else it is added; a kudos is
 *   added when its id is unknown and left alone otherwise (kudos are never
 *   edited); a celebration is added unless this library already has one with
 *   the same natural key (kind, person, subject, period), so two machines'
 *   packets celebrating the same personal best end as one.
 * - apply: writes the plan inside the import's transaction.
 *
 * Kept in named functions so team sync can write the same rows as change files.
 */
import type { Database } from 'better-sqlite3';
import type { BadgeIcon, CelebrationKind, Id } from '../../../shared/domain';
import type { PacketBadge, PacketCelebration, PacketKudos, PacketReview } from '../../../shared/packets';
import type { MergeAction, MergeItem } from '../../../shared/packets/types';
import { nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';
import { recordCelebrations } from './celebrations';
import { notifyKudos } from './kudos';

export interface CollectedRecognition {
  badges: PacketBadge[];
  kudos: PacketKudos[];
  celebrations: PacketCelebration[];
  /** People the kudos and celebrations name (the packet must carry them). */
  people: Id[];
}

/**
 * Kudos and celebrations about a call or an attempt. `scorecardIds`: the
 * scorecards the packet carries (kudos on any other scorecard stay home, as
 * that scorecard does).
 */
export function collectRecognition(
  db: Database,
  subject: { callId: Id } | { attemptId: Id },
  scorecardIds: ReadonlySet<Id>,
  annotationIds: ReadonlySet<Id>,
): CollectedRecognition {
  const on = 'callId' in subject ? sql`k.call_id = ${subject.callId}` : sql`k.attempt_id = ${subject.attemptId}`;
  const rows = all<{
    id: Id;
    giver_id: Id;
    recipient_id: Id;
    badge_id: Id | null;
    reason: string;
    annotation_id: Id | null;
    scorecard_id: Id | null;
    at_sec: number | null;
    created_at: string;
    updated_at: string;
  }>(
    db,
    sql`SELECT k.id, k.giver_id, k.recipient_id, k.badge_id, k.reason, k.annotation_id, k.scorecard_id, k.at_sec,
          k.created_at, k.updated_at
        FROM kudos k WHERE ${on} AND k.deleted_at IS NULL AND k.giver_id <> k.recipient_id
        ORDER BY k.created_at, k.id`,
  ).filter(
    (k) =>
      (k.scorecard_id === null || scorecardIds.has(k.scorecard_id)) &&
      (k.annotation_id === null || annotationIds.has(k.annotation_id)),
  );
  const kudos: PacketKudos[] = rows.map((k) => ({
    id: k.id,
    giverId: k.giver_id,
    recipientId: k.recipient_id,
    badgeId: k.badge_id,
    reason: k.reason,
    annotationId: k.annotation_id,
    scorecardId: k.scorecard_id,
    atSec: k.at_sec,
    createdAt: k.created_at,
    updatedAt: k.updated_at,
  }));
  const badgeIds = [...new Set(kudos.flatMap((k) => (k.badgeId ? [k.badgeId] : [])))];
  const badges = badgeIds.flatMap((id) => {
    const b = get<{ id: Id; name: string; icon: BadgeIcon }>(
      db,
      sql`SELECT id, name, icon FROM kudos_badges WHERE id = ${id}`,
    );
    return b ? [b] : [];
  });
  const celebrationOn =
    'callId' in subject ? sql`e.call_id = ${subject.callId}` : sql`e.attempt_id = ${subject.attemptId}`;
  const celebrations = all<{
    id: Id;
    kind: CelebrationKind;
    person_id: Id;
    subject_key: string;
    period: string;
    title: string;
    scorecard_id: Id | null;
    occurred_at: string;
  }>(
    db,
    sql`SELECT e.id, e.kind, e.person_id, e.subject_key, e.period, e.title, e.scorecard_id, e.occurred_at
        FROM celebrations e WHERE ${celebrationOn} ORDER BY e.occurred_at, e.id`,
  ).map((e) => ({
    id: e.id,
    kind: e.kind,
    personId: e.person_id,
    subjectKey: e.subject_key,
    period: e.period,
    title: e.title,
    // A celebration's scorecard travels only when the packet carries it.
    scorecardId: e.scorecard_id && scorecardIds.has(e.scorecard_id) ? e.scorecard_id : null,
    occurredAt: e.occurred_at,
  }));
  const people = [
    ...new Set([...kudos.flatMap((k) => [k.giverId, k.recipientId]), ...celebrations.map((c) => c.personId)]),
  ];
  return { badges, kudos, celebrations, people };
}

export interface RecognitionPlan {
  /** Packet badge id → this library's badge id. */
  badgeMap: Map<Id, Id>;
  newBadges: PacketBadge[];
  kudos: Array<{ kudos: PacketKudos; action: MergeAction }>;
  celebrations: Array<{ celebration: PacketCelebration; action: MergeAction }>;
}

/** What importing the packet's recognition would do; notes a preview row for each thing. */
export function planRecognition(
  db: Database,
  review: PacketReview,
  pid: (id: Id) => Id,
  note: (item: MergeItem) => void,
): RecognitionPlan {
  const nameOf = (id: Id) => review.people.find((p) => p.id === id)?.name ?? 'someone';
  const badgeMap = new Map<Id, Id>();
  const newBadges: PacketBadge[] = [];
  for (const b of review.badges) {
    const local =
      get<{ id: Id }>(db, sql`SELECT id FROM kudos_badges WHERE id = ${b.id}`) ??
      get<{ id: Id }>(db, sql`SELECT id FROM kudos_badges WHERE name = ${b.name} AND deleted_at IS NULL`);
    badgeMap.set(b.id, local?.id ?? b.id);
    if (!local) newBadges.push(b);
    note({ kind: 'badge', id: b.id, action: local ? 'unchanged' : 'add', label: `Badge “${b.name}”`, detail: null });
  }
  const kudos: RecognitionPlan['kudos'] = review.kudos.map((k) => {
    const local = get<{ deleted_at: string | null }>(db, sql`SELECT deleted_at FROM kudos WHERE id = ${k.id}`);
    const action: MergeAction = !local ? 'add' : local.deleted_at ? 'skip' : 'unchanged';
    note({
      kind: 'kudos',
      id: k.id,
      action,
      label: `Kudos from ${nameOf(k.giverId)} to ${nameOf(k.recipientId)}`,
      detail: action === 'skip' ? 'Taken back here; left that way.' : null,
    });
    return { kudos: k, action };
  });
  const celebrations: RecognitionPlan['celebrations'] = review.celebrations.map((c) => {
    const known = get(
      db,
      sql`SELECT 1 AS ok FROM celebrations
          WHERE id = ${c.id} OR (kind = ${c.kind} AND person_id = ${pid(c.personId)} AND subject_key = ${c.subjectKey}
            AND period = ${c.period})`,
    );
    const action: MergeAction = known ? 'unchanged' : 'add';
    note({
      kind: 'celebration',
      id: c.id,
      action,
      label: `${c.title} (${nameOf(c.personId)})`,
      detail: known ? 'Already celebrated here.' : null,
    });
    return { celebration: c, action };
  });
  return { badgeMap, newBadges, kudos, celebrations };
}

/**
 * Writes the recognition of a packet. `subject`: the local call or attempt
 * the packet is about. Runs inside the import's transaction.
 */
export function applyRecognition(
  db: Database,
  plan: RecognitionPlan,
  subject: { callId: Id | null; attemptId: Id | null },
  pid: (id: Id) => Id,
): void {
  const now = nowIso();
  for (const b of plan.newBadges) {
    const position = get<{ n: number }>(db, sql`SELECT coalesce(max(position) + 1, 0) AS n FROM kudos_badges`)?.n ?? 0;
    run(
      db,
      sql`INSERT INTO kudos_badges (id, name, icon, position, created_at, updated_at)
          VALUES (${b.id}, ${b.name}, ${b.icon}, ${position}, ${now}, ${now})`,
    );
  }
  for (const { kudos: k, action } of plan.kudos) {
    if (action !== 'add') continue;
    const giver = pid(k.giverId);
    const recipient = pid(k.recipientId);
    // Two records merged into one person on this side: kudos to oneself are not kept.
    if (giver === recipient) continue;
    run(
      db,
      sql`INSERT INTO kudos (id, giver_id, recipient_id, badge_id, reason, call_id, annotation_id, attempt_id,
            scorecard_id, at_sec, created_at, updated_at)
          VALUES (${k.id}, ${giver}, ${recipient}, ${k.badgeId ? (plan.badgeMap.get(k.badgeId) ?? k.badgeId) : null},
            ${k.reason}, ${subject.callId}, ${subject.callId ? k.annotationId : null}, ${subject.attemptId},
            ${k.scorecardId}, ${k.atSec ?? (subject.callId || subject.attemptId ? 0 : null)}, ${k.createdAt},
            ${k.updatedAt})`,
    );
    notifyKudos(db, k.id, recipient, now);
  }
  recordCelebrations(
    db,
    plan.celebrations
      .filter((c) => c.action === 'add')
      .map(({ celebration: c }) => ({
        id: c.id,
        kind: c.kind,
        personId: pid(c.personId),
        subjectKey: c.subjectKey,
        period: c.period,
        title: c.title,
        occurredAt: c.occurredAt,
        callId: subject.callId,
        attemptId: subject.attemptId,
        scorecardId: c.scorecardId,
      })),
  );
}
