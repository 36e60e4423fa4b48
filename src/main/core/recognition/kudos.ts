import type { Database } from 'better-sqlite3';
import type { BadgeIcon, Id, Kudos, KudosBadge } from '../../../shared/domain';
import { DEFAULT_KUDOS_BADGES } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { requireLiveCall, requireLivePerson } from '../coaching/guards';
import { newId, nowIso } from '../db/ids';
import type { Query } from '../db/sql';
import { all, get, run, sql } from '../db/sql';
import { writeSetting } from '../settings/repository';

// ---- badges: an editable set, like annotation tags ----

export function listBadges(db: Database): KudosBadge[] {
  return all<KudosBadge>(
    db,
    sql`SELECT id, name, icon, position FROM kudos_badges WHERE deleted_at IS NULL ORDER BY position, name, id`,
  );
}

function getBadge(db: Database, id: Id): KudosBadge & { deleted_at: string | null } {
  const row = get<KudosBadge & { deleted_at: string | null }>(
    db,
    sql`SELECT id, name, icon, position, deleted_at FROM kudos_badges WHERE id = ${id}`,
  );
  if (!row) throw new AppError('not_found', 'That badge no longer exists.');
  return row;
}

function requireFreeName(db: Database, name: string, exceptId: Id | null): void {
  const clash = get<{ id: Id }>(
    db,
    sql`SELECT id FROM kudos_badges WHERE name = ${name} AND deleted_at IS NULL AND id IS NOT ${exceptId}`,
  );
  if (clash) throw new AppError('conflict', `There is already a badge called “${name}”.`);
}

export function addBadge(db: Database, input: { name: string; icon: BadgeIcon }): KudosBadge {
  const id = newId();
  db.transaction(() => {
    requireFreeName(db, input.name, null);
    const position =
      get<{ next: number }>(db, sql`SELECT coalesce(max(position), -1) + 1 AS next FROM kudos_badges`)?.next ?? 0;
    const now = nowIso();
    run(
      db,
      sql`INSERT INTO kudos_badges (id, name, icon, position, created_at, updated_at)
          VALUES (${id}, ${input.name}, ${input.icon}, ${position}, ${now}, ${now})`,
    );
  })();
  return getBadge(db, id);
}

export function updateBadge(db: Database, input: { id: Id; name?: string | undefined; icon?: BadgeIcon | undefined }) {
  db.transaction(() => {
    const badge = getBadge(db, input.id);
    if (badge.deleted_at) throw new AppError('not_found', 'That badge was removed.');
    if (input.name !== undefined) requireFreeName(db, input.name, input.id);
    run(
      db,
      sql`UPDATE kudos_badges SET name = coalesce(${input.name}, name), icon = coalesce(${input.icon}, icon),
            updated_at = ${nowIso()} WHERE id = ${input.id}`,
    );
  })();
  const { deleted_at: _deleted, ...badge } = getBadge(db, input.id);
  return badge;
}

export function removeBadge(db: Database, id: Id): void {
  getBadge(db, id);
  run(db, sql`UPDATE kudos_badges SET deleted_at = ${nowIso()}, updated_at = ${nowIso()} WHERE id = ${id}`);
}

const SEEDS_KEY = 'meta.sessionSeeds';
const BADGES_SEED = 'kudos-badges';

/**
 * Gives a library the default badge set once. Like the coaching seeds it runs
 * at start rather than in the migration, and is recorded so badges a team
 * removed never come back.
 */
export function seedKudosBadges(db: Database): void {
  db.transaction(() => {
    const row = get<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${SEEDS_KEY}`);
    const applied = new Set(row ? (JSON.parse(row.value) as string[]) : []);
    if (applied.has(BADGES_SEED)) return;
    const now = nowIso();
    DEFAULT_KUDOS_BADGES.forEach((badge, position) => {
      if (get(db, sql`SELECT id FROM kudos_badges WHERE name = ${badge.name} AND deleted_at IS NULL`)) return;
      run(
        db,
        sql`INSERT INTO kudos_badges (id, name, icon, position, created_at, updated_at)
            VALUES (${newId()}, ${badge.name}, ${badge.icon}, ${position}, ${now}, ${now})`,
      );
    });
    applied.add(BADGES_SEED);
    writeSetting(db, SEEDS_KEY, [...applied].sort());
  })();
}

// ---- kudos ----

interface KudosRow {
  id: Id;
  giver_id: Id;
  giver_name: string;
  recipient_id: Id;
  recipient_name: string;
  badge_id: Id | null;
  badge_name: string | null;
  badge_icon: BadgeIcon | null;
  reason: string;
  call_id: Id | null;
  call_title: string | null;
  annotation_id: Id | null;
  attempt_id: Id | null;
  drill_id: Id | null;
  drill_title: string | null;
  scorecard_id: Id | null;
  at_sec: number | null;
  session_id: Id | null;
  session_title: string | null;
  item_id: Id | null;
  created_at: string;
}

const toKudos = (r: KudosRow): Kudos => ({
  id: r.id,
  giverId: r.giver_id,
  giverName: r.giver_name,
  recipientId: r.recipient_id,
  recipientName: r.recipient_name,
  badgeId: r.badge_id,
  badgeName: r.badge_name,
  badgeIcon: r.badge_icon,
  reason: r.reason,
  callId: r.call_id,
  callTitle: r.call_title,
  annotationId: r.annotation_id,
  attemptId: r.attempt_id,
  drillId: r.drill_id,
  drillTitle: r.drill_title,
  scorecardId: r.scorecard_id,
  atSec: r.at_sec,
  sessionId: r.session_id,
  sessionTitle: r.session_title,
  itemId: r.item_id,
  createdAt: r.created_at,
});

const kudosSelect = sql`SELECT k.id, k.giver_id, g.name AS giver_name, k.recipient_id, r.name AS recipient_name,
    k.badge_id, b.name AS badge_name, b.icon AS badge_icon, k.reason, k.call_id, c.title AS call_title,
    k.annotation_id, k.attempt_id, a.drill_id, d.title AS drill_title, k.scorecard_id, k.at_sec, k.session_id,
    s.title AS session_title, k.item_id, k.created_at
  FROM kudos k
  JOIN people g ON g.id = k.giver_id
  JOIN people r ON r.id = k.recipient_id
  LEFT JOIN kudos_badges b ON b.id = k.badge_id
  LEFT JOIN calls c ON c.id = k.call_id
  LEFT JOIN attempts a ON a.id = k.attempt_id
  LEFT JOIN drills d ON d.id = a.drill_id
  LEFT JOIN review_sessions s ON s.id = k.session_id AND s.deleted_at IS NULL`;

/** What every kudos list leaves out: removed kudos, and kudos on a call or attempt in the trash. */
const liveKudos = sql`k.deleted_at IS NULL AND (c.id IS NULL OR c.deleted_at IS NULL)
  AND (a.id IS NULL OR a.deleted_at IS NULL)`;

export interface KudosFilter {
  callId?: Id | undefined;
  recipientId?: Id | undefined;
  giverId?: Id | undefined;
  sessionId?: Id | undefined;
  /** Given to or by this person. */
  personId?: Id | undefined;
  badgeId?: Id | undefined;
  /** Inclusive ISO dates (YYYY-MM-DD) on the day it was given (UTC). */
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
}

/** Kudos filtered by call, person, badge, session and/or period; in call order for a call, newest first otherwise. */
export function listKudos(db: Database, filter: KudosFilter): Kudos[] {
  const where: Query[] = [liveKudos];
  if (filter.callId) where.push(sql`k.call_id = ${filter.callId}`);
  if (filter.recipientId) where.push(sql`k.recipient_id = ${filter.recipientId}`);
  if (filter.giverId) where.push(sql`k.giver_id = ${filter.giverId}`);
  if (filter.personId) where.push(sql`(k.recipient_id = ${filter.personId} OR k.giver_id = ${filter.personId})`);
  if (filter.sessionId) where.push(sql`k.session_id = ${filter.sessionId}`);
  if (filter.badgeId) where.push(sql`k.badge_id = ${filter.badgeId}`);
  if (filter.from) where.push(sql`substr(k.created_at, 1, 10) >= ${filter.from}`);
  if (filter.to) where.push(sql`substr(k.created_at, 1, 10) <= ${filter.to}`);
  const clause = where.reduce((acc, q) => sql`${acc} AND ${q}`);
  const order = filter.callId ? sql`k.at_sec, k.created_at, k.id` : sql`k.created_at DESC, k.id DESC`;
  const limit = filter.limit ?? -1;
  return all<KudosRow>(db, sql`${kudosSelect} WHERE ${clause} ORDER BY ${order} LIMIT ${limit}`).map(toKudos);
}

export function getKudos(db: Database, id: Id): Kudos {
  const row = get<KudosRow>(db, sql`${kudosSelect} WHERE k.id = ${id}`);
  if (!row) throw new AppError('not_found', 'Those kudos no longer exist.');
  return toKudos(row);
}

export interface GiveKudosInput {
  giverId: Id;
  recipientId: Id;
  badgeId?: Id | null | undefined;
  reason: string;
  callId?: Id | null | undefined;
  annotationId?: Id | null | undefined;
  attemptId?: Id | null | undefined;
  scorecardId?: Id | null | undefined;
  atSec?: number | null | undefined;
  sessionId?: Id | null | undefined;
  itemId?: Id | null | undefined;
}

function requireMoment(db: Database, input: GiveKudosInput): void {
  if (input.callId) {
    const call = requireLiveCall(db, input.callId);
    if ((input.atSec ?? 0) > call.durationSec + 0.001) {
      throw new AppError('invalid_input', `That moment is past the end of “${call.title}”.`);
    }
  }
  if (input.attemptId) {
    const attempt = get<{ duration_sec: number; deleted_at: string | null }>(
      db,
      sql`SELECT duration_sec, deleted_at FROM attempts WHERE id = ${input.attemptId}`,
    );
    if (!attempt || attempt.deleted_at) throw new AppError('not_found', 'That drill attempt no longer exists.');
    if ((input.atSec ?? 0) > attempt.duration_sec + 0.001) {
      throw new AppError('invalid_input', 'That moment is past the end of the attempt.');
    }
  }
}

/**
 * The one place kudos are written (the room's capture and recognition
 * anywhere both come here): never empty, never to oneself, never to or from
 * someone removed, never on a call or attempt in the trash, never with a
 * removed badge.
 */
export function giveKudos(db: Database, input: GiveKudosInput): Kudos {
  const id = newId();
  db.transaction(() => {
    const giver = requireLivePerson(db, input.giverId, 'person giving kudos');
    const recipient = requireLivePerson(db, input.recipientId, 'person receiving kudos');
    if (giver.id === recipient.id) {
      throw new AppError('invalid_input', 'Kudos are for someone else: you can’t give kudos to yourself.');
    }
    if (!input.badgeId && input.reason.trim() === '') {
      throw new AppError('invalid_input', 'Pick a badge or write a message: empty kudos say nothing.');
    }
    if (input.badgeId) {
      const badge = getBadge(db, input.badgeId);
      if (badge.deleted_at) throw new AppError('invalid_input', `The “${badge.name}” badge was removed; pick another.`);
    }
    requireMoment(db, input);
    if (input.itemId) {
      const item = get<{ session_id: Id }>(db, sql`SELECT session_id FROM session_items WHERE id = ${input.itemId}`);
      if (!item || item.session_id !== input.sessionId) {
        throw new AppError('invalid_input', 'That agenda item is not part of this session.');
      }
    }
    if (input.sessionId && !get(db, sql`SELECT id FROM review_sessions WHERE id = ${input.sessionId}`)) {
      throw new AppError('not_found', 'That review session no longer exists.');
    }
    const now = nowIso();
    const hasMoment = Boolean(input.callId || input.attemptId);
    run(
      db,
      sql`INSERT INTO kudos (id, giver_id, recipient_id, badge_id, reason, call_id, annotation_id, attempt_id,
            scorecard_id, at_sec, session_id, item_id, created_at, updated_at)
          VALUES (${id}, ${input.giverId}, ${input.recipientId}, ${input.badgeId ?? null}, ${input.reason.trim()},
            ${input.callId ?? null}, ${input.annotationId ?? null}, ${input.attemptId ?? null},
            ${input.scorecardId ?? null}, ${hasMoment ? (input.atSec ?? 0) : null},
            ${input.sessionId ?? null}, ${input.itemId ?? null}, ${now}, ${now})`,
    );
    notifyKudos(db, id, input.recipientId, now);
  })();
  return getKudos(db, id);
}

/** The receiver hears about kudos in the app (once per kudos, however often it is imported). */
export function notifyKudos(db: Database, kudosId: Id, recipientId: Id, at: string): void {
  run(
    db,
    sql`INSERT INTO notifications (id, person_id, kudos_id, created_at) VALUES (${newId()}, ${recipientId}, ${kudosId}, ${at})
        ON CONFLICT DO NOTHING`,
  );
}

export function removeKudos(db: Database, id: Id): Kudos {
  const kudos = getKudos(db, id);
  run(db, sql`UPDATE kudos SET deleted_at = ${nowIso()}, updated_at = ${nowIso()} WHERE id = ${id}`);
  return kudos;
}
