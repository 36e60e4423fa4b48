import { useEffect, useState } from 'react';
import type { Id, PersonSessions } from '../../../../shared/domain';
import { api } from '../../api/client';
import { KudosLine } from './KudosLine';
import '../sessions/sessions.css';

/** For a person's page: kudos they received, and how they took part in review sessions. */
export function PersonKudos({ personId }: { personId: Id }) {
  const [data, setData] = useState<PersonSessions | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => void api.sessions.forPerson({ personId }).then((r) => live && r.ok && setData(r.value));
    load();
    const offs = [api.on('kudos.changed', load), api.on('sessions.changed', load)];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [personId]);
  if (!data) return null;
  const p = data.participation;
  return (
    <section className="panel" aria-labelledby="person-kudos-heading">
      <h2 id="person-kudos-heading">Kudos</h2>
      {p.sessions > 0 ? (
        <p className="hint">
          Review sessions: attended {p.attended} of {p.sessions} · presented {p.presented} · reviewed {p.reviewed} ·
          facilitated {p.facilitated}
        </p>
      ) : null}
      {data.kudos.length === 0 ? (
        <p className="hint">No kudos yet. Kudos given in review sessions show here.</p>
      ) : (
        <ul className="kudos-list" aria-label="Kudos received">
          {data.kudos.map((k) => (
            <li key={k.id}>
              <KudosLine kudos={k} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
