/**
 * Recognition insights for a coach: recognition over time (kudos people gave,
 * celebrations the app gave), who gives and who receives, the people nobody
 * recognised in the period (so they are not missed), and recognition beside
 * each person's score change. Kudos and celebrations are public; the score
 * change is built from the Insights heatmap, so it passes the viewer's blind
 * rule like every other score.
 */
import type { Database } from 'better-sqlite3';
import type { Person, RecognitionInsights } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { all, sql } from '../db/sql';
import { bucketOf } from '../insights/service';
import { inTeam } from '../insights/team-filter';
import { skillHeatmap } from '../insights/skills';
import { addDays } from './goals';

/** Who may read these figures: the people who coach, not the people they are about. */
const mayRead = (p: Pick<Person, 'role'>) => p.role === 'coach' || p.role === 'facilitator' || p.role === 'admin';

/** The Monday of a day's week, or the first of its month. */
export function bucketKey(day: string, bucket: 'week' | 'month'): string {
  if (bucket === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

function bucketsOf(from: string, to: string, bucket: 'week' | 'month'): string[] {
  const keys: string[] = [];
  for (let key = bucketKey(from, bucket); key <= to;) {
    keys.push(key);
    key = bucket === 'week' ? addDays(key, 7) : bucketKey(addDays(key, 32), 'month');
  }
  return keys;
}

/** People the sample call brought in are not team members: nobody needs to recognise them. */
const notSample = sql`p.id NOT IN (SELECT value FROM json_each(coalesce(
  (SELECT value FROM settings WHERE key = 'sample.peopleIds'), '[]')))`;

/** Kudos that count: not taken back, not on a call or attempt in the trash (as the wall shows them). */
const liveKudosIn = (from: string, to: string) => sql`
  SELECT k.id, k.giver_id, k.recipient_id, substr(k.created_at, 1, 10) AS day
    FROM kudos k
    LEFT JOIN calls c ON c.id = k.call_id
    LEFT JOIN attempts a ON a.id = k.attempt_id
   WHERE k.deleted_at IS NULL AND (c.id IS NULL OR c.deleted_at IS NULL) AND (a.id IS NULL OR a.deleted_at IS NULL)
     AND substr(k.created_at, 1, 10) BETWEEN ${from} AND ${to}`;

/** Each person's mean over every score the viewer may see in the period, and how many scores. */
function meanScores(
  db: Database,
  viewerId: string,
  f: { from: string; to: string; teamId: string | null },
): Map<string, { mean: number; n: number }> {
  const totals = new Map<string, { total: number; n: number }>();
  for (const cell of skillHeatmap(db, viewerId, f).cells) {
    const t = totals.get(cell.repId) ?? { total: 0, n: 0 };
    t.total += cell.mean * cell.count;
    t.n += cell.count;
    totals.set(cell.repId, t);
  }
  return new Map([...totals].map(([id, t]) => [id, { mean: t.total / t.n, n: t.n }]));
}

export function recognitionInsights(
  db: Database,
  viewer: Person,
  period: { from: string; to: string; teamId?: string | null | undefined },
): RecognitionInsights {
  if (!mayRead(viewer)) {
    throw new AppError(
      'forbidden',
      'Recognition insights are for coaches, facilitators and admins. Your own kudos and celebrations are on your page.',
    );
  }
  const { from, to } = period;
  const teamId = period.teamId ?? null;
  const bucket = bucketOf(from, to);

  const perDay = all<{ day_key: string; kudos: number; celebrations: number }>(
    db,
    // With a team chosen: the recognition its people received (kudos from anyone, their celebrations).
    sql`WITH k AS (${liveKudosIn(from, to)} AND ${inTeam(sql`k.recipient_id`, teamId)}),
             e AS (SELECT substr(occurred_at, 1, 10) AS day FROM celebrations
                    WHERE substr(occurred_at, 1, 10) BETWEEN ${from} AND ${to}
                      AND ${inTeam(sql`person_id`, teamId)}),
             d AS (SELECT day, 1 AS kudos, 0 AS celebrations FROM k
                   UNION ALL SELECT day, 0, 1 FROM e)
        SELECT day AS day_key, sum(kudos) AS kudos, sum(celebrations) AS celebrations
          FROM d GROUP BY day_key ORDER BY day_key`,
  );
  const overTime = new Map(bucketsOf(from, to, bucket).map((key) => [key, { period: key, kudos: 0, celebrations: 0 }]));
  for (const r of perDay) {
    const b = overTime.get(bucketKey(r.day_key, bucket));
    if (!b) continue;
    b.kudos += r.kudos;
    b.celebrations += r.celebrations;
  }

  const people = all<{
    id: string;
    name: string;
    role: RecognitionInsights['people'][number]['role'];
    given: number;
    received: number;
    celebrations: number;
  }>(
    db,
    sql`WITH k AS (${liveKudosIn(from, to)})
        SELECT p.id, p.name, p.role,
          (SELECT count(*) FROM k WHERE k.giver_id = p.id) AS given,
          (SELECT count(*) FROM k WHERE k.recipient_id = p.id) AS received,
          (SELECT count(*) FROM celebrations e WHERE e.person_id = p.id
              AND substr(e.occurred_at, 1, 10) BETWEEN ${from} AND ${to}) AS celebrations
          FROM people p
         WHERE p.deleted_at IS NULL AND ${notSample} AND ${inTeam(sql`p.id`, teamId)}
         ORDER BY lower(p.name), p.id`,
  );

  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  const now = meanScores(db, viewer.id, { from, to, teamId });
  const before = meanScores(db, viewer.id, { from: addDays(from, -days), to: addDays(from, -1), teamId });
  const rows = people.map((p) => {
    const scoreNow = now.get(p.id)?.mean ?? null;
    const scoreBefore = before.get(p.id)?.mean ?? null;
    return {
      personId: p.id,
      name: p.name,
      role: p.role,
      kudosGiven: p.given,
      kudosReceived: p.received,
      celebrations: p.celebrations,
      scoreBefore,
      scoreNow,
      scoreChange: scoreNow !== null && scoreBefore !== null ? scoreNow - scoreBefore : null,
      measuredNow: now.get(p.id)?.n ?? 0,
    };
  });
  return {
    from,
    to,
    bucket,
    overTime: [...overTime.values()],
    people: rows,
    unrecognised: rows
      .filter((r) => r.kudosReceived === 0)
      .map((r) => ({ personId: r.personId, name: r.name, role: r.role })),
  };
}
