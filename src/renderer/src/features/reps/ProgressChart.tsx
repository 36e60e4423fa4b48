import { useId } from 'react';
import type { ProgressPoint } from '../../../../shared/domain';
import { SCORE_MAX, SCORE_MIN } from '../../../../shared/domain';
import { formatDate } from '../../lib/format';

/** Distinguishable on light and dark, and paired with a marker shape so colour is not the only cue. */
const SERIES_COLORS = ['#2f80ed', '#d14b3c', '#27ae60', '#9b51e0', '#d4a514', '#1aa3a3', '#e0679a', '#6b7a90'];
const MARKERS = ['circle', 'square', 'diamond', 'triangle'] as const;

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

function Marker({ shape, x, y, color }: { shape: (typeof MARKERS)[number]; x: number; y: number; color: string }) {
  const r = 4.5;
  if (shape === 'square') return <rect x={x - r} y={y - r} width={r * 2} height={r * 2} fill={color} />;
  if (shape === 'diamond')
    return <path d={`M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z`} fill={color} />;
  if (shape === 'triangle')
    return <path d={`M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z`} fill={color} />;
  return <circle cx={x} cy={y} r={r} fill={color} />;
}

/**
 * Score per criterion over time, as an inline SVG line chart: small, themeable
 * and no dependency. The same numbers are in a table right under it for
 * screen readers and for anyone who wants exact values.
 */
export function ProgressChart({ progress }: { progress: ProgressPoint[] }) {
  const titleId = useId();
  const { dates, series } = seriesOf(progress);
  if (dates.length === 0)
    return <p className="hint">No submitted scores yet: the chart fills in as calls are scored.</p>;

  const width = 720;
  const height = 260;
  const pad = { left: 36, right: 16, top: 14, bottom: 34 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const x = (date: string) =>
    pad.left + (dates.length === 1 ? innerW / 2 : (dates.indexOf(date) / (dates.length - 1)) * innerW);
  const y = (score: number) => pad.top + ((SCORE_MAX - score) / (SCORE_MAX - SCORE_MIN)) * innerH;
  const levels = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);
  // At most ~8 date labels, so they never overlap.
  const labelEvery = Math.max(1, Math.ceil(dates.length / 8));

  return (
    <figure className="progress-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} preserveAspectRatio="xMidYMid meet">
        <title id={titleId}>
          Score per criterion over {dates.length} {dates.length === 1 ? 'date' : 'dates'}, from{' '}
          {formatDate(dates[0] ?? null)} to {formatDate(dates[dates.length - 1] ?? null)}. Exact values are under
          “Scores as a table” below.
        </title>
        {levels.map((l) => (
          <g key={l}>
            <line x1={pad.left} x2={width - pad.right} y1={y(l)} y2={y(l)} className="chart-grid" />
            <text x={pad.left - 10} y={y(l) + 4} className="chart-label" textAnchor="end">
              {l}
            </text>
          </g>
        ))}
        {dates.map((d, i) =>
          i % labelEvery === 0 || i === dates.length - 1 ? (
            <text key={d} x={x(d)} y={height - 10} className="chart-label" textAnchor="middle">
              {formatDate(d)}
            </text>
          ) : null,
        )}
        {series.map((s, i) => {
          const color = SERIES_COLORS[i % SERIES_COLORS.length] as string;
          const shape = MARKERS[i % MARKERS.length] ?? 'circle';
          // Criteria often share a score on the same date; a small sideways step keeps every marker visible.
          const dx = (i - (series.length - 1) / 2) * 12;
          const px = (date: string) => x(date) + dx;
          return (
            <g key={s.key}>
              <polyline
                fill="none"
                stroke={color}
                strokeWidth={2.5}
                strokeLinejoin="round"
                points={s.points.map((p) => `${px(p.date)},${y(p.score)}`).join(' ')}
              />
              {s.points.map((p) => (
                <Marker key={p.date} shape={shape} x={px(p.date)} y={y(p.score)} color={color} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend" aria-label="Criteria">
          {series.map((s, i) => (
            <li key={s.key}>
              <svg width="16" height="12" aria-hidden="true">
                <Marker
                  shape={MARKERS[i % MARKERS.length] ?? 'circle'}
                  x={8}
                  y={6}
                  color={SERIES_COLORS[i % SERIES_COLORS.length] as string}
                />
              </svg>
              {s.name}
            </li>
          ))}
        </ul>
      </figcaption>
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
