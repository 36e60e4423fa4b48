import { useCallback, useEffect, useState } from 'react';
import type { Goal, Id } from '../../../../shared/domain';
import { api } from '../../api/client';
import { useRouter } from '../../app/router';
import { GoalRow, NextBest } from './PersonGoals';
import './recognition.css';

/** The goals shown on the home at most; the rest are on the person's page. */
const SHOWN = 3;

/**
 * "You vs your past" where a rep lands (the Library is the app's first
 * screen): their goals with live progress, the next best action, and the way
 * to their page. Compact on purpose: the calls are still the main thing here.
 */
export function HomeGoals({ personId }: { personId: Id }) {
  const openPerson = useRouter((s) => s.openPerson);
  const [goals, setGoals] = useState<Goal[] | null>(null);
  const load = useCallback(() => {
    void api.goals.forPerson({ personId }).then((r) => r.ok && setGoals(r.value.goals));
  }, [personId]);
  useEffect(() => {
    load();
    const offs = [
      api.on('goals.changed', load),
      api.on('scorecards.changed', load),
      api.on('attempts.changed', load),
      api.on('insights.progress', (e) => e.finished && load()),
    ];
    return () => offs.forEach((off) => off());
  }, [load]);
  if (!goals) return null;
  const live = goals.filter((g) => g.progress.state !== 'ended');
  const shown = (live.length ? live : goals).slice(0, SHOWN);
  return (
    <section className="panel home-goals" aria-labelledby="home-goals-heading">
      <div className="home-goals-head">
        <h2 id="home-goals-heading">Your goals: you vs your past</h2>
        <button type="button" className="link-button" onClick={() => openPerson(personId)}>
          Your page →
        </button>
      </div>
      {goals.length === 0 ? (
        <p className="home-goals-empty">
          No goals yet. Pick something to get better at; the app proposes a target from your own last 4 weeks.{' '}
          <button type="button" className="button button-primary" onClick={() => openPerson(personId)}>
            Set a goal
          </button>
        </p>
      ) : (
        <>
          <ul className="goals home-goals-list" aria-label="Your goals">
            {shown.map((g) => (
              <GoalRow key={g.id} goal={g} />
            ))}
          </ul>
          {goals.length > shown.length ? (
            <p className="hint">
              {goals.length - shown.length} more on{' '}
              <button type="button" className="link-button" onClick={() => openPerson(personId)}>
                your page
              </button>
              .
            </p>
          ) : null}
        </>
      )}
      <NextBest personId={personId} />
    </section>
  );
}
