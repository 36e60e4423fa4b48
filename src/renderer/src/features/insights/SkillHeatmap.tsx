import { useEffect, useId, useState } from 'react';
import type { SkillHeatmap as Heatmap } from '../../../../shared/domain';
import type { ReviewerKindChoice } from '../../components/ReviewerKindSelect';
import { ReviewerKindSelect } from '../../components/ReviewerKindSelect';
import { api } from '../../api/client';
import { downloadText, toCsv } from '../../lib/csv';
import type { InsightsFilter } from './InsightsScreen';
import { SkillEvidence } from './SkillEvidence';
import { SkillProgress } from './SkillProgress';

/**
 * Scores 1–5 on a sequential scale that stays ordered without colour vision
 * (cividis-like: dark blue → grey → yellow, monotonic in lightness), with the
 * number printed in every cell.
 */
const SCALE: Array<[number, number, number]> = [
  [0x00, 0x22, 0x4e],
  [0x35, 0x45, 0x6c],
  [0x66, 0x69, 0x70],
  [0x94, 0x8e, 0x77],
  [0xc8, 0xb8, 0x66],
  [0xfe, 0xe8, 0x38],
];
/** The colour of a mean score, interpolated along the scale so 3.0 and 3.5 never share a shade. */
function cellColour(mean: number): { background: string; color: string } {
  const t = Math.min(1, Math.max(0, (mean - 1) / 4)) * (SCALE.length - 1);
  const i = Math.min(SCALE.length - 2, Math.floor(t));
  const f = t - i;
  const [a, b] = [SCALE[i]!, SCALE[i + 1]!];
  const rgb = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return { background: `rgb(${rgb.join(', ')})`, color: t >= 2.5 ? '#14171c' : '#ffffff' };
}

/** The team heatmap: reps × criteria with the number of scores behind every cell. */
export function SkillHeatmap({ filter }: { filter: InsightsFilter }) {
  const id = useId();
  const [kind, setKind] = useState<ReviewerKindChoice>('');
  const [map, setMap] = useState<Heatmap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<{ repId: string; criterionKey: string } | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.insights
        .skillHeatmap({
          from: filter.from,
          to: filter.to,
          repId: filter.repId,
          teamId: filter.teamId,
          reviewerKind: kind || null,
        })
        .then((r) => {
          if (!live) return;
          if (r.ok) {
            setMap(r.value);
            setError(null);
          } else setError(r.error.message);
        });
    load();
    const off = api.on('scorecards.changed', load);
    return () => {
      live = false;
      off();
    };
  }, [filter.from, filter.to, filter.repId, filter.teamId, kind]);
  const nameOf = (key: string) => map?.criteria.find((c) => c.key === key)?.name ?? key;
  const csv = () => {
    if (!map) return;
    const rows = map.cells.map((c) => [
      map.reps.find((r) => r.id === c.repId)?.name ?? c.repId,
      nameOf(c.criterionKey),
      Math.round(c.mean * 100) / 100,
      c.count,
    ]);
    downloadText('skill-heatmap.csv', toCsv(['rep', 'criterion', 'mean_score', 'scores'], rows));
  };
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Skills: reps × criteria</h2>
      <ReviewerKindSelect value={kind} onChange={setKind} />
      {error && <p role="alert">{error}</p>}
      {map && map.cells.length === 0 && filter.teamId && (
        <p className="hint">No submitted scores you can see for this team’s people in this period.</p>
      )}
      {map && map.cells.length === 0 && !filter.teamId && (
        <p className="hint">
          No submitted scores you can see in this period. Scores appear here once reviews are submitted — and, for a
          call you are reviewing yourself, once you have submitted yours.
        </p>
      )}
      {map && map.cells.length > 0 && (
        <>
          <div className="heatmap-scroll">
            <table className="heatmap" aria-label="Skill heatmap">
              <thead>
                <tr>
                  <th scope="col">Rep</th>
                  {map.criteria.map((c) => (
                    <th key={c.key} scope="col">
                      {c.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {map.reps.map((rep) => (
                  <tr key={rep.id}>
                    <th scope="row">{rep.name}</th>
                    {map.criteria.map((c) => {
                      const cell = map.cells.find((x) => x.repId === rep.id && x.criterionKey === c.key);
                      if (!cell) {
                        return (
                          <td key={c.key} className="heatmap-empty">
                            —
                          </td>
                        );
                      }
                      const label = `${rep.name}, ${c.name}: ${cell.mean.toFixed(1)} from ${cell.count} score${cell.count === 1 ? '' : 's'}`;
                      return (
                        <td key={c.key} style={cellColour(cell.mean)} aria-label={label}>
                          <button
                            type="button"
                            className="heatmap-cell"
                            aria-label={`Show the scores behind ${label}`}
                            aria-expanded={opened?.repId === rep.id && opened.criterionKey === c.key}
                            onClick={() => setOpened({ repId: rep.id, criterionKey: c.key })}
                          >
                            <strong>{cell.mean.toFixed(1)}</strong> <small>n={cell.count}</small>
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">
            Scale 1 (dark) to 5 (light); n is the number of scores behind the cell. Team&apos;s weakest:{' '}
            {map.teamWeakest.length ? map.teamWeakest.map(nameOf).join(', ') : 'not enough scores yet'}.
          </p>
          <ul className="hint" aria-label="Weakest criteria per rep">
            {map.weakestByRep
              .filter((w) => w.criterionKeys.length > 0)
              .map((w) => (
                <li key={w.repId}>
                  {map.reps.find((r) => r.id === w.repId)?.name}: {w.criterionKeys.map(nameOf).join(', ')}
                </li>
              ))}
          </ul>
          {opened && (
            <SkillEvidence
              cell={{
                ...opened,
                repName: map.reps.find((r) => r.id === opened.repId)?.name ?? '',
                criterionName: nameOf(opened.criterionKey),
              }}
              from={filter.from}
              to={filter.to}
              reviewerKind={kind || null}
              onClose={() => setOpened(null)}
            />
          )}
          <button type="button" className="button" onClick={csv}>
            Export CSV (heatmap)
          </button>
        </>
      )}
      {filter.repId && (
        <SkillProgress
          filter={{ ...filter, repId: filter.repId }}
          repName={map?.reps.find((r) => r.id === filter.repId)?.name ?? 'This rep'}
          criterionName={nameOf}
        />
      )}
    </section>
  );
}
