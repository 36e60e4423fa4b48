import { useState } from 'react';
import type { Attempt, Drill, DrillHistory as History } from '../../../../shared/domain';
import { formatDuration } from '../../lib/format';
import { AttemptReview } from './AttemptReview';
import { formatChange, formatDateTime, formatScore, formatWpm } from './format';
import { useDrills } from './store';

/** Scores over time as a small line chart (1–5), with the personal best marked. */
function ScoreChart({ attempts, bestId }: { attempts: Attempt[]; bestId: string | null }) {
  const scored = attempts.filter((a) => a.score !== null);
  if (scored.length < 2) return null;
  const w = 320;
  const h = 96;
  const x = (i: number) => 24 + (i * (w - 36)) / Math.max(1, scored.length - 1);
  const y = (s: number) => h - 10 - ((s - 1) / 4) * (h - 20);
  const points = scored.map((a, i) => `${x(i)},${y(a.score as number)}`).join(' ');
  return (
    <svg
      className="drill-chart"
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={`Scores over time: ${scored.map((a) => formatScore(a.score)).join(', ')}`}
    >
      {[1, 3, 5].map((s) => (
        <g key={s}>
          <line x1={12} x2={w} y1={y(s)} y2={y(s)} className="drill-chart-grid" />
          <text x={0} y={y(s) + 4} className="drill-chart-label">
            {s}
          </text>
        </g>
      ))}
      <polyline points={points} className="drill-chart-line" />
      {scored.map((a, i) => (
        <circle
          key={a.id}
          cx={x(i)}
          cy={y(a.score as number)}
          r={a.id === bestId ? 6 : 4}
          className={a.id === bestId ? 'drill-chart-best' : 'drill-chart-dot'}
        />
      ))}
    </svg>
  );
}

/** Compete with yourself: every attempt at this drill, the personal best, and the change since the first. */
export function DrillHistory({ drill, history }: { drill: Drill; history: History }) {
  const removeAttempt = useDrills((s) => s.removeAttempt);
  const refresh = useDrills((s) => s.refreshHistory);
  const [openId, setOpenId] = useState<string | null>(null);
  const best = history.personalBest;
  const attempts = history.attempts;
  const open = attempts.find((a) => a.id === openId) ?? null;
  const newestFirst = [...attempts].reverse();

  return (
    <section className="panel drill-history" aria-labelledby="drill-history-title">
      <header className="drill-section-head">
        <h2 id="drill-history-title">History</h2>
        <span className="drill-muted">
          {attempts.length} {attempts.length === 1 ? 'attempt' : 'attempts'}
        </span>
      </header>
      <dl className="drill-stats drill-headline">
        <div>
          <dt>Personal best</dt>
          <dd aria-label="Personal best">{best ? formatScore(best.score) : '—'}</dd>
        </div>
        <div>
          <dt>Since first attempt</dt>
          <dd aria-label="Improvement since the first attempt">{formatChange(history.improvement)}</dd>
        </div>
        <div>
          <dt>Words / min</dt>
          <dd>
            {formatWpm(history.firstStats)}
            {history.latestStats ? ` → ${formatWpm(history.latestStats)}` : ''}
          </dd>
        </div>
        <div>
          <dt>Fillers</dt>
          <dd>
            {history.firstStats ? history.firstStats.fillerCount : '—'}
            {history.latestStats ? ` → ${history.latestStats.fillerCount}` : ''}
          </dd>
        </div>
      </dl>
      <ScoreChart attempts={attempts} bestId={best?.attemptId ?? null} />
      {attempts.length === 0 ? (
        <p className="drill-muted">No attempts yet. Run the drill to record your first answer.</p>
      ) : (
        <table className="drill-table" aria-label="Attempts">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Length</th>
              <th scope="col">WPM</th>
              <th scope="col">Fillers</th>
              <th scope="col">Questions</th>
              <th scope="col">Score</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((a) => {
              const n = attempts.indexOf(a) + 1;
              return (
                <tr key={a.id} aria-label={`Attempt ${n}`} aria-current={a.id === openId ? 'true' : undefined}>
                  <td>{n}</td>
                  <td>{formatDateTime(a.createdAt)}</td>
                  <td>{formatDuration(a.durationSec)}</td>
                  <td>{formatWpm(a.stats)}</td>
                  <td>{a.stats ? a.stats.fillerCount : '—'}</td>
                  <td>{a.stats ? a.stats.questionCount : '—'}</td>
                  <td>
                    {formatScore(a.score)}
                    {best?.attemptId === a.id ? (
                      <span className="badge drill-best-badge" title="Personal best">
                        ★ Best
                      </span>
                    ) : null}
                  </td>
                  <td className="drill-row-actions">
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={`Open attempt ${n}`}
                      onClick={() => setOpenId(openId === a.id ? null : a.id)}
                    >
                      {openId === a.id ? 'Close' : 'Open'}
                    </button>
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={`Remove attempt ${n}`}
                      onClick={() => void removeAttempt(a.id)}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {open ? <AttemptReview key={open.id} attempt={open} drill={drill} onChanged={() => void refresh()} /> : null}
    </section>
  );
}
