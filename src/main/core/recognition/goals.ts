/**
 * Personal goals: measured from the data, against the person's own past.
 *
 * Every figure is read over a window of days (inclusive, UTC dates): a
 * criterion's average from submitted scores on the person's calls and drill
 * attempts that the viewer may see (the blind rule); drill attempts and
 * self-reviews as a count per week; call figures (talk ratio, questions,
 * fillers, longest monologue) as the mean over the person's calls in the
 * window, from Insights' `call_metrics`. The baseline is the 4 weeks before
 * the goal starts, kept as it was when the goal was set.
 */
import type { Database } from 'better-sqlite3';
import type {
  Goal,
  GoalMetric,
  GoalProgress,
  GoalProposal,
  Id,
  NextBestAction,
  Person,
  PersonGoals,
} from '../../../shared/domain';
import { formatGoalValue } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { requireLivePerson } from '../coaching/guards';
import { newId, nowIso } from '../db/ids';
import type { Query } from '../db/sql';
import { all, get, run, sql } from '../db/sql';
import { requireCanSetGoal } from '../policy';
import { scorecardVisibleTo } from '../policy/scoring';
import type { CelebrationCandidate } from './celebrations';

export const BASELINE_DAYS = 28;
const DAY_MS = 86_400_000;

export const DIRECTION: Record<GoalMetric, 'up' | 'down'> = {
  criterion_average: 'up',
  drill_attempts_per_week: 'up',
  talk_ratio: 'down',
  questions_per_call: 'up',
  filler_rate: 'down',
  longest_monologue: 'down',
  self_reviews_per_week: 'up',
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
export const addDays = (iso: string, days: number) => isoDay(dayMs(iso) + days * DAY_MS);
const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const isCount = (m: GoalMetric) => m === 'drill_attempts_per_week' || m === 'self_reviews_per_week';

export interface Measured {
  value: number | null;
  sampleSize: number;
}

/** A figure for one person over [from, to] (inclusive dates). Counts are per week of the window. */
export function measure(
  db: Database,
  viewerId: Id,
  personId: Id,
  metric: GoalMetric,
  criterionKey: string | null,
  from: string,
  to: string,
): Measured {
  if (to < from) return { value: isCount(metric) ? 0 : null, sampleSize: 0 };
  const weeks = Math.max(1, Math.ceil((dayMs(to) - dayMs(from) + DAY_MS) / (7 * DAY_MS)));
  const callDay = sql`substr(coalesce(c.call_date, c.created_at), 1, 10)`;
  switch (metric) {
    case 'criterion_average': {
      const row = get<{ avg: number | null; n: number }>(
        db,
        sql`SELECT avg(sc.score) AS avg, count(*) AS n
            FROM scorecards s
            JOIN scorecard_scores sc ON sc.scorecard_id = s.id AND sc.score IS NOT NULL
            JOIN rubric_criteria k ON k.id = sc.criterion_id AND k.key = ${criterionKey}
            LEFT JOIN calls c ON c.id = s.call_id
            LEFT JOIN attempts a ON a.id = s.attempt_id
            WHERE s.status = 'submitted' AND s.deleted_at IS NULL AND ${scorecardVisibleTo(viewerId)}
              AND ((c.rep_id = ${personId} AND c.deleted_at IS NULL AND ${callDay} BETWEEN ${from} AND ${to})
                OR (a.person_id = ${personId} AND a.deleted_at IS NULL
                  AND substr(a.created_at, 1, 10) BETWEEN ${from} AND ${to}))`,
      );
      return { value: row?.n ? round(row.avg ?? 0, 2) : null, sampleSize: row?.n ?? 0 };
    }
    case 'drill_attempts_per_week': {
      const n =
        get<{ n: number }>(
          db,
          sql`SELECT count(*) AS n FROM attempts
              WHERE person_id = ${personId} AND deleted_at IS NULL AND substr(created_at, 1, 10) BETWEEN ${from} AND ${to}`,
        )?.n ?? 0;
      return { value: round(n / weeks, 2), sampleSize: n };
    }
    case 'self_reviews_per_week': {
      const n =
        get<{ n: number }>(
          db,
          sql`SELECT count(DISTINCT s.call_id) AS n FROM scorecards s JOIN calls c ON c.id = s.call_id
              WHERE s.reviewer_id = ${personId} AND c.rep_id = ${personId} AND s.status = 'submitted'
                AND s.deleted_at IS NULL AND c.deleted_at IS NULL
                AND substr(s.submitted_at, 1, 10) BETWEEN ${from} AND ${to}`,
        )?.n ?? 0;
      return { value: round(n / weeks, 2), sampleSize: n };
    }
    default: {
      const column: Record<string, Query> = {
        talk_ratio: sql`m.talk_ratio_rep`,
        questions_per_call: sql`m.questions_rep`,
        filler_rate: sql`m.fillers_per_minute_rep`,
        longest_monologue: sql`m.monologue_sec`,
      };
      const row = get<{ avg: number | null; n: number }>(
        db,
        sql`SELECT avg(${column[metric] as Query}) AS avg, count(${column[metric] as Query}) AS n
            FROM calls c JOIN call_metrics m ON m.media_sha256 = c.media_sha256
            WHERE c.rep_id = ${personId} AND c.deleted_at IS NULL AND ${callDay} BETWEEN ${from} AND ${to}`,
      );
      return { value: row?.n ? round(row.avg ?? 0, 3) : null, sampleSize: row?.n ?? 0 };
    }
  }
}

const meets = (direction: 'up' | 'down', value: number, target: number) =>
  direction === 'up' ? value >= target - 1e-9 : value <= target + 1e-9;

/** A target one step past the baseline, in the metric's good direction. */
export function proposeTarget(metric: GoalMetric, baseline: number): number {
  switch (metric) {
    case 'criterion_average':
      return Math.min(5, round(baseline + 0.4, 1));
    case 'drill_attempts_per_week':
      return Math.max(2, Math.ceil(baseline * 1.25), Math.floor(baseline) + 1);
    case 'self_reviews_per_week':
      return Math.max(1, Math.floor(baseline) + 1);
    case 'questions_per_call':
      return round(baseline + Math.max(1, baseline * 0.2), 0);
    case 'talk_ratio':
      return Math.max(0.4, round(baseline - 0.05, 2));
    case 'filler_rate':
      return round(baseline * 0.8, 1);
    case 'longest_monologue':
      return Math.round(baseline * 0.8);
  }
}

export function proposeGoal(
  db: Database,
  viewerId: Id,
  personId: Id,
  metric: GoalMetric,
  criterionKey: string | null,
  today: string,
): GoalProposal {
  const person = requireLivePerson(db, personId, 'person');
  const key = metric === 'criterion_average' ? criterionKey : null;
  if (metric === 'criterion_average' && !key) throw new AppError('invalid_input', 'Choose the criterion first.');
  const past = measure(db, viewerId, personId, metric, key, addDays(today, -BASELINE_DAYS), addDays(today, -1));
  const whose = viewerId === personId ? 'Your' : `${person.name}’s`;
  const direction = DIRECTION[metric];
  if (past.value === null) {
    return {
      metric,
      criterionKey: key,
      baseline: null,
      sampleSize: 0,
      target: null,
      direction,
      text: `${whose} last 4 weeks have no data for this yet: set a target, and it is measured from the start on.`,
    };
  }
  const target = proposeTarget(metric, past.value);
  return {
    metric,
    criterionKey: key,
    baseline: past.value,
    sampleSize: past.sampleSize,
    target,
    direction,
    text: `${whose} last 4 weeks: ${formatGoalValue(metric, past.value)} → aim for ${formatGoalValue(metric, target)}`,
  };
}

interface GoalRow {
  id: Id;
  person_id: Id;
  person_name: string;
  set_by_id: Id;
  set_by_name: string;
  metric: GoalMetric;
  criterion_key: string | null;
  criterion_name: string | null;
  target: number;
  direction: 'up' | 'down';
  baseline: number | null;
  start_date: string;
  end_date: string;
}

const SELECT_GOALS = sql`SELECT g.id, g.person_id, p.name AS person_name, g.set_by_id, b.name AS set_by_name, g.metric,
    g.criterion_key, g.criterion_name, g.target, g.direction, g.baseline, g.start_date, g.end_date
  FROM goals g JOIN people p ON p.id = g.person_id JOIN people b ON b.id = g.set_by_id`;

/** Where a goal stands today, with the scores the viewer may see. */
export function goalProgress(db: Database, viewerId: Id, g: GoalRow, today: string): GoalProgress {
  const to = today < g.end_date ? today : g.end_date;
  const now = measure(db, viewerId, g.person_id, g.metric, g.criterion_key, g.start_date, to);
  const reached = now.value !== null && now.sampleSize > 0 && meets(g.direction, now.value, g.target);
  const fraction =
    now.value === null || g.baseline === null || now.sampleSize === 0
      ? null
      : g.target === g.baseline
        ? Number(reached)
        : Math.max(0, Math.min(1, round((now.value - g.baseline) / (g.target - g.baseline), 3)));
  const state = reached ? 'reached' : today > g.end_date ? 'ended' : now.sampleSize === 0 ? 'no_data' : 'in_progress';
  return {
    current: now.sampleSize === 0 && !isCount(g.metric) ? null : now.value,
    sampleSize: now.sampleSize,
    fraction,
    state,
  };
}

const toGoal = (db: Database, viewerId: Id, r: GoalRow, today: string): Goal => ({
  id: r.id,
  personId: r.person_id,
  personName: r.person_name,
  setById: r.set_by_id,
  setByName: r.set_by_name,
  metric: r.metric,
  criterionKey: r.criterion_key,
  criterionName: r.criterion_name,
  target: r.target,
  direction: r.direction,
  baseline: r.baseline,
  startDate: r.start_date,
  endDate: r.end_date,
  progress: goalProgress(db, viewerId, r, today),
});

/** The criteria a goal can be set on: each key once, as its newest version names it. */
function goalCriteria(db: Database): Array<{ key: string; name: string }> {
  return all<{ key: string; name: string }>(
    db,
    sql`SELECT k.key, k.name FROM rubric_criteria k
        JOIN rubric_versions v ON v.id = k.rubric_version_id
        JOIN rubrics r ON r.id = v.rubric_id AND r.deleted_at IS NULL
        WHERE v.version = (SELECT max(version) FROM rubric_versions WHERE rubric_id = v.rubric_id)
        GROUP BY k.key ORDER BY k.name, k.key`,
  );
}

export function personGoals(db: Database, viewerId: Id, personId: Id, today: string): PersonGoals {
  requireLivePerson(db, personId, 'person');
  const goals = all<GoalRow>(
    db,
    sql`${SELECT_GOALS} WHERE g.person_id = ${personId} AND g.deleted_at IS NULL
        ORDER BY g.start_date DESC, g.created_at DESC, g.id DESC`,
  ).map((r) => toGoal(db, viewerId, r, today));
  return { personId, goals, criteria: goalCriteria(db) };
}

const TARGET_RANGE: Partial<Record<GoalMetric, [number, number, string]>> = {
  criterion_average: [1, 5, 'Scores run from 1 to 5'],
  talk_ratio: [0, 1, 'A talk ratio is between 0% and 100%'],
};

export interface CreateGoalInput {
  personId: Id;
  metric: GoalMetric;
  criterionKey?: string | null | undefined;
  target: number;
  startDate: string;
  endDate: string;
}

export function createGoal(db: Database, actor: Person, input: CreateGoalInput, today: string): Goal {
  const person = requireLivePerson(db, input.personId, 'person the goal is for');
  requireCanSetGoal(actor, person);
  if (input.endDate < today) {
    throw new AppError(
      'invalid_input',
      `That period is already over (it ended on ${input.endDate}): choose an end date from today on.`,
    );
  }
  const [min, max, message] = TARGET_RANGE[input.metric] ?? [0, Number.MAX_SAFE_INTEGER, 'A target cannot be negative'];
  if (input.target < min || input.target > max) throw new AppError('invalid_input', `${message}.`);
  const key = input.metric === 'criterion_average' ? (input.criterionKey ?? null) : null;
  const criterion = key ? goalCriteria(db).find((c) => c.key === key) : null;
  if (key && !criterion) throw new AppError('not_found', 'That criterion is not on any rubric.');
  const direction = DIRECTION[input.metric];
  // The baseline is the person's own past, with the scores the one setting the goal may see.
  const baseline = measure(
    db,
    actor.id,
    person.id,
    input.metric,
    key,
    addDays(input.startDate, -BASELINE_DAYS),
    addDays(input.startDate, -1),
  );
  if (baseline.value !== null && baseline.sampleSize > 0 && meets(direction, baseline.value, input.target)) {
    const whose = actor.id === person.id ? 'Your' : `${person.name}’s`;
    throw new AppError(
      'invalid_input',
      `${whose} last 4 weeks are already at ${formatGoalValue(input.metric, baseline.value)}, so a target of ` +
        `${formatGoalValue(input.metric, input.target)} is met before it starts — aim past it.`,
    );
  }
  const id = newId();
  const now = nowIso();
  run(
    db,
    sql`INSERT INTO goals (id, person_id, set_by_id, metric, criterion_key, criterion_name, target, direction, baseline,
          start_date, end_date, created_at, updated_at)
        VALUES (${id}, ${person.id}, ${actor.id}, ${input.metric}, ${key}, ${criterion?.name ?? null}, ${input.target},
          ${direction}, ${baseline.value}, ${input.startDate}, ${input.endDate}, ${now}, ${now})`,
  );
  const row = get<GoalRow>(db, sql`${SELECT_GOALS} WHERE g.id = ${id}`) as GoalRow;
  return toGoal(db, actor.id, row, today);
}

export function removeGoal(db: Database, actor: Person, id: Id): { personId: Id } {
  const row = get<{ person_id: Id | null; name: string | null }>(
    db,
    sql`SELECT g.person_id, p.name FROM goals g LEFT JOIN people p ON p.id = g.person_id
        WHERE g.id = ${id} AND g.deleted_at IS NULL`,
  );
  if (!row || !row.person_id) throw new AppError('not_found', 'That goal no longer exists.');
  requireCanSetGoal(actor, { id: row.person_id, name: row.name ?? 'this person' });
  run(db, sql`UPDATE goals SET deleted_at = ${nowIso()}, updated_at = ${nowIso()} WHERE id = ${id}`);
  return { personId: row.person_id };
}

/** "Goal reached": every live personal goal whose progress (as its person sees it) meets the target in its period. */
export function goalReachedCandidates(db: Database, today = isoDay(Date.now())): CelebrationCandidate[] {
  const rows = all<GoalRow>(
    db,
    sql`${SELECT_GOALS} WHERE g.deleted_at IS NULL AND g.person_id IS NOT NULL ORDER BY g.start_date, g.id`,
  );
  return rows.flatMap((g) => {
    const progress = goalProgress(db, g.person_id, g, today);
    if (progress.state !== 'reached') return [];
    const what = g.criterion_name ?? formatMetricName(g.metric);
    return [
      {
        kind: 'goal_reached' as const,
        personId: g.person_id,
        subjectKey: g.id,
        period: '',
        title: `Goal reached: ${what} ${formatGoalValue(g.metric, g.target)}`,
        occurredAt: nowIso(),
        goalId: g.id,
      },
    ];
  });
}

const formatMetricName = (m: GoalMetric) =>
  ({
    criterion_average: 'criterion average',
    drill_attempts_per_week: 'drill attempts per week',
    talk_ratio: 'talk ratio',
    questions_per_call: 'questions per call',
    filler_rate: 'filler words per minute',
    longest_monologue: 'longest monologue',
    self_reviews_per_week: 'self-reviews per week',
  })[m];

/**
 * The next best action for the weakest criterion (lowest average over the
 * person's last 8 weeks of scores the viewer may see): the team's
 * best-scored moments for that criterion — evidence on scores of 4 or 5 on
 * any live call, from scorecards the viewer may see. The drills come from
 * the practice plan, which matches the criterion's skill.
 */
export function nextBestAction(db: Database, viewerId: Id, personId: Id, today: string): NextBestAction {
  requireLivePerson(db, personId, 'person');
  const from = addDays(today, -56);
  const weakest = get<{ key: string; name: string; avg: number }>(
    db,
    sql`SELECT k.key, max(k.name) AS name, round(avg(sc.score), 2) AS avg, count(*) AS n
        FROM scorecards s
        JOIN scorecard_scores sc ON sc.scorecard_id = s.id AND sc.score IS NOT NULL
        JOIN rubric_criteria k ON k.id = sc.criterion_id
        LEFT JOIN calls c ON c.id = s.call_id
        LEFT JOIN attempts a ON a.id = s.attempt_id
        WHERE s.status = 'submitted' AND s.deleted_at IS NULL AND ${scorecardVisibleTo(viewerId)}
          AND ((c.rep_id = ${personId} AND c.deleted_at IS NULL
                AND substr(coalesce(c.call_date, c.created_at), 1, 10) >= ${from})
            OR (a.person_id = ${personId} AND a.deleted_at IS NULL AND substr(a.created_at, 1, 10) >= ${from}))
        GROUP BY k.key ORDER BY avg, n DESC, name, k.key LIMIT 1`,
  );
  if (!weakest) return { criterionKey: null, criterionName: null, average: null, moments: [] };
  const moments = all<{ call_id: Id; title: string; at_sec: number; score: number; rep_name: string | null }>(
    db,
    sql`SELECT c.id AS call_id, c.title, coalesce(e.at_sec, an.start_sec) AS at_sec, sc.score, rp.name AS rep_name
        FROM score_evidence e
        JOIN scorecard_scores sc ON sc.id = e.score_id
        JOIN rubric_criteria k ON k.id = sc.criterion_id AND k.key = ${weakest.key}
        JOIN scorecards s ON s.id = sc.scorecard_id
        JOIN calls c ON c.id = s.call_id AND c.deleted_at IS NULL
        LEFT JOIN people rp ON rp.id = c.rep_id
        LEFT JOIN annotations an ON an.id = e.annotation_id
        WHERE s.status = 'submitted' AND s.deleted_at IS NULL AND sc.score >= 4 AND ${scorecardVisibleTo(viewerId)}
        ORDER BY sc.score DESC, s.submitted_at DESC, e.id LIMIT 3`,
  );
  return {
    criterionKey: weakest.key,
    criterionName: weakest.name,
    average: weakest.avg,
    moments: moments.map((m) => ({
      callId: m.call_id,
      callTitle: m.title,
      atSec: m.at_sec,
      score: m.score,
      repName: m.rep_name,
    })),
  };
}
