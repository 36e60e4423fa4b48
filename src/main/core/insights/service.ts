/**
 * What the call page and Insights ask of the stored figures: a call's
 * metrics beside the rep's own past and the team's middle band, its tracker
 * hits, tracker trends; and a background worker that keeps stored figures
 * current (after a transcription, an edit, or a tracker change) in small
 * chunks, so the main process never stalls on a large library.
 */
import type { Database } from 'better-sqlite3';
import type {
  CallInsights,
  CallMetrics,
  Id,
  InsightsBacklog,
  MetricComparison,
  MetricKey,
  Moment,
  TrackerTrend,
} from '../../../shared/domain';
import { METRIC_KEYS } from '../../../shared/domain';
import type { EventMap, EventName } from '../../../shared/events';
import { AppError } from '../../../shared/result';
import type { Query } from '../db/sql';
import { all, get, sql } from '../db/sql';
import { ensureMetrics, METRICS_ALGORITHM, staleMetrics } from './store';
import { inTeam } from './team-filter';
import { hitsForRecording, listTrackers, scanRecording, unscannedRecordings } from './trackers';

/** How many of the rep's previous calls make their baseline. */
export const BASELINE_CALLS = 10;

export const COLUMN: Record<MetricKey, string> = {
  talkRatioRep: 'talk_ratio_rep',
  longestMonologueSec: 'monologue_sec',
  longestCustomerStorySec: 'story_sec',
  switchesPerMinute: 'switches_per_minute',
  patienceSec: 'patience_sec',
  questionsRep: 'questions_rep',
  questionsCustomer: 'questions_customer',
  wpmRep: 'wpm_rep',
  fillersPerMinuteRep: 'fillers_per_minute_rep',
  silenceShare: 'silence_share',
};

function valueOf(m: CallMetrics, key: MetricKey): number | null {
  switch (key) {
    case 'longestMonologueSec':
      return m.longestMonologue?.durationSec ?? null;
    case 'longestCustomerStorySec':
      return m.longestCustomerStory?.durationSec ?? null;
    default:
      return m[key];
  }
}

function momentOf(m: CallMetrics, key: MetricKey): Moment | null {
  if (key === 'longestMonologueSec' && m.longestMonologue) return m.longestMonologue;
  if (key === 'longestCustomerStorySec' && m.longestCustomerStory) return m.longestCustomerStory;
  return null;
}

/** Linear-interpolated percentile of sorted values (0..1). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

interface CallRow {
  id: string;
  media_sha256: string;
  rep_id: string | null;
  call_date: string | null;
  created_at: string;
}

/** Calls that count for comparisons: live, not the shipped sample. */
const countedCalls = sql`c.deleted_at IS NULL AND c.is_sample = 0`;

function compare(db: Database, call: CallRow, metrics: CallMetrics): MetricComparison[] {
  // The rep's previous calls, newest first, by call date then import time (total order by id).
  const previous = call.rep_id
    ? all<Record<string, number | null>>(
        db,
        sql`SELECT m.* FROM calls c JOIN call_metrics m ON m.media_sha256 = c.media_sha256
             WHERE ${countedCalls} AND c.rep_id = ${call.rep_id} AND c.id <> ${call.id}
               AND (coalesce(c.call_date, substr(c.created_at, 1, 10)), c.created_at, c.id)
                 < (${call.call_date ?? call.created_at.slice(0, 10)}, ${call.created_at}, ${call.id})
             ORDER BY coalesce(c.call_date, substr(c.created_at, 1, 10)) DESC, c.created_at DESC, c.id DESC
             LIMIT ${BASELINE_CALLS}`,
      )
    : [];
  const team = all<Record<string, number | null>>(
    db,
    sql`SELECT m.* FROM calls c JOIN call_metrics m ON m.media_sha256 = c.media_sha256 WHERE ${countedCalls}
        ORDER BY c.id`,
  );
  return METRIC_KEYS.map((key) => {
    const column = COLUMN[key];
    const mine = previous.map((r) => r[column]).filter((v): v is number => typeof v === 'number');
    const all = team
      .map((r) => r[column])
      .filter((v): v is number => typeof v === 'number')
      .sort((a, b) => a - b);
    return {
      key,
      value: valueOf(metrics, key),
      repBaseline: mine.length > 0 ? mine.reduce((a, b) => a + b, 0) / mine.length : null,
      baselineCalls: mine.length,
      teamBand: all.length >= 3 ? { low: percentile(all, 0.25), high: percentile(all, 0.75), calls: all.length } : null,
      moment: momentOf(metrics, key),
      needsSides: key !== 'silenceShare' && !metrics.hasSides,
    };
  });
}

export function callInsights(db: Database, callId: Id): CallInsights {
  const call = get<CallRow>(
    db,
    sql`SELECT id, media_sha256, rep_id, call_date, created_at FROM calls WHERE id = ${callId}`,
  );
  if (!call) throw new AppError('not_found', 'That call is no longer in the library.');
  const metrics = ensureMetrics(db, call.media_sha256);
  if (!metrics) {
    return {
      callId,
      metrics: null,
      empty: 'Transcribe this call to see its figures.',
      comparisons: [],
      hits: [],
      sides: 'no_customer',
    };
  }
  scanRecording(db, call.media_sha256);
  const empty = metrics.segmentCount === 0 ? 'The transcript is empty: there is nothing to measure.' : null;
  return {
    callId,
    metrics,
    empty,
    comparisons: compare(db, call, metrics),
    hits: hitsForRecording(db, call.media_sha256),
    sides: metrics.hasSides ? 'ok' : sidesProblem(db, call.media_sha256),
  };
}

/** Which side is missing when a call has no rep-versus-customer figures. */
function sidesProblem(db: Database, mediaSha256: string): CallInsights['sides'] {
  const speech = get<{ marked: number; customer: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM speakers WHERE media_sha256 = ${mediaSha256} AND is_customer = 1) AS marked,
               (SELECT count(*) FROM transcript_segments g JOIN speakers p ON p.id = g.speaker_id
                 WHERE g.media_sha256 = ${mediaSha256} AND p.is_customer = 1) AS customer`,
  );
  if (!speech || speech.marked === 0) return 'no_customer';
  return speech.customer === 0 ? 'customer_silent' : 'rep_silent';
}

export interface TrendFilter {
  from: string;
  to: string;
  repId?: Id | null | undefined;
  teamId?: Id | null | undefined;
  callType?: string | null | undefined;
  trackerId?: Id | null | undefined;
}

// Trends include the sample call (marked as such everywhere), so Insights has something real to show at first.
const callFilter = (f: TrendFilter): Query => sql`c.deleted_at IS NULL
  AND coalesce(c.call_date, substr(c.created_at, 1, 10)) BETWEEN ${f.from} AND ${f.to}
  AND (${f.repId ?? null} IS NULL OR c.rep_id = ${f.repId ?? null})
  AND ${inTeam(sql`c.rep_id`, f.teamId)}
  AND (${f.callType ?? null} IS NULL OR c.call_type = ${f.callType ?? null})`;

/** Weeks for a period up to four months, months beyond. */
export function bucketOf(from: string, to: string): 'week' | 'month' {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return days <= 120 ? 'week' : 'month';
}

/**
 * Each tracker per period and per rep. Two grouped reads, each returning a
 * few hundred rows rather than a row per call or per scan: the calls in the
 * filter per period and rep, and — joined to those calls through the scans'
 * media index — each tracker's calls with hits and its hit count (stored with
 * each scan, migration 019) per period and rep. The period key (Monday of the
 * call's week, or the first of its month) is computed once per call.
 */
export function trackerTrends(db: Database, f: TrendFilter): TrackerTrend[] {
  const monthly = bucketOf(f.from, f.to) === 'month';
  const day = sql`coalesce(c.call_date, substr(c.created_at, 1, 10))`;
  const period = monthly
    ? sql`substr(${day}, 1, 7) || '-01'`
    : sql`date(${day}, '-' || ((CAST(strftime('%w', ${day}) AS INTEGER) + 6) % 7) || ' days')`;
  const transcribed = sql`calls c JOIN transcripts t ON t.media_sha256 = c.media_sha256`;
  const groups = all<{ period_key: string; rep_id: string | null; rep_name: string | null; n: number }>(
    db,
    sql`SELECT ${period} AS period_key, c.rep_id, p.name AS rep_name, count(*) AS n
          FROM ${transcribed} LEFT JOIN people p ON p.id = c.rep_id
         WHERE ${callFilter(f)}
         GROUP BY period_key, c.rep_id ORDER BY period_key, c.rep_id`,
  );
  const callsPerPeriod = new Map<string, number>();
  const callsPerRep = new Map<string | null, number>();
  const repName = new Map<string, string | null>();
  for (const g of groups) {
    callsPerPeriod.set(g.period_key, (callsPerPeriod.get(g.period_key) ?? 0) + g.n);
    callsPerRep.set(g.rep_id, (callsPerRep.get(g.rep_id) ?? 0) + g.n);
    repName.set(g.rep_id ?? '', g.rep_name);
  }
  const periods = [...callsPerPeriod.keys()].sort();

  type Tally = { calls: number; hits: number };
  const add = (map: Map<string, Tally>, key: string, calls: number, hits: number) => {
    const t = map.get(key) ?? { calls: 0, hits: 0 };
    t.calls += calls;
    t.hits += hits;
    map.set(key, t);
  };
  const byPeriod = new Map<string, Tally>();
  const byRep = new Map<string, Tally>();
  if (groups.length > 0) {
    for (const g of all<{ tracker_id: string; period_key: string; rep_id: string | null; calls: number; hits: number }>(
      db,
      sql`WITH c AS MATERIALIZED (SELECT c.media_sha256, c.rep_id, ${period} AS period_key FROM ${transcribed}
                                   WHERE ${callFilter(f)})
          SELECT s.tracker_id, c.period_key, c.rep_id, count(*) AS calls, sum(s.hits) AS hits
            FROM c JOIN tracker_scans s ON s.media_sha256 = c.media_sha256
           WHERE s.hits > 0 AND (${f.trackerId ?? null} IS NULL OR s.tracker_id = ${f.trackerId ?? null})
           GROUP BY s.tracker_id, c.period_key, c.rep_id ORDER BY s.tracker_id, c.period_key, c.rep_id`,
    )) {
      add(byPeriod, `${g.tracker_id} ${g.period_key}`, g.calls, g.hits);
      add(byRep, `${g.tracker_id} ${g.rep_id ?? ''}`, g.calls, g.hits);
    }
  }

  const trackers = listTrackers(db).filter((t) => !f.trackerId || t.id === f.trackerId);
  return trackers.map((t) => ({
    trackerId: t.id,
    trackerName: t.name,
    byPeriod: periods.map((p) => ({
      period: p,
      calls: byPeriod.get(`${t.id} ${p}`)?.calls ?? 0,
      hits: byPeriod.get(`${t.id} ${p}`)?.hits ?? 0,
      callsInPeriod: callsPerPeriod.get(p) ?? 0,
    })),
    // Most hits first; the rep's id breaks ties (no rep last among equals, as SQLite sorts NULL first by id).
    byRep: [...callsPerRep.keys()]
      .flatMap((repId) => {
        const tally = byRep.get(`${t.id} ${repId ?? ''}`);
        return tally
          ? [
              {
                repId,
                repName: repName.get(repId ?? '') ?? 'No rep set',
                calls: tally.calls,
                hits: tally.hits,
                callsOfRep: callsPerRep.get(repId) ?? 0,
              },
            ]
          : [];
      })
      .sort((a, b) => b.hits - a.hits || (a.repId ?? '').localeCompare(b.repId ?? '')),
  }));
}

export function backlog(db: Database): InsightsBacklog {
  const total = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM transcripts`)?.n ?? 0;
  const pending = new Set([...staleMetrics(db, 1_000_000), ...unscannedRecordings(db, 1_000_000)]).size;
  return { pending, total };
}

/** How long one turn of the background refresh may hold the event loop. */
const STEP_BUDGET_MS = 20;

type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** How many recordings one turn looks at for work: a bounded index range, however large the library. */
const WINDOW = 500;

/**
 * Roughly how many recordings need work, from counts alone (no walk of the
 * library): missing figures, and the tracker furthest behind. Exact when
 * one thing changed (a tracker edit, a new transcript); progress only.
 */
function pendingEstimate(db: Database): number {
  const transcripts = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM transcripts`)?.n ?? 0;
  const figures =
    get<{ n: number }>(db, sql`SELECT count(*) AS n FROM call_metrics WHERE algorithm = ${METRICS_ALGORITHM}`)?.n ?? 0;
  const scanned = all<{ n: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM tracker_scans s WHERE s.tracker_id = k.id AND s.revision = k.revision) AS n
          FROM trackers k WHERE k.deleted_at IS NULL ORDER BY k.id`,
  );
  return Math.max(0, transcripts - figures, ...scanned.map((t) => transcripts - t.n));
}

/**
 * Keeps stored figures current in the background: one window of the
 * library per turn of the event loop (walked in key order), the recordings
 * in it that need work done within a time budget, progress as an event,
 * nothing done twice. No turn reads the whole library, so no turn stalls.
 */
export function createInsightsWorker(db: Database, emit: Emit) {
  let scheduled = false;
  let closed = false;
  let paused = false;
  let total = 0;
  let done = 0;
  let cursor = '';
  /** What the current window needs, found once and worked through over as many turns as it takes. */
  let queue: string[] = [];
  /** What one recording has cost lately: a turn stops before the next one would run past the budget. */
  let perRecordingMs = 5;
  // A pass ends at the end of the library; another from the top follows until one finds nothing to do.
  let passFromTop = false;
  let passFoundWork = false;
  const again = () => {
    scheduled = true;
    setImmediate(step);
  };
  const step = () => {
    scheduled = false;
    if (closed || paused) return;
    if (queue.length === 0) {
      const last = get<{ k: string | null }>(
        db,
        sql`SELECT max(media_sha256) AS k FROM (SELECT media_sha256 FROM transcripts WHERE media_sha256 > ${cursor}
              ORDER BY media_sha256 LIMIT ${WINDOW})`,
      )?.k;
      if (!last) {
        if (!passFromTop || passFoundWork) {
          cursor = '';
          passFromTop = true;
          passFoundWork = false;
          again();
          return;
        }
        if (total > 0) emit('insights.progress', { done: total, total, finished: true });
        total = 0;
        done = 0;
        cursor = '';
        passFromTop = false;
        return;
      }
      // Finding the window's work is this turn's work; doing it starts next turn.
      queue = [
        ...new Set([...staleMetrics(db, WINDOW, cursor, last), ...unscannedRecordings(db, WINDOW, cursor, last)]),
      ].sort();
      cursor = last;
      if (queue.length > 0) {
        passFoundWork = true;
        if (total === 0) total = Math.max(pendingEstimate(db), queue.length);
      }
      again();
      return;
    }
    // A time budget per turn, so a library of any size never holds the main process for long.
    const started = performance.now();
    let processed = 0;
    while (queue.length > 0) {
      const sha = queue.shift() as string;
      const t = performance.now();
      try {
        // Read and written in one transaction. On the refresh thread's own connection, a change the app committed
        // meanwhile makes the write fail (SQLITE_BUSY_SNAPSHOT) instead of storing figures of a transcript that is
        // no longer there: that recording is tried again next turn.
        db.transaction(() => {
          ensureMetrics(db, sha);
          scanRecording(db, sha);
        })();
      } catch (error) {
        if (!String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw error;
        queue.unshift(sha);
        break;
      }
      perRecordingMs = 0.8 * perRecordingMs + 0.2 * (performance.now() - t);
      processed += 1;
      if (performance.now() - started + perRecordingMs > STEP_BUDGET_MS) break;
    }
    done = Math.min(total, done + processed);
    emit('insights.progress', { done, total: Math.max(total, done), finished: false });
    again();
  };
  return {
    /** Something changed: bring figures up to date soon. */
    kick() {
      if (scheduled || closed) return;
      scheduled = true;
      setImmediate(step);
    },
    close() {
      closed = true;
    },
    /** Writes nothing until `resume` (a backup is reading the library page by page); where it was is kept. */
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      this.kick();
    },
  };
}
