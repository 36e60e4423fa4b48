import { useEffect, useState } from 'react';
import type { Id, Kudos } from '../../../../shared/domain';
import { api } from '../../api/client';
import { KudosLine } from './KudosLine';
import '../sessions/sessions.css';

/** Kudos given for moments of one call, in call order; each links to its moment. Renders nothing when none. */
export function CallKudos({ callId }: { callId: Id }) {
  const [kudos, setKudos] = useState<Kudos[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => void api.kudos.list({ callId }).then((r) => live && r.ok && setKudos(r.value));
    load();
    const off = api.on('kudos.changed', (e) => e.callIds.includes(callId) && load());
    return () => {
      live = false;
      off();
    };
  }, [callId]);
  if (kudos.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="call-kudos-heading">
      <h2 id="call-kudos-heading">Kudos</h2>
      <ul className="kudos-list" aria-label="Kudos on this call">
        {kudos.map((k) => (
          <li key={k.id}>
            <KudosLine kudos={k} withRecipient />
          </li>
        ))}
      </ul>
    </section>
  );
}
