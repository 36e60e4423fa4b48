import { EmptyState } from '../../components/EmptyState';
import { ControlView } from './ControlView';
import { SessionPlan } from './SessionPlan';
import type { SessionView } from './store';
import { openSession, useLiveSession, useSession } from './store';
import { SummaryView } from './SummaryView';
import './sessions.css';

/** One session: its plan, the facilitator's control view while it runs, or its summary. */
export function SessionRoute({ sessionId, view }: { sessionId: string; view: SessionView }) {
  const session = useLiveSession(sessionId);
  const error = useSession((s) => s.error);
  if (!session) {
    return error ? (
      <div className="screen">
        <EmptyState title="This session is not here">{error}</EmptyState>
      </div>
    ) : (
      <p aria-busy="true">Loading the session…</p>
    );
  }
  // A session that came from a teammate is theirs to change: here it is read as its summary.
  if (view === 'summary' || session.receivedFrom) return <SummaryView session={session} />;
  if (view === 'run') {
    if (session.status === 'running') return <ControlView session={session} />;
    return (
      <div className="screen">
        <EmptyState
          title={session.status === 'finished' ? 'This session is finished' : 'This session has not started'}
          action={
            <button
              type="button"
              className="button button-primary"
              onClick={() => openSession(session.id, session.status === 'finished' ? 'summary' : 'plan')}
            >
              {session.status === 'finished' ? 'See the summary' : 'Plan and start it'}
            </button>
          }
        >
          {session.title}
        </EmptyState>
      </div>
    );
  }
  return <SessionPlan session={session} />;
}
