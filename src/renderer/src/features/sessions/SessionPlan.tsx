import { useEffect, useState } from 'react';
import type { ReviewSession, SessionItemKind } from '../../../../shared/domain';
import { SESSION_ITEM_KIND_LABELS, SESSION_ITEM_KINDS } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';
import { usePeople } from '../people/store';
import type { Choices } from './ItemEditor';
import { ItemEditor } from './ItemEditor';
import { clock, openSession, useSession } from './store';

function useChoices(): Choices {
  const [choices, setChoices] = useState<Choices>({ calls: [], rubrics: [], drills: [] });
  useEffect(() => {
    Promise.all([unwrap(api.calls.list()), unwrap(api.rubrics.list()), unwrap(api.drills.list())])
      .then(([calls, rubrics, drills]) => setChoices({ calls, rubrics, drills }))
      .catch(reportError);
  }, []);
  return choices;
}

function Participants({ session }: { session: ReviewSession }) {
  const apply = useSession((s) => s.apply);
  const people = usePeople((s) => s.people);
  const inSession = new Map(session.participants.map((p) => [p.personId, p]));
  const setMembers = (ids: string[]) => void apply(api.sessions.update({ id: session.id, participantIds: ids }));
  return (
    <section className="panel" aria-labelledby="participants-heading">
      <h2 id="participants-heading">Participants</h2>
      <div className="participants">
        {people.map((p) => {
          const member = inSession.get(p.id);
          return (
            <span key={p.id} className="participant">
              <label>
                <input
                  type="checkbox"
                  checked={Boolean(member)}
                  onChange={(e) =>
                    setMembers(
                      e.target.checked
                        ? [...session.participants.map((x) => x.personId), p.id]
                        : session.participants.map((x) => x.personId).filter((id) => id !== p.id),
                    )
                  }
                />{' '}
                {p.name}
              </label>
              {member ? (
                <label className="hint">
                  {' '}
                  <input
                    type="checkbox"
                    checked={member.attended}
                    onChange={(e) =>
                      void apply(
                        api.sessions.setAttendance({
                          sessionId: session.id,
                          personId: p.id,
                          attended: e.target.checked,
                        }),
                      )
                    }
                  />{' '}
                  here
                </label>
              ) : null}
            </span>
          );
        })}
      </div>
    </section>
  );
}

/** Planning a session: details, who takes part, and the agenda with its roles. */
export function SessionPlan({ session }: { session: ReviewSession }) {
  const apply = useSession((s) => s.apply);
  const choices = useChoices();
  const [kind, setKind] = useState<SessionItemKind>('clip');
  const planned = session.items.reduce((sum, i) => sum + i.timeboxSec, 0);

  const start = async () => {
    try {
      await unwrap(api.sessions.start({ id: session.id }));
      openSession(session.id, 'run');
    } catch (error) {
      reportError(error);
    }
  };

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
        <h1>{session.title}</h1>
        <p className="screen-lede">
          Plan the agenda: {session.items.length} items, {clock(planned)} planned.{' '}
          <span className="session-status">{session.status}</span>.
        </p>
      </header>
      <section className="panel control-buttons" aria-label="Session">
        <div className="field">
          <label htmlFor="session-title">Title</label>
          <input
            id="session-title"
            defaultValue={session.title}
            key={session.title}
            onBlur={(e) => {
              const title = e.target.value;
              if (title.trim() && title !== session.title) void apply(api.sessions.update({ id: session.id, title }));
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="session-date">Date</label>
          <input
            id="session-date"
            type="date"
            value={session.date}
            onChange={(e) =>
              e.target.value && void apply(api.sessions.update({ id: session.id, date: e.target.value }))
            }
          />
        </div>
        <button
          type="button"
          className="button"
          onClick={() => void apply(api.sessions.rotateRoles({ sessionId: session.id }))}
        >
          Rotate roles
        </button>
        {session.status === 'finished' ? (
          <button type="button" className="button button-primary" onClick={() => openSession(session.id, 'summary')}>
            Summary
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={() => void start()}>
            {session.status === 'running' ? 'Back to the control view' : 'Start session'}
          </button>
        )}
      </section>
      <Participants session={session} />
      <section className="panel" aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">Agenda</h2>
        <ol className="agenda-editor" aria-label="Agenda">
          {session.items.map((item) => (
            <ItemEditor key={item.id} session={session} item={item} choices={choices} />
          ))}
        </ol>
        <div className="control-buttons" style={{ marginTop: 12 }}>
          <label htmlFor="new-item-kind">Add</label>
          <select id="new-item-kind" value={kind} onChange={(e) => setKind(e.target.value as SessionItemKind)}>
            {SESSION_ITEM_KINDS.map((k) => (
              <option key={k} value={k}>
                {SESSION_ITEM_KIND_LABELS[k]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            onClick={() => void apply(api.sessions.addItem({ sessionId: session.id, kind }))}
          >
            Add item
          </button>
        </div>
      </section>
    </div>
  );
}
