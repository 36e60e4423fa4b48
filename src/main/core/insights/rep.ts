/**
 * A rep's own figures against their own past: the mean of their last
 * BASELINE_CALLS measured calls beside the mean of the calls before those,
 * and each of those calls, so every figure leads back to the calls behind it.
 * Conversation figures are not scores; they follow the call page's rule.
 * The sample call counts here (its rep is a sample person), not in team figures.
 */
import type { Database } from 'better-sqlite3';
import type { Id, RepInsights } from '../../../shared/domain';
import { METRIC_KEYS } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { all, get, sql } from '../db/sql';
import { BASELINE_CALLS, COLUMN } from './service';
import { ensureMetrics, METRICS_ALGORITHM } from './store';

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

export function repInsights(db: Database, personId: Id): RepInsights {
  if (!get(db, sql`SELECT 1 AS ok FROM people WHERE id = ${personId}`))
    throw new AppError('not_found', 'That person is no longer in the library.');
  // Figures the background refresh has not reached yet are computed now, for this rep's calls only:
  // the page never shows a figure from before an edit.
  const stale = all<{ media_sha256: string }>(
    db,
    sql`SELECT DISTINCT c.media_sha256 FROM calls c JOIN transcripts t ON t.media_sha256 = c.media_sha256
          LEFT JOIN call_metrics m ON m.media_sha256 = c.media_sha256 AND m.algorithm = ${METRICS_ALGORITHM}
         WHERE c.deleted_at IS NULL AND c.rep_id = ${personId} AND m.media_sha256 IS NULL
         ORDER BY c.media_sha256`,
  );
  for (const { media_sha256 } of stale) ensureMetrics(db, media_sha256);
  // Newest first, by call date then import time, with the id as the tiebreaker.
  const rows = all<Record<string, number | string | null> & { id: string; title: string; day: string }>(
    db,
    sql`SELECT c.id, c.title, coalesce(c.call_date, substr(c.created_at, 1, 10)) AS day, m.*
          FROM calls c JOIN call_metrics m ON m.media_sha256 = c.media_sha256
         WHERE c.deleted_at IS NULL AND c.rep_id = ${personId} AND m.segment_count > 0
         ORDER BY day DESC, c.created_at DESC, c.id DESC
         LIMIT ${BASELINE_CALLS * 2}`,
  );
  const recent = rows.slice(0, BASELINE_CALLS);
  const past = rows.slice(BASELINE_CALLS);
  const column = (list: typeof rows, key: (typeof METRIC_KEYS)[number]) =>
    list.map((r) => r[COLUMN[key]]).filter((v): v is number => typeof v === 'number');
  return {
    personId,
    figures: METRIC_KEYS.map((key) => {
      const mine = column(recent, key);
      const before = column(past, key);
      return { key, recent: mean(mine), recentCalls: mine.length, past: mean(before), pastCalls: before.length };
    }),
    calls: recent.map((r) => ({
      callId: r.id,
      title: r.title,
      day: r.day,
      values: Object.fromEntries(
        METRIC_KEYS.map((key) => [key, typeof r[COLUMN[key]] === 'number' ? (r[COLUMN[key]] as number) : null]),
      ) as RepInsights['calls'][number]['values'],
    })),
  };
}
