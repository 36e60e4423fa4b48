import { useEffect, useState } from 'react';
import type { CallInsights, Id, MetricComparison } from '../../../../shared/domain';
import { api } from '../../api/client';
import { usePlayer } from '../player/store';
import { formatClock } from '../player/format';
import { METRICS } from './metric-labels';
import './insights.css';

function useCallInsights(callId: Id, mediaSha256: string) {
  const [state, setState] = useState<{ insights: CallInsights | null; error: string | null }>({
    insights: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.insights.forCall({ callId }).then((r) => {
        if (!live) return;
        setState(r.ok ? { insights: r.value, error: null } : { insights: null, error: r.error.message });
      });
    load();
    const offs = [
      api.on('transcript.changed', (e) => e.mediaSha256 === mediaSha256 && load()),
      api.on('trackers.changed', load),
      api.on('insights.progress', (e) => e.finished && load()),
    ];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [callId, mediaSha256]);
  return state;
}

function Figure({ c }: { c: MetricComparison }) {
  const seek = usePlayer((s) => s.seek);
  const meta = METRICS[c.key];
  const value = c.value === null ? '—' : meta.format(c.value);
  return (
    <tr>
      <th scope="row" title={meta.hint}>
        {meta.label}
      </th>
      <td className="metric-value">
        {c.moment && c.value !== null ? (
          <button
            type="button"
            className="link-button"
            aria-label={`${meta.label} ${value}: play from ${formatClock(c.moment.startSec)}`}
            onClick={() => seek(c.moment!.startSec)}
          >
            {value} <span className="metric-at">at {formatClock(c.moment.startSec)}</span>
          </button>
        ) : (
          value
        )}
      </td>
      <td>
        {c.repBaseline === null
          ? '—'
          : `${meta.format(c.repBaseline)} (${c.baselineCalls} call${c.baselineCalls === 1 ? '' : 's'})`}
      </td>
      <td>{c.teamBand ? `${meta.format(c.teamBand.low)} – ${meta.format(c.teamBand.high)}` : '—'}</td>
    </tr>
  );
}

/** A call's conversation figures beside the rep's own past and the team's middle half, and its tracker hits. */
export function CallMetricsPanel({ callId, mediaSha256 }: { callId: Id; mediaSha256: string }) {
  const { insights, error } = useCallInsights(callId, mediaSha256);
  const seek = usePlayer((s) => s.seek);
  if (error) return <p role="alert">{error}</p>;
  if (!insights) return <p aria-busy="true">Measuring…</p>;
  if (!insights.metrics) return <p className="hint">{insights.empty}</p>;
  if (insights.empty) return <p className="hint">{insights.empty}</p>;
  const needSides = insights.comparisons.filter((c) => c.needsSides);
  const shown = insights.comparisons.filter((c) => !c.needsSides);
  return (
    <div className="call-metrics">
      {needSides.length > 0 && (
        <div className="banner" role="note" aria-label="Customer side needed">
          {insights.sides === 'customer_silent' ? (
            <>
              <strong>The customer&apos;s speaker has no speech in this transcript.</strong> Rep-versus-customer figures
              need both sides: assign the customer&apos;s segments to their speaker in the Transcript tab (or check that
              the right speaker is marked “Customer”).
            </>
          ) : insights.sides === 'rep_silent' ? (
            <>
              <strong>Every segment is on the customer&apos;s side.</strong> Rep-versus-customer figures need both
              sides: assign the rep&apos;s segments to another speaker in the Transcript tab.
            </>
          ) : (
            <>
              <strong>Rep-versus-customer figures need a customer side.</strong> In the Transcript tab, mark the
              customer&apos;s speaker (“Customer”); for a mono recording, add a speaker and assign the customer&apos;s
              segments to it.
            </>
          )}{' '}
          Until then {needSides.map((c) => METRICS[c.key].label.toLowerCase()).join(', ')} are not shown.
        </div>
      )}
      <table className="metrics-table" aria-label="Call metrics">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">This call</th>
            <th scope="col">Rep&apos;s recent calls</th>
            <th scope="col">Team middle half</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <Figure key={c.key} c={c} />
          ))}
        </tbody>
      </table>
      <p className="hint">
        Rep&apos;s recent calls: the mean over up to 10 of this rep&apos;s earlier calls. Team middle half: the middle
        50 % of the team&apos;s calls (shown from 3 calls on). Sample calls are not counted in either.
      </p>
      <section aria-labelledby="tracker-hits-heading">
        <h3 id="tracker-hits-heading">Tracker hits</h3>
        {insights.hits.length === 0 ? (
          <p className="hint">No tracked phrase was said. Trackers are edited in Settings.</p>
        ) : (
          <ul className="tracker-hits" aria-label="Tracker hits">
            {insights.hits.map((h, i) => (
              <li key={`${h.trackerId}-${h.segmentId}-${i}`}>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`${h.trackerName}: “${h.phrase}” at ${formatClock(h.startSec)}`}
                  onClick={() => seek(h.startSec)}
                >
                  <span className="metric-at">{formatClock(h.startSec)}</span> <strong>{h.trackerName}</strong> “
                  {h.phrase}”{h.side !== 'unknown' ? ` · ${h.side}` : ''}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
