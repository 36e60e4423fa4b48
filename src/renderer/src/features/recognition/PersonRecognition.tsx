import { useEffect, useState } from 'react';
import type { Id, PersonRecognition as Recognition, PersonSessions } from '../../../../shared/domain';
import { api } from '../../api/client';
import { formatDate } from '../../lib/format';
import { KudosLine } from '../kudos/KudosLine';
import { CelebrationLine } from './CelebrationLine';
import { GiveKudosDialog } from './GiveKudosDialog';
import { useMe } from '../people/store';
import './recognition.css';

/** For a person's page: kudos received and given, their celebrations, and how they took part in sessions. */
export function PersonRecognition({ personId, name }: { personId: Id; name: string }) {
  const meId = useMe()?.id ?? null;
  const [data, setData] = useState<Recognition | null>(null);
  const [sessions, setSessions] = useState<PersonSessions | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => {
      void api.recognition.forPerson({ personId }).then((r) => live && r.ok && setData(r.value));
      void api.sessions.forPerson({ personId }).then((r) => live && r.ok && setSessions(r.value));
    };
    load();
    const offs = [
      api.on('kudos.changed', load),
      api.on('celebrations.changed', load),
      api.on('sessions.changed', load),
    ];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [personId]);
  if (!data) return null;
  const p = sessions?.participation;
  return (
    <section className="panel" aria-labelledby="person-recognition-heading">
      <div className="panel-head">
        <h2 id="person-recognition-heading">Recognition</h2>
        {/* Kudos are for someone else: not offered on one's own page. */}
        {personId !== meId ? (
          <GiveKudosDialog
            on={null}
            recipientId={personId}
            what={`something ${name} did`}
            label={`Give ${name} kudos…`}
          />
        ) : null}
      </div>
      {p && p.sessions > 0 ? (
        <p className="hint">
          Review sessions: attended {p.attended} of {p.sessions} · presented {p.presented} · reviewed {p.reviewed} ·
          facilitated {p.facilitated}
        </p>
      ) : null}
      <div className="recognition-columns">
        <div>
          <h3>Received</h3>
          {data.received.length === 0 ? (
            <p className="hint">No kudos yet.</p>
          ) : (
            <ul className="kudos-list" aria-label="Kudos received">
              {data.received.map((k) => (
                <li key={k.id}>
                  <KudosLine kudos={k} /> <span className="hint">· {formatDate(k.createdAt.slice(0, 10))}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Given</h3>
          {data.given.length === 0 ? (
            <p className="hint">None given yet.</p>
          ) : (
            <ul className="kudos-list" aria-label="Kudos given">
              {data.given.map((k) => (
                <li key={k.id}>
                  <KudosLine kudos={k} withRecipient withGiver={false} />
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Celebrations</h3>
          {data.celebrations.length === 0 ? (
            <p className="hint">Personal bests, streaks and goals reached show here by themselves.</p>
          ) : (
            <ul className="kudos-list" aria-label="Celebrations">
              {data.celebrations.map((c) => (
                <li key={c.id}>
                  <CelebrationLine celebration={c} withPerson={false} />{' '}
                  <span className="hint">· {formatDate(c.occurredAt.slice(0, 10))}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
