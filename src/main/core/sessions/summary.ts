import type { Database } from 'better-sqlite3';
import type { Id, PersonSessions, SessionSummary, SessionSummaryItem } from '../../../shared/domain';
import { DEAL_TOPICS, timerElapsedMs } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { all, get, sql } from '../db/sql';
import { listKudos } from '../recognition/kudos';
import { getSession } from './repository';

/**
 * What a session left behind. Built from the stored rows each time (they are
 * the record), so an action item ticked off later shows as done here too.
 * Participation comes from the counts recorded at finish; before that, from
 * the items covered so far.
 */
export function sessionSummary(db: Database, id: Id, nowMs = Date.now()): SessionSummary {
  const session = getSession(db, id);
  const name = new Map(session.participants.map((p) => [p.personId, p.name]));
  const personName = (personId: Id | null) => {
    if (!personId) return null;
    return (
      name.get(personId) ?? get<{ name: string }>(db, sql`SELECT name FROM people WHERE id = ${personId}`)?.name ?? null
    );
  };

  const items: SessionSummaryItem[] = session.items.map((item) => {
    const scores = item.criteria.flatMap((criterion) => {
      const given = session.scores.filter((s) => s.itemId === item.id && s.criterionId === criterion.id);
      if (given.length === 0) return [];
      const mean = given.reduce((sum, s) => sum + s.score, 0) / given.length;
      return [{ criterionName: criterion.name, mean, count: given.length }];
    });
    return {
      id: item.id,
      position: item.position,
      kind: item.kind,
      title: item.title || item.callTitle || item.attemptTitle || 'Untitled item',
      presenterName: personName(item.presenterId),
      plannedSec: item.timeboxSec,
      spentSec: Math.round(timerElapsedMs(item.timer, nowMs) / 1000),
      covered: item.coveredAt !== null,
      scores,
      dealNotes:
        item.kind === 'deal'
          ? DEAL_TOPICS.map((topic) => ({ topic, body: item.dealNotes[topic] })).filter((n) => n.body.trim())
          : [],
    };
  });

  const recorded = new Map(
    all<{
      person_id: Id;
      presented_count: number;
      reviewed_count: number;
      facilitated_count: number;
    }>(
      db,
      sql`SELECT person_id, presented_count, reviewed_count, facilitated_count FROM session_participants
          WHERE session_id = ${id}`,
    ).map((r) => [r.person_id, r]),
  );
  const covered = session.items.filter((i) => i.coveredAt !== null);
  const people = session.participants.map((p) => {
    const stored = recorded.get(p.personId);
    const finished = session.status === 'finished' && stored;
    return {
      personId: p.personId,
      name: p.name,
      attended: p.attended,
      presented: finished ? stored.presented_count : covered.filter((i) => i.presenterId === p.personId).length,
      reviewed: finished ? stored.reviewed_count : covered.filter((i) => i.reviewerIds.includes(p.personId)).length,
      facilitated: finished ? stored.facilitated_count : covered.filter((i) => i.facilitatorId === p.personId).length,
      feedback: session.feedback.filter((f) => f.subjectId === p.personId),
      feedbackGiven: session.feedback.filter((f) => f.authorId === p.personId),
      kudos: session.kudos.filter((k) => k.recipientId === p.personId),
    };
  });

  return {
    id: session.id,
    title: session.title,
    date: session.date,
    status: session.status,
    startedAt: session.startedAt,
    finishedAt: session.finishedAt,
    notes: session.notes,
    items,
    plannedSec: items.reduce((sum, i) => sum + i.plannedSec, 0),
    spentSec: items.reduce((sum, i) => sum + i.spentSec, 0),
    people,
    actionItems: session.actionItems.map((a) => ({ ...a, ownerName: personName(a.ownerId) })),
    kudos: session.kudos,
  };
}

export function personSessions(db: Database, personId: Id): PersonSessions {
  if (!get(db, sql`SELECT id FROM people WHERE id = ${personId}`)) {
    throw new AppError('not_found', 'That person no longer exists.');
  }
  const totals = get<{
    sessions: number;
    attended: number | null;
    presented: number | null;
    reviewed: number | null;
    facilitated: number | null;
  }>(
    db,
    sql`SELECT count(*) AS sessions, sum(p.attended) AS attended, sum(p.presented_count) AS presented,
          sum(p.reviewed_count) AS reviewed, sum(p.facilitated_count) AS facilitated
        FROM session_participants p JOIN review_sessions s ON s.id = p.session_id
        WHERE p.person_id = ${personId} AND s.status = 'finished' AND s.deleted_at IS NULL`,
  );
  return {
    personId,
    kudos: listKudos(db, { recipientId: personId }),
    participation: {
      sessions: totals?.sessions ?? 0,
      attended: totals?.attended ?? 0,
      presented: totals?.presented ?? 0,
      reviewed: totals?.reviewed ?? 0,
      facilitated: totals?.facilitated ?? 0,
    },
  };
}
