import { useCallback, useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type {
  Goal,
  GoalMetric,
  GoalProposal,
  Id,
  NextBestAction,
  PersonGoals as Goals,
  PlanItem,
} from '../../../../shared/domain';
import { formatGoalValue, GOAL_METRIC_LABELS, GOAL_METRICS } from '../../../../shared/domain';
import { api } from '../../api/client';
import { useRouter } from '../../app/router';
import { formatDate } from '../../lib/format';
import { useMe } from '../people/store';
import { clock } from '../sessions/store';
import './recognition.css';

const STATE_TEXT: Record<Goal['progress']['state'], string> = {
  no_data: 'No data in the period yet',
  in_progress: 'On the way',
  reached: 'Reached',
  ended: 'Ended before the target',
};

const todayIso = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const whatOf = (g: Pick<Goal, 'metric' | 'criterionName'>) =>
  g.metric === 'criterion_average' ? `Average on ${g.criterionName ?? 'a criterion'}` : GOAL_METRIC_LABELS[g.metric];

export function GoalRow({ goal: g }: { goal: Goal }) {
  const percent = g.progress.fraction === null ? 0 : Math.round(g.progress.fraction * 100);
  return (
    <li className="goal">
      <div className="goal-head">
        <strong>{whatOf(g)}</strong>
        <span className={`goal-state goal-${g.progress.state}`}>{STATE_TEXT[g.progress.state]}</span>
      </div>
      <p className="goal-figures" aria-label={`${whatOf(g)}: you vs your past`}>
        Your past {formatGoalValue(g.metric, g.baseline)} · now {formatGoalValue(g.metric, g.progress.current)} · target{' '}
        {formatGoalValue(g.metric, g.target)}
        <span className="hint">
          {' '}
          · {formatDate(g.startDate)}–{formatDate(g.endDate)} · {g.progress.sampleSize} measured
          {g.setById !== g.personId ? ` · set by ${g.setByName}` : ''}
        </span>
      </p>
      <div
        className="goal-bar"
        role="progressbar"
        aria-label={`Progress on ${whatOf(g)}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
    </li>
  );
}

function SetGoal({ personId, criteria, onSet }: { personId: Id; criteria: Goals['criteria']; onSet: () => void }) {
  const ids = { metric: useId(), criterion: useId(), target: useId(), until: useId() };
  const [metric, setMetric] = useState<GoalMetric>('criterion_average');
  const [criterionKey, setCriterionKey] = useState('');
  const [target, setTarget] = useState('');
  const [until, setUntil] = useState(inDays(27));
  const [proposal, setProposal] = useState<GoalProposal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const needsCriterion = metric === 'criterion_average';

  const propose = async () => {
    setError(null);
    const r = await api.goals.propose({ personId, metric, criterionKey: needsCriterion ? criterionKey || null : null });
    if (!r.ok) return setError(r.error.message);
    setProposal(r.value);
    if (r.value.target !== null) setTarget(String(r.value.target));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const value = Number(target);
    if (target.trim() === '' || !Number.isFinite(value)) return setError('Give the goal a target (a number).');
    const r = await api.goals.create({
      personId,
      metric,
      criterionKey: needsCriterion ? criterionKey || null : null,
      target: value,
      startDate: todayIso(),
      endDate: until,
    });
    if (!r.ok) return setError(r.error.message);
    setProposal(null);
    setTarget('');
    onSet();
  };
  return (
    <form className="goal-form" onSubmit={(e) => void submit(e)} aria-label="Set a goal">
      <label htmlFor={ids.metric}>Measure</label>
      <select
        id={ids.metric}
        value={metric}
        onChange={(e) => {
          setMetric(e.target.value as GoalMetric);
          setProposal(null);
        }}
      >
        {GOAL_METRICS.map((m) => (
          <option key={m} value={m}>
            {GOAL_METRIC_LABELS[m]}
          </option>
        ))}
      </select>
      {needsCriterion ? (
        <>
          <label htmlFor={ids.criterion}>Criterion</label>
          <select
            id={ids.criterion}
            value={criterionKey}
            onChange={(e) => {
              setCriterionKey(e.target.value);
              setProposal(null);
            }}
          >
            <option value="">Choose…</option>
            {criteria.map((c) => (
              <option key={c.key} value={c.key}>
                {c.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <button type="button" className="button" onClick={() => void propose()}>
        Propose a target
      </button>
      {proposal ? (
        <p role="status" className="goal-proposal">
          {proposal.text}
        </p>
      ) : null}
      <label htmlFor={ids.target}>Target</label>
      <input id={ids.target} inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} />
      <label htmlFor={ids.until}>Until</label>
      <input id={ids.until} type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
      {error ? (
        <p role="alert" className="kudos-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary">
        Set goal
      </button>
    </form>
  );
}

export function NextBest({ personId }: { personId: Id }) {
  const [action, setAction] = useState<NextBestAction | null>(null);
  const [plan, setPlan] = useState<PlanItem | null>(null);
  const openCall = useRouter((s) => s.openCall);
  useEffect(() => {
    let live = true;
    void api.goals.nextBestAction({ personId }).then((r) => live && r.ok && setAction(r.value));
    void api.drills.plan({ personId }).then((r) => live && r.ok && setPlan(r.value.items[0] ?? null));
    return () => {
      live = false;
    };
  }, [personId]);
  if (!action?.criterionKey) return null;
  const drills = plan?.drills ?? [];
  return (
    <div className="next-best" aria-label="Next best action">
      <h3>
        Next best action: {action.criterionName}{' '}
        <span className="hint">(recent average {action.average?.toFixed(1)})</span>
      </h3>
      {drills.length ? (
        <p>
          Practise:{' '}
          {drills.map((d, i) => (
            <span key={d.id}>
              {i ? ', ' : ''}
              <a href={`#/drills/${encodeURIComponent(d.id)}/run`}>{d.title}</a>
            </span>
          ))}
        </p>
      ) : null}
      {action.moments.length ? (
        <p>
          Hear how the team does it:{' '}
          {action.moments.map((m, i) => (
            <span key={`${m.callId}-${m.atSec}-${i}`}>
              {i ? ', ' : ''}
              <button type="button" className="link-button" onClick={() => openCall(m.callId, m.atSec)}>
                {m.callTitle} at {clock(m.atSec)} ({m.score})
              </button>
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}

/** A person's goals on their page: "you vs your past" first, a way to set one, and the next best action. */
export function PersonGoals({ personId }: { personId: Id }) {
  const me = useMe();
  const [data, setData] = useState<Goals | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    void api.goals.forPerson({ personId }).then((r) => {
      if (r.ok) {
        setData(r.value);
        setError(null);
      } else setError(r.error.message);
    });
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
  }, [load, me?.id]);
  return (
    <section className="panel" aria-labelledby="person-goals-heading">
      <h2 id="person-goals-heading">Goals: you vs your past</h2>
      {error ? <p className="hint">{error}</p> : null}
      {data ? (
        <>
          {data.goals.length === 0 ? (
            <p className="hint">No goals yet. Propose a target from your own last 4 weeks and set one.</p>
          ) : (
            <ul className="goals" aria-label="Goals">
              {data.goals.map((g) => (
                <GoalRow key={g.id} goal={g} />
              ))}
            </ul>
          )}
          <SetGoal personId={personId} criteria={data.criteria} onSet={load} />
          <NextBest personId={personId} />
        </>
      ) : null}
    </section>
  );
}
