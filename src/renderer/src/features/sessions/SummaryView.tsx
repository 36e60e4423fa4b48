import { useEffect, useState } from 'react';
import type { ReviewSession, SessionFeedback, SessionSummary } from '../../../../shared/domain';
import { DEAL_TOPIC_LABELS, FEEDBACK_KIND_LABELS, SESSION_ITEM_KIND_LABELS } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';
import { formatDate } from '../../lib/format';
import { KudosLine } from '../kudos/KudosLine';
import { clock, openSession } from './store';

async function downloadHtml(sessionId: string) {
  try {
    const file = await unwrap(api.sessions.exportHtml({ id: sessionId }));
    const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    link.click();
    // Give the download a moment to start before the URL goes.
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    reportError(error);
  }
}

/** One piece of feedback with its Situation / Behavior / Impact, as the HTML export shows it. */
function FeedbackLine({ feedback: f, who }: { feedback: SessionFeedback; who: string | null }) {
  const sbi = (
    [
      ['Situation', f.situation],
      ['Behavior', f.behavior],
      ['Impact', f.impact],
    ] as const
  ).filter(([, text]) => text);
  return (
    <li className={`captured-${f.kind}`}>
      <strong>{FEEDBACK_KIND_LABELS[f.kind]}:</strong> {f.body}
      {who ? <span className="hint"> — {who}</span> : null}
      {sbi.length > 0 ? (
        <dl className="sbi">
          {sbi.map(([label, text]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}

/** After the session: what was covered, time spent against plan, feedback and kudos per person, action items. */
export function SummaryView({ session }: { session: ReviewSession }) {
  const [summary, setSummary] = useState<SessionSummary | null>(null);
  useEffect(() => {
    unwrap(api.sessions.summary({ id: session.id }))
      .then(setSummary)
      .catch(reportError);
  }, [session]);
  if (!summary) return <p aria-busy="true">Loading the summary…</p>;
  return (
    <div className="screen screen-wide">
      <header className="screen-header">
        <a
          className="button button-quiet"
          href="#/sessions"
          onClick={(e) => {
            e.preventDefault();
            window.location.hash = '#/sessions';
          }}
        >
          ← Sessions
        </a>
        <h1>{summary.title}: summary</h1>
        <p className="screen-lede">
          {formatDate(summary.date)} · {clock(summary.spentSec)} spent of {clock(summary.plannedSec)} planned ·{' '}
          <span className="session-status">{summary.status}</span>
        </p>
        {session.receivedFrom ? (
          <p className="hint" role="note">
            Run on {session.receivedFrom.name}’s device and received through the team folder: it can be changed only
            there.
          </p>
        ) : null}
      </header>
      <div className="control-buttons">
        <button type="button" className="button button-primary" onClick={() => void downloadHtml(summary.id)}>
          Export as HTML
        </button>
        {summary.status === 'running' ? (
          <button type="button" className="button" onClick={() => openSession(summary.id, 'run')}>
            Back to the control view
          </button>
        ) : null}
      </div>
      <section className="panel" aria-labelledby="summary-items-heading">
        <h2 id="summary-items-heading">Items</h2>
        <table className="data-table" aria-label="Items covered">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Presenter</th>
              <th scope="col">Covered</th>
              <th scope="col">Spent / planned</th>
              <th scope="col">Scores</th>
            </tr>
          </thead>
          <tbody>
            {summary.items.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.position + 1}. {i.title} <span className="hint">{SESSION_ITEM_KIND_LABELS[i.kind]}</span>
                  {i.dealNotes.map((n) => (
                    <div key={n.topic} className="hint">
                      {DEAL_TOPIC_LABELS[n.topic]}: {n.body}
                    </div>
                  ))}
                </td>
                <td>{i.presenterName ?? '—'}</td>
                <td>{i.covered ? 'Yes' : 'No'}</td>
                <td className={i.spentSec > i.plannedSec ? 'waiting-badge' : undefined}>
                  {clock(i.spentSec)} / {clock(i.plannedSec)}
                </td>
                <td>{i.scores.map((s) => `${s.criterionName} ${s.mean.toFixed(1)}`).join(' · ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="summary-people-heading">
        <h2 id="summary-people-heading">Feedback and kudos per person</h2>
        <div className="summary-people">
          {summary.people.map((p) => (
            <section key={p.personId} aria-label={p.name}>
              <h3>{p.name}</h3>
              <p className="hint">
                {p.attended ? 'Attended' : 'Absent'} · presented {p.presented} · reviewed {p.reviewed} · facilitated{' '}
                {p.facilitated}
              </p>
              {p.feedback.length > 0 || p.kudos.length > 0 ? (
                <>
                  <h4>Received</h4>
                  <ul className="captured-list" aria-label={`Feedback ${p.name} received`}>
                    {p.feedback.map((f) => (
                      <FeedbackLine key={f.id} feedback={f} who={f.authorName} />
                    ))}
                    {p.kudos.map((k) => (
                      <li key={k.id} className="captured-kudos">
                        <KudosLine kudos={k} />
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className="hint">No feedback recorded.</p>
              )}
              {p.feedbackGiven.length > 0 ? (
                <>
                  <h4>Given</h4>
                  <ul className="captured-list" aria-label={`Feedback ${p.name} gave`}>
                    {p.feedbackGiven.map((f) => (
                      <FeedbackLine key={f.id} feedback={f} who={f.subjectName ? `for ${f.subjectName}` : null} />
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          ))}
        </div>
      </section>
      <section className="panel" aria-labelledby="summary-actions-heading">
        <h2 id="summary-actions-heading">Action items</h2>
        {summary.actionItems.length === 0 ? (
          <p className="hint">No action items.</p>
        ) : (
          <ul className="captured-list" aria-label="Action items">
            {summary.actionItems.map((a) => (
              <li key={a.id}>
                {a.done ? '☑ ' : ''}
                {a.text}{' '}
                <span className="hint">
                  — {a.ownerName ?? 'no owner'}
                  {a.dueDate ? `, due ${formatDate(a.dueDate)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="summary-kudos-heading">
        <h2 id="summary-kudos-heading">Kudos</h2>
        {summary.kudos.length === 0 ? (
          <p className="hint">No kudos given.</p>
        ) : (
          <ul className="kudos-list" aria-label="Kudos">
            {summary.kudos.map((k) => (
              <li key={k.id}>
                <KudosLine kudos={k} withRecipient />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
