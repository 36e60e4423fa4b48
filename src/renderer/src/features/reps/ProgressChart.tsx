import { useMemo, useState } from 'react';
import type { ProgressPoint } from '../../../../shared/domain';
import type { ReviewerKindChoice } from '../../components/ReviewerKindSelect';
import { ReviewerKindSelect } from '../../components/ReviewerKindSelect';
import { LineChart } from '../../components/Chart';
import { formatDate } from '../../lib/format';

interface Series {
  key: string;
  name: string;
  /** Mean score per date (several reviewers may have scored the same call). */
  points: Array<{ date: string; score: number }>;
}

export function seriesOf(progress: ProgressPoint[]): { dates: string[]; series: Series[] } {
  const dates = [...new Set(progress.map((p) => p.date))].sort();
  const byKey = new Map<string, { name: string; sums: Map<string, { total: number; n: number }> }>();
  for (const p of progress) {
    const entry = byKey.get(p.criterionKey) ?? { name: p.criterionName, sums: new Map() };
    // The newest name wins when a criterion was renamed in a later rubric version.
    entry.name = p.criterionName;
    const sum = entry.sums.get(p.date) ?? { total: 0, n: 0 };
    sum.total += p.score;
    sum.n += 1;
    entry.sums.set(p.date, sum);
    byKey.set(p.criterionKey, entry);
  }
  const series = [...byKey.entries()].map(([key, { name, sums }]) => ({
    key,
    name,
    points: dates.flatMap((date) => {
      const s = sums.get(date);
      return s ? [{ date, score: s.total / s.n }] : [];
    }),
  }));
  return { dates, series };
}

const SCORE_RANGE: [number, number] = [1, 5];
const DAY = 86_400;
const secondsOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

/**
 * Score per criterion over time (uPlot, shared with Insights): self, peer
 * and coach apart or together. The same numbers are in a table under it for
 * screen readers and for anyone who wants exact values.
 */
export function ProgressChart({ progress }: { progress: ProgressPoint[] }) {
  const [kind, setKind] = useState<ReviewerKindChoice>('');
  const chosen = useMemo(() => progress.filter((p) => !kind || p.reviewerKind === kind), [progress, kind]);
  const { dates, series } = useMemo(() => seriesOf(chosen), [chosen]);
  const x = useMemo(() => dates.map(secondsOf), [dates]);
  const lines = useMemo(
    () =>
      series.map((s) => ({
        label: s.name,
        values: dates.map((d) => s.points.find((p) => p.date === d)?.score ?? null),
      })),
    [series, dates],
  );
  // A few days either side, so a single date is a point in the middle, not on the edge.
  const xRange = useMemo<[number, number]>(
    () => (x.length ? [x[0]! - 3 * DAY, x[x.length - 1]! + 3 * DAY] : [0, 1]),
    [x],
  );
  if (progress.length === 0)
    return <p className="hint">No submitted scores yet: the chart fills in as calls are scored.</p>;
  return (
    <figure className="progress-chart">
      <ReviewerKindSelect value={kind} onChange={setKind} />
      {dates.length === 0 ? (
        <p className="hint">No scores of that kind yet.</p>
      ) : (
        <div
          role="img"
          aria-label={`Score per criterion over ${dates.length} ${dates.length === 1 ? 'date' : 'dates'}, from ${formatDate(
            dates[0] ?? null,
          )} to ${formatDate(dates[dates.length - 1] ?? null)}. Exact values are under “Scores as a table” below.`}
        >
          <LineChart
            title="Score per criterion"
            x={x}
            series={lines}
            yLabel="score"
            yRange={SCORE_RANGE}
            xRange={xRange}
          />
        </div>
      )}
      <details className="chart-table">
        <summary>Scores as a table</summary>
        <table aria-label="Score per criterion by date">
          <thead>
            <tr>
              <th scope="col">Date</th>
              {series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dates.map((d) => (
              <tr key={d}>
                <th scope="row">{formatDate(d)}</th>
                {series.map((s) => {
                  const p = s.points.find((q) => q.date === d);
                  return <td key={s.key}>{p ? p.score.toFixed(1) : '—'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
