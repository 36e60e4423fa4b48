import { useEffect, useState } from 'react';
import type { Id, KudosBadge, WallItem } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';
import { formatDate } from '../../lib/format';
import { KudosLine } from '../kudos/KudosLine';
import { usePeople } from '../people/store';
import { CelebrationLine } from './CelebrationLine';
import { GiveKudosDialog } from './GiveKudosDialog';
import type { PeriodId } from './period';
import { PERIODS, periodRange } from './period';
import './recognition.css';

/**
 * The recognition wall: the team's kudos and the milestones that celebrated
 * themselves, newest first. Filters by person, badge and period.
 */
export function RecognitionScreen() {
  const people = usePeople((s) => s.people);
  const [badges, setBadges] = useState<KudosBadge[]>([]);
  const [personId, setPersonId] = useState<Id | ''>('');
  const [badgeId, setBadgeId] = useState<Id | ''>('');
  const [period, setPeriod] = useState<PeriodId>('all');
  const [items, setItems] = useState<WallItem[] | null>(null);

  useEffect(() => {
    void unwrap(api.kudos.badges()).then(setBadges, reportError);
  }, []);

  useEffect(() => {
    let live = true;
    const load = () =>
      void api.recognition
        .wall({ ...(personId ? { personId } : {}), ...(badgeId ? { badgeId } : {}), ...periodRange(period) })
        .then((r) => {
          if (!live) return;
          if (r.ok) setItems(r.value);
          else reportError(new Error(r.error.message));
        });
    load();
    const offs = [api.on('kudos.changed', load), api.on('celebrations.changed', load)];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [personId, badgeId, period]);

  return (
    <div className="screen recognition-screen">
      <header className="screen-header">
        <h1>Recognition</h1>
        <p className="screen-lede">
          Kudos the team gave each other, tied to the moment they were for, and milestones that celebrated themselves.
        </p>
        <GiveKudosDialog on={null} what="something they did" />
      </header>
      <div className="wall-filters" role="group" aria-label="Filter the wall">
        <label>
          Person
          <select value={personId} onChange={(e) => setPersonId(e.target.value)}>
            <option value="">Everyone</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Badge
          <select value={badgeId} onChange={(e) => setBadgeId(e.target.value)}>
            <option value="">Any badge</option>
            {badges.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Period
          <select value={period} onChange={(e) => setPeriod(e.target.value as PeriodId)}>
            {PERIODS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {items === null ? null : items.length === 0 ? (
        <p className="hint">
          Nothing here yet. Give kudos from a moment in a call, an annotation, a drill attempt or a person’s page;
          personal bests, streaks and goals reached show up by themselves.
        </p>
      ) : (
        <ul className="wall" aria-label="Recognition wall">
          {items.map((item) => (
            <li key={item.id} className={item.type === 'celebration' ? 'wall-item wall-celebration' : 'wall-item'}>
              <span className="wall-date">{formatDate(item.at.slice(0, 10))}</span>
              <span className="wall-body">
                {item.type === 'kudos' ? (
                  <>
                    <strong>{item.kudos.giverName}</strong> → <strong>{item.kudos.recipientName}</strong>{' '}
                    <KudosLine kudos={item.kudos} withGiver={false} />
                  </>
                ) : (
                  <CelebrationLine celebration={item.celebration} />
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
