import type { Id } from '../../../../shared/domain';
import { useRouter } from '../../app/router';
import { formatDate } from '../../lib/format';
import { formatScore, KIND_LABELS } from '../scorecards/ScorecardPanel';
import { clock } from '../sessions/store';
import { useRep } from './store';

/** Selectors must answer the same value for the same state, or React re-renders forever. */
const NONE: never[] = [];

/** What review sessions said about this person: newest first, each opening the call at its moment. */
export function FromSessionsSection() {
  const feedback = useRep((s) => s.page?.fromSessions) ?? NONE;
  const openCall = useRouter((s) => s.openCall);
  if (feedback.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="rep-sessions-heading">
      <h2 id="rep-sessions-heading">From review sessions</h2>
      <ul className="feedback-list" aria-label="From review sessions">
        {feedback.map((f) => (
          <li key={f.id} className={`feedback-item feedback-${f.kind}`}>
            <span className="badge badge-quiet">{f.kind === 'strength' ? 'Strength' : 'To improve'}</span>{' '}
            <span className="feedback-body">{f.body}</span>
            {f.situation || f.behavior || f.impact ? (
              <span className="hint feedback-sbi">
                {[f.situation && `S: ${f.situation}`, f.behavior && `B: ${f.behavior}`, f.impact && `I: ${f.impact}`]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            ) : null}
            <span className="action-item-meta">
              {f.authorName ?? 'The room'} · {f.sessionTitle}, {formatDate(f.sessionDate)}
              {f.callId && f.callTitle ? (
                <>
                  {' · '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => openCall(f.callId as Id, f.atSec ?? undefined)}
                  >
                    {f.callTitle}
                    {f.atSec !== null ? ` at ${clock(f.atSec)}` : ''}
                  </button>
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Scorecards this person gave about others (a coach's or peer's work), with the call and whom it was about. */
export function ReviewsGivenSection() {
  const reviews = useRep((s) => s.page?.reviewsGiven) ?? NONE;
  const openCall = useRouter((s) => s.openCall);
  if (reviews.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="rep-given-heading">
      <h2 id="rep-given-heading">Reviews given</h2>
      <table className="data-table" aria-label="Reviews given">
        <thead>
          <tr>
            <th scope="col">Call or drill</th>
            <th scope="col">About</th>
            <th scope="col">Rubric</th>
            <th scope="col">Overall</th>
            <th scope="col">Submitted</th>
          </tr>
        </thead>
        <tbody>
          {reviews.map((r) => (
            <tr key={r.id}>
              <td>
                {r.callId ? (
                  <button type="button" className="link-button" onClick={() => openCall(r.callId as Id)}>
                    {r.title}
                  </button>
                ) : (
                  <>
                    {r.title} {r.attemptId ? <span className="hint">drill attempt</span> : null}
                  </>
                )}
              </td>
              <td>
                {r.revieweeName ?? '—'} <span className="hint">{KIND_LABELS[r.reviewerKind]} review</span>
              </td>
              <td>{r.rubricName}</td>
              <td title={r.overallScore === null ? 'Blind until you submit your own on it' : undefined}>
                {formatScore(r.overallScore)}
              </td>
              <td>{formatDate(r.submittedAt.slice(0, 10))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Comments this person wrote on others' calls and feedback they gave in sessions. */
export function FeedbackWrittenSection() {
  const written = useRep((s) => s.page?.feedbackWritten) ?? NONE;
  const openCall = useRouter((s) => s.openCall);
  if (written.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="rep-written-heading">
      <h2 id="rep-written-heading">Feedback written</h2>
      <ul className="feedback-list" aria-label="Feedback written">
        {written.map((f) => (
          <li key={f.id} className="feedback-item">
            <span className="feedback-body">{f.body || <span className="hint">(no words)</span>}</span>
            <span className="action-item-meta">
              {f.source === 'annotation' ? 'Comment' : 'Session feedback'}
              {f.aboutName ? ` for ${f.aboutName}` : ''} · {formatDate(f.createdAt.slice(0, 10))} ·{' '}
              {f.callId ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => openCall(f.callId as Id, f.atSec ?? undefined)}
                >
                  {f.title}
                  {f.atSec !== null ? ` at ${clock(f.atSec)}` : ''}
                </button>
              ) : (
                f.title
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
