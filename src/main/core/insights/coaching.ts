/**
 * Coaching activity: who reviews, who is reviewed, what is left open, and
 * whether reviewers agree — over a period. Counts of reviews are not scores
 * and are shown to everyone; reviewer agreement is computed from scores, so
 * only scorecards that pass the blind rule for the person asking count.
 */
import type { Database } from 'better-sqlite3';
import type { CoachingActivity, Id } from '../../../shared/domain';
import { intervalAlphaFromSums } from '../coaching/statistics';
import { all, get, sql } from '../db/sql';
import { scorecardVisibleTo } from '../policy';
import { inTeam } from './team-filter';

export interface ActivityPeriod {
  from: string;
  to: string;
  /** "Today" for overdue action items; the caller's clock, so tests can pin it. */
  today: string;
  /** Only the people of this team (and the calls of its reps). */
  teamId?: Id | null | undefined;
}

/** Submitted, live scorecards in the period, with whom they are about (the call's rep or the attempt's owner). */
const submittedInPeriod = (p: ActivityPeriod) => sql`
  SELECT s.id, s.reviewer_id, s.reviewer_kind, s.call_id, s.attempt_id, s.submitted_at,
         coalesce(c.rep_id, a.person_id) AS subject_id
    FROM scorecards s
    LEFT JOIN calls c ON c.id = s.call_id AND c.deleted_at IS NULL
    LEFT JOIN attempts a ON a.id = s.attempt_id AND a.deleted_at IS NULL
   WHERE s.status = 'submitted' AND s.deleted_at IS NULL
     AND (c.id IS NOT NULL OR a.id IS NOT NULL)
     AND substr(s.submitted_at, 1, 10) BETWEEN ${p.from} AND ${p.to}`;

export function coachingActivity(db: Database, actorId: Id, p: ActivityPeriod): CoachingActivity {
  const people = all<{
    id: string;
    name: string;
    role: CoachingActivity['people'][number]['role'];
    given: number;
    self_reviews: number;
    received: number;
    feedback: number;
    sessions: number;
    open_items: number;
    overdue_items: number;
  }>(
    db,
    // Each count is one grouped pass over its table, joined to people — not a subquery per person.
    sql`WITH s AS MATERIALIZED (${submittedInPeriod(p)}),
        reviews AS (
          SELECT reviewer_id AS id, count(*) FILTER (WHERE reviewer_kind <> 'self') AS given,
                 count(*) FILTER (WHERE reviewer_kind = 'self') AS self_reviews
            FROM s GROUP BY reviewer_id),
        reviewed AS (SELECT subject_id AS id, count(*) AS received FROM s WHERE reviewer_kind <> 'self' GROUP BY subject_id),
        notes AS (
          SELECT an.author_id AS id, count(*) AS n FROM annotations an
            JOIN calls c ON c.id = an.call_id AND c.deleted_at IS NULL
           WHERE an.deleted_at IS NULL AND substr(an.created_at, 1, 10) BETWEEN ${p.from} AND ${p.to}
           GROUP BY an.author_id),
        said AS (
          SELECT f.author_id AS id, count(*) AS n FROM session_feedback f
           WHERE f.deleted_at IS NULL AND substr(f.created_at, 1, 10) BETWEEN ${p.from} AND ${p.to}
           GROUP BY f.author_id),
        attended AS (
          SELECT sp.person_id AS id, count(*) AS n FROM session_participants sp
            JOIN review_sessions rs ON rs.id = sp.session_id AND rs.deleted_at IS NULL
           WHERE sp.attended = 1 AND rs.session_date BETWEEN ${p.from} AND ${p.to}
           GROUP BY sp.person_id),
        items AS (
          SELECT ai.owner_id AS id, count(*) AS open,
                 count(*) FILTER (WHERE ai.due_date IS NOT NULL AND ai.due_date < ${p.today}) AS overdue
            FROM action_items ai WHERE ai.done_at IS NULL AND ai.deleted_at IS NULL
           GROUP BY ai.owner_id)
        SELECT p.id, p.name, p.role,
               coalesce(r.given, 0) AS given, coalesce(r.self_reviews, 0) AS self_reviews,
               coalesce(d.received, 0) AS received,
               coalesce(n.n, 0) + coalesce(f.n, 0) AS feedback,
               coalesce(a.n, 0) AS sessions,
               coalesce(i.open, 0) AS open_items, coalesce(i.overdue, 0) AS overdue_items
          FROM people p
          LEFT JOIN reviews r ON r.id = p.id
          LEFT JOIN reviewed d ON d.id = p.id
          LEFT JOIN notes n ON n.id = p.id
          LEFT JOIN said f ON f.id = p.id
          LEFT JOIN attended a ON a.id = p.id
          LEFT JOIN items i ON i.id = p.id
       WHERE p.deleted_at IS NULL AND ${inTeam(sql`p.id`, p.teamId)}
       ORDER BY lower(p.name), p.id`,
  );

  const calls = get<{ imported: number; reviewed: number }>(
    db,
    sql`SELECT count(*) AS imported,
               count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM scorecards s WHERE s.call_id = c.id AND s.status = 'submitted'
                    AND s.deleted_at IS NULL AND s.reviewer_kind <> 'self')) AS reviewed
          FROM calls c
         WHERE c.deleted_at IS NULL AND c.is_sample = 0 AND ${inTeam(sql`c.rep_id`, p.teamId)}
           AND substr(c.created_at, 1, 10) BETWEEN ${p.from} AND ${p.to}`,
  ) ?? { imported: 0, reviewed: 0 };

  return {
    people: people.map((r) => ({
      personId: r.id,
      name: r.name,
      role: r.role,
      reviewsGiven: r.given,
      selfReviews: r.self_reviews,
      reviewsReceived: r.received,
      feedbackWritten: r.feedback,
      sessionsAttended: r.sessions,
      openActionItems: r.open_items,
      overdueActionItems: r.overdue_items,
    })),
    calls: { imported: calls.imported, reviewed: calls.reviewed },
    agreement: agreementByMonth(db, actorId, p),
  };
}

/**
 * Krippendorff's alpha per month over peer and coach reviewers (a
 * self-review is shown beside calibration, never counted as a reviewer):
 * one unit per call × criterion, from the scorecards the actor may see.
 * SQLite sums each unit's scores and squares and each month's totals, so a
 * year of a 10,000-call team is a dozen rows here, not every score
 * (`intervalAlphaFromSums` is the same alpha from those sums).
 */
function agreementByMonth(db: Database, actorId: Id, p: ActivityPeriod): CoachingActivity['agreement'] {
  const months = all<{ month_key: string; calls: number; n: number; sum: number; squares: number; observed: number }>(
    db,
    sql`WITH visible AS MATERIALIZED (
          SELECT s.id, s.call_id, s.submitted_at FROM scorecards s
            JOIN calls c ON c.id = s.call_id AND c.deleted_at IS NULL
           WHERE s.status = 'submitted' AND s.deleted_at IS NULL AND s.reviewer_kind <> 'self'
             AND substr(s.submitted_at, 1, 10) BETWEEN ${p.from} AND ${p.to}
             AND ${scorecardVisibleTo(actorId)} AND ${inTeam(sql`c.rep_id`, p.teamId)}),
        scored AS (
          SELECT v.call_id, substr(v.submitted_at, 1, 7) AS month, ss.criterion_id, ss.score
            FROM visible v JOIN scorecard_scores ss ON ss.scorecard_id = v.id AND ss.score IS NOT NULL
           WHERE v.call_id IN (SELECT call_id FROM visible GROUP BY call_id HAVING count(*) >= 2)),
        -- A call's units count in the month of its latest scored submission: one call is never split across months.
        month_of AS (SELECT call_id, max(month) AS month FROM scored GROUP BY call_id),
        units AS (
          SELECT call_id, criterion_id, count(*) AS m, sum(score) AS s, sum(score * score) AS q
            FROM scored GROUP BY call_id, criterion_id)
        SELECT o.month AS month_key,
               count(DISTINCT u.call_id) FILTER (WHERE u.m >= 2) AS calls,
               coalesce(sum(u.m) FILTER (WHERE u.m >= 2), 0) AS n,
               coalesce(sum(u.s) FILTER (WHERE u.m >= 2), 0) AS sum,
               coalesce(sum(u.q) FILTER (WHERE u.m >= 2), 0) AS squares,
               coalesce(sum((2.0 * u.m * u.q - 2.0 * u.s * u.s) / (u.m - 1)) FILTER (WHERE u.m >= 2), 0) AS observed
          FROM units u JOIN month_of o USING (call_id)
         GROUP BY month_key ORDER BY month_key`,
  );
  return months.map((m) => ({ month: m.month_key, alpha: intervalAlphaFromSums(m), calls: m.calls }));
}
