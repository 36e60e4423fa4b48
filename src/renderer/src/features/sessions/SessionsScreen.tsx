import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';
import { EmptyState } from '../../components/EmptyState';
import { formatDate } from '../../lib/format';
import { usePeople } from '../people/store';
import { clock, openSession, useSessionList } from './store';
import './sessions.css';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function NewSession() {
  const people = usePeople((s) => s.people);
  const templates = useSessionList((s) => s.templates);
  const [title, setTitle] = useState('Weekly review');
  const [date, setDate] = useState(today);
  const [templateKey, setTemplateKey] = useState('weekly-call-review');
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  // Everyone is in by default: the usual session is the whole team.
  const participants = chosen ?? new Set(people.map((p) => p.id));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const session = await unwrap(
        api.sessions.create({
          title,
          date,
          participantIds: people.filter((p) => participants.has(p.id)).map((p) => p.id),
          ...(templateKey ? { templateKey } : {}),
        }),
      );
      openSession(session.id);
    } catch (error) {
      reportError(error);
    }
  };
  const toggle = (id: string, on: boolean) => {
    const next = new Set(participants);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };

  return (
    <section className="panel" aria-labelledby="new-session-heading">
      <h2 id="new-session-heading">New session</h2>
      <form className="session-new" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="new-session-title">Title</label>
          <input id="new-session-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="new-session-date">Date</label>
          <input id="new-session-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="new-session-template">Template</label>
          <select id="new-session-template" value={templateKey} onChange={(e) => setTemplateKey(e.target.value)}>
            <option value="">Empty agenda</option>
            {templates.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>Participants</legend>
          {people.length === 0 ? <span className="hint">Add your team on the People screen first.</span> : null}
          {people.map((p) => (
            <label key={p.id}>
              <input
                type="checkbox"
                checked={participants.has(p.id)}
                onChange={(e) => toggle(p.id, e.target.checked)}
              />{' '}
              {p.name}
            </label>
          ))}
        </fieldset>
        <p className="hint wide">{templates.find((t) => t.key === templateKey)?.description ?? ''}</p>
        <div>
          <button type="submit" className="button button-primary">
            Create session
          </button>
        </div>
      </form>
    </section>
  );
}

export function SessionsScreen() {
  const { sessions, loaded, load } = useSessionList();
  useEffect(() => {
    void load();
    return api.on('sessions.changed', () => void useSessionList.getState().load());
  }, [load]);

  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Sessions</h1>
        <p className="screen-lede">Run the weekly review on a shared screen: agenda, timers, roles, kudos.</p>
      </header>
      <NewSession />
      {loaded && sessions.length === 0 ? (
        <EmptyState title="No review sessions yet">
          <p>Create one above from a template: weekly call review, deal dissection or an objection drill-off.</p>
        </EmptyState>
      ) : (
        <section className="panel" aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">Review sessions</h2>
          <table className="data-table" aria-label="Review sessions">
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Date</th>
                <th scope="col">Status</th>
                <th scope="col">Items</th>
                <th scope="col">Planned</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a
                      className="link-button"
                      href={`#/sessions/${s.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        openSession(
                          s.id,
                          s.status === 'running' ? 'run' : s.status === 'finished' ? 'summary' : 'plan',
                        );
                      }}
                    >
                      {s.title}
                    </a>
                  </td>
                  <td>{formatDate(s.date)}</td>
                  <td>
                    <span className="session-status">{s.status}</span>
                    {s.receivedFrom ? <span className="hint"> · from {s.receivedFrom}</span> : null}
                  </td>
                  <td>{s.itemCount}</td>
                  <td>{clock(s.plannedSec)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
