import { useEffect, useId, useMemo, useState } from 'react';
import type { CallType, Tracker, TrackerTrend } from '../../../../shared/domain';
import { CALL_TYPE_LABELS, CALL_TYPES } from '../../../../shared/domain';
import { api } from '../../api/client';
import { LineChart } from '../../components/Chart';
import { EmptyState } from '../../components/EmptyState';
import { formatDate } from '../../lib/format';
import { downloadText, toCsv } from '../../lib/csv';
import { usePeople } from '../people/store';
import { CoachingActivity } from './CoachingActivity';
import { SkillHeatmap } from './SkillHeatmap';
import './insights.css';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => isoDay(new Date(Date.now() - n * 86_400_000));

export interface InsightsFilter {
  from: string;
  to: string;
  repId: string | null;
  /** A team of the library: its people only. */
  teamId: string | null;
  callType: CallType | null;
  trackerId: string | null;
}

function Filters({
  filter,
  onChange,
  trackers,
}: {
  filter: InsightsFilter;
  onChange: (f: InsightsFilter) => void;
  trackers: Tracker[];
}) {
  const id = useId();
  const people = usePeople((s) => s.people);
  const teams = usePeople((s) => s.teams);
  const reps = people.filter((p) => p.role === 'rep' && (!filter.teamId || p.teamId === filter.teamId));
  return (
    <div className="insights-filters" role="group" aria-label="Insights filters">
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={filter.from}
          max={filter.to}
          onChange={(e) => e.target.value && onChange({ ...filter, from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          value={filter.to}
          min={filter.from}
          onChange={(e) => e.target.value && onChange({ ...filter, to: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-rep`}>Rep</label>
        <select
          id={`${id}-rep`}
          value={filter.repId ?? ''}
          onChange={(e) => onChange({ ...filter, repId: e.target.value || null })}
        >
          <option value="">Everyone</option>
          {reps.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {teams.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-team`}>Team</label>
          <select
            id={`${id}-team`}
            value={filter.teamId ?? ''}
            // A rep outside the chosen team would make every figure empty: choosing a team clears the rep.
            onChange={(e) => onChange({ ...filter, teamId: e.target.value || null, repId: null })}
          >
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-type`}>Call type</label>
        <select
          id={`${id}-type`}
          value={filter.callType ?? ''}
          onChange={(e) => onChange({ ...filter, callType: (e.target.value || null) as CallType | null })}
        >
          <option value="">All types</option>
          {CALL_TYPES.map((t) => (
            <option key={t} value={t}>
              {CALL_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tracker`}>Tracker</label>
        <select
          id={`${id}-tracker`}
          value={filter.trackerId ?? ''}
          onChange={(e) => onChange({ ...filter, trackerId: e.target.value || null })}
        >
          <option value="">All trackers</option>
          {trackers.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

const Y_PERCENT: [number, number] = [0, 100];

const share = (calls: number, of: number) => (of > 0 ? Math.round((calls / of) * 100) : null);

/** How often each tracker comes up: a chart over time, and the same numbers as tables (per period, per rep). */
function TrackerTrends({ trends, from, to }: { trends: TrackerTrend[]; from: string; to: string }) {
  const periods = useMemo(() => trends[0]?.byPeriod.map((p) => p.period) ?? [], [trends]);
  const x = useMemo(() => periods.map((p) => Date.parse(`${p}T00:00:00Z`) / 1000), [periods]);
  const xRange = useMemo<[number, number]>(
    () => [Date.parse(`${from}T00:00:00Z`) / 1000 - 7 * 86_400, Date.parse(`${to}T00:00:00Z`) / 1000],
    [from, to],
  );
  const series = useMemo(
    () => trends.map((t) => ({ label: t.trackerName, values: t.byPeriod.map((p) => share(p.calls, p.callsInPeriod)) })),
    [trends],
  );
  const periodRows = trends.flatMap((t) =>
    t.byPeriod.map((p) => [t.trackerName, p.period, p.calls, p.callsInPeriod, p.hits] as const),
  );
  const repRows = trends.flatMap((t) =>
    t.byRep.map((r) => [t.trackerName, r.repName, r.calls, r.callsOfRep, r.hits] as const),
  );
  if (periods.length === 0) {
    return (
      <EmptyState title="No transcribed calls in this period">
        <p>Tracker trends count the calls with a transcript. Widen the period or transcribe calls first.</p>
      </EmptyState>
    );
  }
  return (
    <div className="insights-grid">
      <section className="panel" aria-labelledby="trend-heading">
        <h2 id="trend-heading">Trackers over time</h2>
        <LineChart
          title="Share of calls with a hit"
          x={x}
          series={series}
          yLabel="% of calls"
          xRange={xRange}
          yRange={Y_PERCENT}
        />
        <details>
          <summary>Table</summary>
          <table className="data-table" aria-label="Tracker hits per period">
            <thead>
              <tr>
                <th scope="col">Tracker</th>
                <th scope="col">Week or month of</th>
                <th scope="col">Calls with a hit</th>
                <th scope="col">Calls</th>
                <th scope="col">Hits</th>
              </tr>
            </thead>
            <tbody>
              {periodRows.map(([name, period, calls, of, hits]) => (
                <tr key={`${name}-${period}`}>
                  <td>{name}</td>
                  <td>{formatDate(period)}</td>
                  <td>
                    {calls} ({share(calls, of) ?? 0} %)
                  </td>
                  <td>{of}</td>
                  <td>{hits}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
        <button
          type="button"
          className="button"
          onClick={() =>
            downloadText(
              'tracker-trends.csv',
              toCsv(
                ['tracker', 'period_start', 'calls_with_hit', 'calls', 'hits'],
                periodRows.map((r) => [...r]),
              ),
            )
          }
        >
          Export CSV (per period)
        </button>
      </section>
      <section className="panel" aria-labelledby="by-rep-heading">
        <h2 id="by-rep-heading">Trackers by rep</h2>
        {repRows.length === 0 ? (
          <p className="hint">No tracked phrase was said in these calls.</p>
        ) : (
          <table className="data-table" aria-label="Tracker hits per rep">
            <thead>
              <tr>
                <th scope="col">Tracker</th>
                <th scope="col">Rep</th>
                <th scope="col">Calls with a hit</th>
                <th scope="col">Hits</th>
              </tr>
            </thead>
            <tbody>
              {repRows.map(([name, rep, calls, of, hits]) => (
                <tr key={`${name}-${rep}`}>
                  <td>{name}</td>
                  <td>{rep}</td>
                  <td>
                    {calls} of {of}
                  </td>
                  <td>{hits}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button
          type="button"
          className="button"
          onClick={() =>
            downloadText(
              'tracker-by-rep.csv',
              toCsv(
                ['tracker', 'rep', 'calls_with_hit', 'calls_of_rep', 'hits'],
                repRows.map((r) => [...r]),
              ),
            )
          }
        >
          Export CSV (by rep)
        </button>
      </section>
    </div>
  );
}

export function InsightsScreen() {
  const [filter, setFilter] = useState<InsightsFilter>({
    from: daysAgo(90),
    to: isoDay(new Date()),
    repId: null,
    teamId: null,
    callType: null,
    trackerId: null,
  });
  const [trackers, setTrackers] = useState<Tracker[]>([]);
  const [trends, setTrends] = useState<TrackerTrend[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const offs = [
      api.on('trackers.changed', () => setTick((n) => n + 1)),
      api.on('insights.progress', (e) => e.finished && setTick((n) => n + 1)),
    ];
    return () => offs.forEach((off) => off());
  }, []);
  useEffect(() => {
    let live = true;
    void api.trackers.list().then((r) => live && r.ok && setTrackers(r.value));
    void api.insights.trackerTrends(filter).then((r) => {
      if (!live) return;
      if (r.ok) {
        setTrends(r.value);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [filter, tick]);
  return (
    <div className="screen screen-wide">
      <header className="screen-header">
        <h1>Insights</h1>
        <p className="screen-lede">What the team&apos;s own calls say, measured on this machine.</p>
      </header>
      <Filters filter={filter} onChange={setFilter} trackers={trackers} />
      <SkillHeatmap filter={filter} />
      <CoachingActivity filter={filter} />
      {error && <p role="alert">{error}</p>}
      {trends && <TrackerTrends trends={trends} from={filter.from} to={filter.to} />}
    </div>
  );
}
