import { useEffect, useId, useState } from 'react';
import type { Id, MetricKey, RepInsights } from '../../../../shared/domain';
import { api } from '../../api/client';
import { useRouter } from '../../app/router';
import { downloadText, toCsv } from '../../lib/csv';
import { formatDate } from '../../lib/format';
import { METRICS } from './metric-labels';

/**
 * A rep's conversation figures on their page: their last calls against the
 * calls before them ("you vs your past" before any comparison with others),
 * and the calls behind the figures, each opening on its Metrics tab.
 */
export function RepFigures({ personId }: { personId: Id }) {
  const id = useId();
  const openCall = useRouter((s) => s.openCall);
  const [data, setData] = useState<RepInsights | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.insights.forRep({ personId }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setData(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    load();
    const offs = [
      api.on('calls.changed', load),
      api.on('transcript.changed', load),
      api.on('insights.progress', (e) => e.finished && load()),
    ];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [personId]);
  const shown = (data?.figures ?? []).filter((f) => f.recent !== null);
  const csv = () => {
    if (!data) return;
    const keys = shown.map((f) => f.key);
    downloadText(
      'rep-figures.csv',
      toCsv(
        ['call', 'date', ...keys],
        data.calls.map((c) => [c.title, c.day, ...keys.map((k) => c.values[k])]),
      ),
    );
  };
  const fmt = (key: MetricKey, v: number | null) => (v === null ? '—' : METRICS[key].format(v));
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Conversation figures: recent calls vs earlier</h2>
      {error && <p role="alert">{error}</p>}
      {data && data.calls.length === 0 && (
        <p className="hint">
          No transcribed calls of this person yet. Figures appear once their calls are transcribed.
        </p>
      )}
      {data && data.calls.length > 0 && (
        <>
          <table className="metrics-table" aria-label="Conversation figures, recent vs earlier">
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">{data.calls.length === 1 ? 'Last call' : `Last ${data.calls.length} calls`}</th>
                <th scope="col">The calls before</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((f) => (
                <tr key={f.key}>
                  <th scope="row" title={METRICS[f.key].hint}>
                    {METRICS[f.key].label}
                  </th>
                  <td className="metric-value">{fmt(f.key, f.recent)}</td>
                  <td className="metric-value">
                    {f.past === null ? 'no earlier calls yet' : `${fmt(f.key, f.past)} (${f.pastCalls} calls)`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length < (data.figures.length ?? 0) && (
            <p className="hint">
              Rep-versus-customer figures need the customer marked in each call&apos;s Transcript tab.
            </p>
          )}
          <details>
            <summary>The calls behind these figures</summary>
            <ul className="rep-figure-calls" aria-label="Calls behind the figures">
              {data.calls.map((c) => (
                <li key={c.callId}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => openCall(c.callId, undefined, 'metrics')}
                  >
                    {c.title}
                  </button>{' '}
                  <span className="hint">{formatDate(c.day)}</span>
                </li>
              ))}
            </ul>
          </details>
          <button type="button" className="button" onClick={csv}>
            Export CSV (figures per call)
          </button>
        </>
      )}
    </section>
  );
}
