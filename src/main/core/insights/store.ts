/**
 * Stored call metrics: computed from a recording's transcript the first time
 * they are asked for after it changed (the migration's triggers delete them
 * on every change), so a reader never sees stale figures, and Insights reads
 * rows instead of segments.
 */
import type { Database } from 'better-sqlite3';
import type { CallMetrics } from '../../../shared/domain';
import { nowIso } from '../db/ids';
import { all, get, run, sql } from '../db/sql';
import type { MetricSegment, Side } from './metrics';
import { computeMetrics } from './metrics';

/** Bump when a definition in metrics.ts changes: every stored row is then recomputed. */
export const METRICS_ALGORITHM = 1;

interface MetricsRow {
  media_sha256: string;
  duration_sec: number;
  segment_count: number;
  has_sides: number;
  silence_share: number | null;
  words_per_minute: number | null;
  fillers_per_minute: number | null;
  questions: number;
  talk_ratio_rep: number | null;
  talk_sec_rep: number | null;
  talk_sec_customer: number | null;
  monologue_sec: number | null;
  monologue_start_sec: number | null;
  monologue_end_sec: number | null;
  story_sec: number | null;
  story_start_sec: number | null;
  story_end_sec: number | null;
  switches_per_minute: number | null;
  patience_sec: number | null;
  questions_rep: number | null;
  questions_customer: number | null;
  wpm_rep: number | null;
  wpm_customer: number | null;
  fillers_per_minute_rep: number | null;
}

const range = (durationSec: number | null, startSec: number | null, endSec: number | null) =>
  durationSec === null || startSec === null || endSec === null ? null : { durationSec, startSec, endSec };

const toMetrics = (r: MetricsRow): CallMetrics => ({
  mediaSha256: r.media_sha256,
  durationSec: r.duration_sec,
  segmentCount: r.segment_count,
  hasSides: r.has_sides === 1,
  silenceShare: r.silence_share,
  wordsPerMinute: r.words_per_minute,
  fillersPerMinute: r.fillers_per_minute,
  questions: r.questions,
  talkRatioRep: r.talk_ratio_rep,
  talkSecRep: r.talk_sec_rep,
  talkSecCustomer: r.talk_sec_customer,
  longestMonologue: range(r.monologue_sec, r.monologue_start_sec, r.monologue_end_sec),
  longestCustomerStory: range(r.story_sec, r.story_start_sec, r.story_end_sec),
  switchesPerMinute: r.switches_per_minute,
  patienceSec: r.patience_sec,
  questionsRep: r.questions_rep,
  questionsCustomer: r.questions_customer,
  wpmRep: r.wpm_rep,
  wpmCustomer: r.wpm_customer,
  fillersPerMinuteRep: r.fillers_per_minute_rep,
});

/** The segments of a recording with their side, in order. */
export function sidedSegments(db: Database, mediaSha256: string): Array<MetricSegment & { id: string }> {
  return all<{ id: string; start_sec: number; end_sec: number; text: string; side: Side }>(
    db,
    sql`SELECT g.id, g.start_sec, g.end_sec, g.text,
               CASE WHEN s.id IS NULL THEN 'unknown' WHEN s.is_customer = 1 THEN 'customer' ELSE 'rep' END AS side
          FROM transcript_segments g LEFT JOIN speakers s ON s.id = g.speaker_id
         WHERE g.media_sha256 = ${mediaSha256}
         ORDER BY g.ordinal, g.seq`,
  ).map((r) => ({ id: r.id, startSec: r.start_sec, endSec: r.end_sec, text: r.text, side: r.side }));
}

function store(db: Database, m: CallMetrics): void {
  run(
    db,
    sql`INSERT OR REPLACE INTO call_metrics (media_sha256, algorithm, computed_at, duration_sec, segment_count, has_sides,
          silence_share, words_per_minute, fillers_per_minute, questions, talk_ratio_rep, talk_sec_rep, talk_sec_customer,
          monologue_sec, monologue_start_sec, monologue_end_sec, story_sec, story_start_sec, story_end_sec,
          switches_per_minute, patience_sec, questions_rep, questions_customer, wpm_rep, wpm_customer, fillers_per_minute_rep)
        VALUES (${m.mediaSha256}, ${METRICS_ALGORITHM}, ${nowIso()}, ${m.durationSec}, ${m.segmentCount}, ${m.hasSides},
          ${m.silenceShare}, ${m.wordsPerMinute}, ${m.fillersPerMinute}, ${m.questions}, ${m.talkRatioRep}, ${m.talkSecRep},
          ${m.talkSecCustomer}, ${m.longestMonologue?.durationSec}, ${m.longestMonologue?.startSec},
          ${m.longestMonologue?.endSec}, ${m.longestCustomerStory?.durationSec}, ${m.longestCustomerStory?.startSec},
          ${m.longestCustomerStory?.endSec}, ${m.switchesPerMinute}, ${m.patienceSec}, ${m.questionsRep},
          ${m.questionsCustomer}, ${m.wpmRep}, ${m.wpmCustomer}, ${m.fillersPerMinuteRep})`,
  );
}

/**
 * The recording's figures, computed now if its transcript changed since they
 * were stored; null when it has no transcript.
 */
export function ensureMetrics(db: Database, mediaSha256: string): CallMetrics | null {
  const stored = get<MetricsRow>(
    db,
    sql`SELECT * FROM call_metrics WHERE media_sha256 = ${mediaSha256} AND algorithm = ${METRICS_ALGORITHM}`,
  );
  if (stored) return toMetrics(stored);
  const media = get<{ duration_sec: number }>(
    db,
    sql`SELECT m.duration_sec FROM transcripts t JOIN media m ON m.sha256 = t.media_sha256
         WHERE t.media_sha256 = ${mediaSha256}`,
  );
  if (!media) return null;
  const metrics = computeMetrics(mediaSha256, media.duration_sec, sidedSegments(db, mediaSha256));
  store(db, metrics);
  return metrics;
}

/**
 * Transcribed recordings whose figures are missing or from an older
 * definition, in key order after `after` (a cursor, so a pass over a large
 * library never re-reads what it already walked).
 */
export const staleMetrics = (db: Database, limit: number, after = '', upTo: string | null = null): string[] =>
  all<{ media_sha256: string }>(
    db,
    sql`SELECT t.media_sha256 FROM transcripts t
          LEFT JOIN call_metrics c ON c.media_sha256 = t.media_sha256 AND c.algorithm = ${METRICS_ALGORITHM}
         WHERE c.media_sha256 IS NULL AND t.media_sha256 > ${after}
           AND (${upTo} IS NULL OR t.media_sha256 <= ${upTo})
         ORDER BY t.media_sha256 LIMIT ${limit}`,
  ).map((r) => r.media_sha256);
