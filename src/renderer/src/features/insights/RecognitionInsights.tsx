import { useEffect, useId, useMemo, useState } from 'react';
import type { RecognitionInsights as Figures } from '../../../../shared/domain';
import { api } from '../../api/client';
import { LineChart } from '../../components/Chart';
import { useRouter } from '../../app/router';
import { downloadText, toCsv } from '../../lib/csv';
import { formatDate } from '../../lib/format';
import type { InsightsFilter } from './InsightsScreen';

const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(1)}`;

/**
 * Recognition for a coach: kudos and celebrations over time, who gives and
 * receives, who nobody recognised, and kudos beside each person's score
 * change. The core refuses a rep; the refusal is shown as it comes.
 */
export function RecognitionInsights({ filter }: { filter: InsightsFilter }) {
  const id = useId();
  const openPerson = useRouter((s) => s.openPerson);
  const [figures, setFigures] = useState<Figures | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.recognition.insights({ from: filter.from, to: filter.to, teamId: filter.teamId }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setFigures(r.value);
          setRefusal(null);
        } else {
          setFigures(null);
          setRefusal(r.error.message);
        }
      });
    load();
    const offs = [
      api.on('kudos.changed', load),
      api.on('celebrations.changed', load),
      api.on('scorecards.changed', load),
      api.on('people.changed', load),
    ];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [filter.from, filter.to, filter.teamId]);

  const people = useMemo(
    () => (figures?.people ?? []).filter((p) => !filter.repId || p.personId === filter.repId),
    [figures, filter.repId],
  );
  const unrecognised = useMemo(
    () => (figures?.unrecognised ?? []).filter((p) => !filter.repId || p.personId === filter.repId),
    [figures, filter.repId],
  );
  const x = useMemo(() => (figures?.overTime ?? []).map((b) => Date.parse(`${b.period}T00:00:00Z`) / 1000), [figures]);
  const unit = figures?.bucket === 'month' ? 'month' : 'week';

  return (
    <section className="panel recognition-insights" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Recognition</h2>
      {refusal && <p className="hint">{refusal}</p>}
      {figures && (
        <>
          <h3>Nobody recognised them in this period</h3>
          {unrecognised.length === 0 ? (
            <p className="hint">Everyone received kudos in this period.</p>
          ) : (
            <ul className="unrecognised" aria-label="People nobody recognised in this period">
              {unrecognised.map((p) => (
                <li key={p.personId}>
                  <button type="button" className="link-button" onClick={() => openPerson(p.personId)}>
                    {p.name}
                  </button>{' '}
                  <small className="hint">{p.role}</small>
                </li>
              ))}
            </ul>
          )}

          <h3>Recognition per {unit}</h3>
          {figures.overTime.length > 1 && (
            <LineChart
              title={`Kudos given by people and automatic celebrations per ${unit}`}
              x={x}
              series={[
                { label: 'Kudos (given by people)', values: figures.overTime.map((b) => b.kudos) },
                { label: 'Celebrations (automatic)', values: figures.overTime.map((b) => b.celebrations) },
              ]}
              yLabel="count"
              height={200}
            />
          )}
          <details>
            <summary>Table: recognition per {unit}</summary>
            <table className="data-table" aria-label={`Recognition per ${unit}`}>
              <thead>
                <tr>
                  <th scope="col">{unit === 'week' ? 'Week of' : 'Month'}</th>
                  <th scope="col">Kudos (given by people)</th>
                  <th scope="col">Celebrations (automatic)</th>
                </tr>
              </thead>
              <tbody>
                {figures.overTime.map((b) => (
                  <tr key={b.period}>
                    <td>{unit === 'week' ? formatDate(b.period) : b.period.slice(0, 7)}</td>
                    <td>{b.kudos}</td>
                    <td>{b.celebrations}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>

          <h3>Who gives, who receives, and how their scores moved</h3>
          {people.length === 0 ? (
            <p className="hint">No people yet. Add your team on the People screen.</p>
          ) : (
            <div className="heatmap-scroll">
              <table className="data-table" aria-label="Recognition per person">
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Kudos received</th>
                    <th scope="col">Kudos given</th>
                    <th scope="col">Celebrations</th>
                    <th scope="col">Average score: before → this period</th>
                    <th scope="col">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((p) => (
                    <tr key={p.personId}>
                      <th scope="row">
                        <button type="button" className="link-button" onClick={() => openPerson(p.personId)}>
                          {p.name}
                        </button>{' '}
                        <small className="hint">{p.role}</small>
                      </th>
                      <td className={p.kudosReceived === 0 ? 'overdue' : undefined}>{p.kudosReceived}</td>
                      <td>{p.kudosGiven}</td>
                      <td>{p.celebrations}</td>
                      <td>
                        {p.scoreBefore === null ? '—' : p.scoreBefore.toFixed(1)} →{' '}
                        {p.scoreNow === null ? '—' : p.scoreNow.toFixed(1)}
                        {p.measuredNow > 0 ? <small className="hint"> ({p.measuredNow} scores)</small> : null}
                      </td>
                      <td>{p.scoreChange === null ? '—' : signed(p.scoreChange)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="hint">
            Scores are the ones you may see (submit your own review of a call to see the others on it); “before” is the
            equally long period just before this one.
          </p>
          <p>
            <button
              type="button"
              className="button"
              onClick={() =>
                downloadText(
                  'recognition-over-time.csv',
                  toCsv(
                    ['period_start', 'kudos', 'celebrations'],
                    figures.overTime.map((b) => [b.period, b.kudos, b.celebrations]),
                  ),
                )
              }
            >
              Export CSV (recognition per {unit})
            </button>{' '}
            <button
              type="button"
              className="button"
              onClick={() =>
                downloadText(
                  'recognition-per-person.csv',
                  toCsv(
                    [
                      'person',
                      'role',
                      'kudos_received',
                      'kudos_given',
                      'celebrations',
                      'score_before',
                      'score_now',
                      'score_change',
                      'scores_now',
                    ],
                    people.map((p) => [
                      p.name,
                      p.role,
                      p.kudosReceived,
                      p.kudosGiven,
                      p.celebrations,
                      p.scoreBefore,
                      p.scoreNow,
                      p.scoreChange,
                      p.measuredNow,
                    ]),
                  ),
                )
              }
            >
              Export CSV (recognition per person)
            </button>
          </p>
        </>
      )}
    </section>
  );
}
