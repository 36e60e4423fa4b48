import { useEffect } from 'react';
import type { Id } from '../../../../shared/domain';
import { api } from '../../api/client';
import { useRouter } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { formatDate, formatDuration } from '../../lib/format';
import { usePeople } from '../people/store';
import { formatScore, KIND_LABELS } from '../scorecards/ScorecardPanel';
import { RepFigures } from '../insights/RepFigures';
import { PersonGoals } from '../recognition/PersonGoals';
import { PersonRecognition } from '../recognition/PersonRecognition';
import { FeedbackWrittenSection, FromSessionsSection, ReviewsGivenSection } from './PersonFeedback';
import { PersonPlan } from './PersonPlan';
import { ProgressChart } from './ProgressChart';
import type { OpenActionItem } from './store';
import { useRep, useVisibleActionItems } from './store';
import '../annotations/coaching.css';

/** Selectors must answer the same value for the same state, or React re-renders forever. */
const NONE: never[] = [];

function ActionItemsSection() {
  const items = useVisibleActionItems();
  const setDone = useRep((s) => s.setDone);
  const people = usePeople((s) => s.people);
  const openCall = useRouter((s) => s.openCall);
  const ownerName = (item: OpenActionItem) => people.find((p) => p.id === item.ownerId)?.name ?? 'No owner';
  return (
    <section className="panel" aria-labelledby="rep-actions-heading">
      <h2 id="rep-actions-heading">Open action items</h2>
      {items.length === 0 ? (
        <p className="hint">Nothing open. Action items from scorecards show here until they are done.</p>
      ) : (
        <ul className="action-item-list" aria-label="Open action items">
          {items.map((item) => (
            <li key={item.id} className={`action-item${item.done ? ' action-item-done' : ''}`}>
              <label className="action-item-check">
                <input
                  type="checkbox"
                  checked={item.done}
                  aria-label={`Done: ${item.text}`}
                  onChange={(e) => void setDone(item, e.target.checked)}
                />
                <span className="action-item-text">{item.text}</span>
              </label>
              <span className="action-item-meta">
                {ownerName(item)} · {item.dueDate ? `due ${formatDate(item.dueDate)}` : 'no due date'}
                {item.callId && item.callTitle ? (
                  <>
                    {' · '}
                    <button type="button" className="link-button" onClick={() => openCall(item.callId as Id)}>
                      {item.callTitle}
                    </button>
                  </>
                ) : null}
                {item.done ? <span className="badge badge-quiet">Done</span> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ScorecardsSection({ name }: { name: string }) {
  const scorecards = useRep((s) => s.page?.scorecards) ?? NONE;
  const openCall = useRouter((s) => s.openCall);
  return (
    <section className="panel" aria-labelledby="rep-scorecards-heading">
      <h2 id="rep-scorecards-heading">Scorecards about their calls</h2>
      {scorecards.length === 0 ? (
        <p className="hint">No submitted scorecards on {name}’s calls that you can see yet.</p>
      ) : (
        <table className="data-table" aria-label="Scorecards">
          <thead>
            <tr>
              <th scope="col">Call</th>
              <th scope="col">Rubric</th>
              <th scope="col">Reviewer</th>
              <th scope="col">Overall</th>
              <th scope="col">Submitted</th>
            </tr>
          </thead>
          <tbody>
            {scorecards.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.callId ? (
                    <button type="button" className="link-button" onClick={() => openCall(s.callId as Id)}>
                      {s.callTitle}
                    </button>
                  ) : (
                    s.callTitle
                  )}
                </td>
                <td>
                  {s.rubricName} <span className="hint">v{s.rubricVersion}</span>
                </td>
                <td>
                  {s.reviewerName} <span className="hint">{KIND_LABELS[s.reviewerKind]}</span>
                </td>
                <td>{formatScore(s.overallScore)}</td>
                <td>{formatDate(s.submittedAt.slice(0, 10))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CallsSection() {
  const calls = useRep((s) => s.page?.calls) ?? NONE;
  const openCall = useRouter((s) => s.openCall);
  return (
    <section className="panel" aria-labelledby="rep-calls-heading">
      <h2 id="rep-calls-heading">Calls</h2>
      {calls.length === 0 ? (
        <p className="hint">No calls with this person as the rep. Set a call’s rep in its details.</p>
      ) : (
        <table className="data-table" aria-label="Calls">
          <thead>
            <tr>
              <th scope="col">Call</th>
              <th scope="col">Customer</th>
              <th scope="col">Date</th>
              <th scope="col">Length</th>
              <th scope="col">Scorecards</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c) => (
              <tr key={c.id}>
                <td>
                  <button type="button" className="link-button" onClick={() => openCall(c.id)}>
                    {c.title}
                  </button>
                </td>
                <td>{c.customer || '—'}</td>
                <td>{formatDate(c.callDate)}</td>
                <td>{formatDuration(c.durationSec)}</td>
                <td>{c.scorecardCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * A person's page: open follow-up first, then progress per criterion, what review sessions said, their
 * scorecards and calls — and, for anyone who reviews (a coach above all), the reviews they gave and
 * the feedback they wrote. A coach with no calls of their own sees their reviewing first.
 */
export function RepScreen({ personId }: { personId: Id }) {
  const person = usePeople((s) => s.people.find((p) => p.id === personId) ?? null);
  const { page, error, load } = useRep();
  const reviewerFirst = person?.role !== 'rep' && !page?.calls.length && !page?.scorecards.length;
  const go = useRouter((s) => s.go);

  useEffect(() => {
    void load(personId);
    const reload = () => void useRep.getState().load(personId);
    const offs = [
      api.on('scorecards.changed', reload),
      api.on('actionItems.changed', reload),
      api.on('annotations.changed', reload),
      api.on('sessions.changed', (e) => (e.reason === 'capture' || e.reason === 'removed') && reload()),
    ];
    return () => offs.forEach((off) => off());
  }, [personId, load]);

  if (error) {
    return (
      <div className="screen">
        <EmptyState
          title="This person is not in the team"
          action={
            <button type="button" className="button button-primary" onClick={() => go('people')}>
              Back to People
            </button>
          }
        >
          {error}
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="screen rep-screen" aria-busy={page ? undefined : true}>
      <header className="screen-header">
        <button type="button" className="button button-quiet" onClick={() => go('people')}>
          ← People
        </button>
        <h1>{person?.name ?? 'Rep'}</h1>
        <p className="screen-lede">
          Progress against their own past: scores per criterion over time, and what is still open.
        </p>
      </header>
      {reviewerFirst ? (
        <>
          <ReviewsGivenSection />
          <FeedbackWrittenSection />
        </>
      ) : null}
      <PersonGoals personId={personId} />
      <PersonPlan personId={personId} name={person?.name ?? 'them'} />
      <ActionItemsSection />
      <section className="panel" aria-labelledby="rep-progress-heading">
        <h2 id="rep-progress-heading">Score per criterion over time</h2>
        <ProgressChart progress={page?.progress ?? []} />
        <p className="hint">
          Scores given live in review sessions count under their giver’s kind (self, peer or coach).
        </p>
      </section>
      <FromSessionsSection />
      {/* A coach with no calls of their own: no empty "scorecards about their calls" to read as "did nothing". */}
      {reviewerFirst ? null : (
        <>
          <ScorecardsSection name={person?.name ?? 'this person'} />
          <CallsSection />
          <ReviewsGivenSection />
          <FeedbackWrittenSection />
        </>
      )}
      <RepFigures personId={personId} />
      <PersonRecognition personId={personId} name={person?.name ?? 'them'} />
    </div>
  );
}
