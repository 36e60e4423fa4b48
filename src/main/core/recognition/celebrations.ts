/**
 * Automatic celebrations: milestones read from the data, so nobody has to
 * remember them. Each rule lists the celebrations the library's data
 * supports; `recordCelebrations` inserts the ones not yet there. The natural
 * key (kind, person, subject, period) is UNIQUE in the table, so running the
 * rules again, importing the same data twice or two packets that celebrate
 * the same personal best all leave exactly one row. A celebration, once
 * recorded, stays (a best later beaten is still a best that happened).
 *
 * Titles name the milestone, never a score: the wall is open to everyone,
 * and scores follow the blind rule.
 */
import type { Database } from 'better-sqlite3';
import type { Celebration, CelebrationKind, Id } from '../../../shared/domain';
import { newId, nowIso } from '../db/ids';
import type { Query } from '../db/sql';
import { all, run, sql } from '../db/sql';
import { goalReachedCandidates } from './goals';

export interface CelebrationCandidate {
  kind: CelebrationKind;
  personId: Id;
  subjectKey: string;
  period: string;
  title: string;
  occurredAt: string;
  callId?: Id | null;
  attemptId?: Id | null;
  drillId?: Id | null;
  scorecardId?: Id | null;
  goalId?: Id | null;
}

/** Days in a row with a kept attempt that are worth a celebration. */
export const STREAK_MILESTONES = [3, 7, 14, 30] as const;
/** How much a criterion's average must rise over the previous month to celebrate. */
export const CRITERION_RISE = 0.5;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Each submitted, live scorecard's weighted overall (unscored criteria left
 * out, like the scorecard itself), for the scorecards `where` selects.
 */
function scorecardOveralls(
  db: Database,
  where: Query,
): Array<{ scorecard_id: Id; call_id: Id | null; attempt_id: Id | null; overall: number; submitted_at: string }> {
  return all(
    db,
    sql`SELECT s.id AS scorecard_id, s.call_id, s.attempt_id, s.submitted_at,
          round(sum(rc.weight * sc.score) / sum(rc.weight), 2) AS overall
        FROM scorecards s
        JOIN scorecard_scores sc ON sc.scorecard_id = s.id AND sc.score IS NOT NULL
        JOIN rubric_criteria rc ON rc.id = sc.criterion_id
        WHERE s.status = 'submitted' AND s.deleted_at IS NULL AND ${where}
        GROUP BY s.id ORDER BY s.submitted_at, s.id`,
  );
}

/**
 * A new personal best on a drill: a scored attempt better than every earlier
 * scored attempt of the same person at the same drill. The first scored
 * attempt is the baseline, not a best. An attempt's score is the mean of its
 * submitted scorecards (as the drill history shows it).
 */
export function personalBestCandidates(db: Database): CelebrationCandidate[] {
  const attempts = all<{ id: Id; drill_id: Id; drill_title: string; person_id: Id; created_at: string }>(
    db,
    sql`SELECT a.id, a.drill_id, d.title AS drill_title, a.person_id, a.created_at
        FROM attempts a JOIN drills d ON d.id = a.drill_id
        WHERE a.deleted_at IS NULL AND a.person_id IS NOT NULL
        ORDER BY a.person_id, a.drill_id, a.created_at, a.id`,
  );
  const scores = new Map<Id, { sum: number; n: number; last: string }>();
  for (const o of scorecardOveralls(db, sql`s.attempt_id IS NOT NULL`)) {
    const entry = scores.get(o.attempt_id as Id) ?? { sum: 0, n: 0, last: o.submitted_at };
    entry.sum += o.overall;
    entry.n += 1;
    if (o.submitted_at > entry.last) entry.last = o.submitted_at;
    scores.set(o.attempt_id as Id, entry);
  }
  const out: CelebrationCandidate[] = [];
  let group = '';
  let best: number | null = null;
  for (const a of attempts) {
    const key = `${a.person_id}\u0000${a.drill_id}`;
    if (key !== group) {
      group = key;
      best = null;
    }
    const s = scores.get(a.id);
    if (!s) continue;
    const score = round2(s.sum / s.n);
    if (best !== null && score > best) {
      out.push({
        kind: 'personal_best',
        personId: a.person_id,
        subjectKey: a.drill_id,
        period: a.id,
        title: `New personal best on “${a.drill_title}”`,
        occurredAt: s.last,
        attemptId: a.id,
        drillId: a.drill_id,
      });
    }
    if (best === null || score > best) best = score;
  }
  return out;
}

/** Days (UTC) from an ISO date, for counting runs. */
export const dayNumber = (isoDate: string) => Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);

/**
 * A practice streak: N days in a row (UTC dates) with at least one kept
 * attempt, for each milestone N reached. The streak's first day is its
 * period, so a streak that goes on to 7 days celebrates 3 and 7 once each,
 * and a new streak later celebrates again.
 */
export function streakCandidates(db: Database): CelebrationCandidate[] {
  // One row per person and day: (person_id, day_key) is the whole key.
  const days = all<{ person_id: Id; day_key: string; first_at: string }>(
    db,
    sql`SELECT person_id, substr(created_at, 1, 10) AS day_key, min(created_at) AS first_at
        FROM attempts WHERE deleted_at IS NULL AND person_id IS NOT NULL
        GROUP BY person_id, day_key ORDER BY person_id, day_key`,
  );
  const out: CelebrationCandidate[] = [];
  let person = '';
  let start = '';
  let length = 0;
  let previous = 0;
  for (const d of days) {
    const n = dayNumber(d.day_key);
    if (d.person_id !== person || n !== previous + 1) {
      person = d.person_id;
      start = d.day_key;
      length = 0;
    }
    length += 1;
    previous = n;
    if ((STREAK_MILESTONES as readonly number[]).includes(length)) {
      out.push({
        kind: 'streak',
        personId: d.person_id,
        subjectKey: `days:${length}`,
        period: start,
        title: `${length}-day practice streak`,
        occurredAt: d.first_at,
      });
    }
  }
  return out;
}

/** The month (YYYY-MM) before `month`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * A criterion's average up by at least 0.5 over the rep's previous month:
 * submitted scores on the rep's live calls, by the call's month (the call
 * date, or when it was imported), compared with the calendar month before.
 * Criteria are matched across rubric versions by their key.
 */
export function criterionUpCandidates(db: Database): CelebrationCandidate[] {
  // One row per rep, criterion and month: (person_id, key, month_key) is the whole key.
  const rows = all<{ person_id: Id; key: string; name: string; month_key: string; avg: number; last: string }>(
    db,
    sql`SELECT c.rep_id AS person_id, rc.key, max(rc.name) AS name,
          substr(coalesce(c.call_date, c.created_at), 1, 7) AS month_key,
          avg(sc.score) AS avg, max(s.submitted_at) AS last
        FROM scorecard_scores sc
        JOIN scorecards s ON s.id = sc.scorecard_id
        JOIN rubric_criteria rc ON rc.id = sc.criterion_id
        JOIN calls c ON c.id = s.call_id
        WHERE s.status = 'submitted' AND s.deleted_at IS NULL AND c.deleted_at IS NULL AND c.rep_id IS NOT NULL
          AND sc.score IS NOT NULL
        GROUP BY c.rep_id, rc.key, month_key ORDER BY c.rep_id, rc.key, month_key`,
  );
  const byKey = new Map(rows.map((r) => [`${r.person_id}\u0000${r.key}\u0000${r.month_key}`, r]));
  const out: CelebrationCandidate[] = [];
  for (const r of rows) {
    const before = byKey.get(`${r.person_id}\u0000${r.key}\u0000${previousMonth(r.month_key)}`);
    if (!before || r.avg - before.avg < CRITERION_RISE - 1e-9) continue;
    out.push({
      kind: 'criterion_up',
      personId: r.person_id,
      subjectKey: r.key,
      period: r.month_key,
      title: `“${r.name}” up over the month before`,
      occurredAt: r.last,
    });
  }
  return out;
}

/** The first call a rep reviewed themselves (a submitted scorecard by the call's rep). */
export function firstSelfReviewCandidates(db: Database): CelebrationCandidate[] {
  const rows = all<{ person_id: Id; scorecard_id: Id; call_id: Id; title: string; submitted_at: string }>(
    db,
    sql`SELECT c.rep_id AS person_id, s.id AS scorecard_id, c.id AS call_id, c.title, s.submitted_at
        FROM scorecards s JOIN calls c ON c.id = s.call_id
        WHERE s.status = 'submitted' AND s.deleted_at IS NULL AND c.deleted_at IS NULL AND s.reviewer_id = c.rep_id
        ORDER BY c.rep_id, s.submitted_at, s.id`,
  );
  const seen = new Set<Id>();
  const out: CelebrationCandidate[] = [];
  for (const r of rows) {
    if (seen.has(r.person_id)) continue;
    seen.add(r.person_id);
    out.push({
      kind: 'first_self_review',
      personId: r.person_id,
      subjectKey: 'call',
      period: '',
      title: `First call self-reviewed: “${r.title}”`,
      occurredAt: r.submitted_at,
      callId: r.call_id,
      scorecardId: r.scorecard_id,
    });
  }
  return out;
}

/**
 * Every action item of a scorecard done: for the person the scorecard is
 * about (the call's rep, the attempt's owner), once per scorecard.
 */
export function actionItemsDoneCandidates(db: Database): CelebrationCandidate[] {
  const rows = all<{ scorecard_id: Id; person_id: Id | null; call_id: Id | null; attempt_id: Id | null; done: string }>(
    db,
    sql`SELECT s.id AS scorecard_id, coalesce(c.rep_id, a.person_id) AS person_id, s.call_id, s.attempt_id,
          max(i.done_at) AS done
        FROM action_items i
        JOIN scorecards s ON s.id = i.scorecard_id
        LEFT JOIN calls c ON c.id = s.call_id
        LEFT JOIN attempts a ON a.id = s.attempt_id
        WHERE i.deleted_at IS NULL AND s.deleted_at IS NULL AND s.status = 'submitted'
        GROUP BY s.id
        HAVING count(*) > 0 AND count(i.done_at) = count(*)
        ORDER BY s.id`,
  );
  return rows
    .filter((r): r is typeof r & { person_id: Id } => r.person_id !== null)
    .map((r) => ({
      kind: 'action_items_done' as const,
      personId: r.person_id,
      subjectKey: r.scorecard_id,
      period: '',
      title: 'Every action item of a scorecard done',
      occurredAt: r.done,
      callId: r.call_id,
      attemptId: r.attempt_id,
      scorecardId: r.scorecard_id,
    }));
}

/**
 * Inserts the candidates not yet recorded (by natural key), with a
 * notification for each person celebrated. Returns the new celebrations.
 * `id` may be given (a packet's celebration keeps its id when it is new).
 */
export function recordCelebrations(db: Database, candidates: ReadonlyArray<CelebrationCandidate & { id?: Id }>): Id[] {
  const added: Id[] = [];
  const now = nowIso();
  db.transaction(() => {
    for (const c of candidates) {
      const id = c.id ?? newId();
      const result = run(
        db,
        sql`INSERT INTO celebrations (id, kind, person_id, subject_key, period, title, call_id, attempt_id, drill_id,
              scorecard_id, goal_id, occurred_at, created_at)
            SELECT ${id}, ${c.kind}, ${c.personId}, ${c.subjectKey}, ${c.period}, ${c.title},
              (SELECT id FROM calls WHERE id = ${c.callId ?? null}),
              (SELECT id FROM attempts WHERE id = ${c.attemptId ?? null}),
              (SELECT id FROM drills WHERE id = ${c.drillId ?? null}),
              (SELECT id FROM scorecards WHERE id = ${c.scorecardId ?? null}),
              (SELECT id FROM goals WHERE id = ${c.goalId ?? null}),
              ${c.occurredAt}, ${now}
            WHERE EXISTS (SELECT 1 FROM people WHERE id = ${c.personId})
            ON CONFLICT DO NOTHING`,
      );
      if (result.changes === 0) continue;
      added.push(id);
      run(
        db,
        sql`INSERT INTO notifications (id, person_id, celebration_id, created_at)
            VALUES (${newId()}, ${c.personId}, ${id}, ${now}) ON CONFLICT DO NOTHING`,
      );
    }
  })();
  return added;
}

/** Runs every rule over the library and records what is new. */
export function recomputeCelebrations(db: Database): Id[] {
  const candidates = [
    ...personalBestCandidates(db),
    ...streakCandidates(db),
    ...criterionUpCandidates(db),
    ...firstSelfReviewCandidates(db),
    ...actionItemsDoneCandidates(db),
    ...goalReachedCandidates(db),
  ];
  return recordCelebrations(db, candidates);
}

interface CelebrationRow {
  id: Id;
  kind: CelebrationKind;
  person_id: Id;
  person_name: string;
  title: string;
  call_id: Id | null;
  attempt_id: Id | null;
  drill_id: Id | null;
  scorecard_id: Id | null;
  goal_id: Id | null;
  occurred_at: string;
}

const toCelebration = (r: CelebrationRow): Celebration => ({
  id: r.id,
  kind: r.kind,
  personId: r.person_id,
  personName: r.person_name,
  title: r.title,
  callId: r.call_id,
  attemptId: r.attempt_id,
  drillId: r.drill_id,
  scorecardId: r.scorecard_id,
  goalId: r.goal_id,
  occurredAt: r.occurred_at,
});

export interface CelebrationFilter {
  personId?: Id | undefined;
  ids?: Id[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
}

/** Celebrations, newest first (by when they happened). */
export function listCelebrations(db: Database, filter: CelebrationFilter = {}): Celebration[] {
  const where: Query[] = [sql`1 = 1`];
  if (filter.personId) where.push(sql`e.person_id = ${filter.personId}`);
  if (filter.ids) where.push(sql`e.id IN (SELECT value FROM json_each(${JSON.stringify(filter.ids)}))`);
  if (filter.from) where.push(sql`substr(e.occurred_at, 1, 10) >= ${filter.from}`);
  if (filter.to) where.push(sql`substr(e.occurred_at, 1, 10) <= ${filter.to}`);
  const clause = where.reduce((acc, q) => sql`${acc} AND ${q}`);
  return all<CelebrationRow>(
    db,
    sql`SELECT e.id, e.kind, e.person_id, p.name AS person_name, e.title, e.call_id, e.attempt_id, e.drill_id,
          e.scorecard_id, e.goal_id, e.occurred_at
        FROM celebrations e JOIN people p ON p.id = e.person_id
        WHERE ${clause} ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${filter.limit ?? -1}`,
  ).map(toCelebration);
}
