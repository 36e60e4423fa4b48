import { useEffect, useId, useMemo, useState } from 'react';
import type { SkillPoint } from '../../../../shared/domain';
import type { ReviewerKindChoice } from '../../components/ReviewerKindSelect';
import { ReviewerKindSelect } from '../../components/ReviewerKindSelect';
import { api } from '../../api/client';
import { LineChart } from '../../components/Chart';
import type { InsightsFilter } from './InsightsScreen';

const SCORE_RANGE: [number, number] = [1, 5];

/**
 * One rep's criteria over time: a line per criterion, from self, peer and
 * coach scores kept apart (or together, weighted by how many scores each day has).
 */
export function SkillProgress({
  filter,
  repName,
  criterionName,
}: {
  filter: InsightsFilter & { repId: string };
  repName: string;
  criterionName: (key: string) => string;
}) {
  const id = useId();
  const [kind, setKind] = useState<ReviewerKindChoice>('');
  const [points, setPoints] = useState<SkillPoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.insights.skillProgress({ repId: filter.repId, from: filter.from, to: filter.to }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setPoints(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    load();
    const off = api.on('scorecards.changed', load);
    return () => {
      live = false;
      off();
    };
  }, [filter.repId, filter.from, filter.to]);
  const chosen = useMemo(() => (points ?? []).filter((p) => !kind || p.reviewerKind === kind), [points, kind]);
  const days = useMemo(() => [...new Set(chosen.map((p) => p.day))].sort(), [chosen]);
  const keys = useMemo(() => [...new Set(chosen.map((p) => p.criterionKey))].sort(), [chosen]);
  const series = useMemo(
    () =>
      keys.map((key) => ({
        label: criterionName(key),
        values: days.map((day) => {
          const here = chosen.filter((p) => p.criterionKey === key && p.day === day);
          const n = here.reduce((a, p) => a + p.count, 0);
          return n ? here.reduce((a, p) => a + p.mean * p.count, 0) / n : null;
        }),
      })),
    [keys, days, chosen, criterionName],
  );
  const x = useMemo(() => days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000), [days]);
  // The whole period on the axis, so one day of scores is a point in time, not a line across the chart.
  const xRange = useMemo<[number, number]>(
    () => [Date.parse(`${filter.from}T00:00:00Z`) / 1000, Date.parse(`${filter.to}T00:00:00Z`) / 1000 + 86_400],
    [filter.from, filter.to],
  );
  return (
    <section className="panel skill-progress" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{repName}: skills over time</h2>
      <ReviewerKindSelect value={kind} onChange={setKind} />
      {error && <p role="alert">{error}</p>}
      {points && days.length === 0 && (
        <p className="hint">No submitted scores you can see for {repName} in this period.</p>
      )}
      {days.length > 0 && (
        <LineChart
          title={`${repName}: mean score per criterion`}
          x={x}
          series={series}
          yLabel="score"
          yRange={SCORE_RANGE}
          xRange={xRange}
        />
      )}
    </section>
  );
}
