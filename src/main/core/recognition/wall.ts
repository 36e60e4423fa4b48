import type { Database } from 'better-sqlite3';
import type { AppNotification, Id, NotificationList, PersonRecognition, WallItem } from '../../../shared/domain';
import { nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';
import { getPerson } from '../people/repository';
import { listCelebrations } from './celebrations';
import { getKudos, listKudos } from './kudos';

export interface WallFilter {
  personId?: Id | undefined;
  badgeId?: Id | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

/**
 * The team's recognition feed: kudos and celebrations, newest first, ties
 * broken by id. A badge filter shows kudos only (celebrations have none).
 */
export function wall(db: Database, filter: WallFilter): WallItem[] {
  const kudos: WallItem[] = listKudos(db, {
    personId: filter.personId,
    badgeId: filter.badgeId,
    from: filter.from,
    to: filter.to,
    limit: filter.limit,
  }).map((k) => ({ type: 'kudos', id: k.id, at: k.createdAt, kudos: k }));
  const celebrations: WallItem[] = filter.badgeId
    ? []
    : listCelebrations(db, { personId: filter.personId, from: filter.from, to: filter.to, limit: filter.limit }).map(
        (c) => ({ type: 'celebration', id: c.id, at: c.occurredAt, celebration: c }),
      );
  return [...kudos, ...celebrations]
    .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1))
    .slice(0, filter.limit);
}

export function personRecognition(db: Database, personId: Id): PersonRecognition {
  getPerson(db, personId);
  return {
    personId,
    received: listKudos(db, { recipientId: personId }),
    given: listKudos(db, { giverId: personId }),
    celebrations: listCelebrations(db, { personId }),
  };
}

/** The person's notifications, newest first (the 50 latest), and how many are unread. */
export function notificationsFor(db: Database, personId: Id): NotificationList {
  const rows = all<{
    id: Id;
    kudos_id: Id | null;
    celebration_id: Id | null;
    created_at: string;
    read_at: string | null;
  }>(
    db,
    sql`SELECT n.id, n.kudos_id, n.celebration_id, n.created_at, n.read_at FROM notifications n
        LEFT JOIN kudos k ON k.id = n.kudos_id
        WHERE n.person_id = ${personId} AND (n.kudos_id IS NULL OR k.deleted_at IS NULL)
        ORDER BY n.created_at DESC, n.id DESC LIMIT 50`,
  );
  const celebrations = new Map(
    listCelebrations(db, { ids: rows.flatMap((r) => (r.celebration_id ? [r.celebration_id] : [])) }).map((c) => [
      c.id,
      c,
    ]),
  );
  const items: AppNotification[] = rows.map((r) => ({
    id: r.id,
    at: r.created_at,
    read: r.read_at !== null,
    kudos: r.kudos_id ? getKudos(db, r.kudos_id) : null,
    celebration: r.celebration_id ? (celebrations.get(r.celebration_id) ?? null) : null,
  }));
  const unread =
    get<{ n: number }>(
      db,
      sql`SELECT count(*) AS n FROM notifications n LEFT JOIN kudos k ON k.id = n.kudos_id
          WHERE n.person_id = ${personId} AND n.read_at IS NULL AND (n.kudos_id IS NULL OR k.deleted_at IS NULL)`,
    )?.n ?? 0;
  return { unread, items };
}

export function markRead(db: Database, personId: Id, ids: Id[] | undefined): void {
  const now = nowIso();
  if (ids === undefined) {
    run(db, sql`UPDATE notifications SET read_at = ${now} WHERE person_id = ${personId} AND read_at IS NULL`);
    return;
  }
  run(
    db,
    sql`UPDATE notifications SET read_at = ${now}
        WHERE person_id = ${personId} AND read_at IS NULL AND id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  );
}
