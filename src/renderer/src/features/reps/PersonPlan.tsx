import { useEffect, useState } from 'react';
import type { Id, PracticePlan } from '../../../../shared/domain';
import { api } from '../../api/client';
import { formatScore } from '../drills/format';
import { useMe } from '../people/store';
import '../drills/drills.css';

const runHref = (id: Id) => `#/drills/${encodeURIComponent(id)}/run`;

/**
 * The person's practice plan on their page: their own, or a rep's for a
 * coach planning practice with them. The core decides who may open it; a
 * refusal (another rep's plan) leaves the section out.
 */
export function PersonPlan({ personId, name }: { personId: Id; name: string }) {
  const meId = useMe()?.id ?? null;
  const [plan, setPlan] = useState<PracticePlan | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.drills.plan({ personId }).then((r) => {
        if (!live) return;
        setOpen(r.ok);
        setPlan(r.ok ? r.value : null);
      });
    load();
    const offs = [api.on('scorecards.changed', load), api.on('attempts.changed', load)];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [personId, meId]);
  if (!open || !plan) return null;
  const whose = meId === personId ? 'your' : `${name}’s`;
  return (
    <section className="panel" aria-labelledby="person-plan-heading">
      <h2 id="person-plan-heading">Practice plan</h2>
      {plan.items.length === 0 ? (
        <p className="hint">
          Once {whose} calls or attempts have submitted scores you can see, this suggests drills for the weakest
          criteria.
        </p>
      ) : (
        <ol className="drill-plan-items" aria-label={`Practice plan for ${name}`}>
          {plan.items.map((item) => (
            <li key={`${item.rubricId}/${item.criterionKey}`} aria-label={`Work on ${item.criterionName}`}>
              <p className="drill-plan-criterion">
                <strong>{item.criterionName}</strong>{' '}
                <span className="hint">
                  {formatScore(item.recentAverage)} avg · last {item.sampleSize} · {item.rubricName}
                </span>
              </p>
              {item.drills.length ? (
                <ul>
                  {item.drills.map((d) => (
                    <li key={d.id}>
                      <a href={runHref(d.id)}>{d.title}</a>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="hint">No drill trains this criterion yet.</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
