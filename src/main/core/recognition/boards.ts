/**
 * Balanced leaderboards (issue 15, item 4): boards a team turns on in
 * Settings that reward improvement against one's own past, consistency and
 * helping others — and a team goal everyone moves together.
 *
 * What a board shows, and to whom:
 * - the top places (BOARD_TOP_N) plus the viewer's own row with their trend
 *   against the previous period; a row below the top places is returned only
 *   to the person it belongs to, and the bottom place is never shown to
 *   anyone else (in a small team the top five would otherwise be everyone);
 * - ties share a position and say so ("tied 2nd"), ordered by name then id;
 * - "most improved" ranks nobody with fewer than BOARD_MIN_SCORES submitted
 *   scorecards in either period ("not ranked: too few scores");
 * - "most improved" compares a person's average with their own baseline,
 *   from submitted scorecards about them that *they* may already see (the
 *   blind rule, `scorecardVisibleTo`): a draft, or a score they have not
 *   unlocked yet, never moves a board. Others see the change alone; the
 *   averages are on the viewer's own row only.
 * Removed people and the sample call are left out. While the boards are off
 * nothing is ranked; the team goal (a shared figure) still shows.
 */
import type { Database } from 'better-sqlite3';
import type {
  Board,
  BoardKind,
  BoardRow,
  BoardTrend,
  BoardUnranked,
  Boards,
  Id,
  Person,
  TeamGoal,
} from '../../../shared/domain';
import { BOARD_MIN_SCORES, BOARD_TOP_N } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { newId, nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';
import { requireCanManageBoards, scorecardVisibleTo } from '../policy';
import { readSettings } from '../settings/repository';
import { dayNumber } from './celebrations';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const addDays = (iso: string, days: number) => isoDay(dayMs(iso) + days * DAY_MS);
const round2 = (n: number) => Math.round(n * 100) / 100;

export interface Period {
  from: string;
  to: string;
}

/** The calendar month `today` falls in. */
export function monthOf(today: string): Period {
  const first = `${today.slice(0, 7)}-01`;
  const [y, m] = first.split('-').map(Number) as [number, number];
  return { from: first, to: isoDay(Date.UTC(y, m, 0)) };
}

/**
 * The previous period of the same length: the calendar month before when the
 * period is a whole month (so "this month" is compared with last month),
 * otherwise the same number of days just before it.
 */
export function previousPeriod(p: Period): Period {
  const month = monthOf(p.from);
  if (p.from === month.from && p.to === month.to) return monthOf(addDays(p.from, -1));
  const days = Math.round((dayMs(p.to) - dayMs(p.from)) / DAY_MS) + 1;
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

const ordinal = (n: number) => {
  const tens = n % 100;
  return tens >= 11 && tens <= 13 ? `${n}th` : `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
};

/** One person's figure on a board, before ranking. */
export interface Entry {
  personId: Id;
  name: string;
  /** What is ranked: higher is better. */
  figure: number;
  row: Partial<BoardRow>;
}

export interface Ranked {
  /** Every ranked row, best first (the whole board: never sent as it is). */
  all: BoardRow[];
  /** What the viewer may see: the top places without the bottom one, then their own row. */
  shown: BoardRow[];
  you: BoardRow | null;
}

/**
 * Ranks entries (higher figure first; ties share the position and are
 * ordered by name then id) and keeps what the viewer may see.
 */
export function rank(entries: Entry[], viewerId: Id, topN = BOARD_TOP_N): Ranked {
  const sorted = [...entries].sort(
    (a, b) =>
      b.figure - a.figure ||
      (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0) ||
      (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
  );
  const count = new Map<number, number>();
  for (const e of sorted) count.set(e.figure, (count.get(e.figure) ?? 0) + 1);
  let position = 0;
  let previous: number | null = null;
  const rows = sorted.map((e, i): BoardRow => {
    if (previous === null || e.figure !== previous) position = i + 1;
    previous = e.figure;
    const tied = (count.get(e.figure) ?? 0) > 1;
    return {
      ...e.row,
      personId: e.personId,
      name: e.name,
      position,
      label: tied ? `tied ${ordinal(position)}` : ordinal(position),
      tied,
      you: e.personId === viewerId,
    };
  });
  const bottom = rows.at(-1)?.position ?? 1;
  // The bottom place is nobody's to see but its own (unless everyone shares the first place).
  const shown = rows.filter((r) => r.you || (r.position <= topN && (r.position < bottom || bottom === 1)));
  return { all: rows, shown, you: rows.find((r) => r.you) ?? null };
}

interface LivePerson {
  id: Id;
  name: string;
}

const livePeople = (db: Database) =>
  all<LivePerson>(db, sql`SELECT id, name FROM people WHERE deleted_at IS NULL ORDER BY name, id`);

/**
 * Each submitted, live scorecard about `personId` (their call or their drill
 * attempt, not the sample call) that they may see themselves, with its
 * weighted overall and the day it counts on (the call's date, the attempt's).
 */
function ownVisibleOveralls(
  db: Database,
  personId: Id,
  from: string,
  to: string,
): Array<{ day: string; overall: number }> {
  return all<{ id: Id; day: string; overall: number }>(
    db,
    sql`SELECT s.id,
          CASE WHEN c.id IS NOT NULL THEN substr(coalesce(c.call_date, c.created_at), 1, 10)
               ELSE substr(a.created_at, 1, 10) END AS day,
          sum(rc.weight * sc.score) / sum(rc.weight) AS overall
        FROM scorecards s
        JOIN scorecard_scores sc ON sc.scorecard_id = s.id AND sc.score IS NOT NULL
        JOIN rubric_criteria rc ON rc.id = sc.criterion_id
        LEFT JOIN calls c ON c.id = s.call_id AND c.deleted_at IS NULL AND c.is_sample = 0 AND c.rep_id = ${personId}
        LEFT JOIN attempts a ON a.id = s.attempt_id AND a.deleted_at IS NULL AND a.person_id = ${personId}
        WHERE s.status = 'submitted' AND s.deleted_at IS NULL AND (c.id IS NOT NULL OR a.id IS NOT NULL)
          AND ${scorecardVisibleTo(personId)}
        GROUP BY s.id
        HAVING day BETWEEN ${from} AND ${to}
        ORDER BY day, s.id`,
  );
}

interface BoardData {
  entries: Entry[];
  unranked: Array<{ personId: Id; name: string; label: string }>;
}

function mostImproved(db: Database, people: LivePerson[], p: Period, before: Period): BoardData {
  const entries: Entry[] = [];
  const unranked: BoardData['unranked'] = [];
  for (const person of people) {
    const rows = ownVisibleOveralls(db, person.id, before.from, p.to);
    const now = rows.filter((r) => r.day >= p.from && r.day <= p.to);
    const then = rows.filter((r) => r.day >= before.from && r.day <= before.to);
    if (now.length === 0 && then.length === 0) continue;
    if (now.length < BOARD_MIN_SCORES || then.length < BOARD_MIN_SCORES) {
      unranked.push({
        personId: person.id,
        name: person.name,
        label: `not ranked: too few scores (${now.length} this period, ${then.length} before)`,
      });
      continue;
    }
    const mean = (xs: typeof rows) => round2(xs.reduce((s, r) => s + r.overall, 0) / xs.length);
    const averageNow = mean(now);
    const averageBefore = mean(then);
    const improvement = round2(averageNow - averageBefore);
    entries.push({
      personId: person.id,
      name: person.name,
      figure: improvement,
      row: { improvement, averageNow, averageBefore, scorecardsNow: now.length, scorecardsBefore: then.length },
    });
  }
  return { entries, unranked };
}

/** Runs of consecutive days: the longest, and the one still going on `lastDay` (or the day before it). */
export function streaks(days: string[], lastDay: string): { longest: number; current: number } {
  const numbers = [...new Set(days)].map(dayNumber).sort((a, b) => a - b);
  let longest = 0;
  let length = 0;
  let previous = Number.NaN;
  let current = 0;
  const end = dayNumber(lastDay);
  for (const n of numbers) {
    length = n === previous + 1 ? length + 1 : 1;
    previous = n;
    longest = Math.max(longest, length);
    if (n === end || n === end - 1) current = length;
  }
  return { longest, current };
}

function consistency(db: Database, people: LivePerson[], p: Period, today: string): BoardData {
  // One row per person and day: (person_id, day_key) is the whole key.
  const rows = all<{ person_id: Id; day_key: string }>(
    db,
    sql`SELECT a.person_id, substr(a.created_at, 1, 10) AS day_key
        FROM attempts a JOIN people p ON p.id = a.person_id AND p.deleted_at IS NULL
        WHERE a.deleted_at IS NULL AND substr(a.created_at, 1, 10) BETWEEN ${p.from} AND ${p.to}
        GROUP BY a.person_id, day_key ORDER BY a.person_id, day_key`,
  );
  const byPerson = new Map<Id, string[]>();
  for (const r of rows) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r.day_key]);
  const lastDay = today < p.to ? today : p.to;
  const entries: Entry[] = [];
  for (const person of people) {
    const days = byPerson.get(person.id);
    if (!days) continue;
    const { longest, current } = streaks(days, lastDay);
    entries.push({
      personId: person.id,
      name: person.name,
      figure: longest,
      row: { longestStreakDays: longest, currentStreakDays: current, daysPractised: days.length },
    });
  }
  return { entries, unranked: [] };
}

function peerHelp(db: Database, p: Period): BoardData {
  const rows = all<{ id: Id; name: string; reviews: number; kudos: number; feedback: number }>(
    db,
    sql`SELECT p.id, p.name,
          (SELECT count(*) FROM scorecards s
             LEFT JOIN calls c ON c.id = s.call_id AND c.deleted_at IS NULL AND c.is_sample = 0
             LEFT JOIN attempts a ON a.id = s.attempt_id AND a.deleted_at IS NULL
            WHERE s.reviewer_id = p.id AND s.status = 'submitted' AND s.deleted_at IS NULL
              AND s.reviewer_kind <> 'self' AND (c.id IS NOT NULL OR a.id IS NOT NULL)
              AND substr(s.submitted_at, 1, 10) BETWEEN ${p.from} AND ${p.to}) AS reviews,
          (SELECT count(*) FROM kudos k LEFT JOIN calls c ON c.id = k.call_id
            WHERE k.giver_id = p.id AND k.deleted_at IS NULL AND coalesce(c.is_sample, 0) = 0
              AND substr(k.created_at, 1, 10) BETWEEN ${p.from} AND ${p.to}) AS kudos,
          (SELECT count(*) FROM annotations an
             JOIN calls c ON c.id = an.call_id AND c.deleted_at IS NULL AND c.is_sample = 0
            WHERE an.author_id = p.id AND an.deleted_at IS NULL AND c.rep_id IS NOT p.id
              AND substr(an.created_at, 1, 10) BETWEEN ${p.from} AND ${p.to}) AS feedback
        FROM people p WHERE p.deleted_at IS NULL ORDER BY p.name, p.id`,
  );
  const entries = rows
    .filter((r) => r.reviews + r.kudos + r.feedback > 0)
    .map((r) => ({
      personId: r.id,
      name: r.name,
      figure: r.reviews + r.kudos + r.feedback,
      row: {
        reviewsGiven: r.reviews,
        kudosGiven: r.kudos,
        feedbackWritten: r.feedback,
        helpCount: r.reviews + r.kudos + r.feedback,
      },
    }));
  return { entries, unranked: [] };
}

const BOARD_TEXT: Record<BoardKind, { title: string; description: string }> = {
  most_improved: {
    title: 'Most improved',
    description: 'Your average score this period against your own previous period (scores you can already see).',
  },
  consistency: {
    title: 'Practice consistency',
    description: 'The longest run of days in a row with a kept drill attempt.',
  },
  peer_help: {
    title: 'Peer help',
    description: 'Reviews given to others, kudos given, and feedback written on others’ calls.',
  },
};

function boardData(db: Database, kind: BoardKind, people: LivePerson[], p: Period, today: string): BoardData {
  switch (kind) {
    case 'most_improved':
      return mostImproved(db, people, p, previousPeriod(p));
    case 'consistency':
      return consistency(db, people, p, today);
    case 'peer_help':
      return peerHelp(db, p);
  }
}

const figureOf = (kind: BoardKind, row: BoardRow): number =>
  kind === 'most_improved'
    ? (row.improvement ?? 0)
    : kind === 'consistency'
      ? (row.longestStreakDays ?? 0)
      : (row.helpCount ?? 0);

function board(db: Database, kind: BoardKind, viewerId: Id, people: LivePerson[], p: Period, today: string): Board {
  const data = boardData(db, kind, people, p, today);
  const ranked = rank(data.entries, viewerId);
  const unranked: BoardUnranked[] = data.unranked.map((u) => ({ ...u, you: u.personId === viewerId }));
  // Only the viewer sees their own averages; others see how much someone improved, never their scores.
  const rows = ranked.shown.map((r) => (r.you ? r : { ...r, averageNow: undefined, averageBefore: undefined }));
  let trend: BoardTrend | null = null;
  if (ranked.you) {
    const before = rank(boardData(db, kind, people, previousPeriod(p), today).entries, viewerId).you;
    trend = {
      previousLabel: before?.label ?? null,
      previousPosition: before?.position ?? null,
      previousFigure: before ? figureOf(kind, before) : null,
    };
  }
  return {
    kind,
    ...BOARD_TEXT[kind],
    rows,
    you: ranked.you,
    youUnranked: unranked.find((u) => u.you) ?? null,
    trend,
    unranked,
    rankedCount: ranked.all.length,
  };
}

interface TeamGoalRow {
  id: Id;
  target: number;
  start_date: string;
  end_date: string;
  set_by_name: string;
}

const SELECT_TEAM_GOALS = sql`SELECT g.id, g.target, g.start_date, g.end_date, b.name AS set_by_name
  FROM goals g JOIN people b ON b.id = g.set_by_id
  WHERE g.person_id IS NULL AND g.metric = 'team_drill_attempts' AND g.deleted_at IS NULL`;

/** Kept attempts by people on the team in [from, to] (inclusive). */
const teamAttempts = (db: Database, from: string, to: string) =>
  all<{ id: Id; name: string; n: number }>(
    db,
    sql`SELECT p.id, p.name, count(*) AS n FROM attempts a JOIN people p ON p.id = a.person_id AND p.deleted_at IS NULL
        WHERE a.deleted_at IS NULL AND substr(a.created_at, 1, 10) BETWEEN ${from} AND ${to}
        GROUP BY p.id ORDER BY p.name, p.id`,
  );

function toTeamGoal(db: Database, g: TeamGoalRow, viewerId: Id, today: string): TeamGoal {
  const to = today < g.end_date ? today : g.end_date;
  const counts = teamAttempts(db, g.start_date, to);
  const total = counts.reduce((s, c) => s + c.n, 0);
  // Shares are listed by name, not by size: the goal is hit together, not a ranking.
  const shares = counts.map((c) => ({
    personId: c.id,
    name: c.name,
    count: c.n,
    percent: total ? Math.round((c.n / total) * 1000) / 10 : 0,
    you: c.id === viewerId,
  }));
  if (!shares.some((s) => s.you)) {
    const me = get<{ name: string }>(db, sql`SELECT name FROM people WHERE id = ${viewerId} AND deleted_at IS NULL`);
    if (me) shares.push({ personId: viewerId, name: me.name, count: 0, percent: 0, you: true });
  }
  return {
    id: g.id,
    metric: 'team_drill_attempts',
    target: g.target,
    startDate: g.start_date,
    endDate: g.end_date,
    setByName: g.set_by_name,
    total,
    fraction: Math.min(1, Math.round((total / g.target) * 1000) / 1000),
    reached: total >= g.target,
    shares,
  };
}

/** The team goal of a period: the latest-starting live one that overlaps it. */
export function teamGoalFor(db: Database, viewerId: Id, p: Period, today: string): TeamGoal | null {
  const row = get<TeamGoalRow>(
    db,
    sql`${SELECT_TEAM_GOALS} AND g.start_date <= ${p.to} AND g.end_date >= ${p.from}
        ORDER BY g.start_date DESC, g.created_at DESC, g.id DESC LIMIT 1`,
  );
  return row ? toTeamGoal(db, row, viewerId, today) : null;
}

export function boards(db: Database, viewer: Person, period: Partial<Period>, today: string): Boards {
  const p = period.from && period.to ? { from: period.from, to: period.to } : monthOf(today);
  const before = previousPeriod(p);
  const enabled = readSettings(db).leaderboards;
  const people = enabled ? livePeople(db) : [];
  return {
    enabled,
    from: p.from,
    to: p.to,
    baselineFrom: before.from,
    baselineTo: before.to,
    boards: enabled
      ? (['most_improved', 'consistency', 'peer_help'] as const).map((k) => board(db, k, viewer.id, people, p, today))
      : [],
    teamGoal: teamGoalFor(db, viewer.id, p, today),
    canManage: viewer.role === 'coach' || viewer.role === 'admin',
  };
}

export interface TeamGoalInput {
  id?: Id | undefined;
  target: number;
  startDate: string;
  endDate: string;
}

/** A coach or admin sets (or changes) the team goal; two team goals never overlap. */
export function setTeamGoal(db: Database, actor: Person, input: TeamGoalInput, today: string): TeamGoal {
  requireCanManageBoards(actor, 'set the team goal');
  if (input.endDate < today) {
    throw new AppError(
      'invalid_input',
      `That period is already over (it ended on ${input.endDate}): choose an end date from today on.`,
    );
  }
  if (input.id && !get(db, sql`${SELECT_TEAM_GOALS} AND g.id = ${input.id}`)) {
    throw new AppError('not_found', 'That team goal no longer exists.');
  }
  const clash = get<TeamGoalRow>(
    db,
    sql`${SELECT_TEAM_GOALS} AND g.id IS NOT ${input.id ?? null}
        AND g.start_date <= ${input.endDate} AND g.end_date >= ${input.startDate}
        ORDER BY g.start_date, g.id LIMIT 1`,
  );
  if (clash) {
    throw new AppError(
      'invalid_input',
      `There is already a team goal from ${clash.start_date} to ${clash.end_date} (${clash.target} drill attempts): ` +
        'change that one, or choose dates after it.',
    );
  }
  const now = nowIso();
  const id = input.id ?? newId();
  if (input.id) {
    run(
      db,
      sql`UPDATE goals SET target = ${input.target}, start_date = ${input.startDate}, end_date = ${input.endDate},
            updated_at = ${now} WHERE id = ${id}`,
    );
  } else {
    const before = previousPeriod({ from: input.startDate, to: input.endDate });
    const baseline = teamAttempts(db, before.from, before.to).reduce((s, c) => s + c.n, 0);
    run(
      db,
      sql`INSERT INTO goals (id, person_id, set_by_id, metric, criterion_key, criterion_name, target, direction, baseline,
            start_date, end_date, created_at, updated_at)
          VALUES (${id}, NULL, ${actor.id}, 'team_drill_attempts', NULL, NULL, ${input.target}, 'up', ${baseline},
            ${input.startDate}, ${input.endDate}, ${now}, ${now})`,
    );
  }
  const row = get<TeamGoalRow>(db, sql`${SELECT_TEAM_GOALS} AND g.id = ${id}`) as TeamGoalRow;
  return toTeamGoal(db, row, actor.id, today);
}

export function removeTeamGoal(db: Database, actor: Person, id: Id): void {
  requireCanManageBoards(actor, 'remove the team goal');
  if (!get(db, sql`${SELECT_TEAM_GOALS} AND g.id = ${id}`)) {
    throw new AppError('not_found', 'That team goal no longer exists.');
  }
  run(db, sql`UPDATE goals SET deleted_at = ${nowIso()}, updated_at = ${nowIso()} WHERE id = ${id}`);
}
