import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useState } from 'react';
import type { DrillSkill, DrillSummary } from '../../../../shared/domain';
import { DRILL_SKILL_LABELS, DRILL_SKILLS } from '../../../../shared/domain';
import { api } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { formatDuration } from '../../lib/format';
import { useMe } from '../people/store';
import { formatScore, MOOD_LABELS } from './format';
import { useDrills } from './store';
import './drills.css';

const drillHref = (d: { id: string }, run = false) => `#/drills/${encodeURIComponent(d.id)}${run ? '/run' : ''}`;

function DrillCard({ drill }: { drill: DrillSummary }) {
  return (
    <li className="drill-card" aria-label={drill.title}>
      <div className="drill-card-head">
        <a className="drill-card-title" href={drillHref(drill)}>
          {drill.title}
        </a>
        <span className="chip">{DRILL_SKILL_LABELS[drill.skill]}</span>
      </div>
      <p className="drill-card-persona">
        {drill.persona.role || 'Buyer'}
        {drill.persona.company ? `, ${drill.persona.company}` : ''} · {MOOD_LABELS[drill.persona.mood]}
      </p>
      <p className="drill-card-prompt">“{drill.promptText || 'Clip from a call'}”</p>
      <div className="drill-card-foot">
        <span className="drill-muted">
          {formatDuration(drill.timeLimitSec)} · {drill.attemptCount}{' '}
          {drill.attemptCount === 1 ? 'attempt' : 'attempts'}
          {drill.bestScore !== null ? ` · best ${formatScore(drill.bestScore)}` : ''}
        </span>
        <a className="button" href={drillHref(drill, true)} aria-label={`Run ${drill.title}`}>
          Run
        </a>
      </div>
    </li>
  );
}

/** The practice plan: the rep's weakest criteria lately, each with drills that train it. */
function PracticePlanPanel() {
  const me = useMe();
  const plan = useDrills((s) => s.plan);
  const loadPlan = useDrills((s) => s.loadPlan);
  useEffect(() => {
    if (me) void loadPlan(me.id);
  }, [me, loadPlan]);

  return (
    <aside className="panel drill-plan" aria-labelledby="drill-plan-title">
      <h2 id="drill-plan-title">Practice plan</h2>
      {!me ? (
        <p className="drill-muted">Set who you are in People to get a plan from your scores.</p>
      ) : !plan || plan.personId !== me.id || plan.items.length === 0 ? (
        <p className="drill-muted">
          Once your calls or attempts have submitted scores, this suggests drills for the criteria where you score
          lowest.
        </p>
      ) : (
        <ol className="drill-plan-items">
          {plan.items.map((item) => (
            <li key={`${item.rubricId}/${item.criterionKey}`} aria-label={`Work on ${item.criterionName}`}>
              <p className="drill-plan-criterion">
                <strong>{item.criterionName}</strong>{' '}
                <span className="drill-muted">
                  {formatScore(item.recentAverage)} avg · last {item.sampleSize} · {item.rubricName}
                </span>
              </p>
              <ul>
                {item.drills.map((d) => (
                  <li key={d.id}>
                    <a href={drillHref(d, true)}>{d.title}</a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}

function NewDrillDialog() {
  const create = useDrills((s) => s.create);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [prompt, setPrompt] = useState('');
  const [skill, setSkill] = useState<DrillSkill>('objection_handling');
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="button button-primary">New drill…</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title className="dialog-title">New drill</Dialog.Title>
          <Dialog.Description className="dialog-description">
            What does the buyer say? You can add the persona, rubric and notes next.
          </Dialog.Description>
          <form
            className="drill-form"
            onSubmit={(e) => {
              e.preventDefault();
              void create({
                title,
                skill,
                promptText: prompt,
                persona: { role: '', company: '', mood: 'neutral' },
              }).then((drill) => {
                if (!drill) return;
                setOpen(false);
                window.location.hash = drillHref(drill);
              });
            }}
          >
            <label className="field drill-field">
              <span>Title</span>
              <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
            </label>
            <label className="field drill-field">
              <span>What the buyer says</span>
              <textarea value={prompt} onChange={(e) => setPrompt(e.target.value)} rows={3} required />
            </label>
            <label className="field drill-field">
              <span>Skill</span>
              <select value={skill} onChange={(e) => setSkill(e.target.value as DrillSkill)}>
                {DRILL_SKILLS.map((s) => (
                  <option key={s} value={s}>
                    {DRILL_SKILL_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <div className="dialog-actions">
              <Dialog.Close className="button">Cancel</Dialog.Close>
              <button type="submit" className="button button-primary">
                Create drill
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export function DrillsScreen() {
  const { drills, tags, loaded, filters, setFilters, load } = useDrills();
  useEffect(() => {
    void load();
    const off = api.on('drills.changed', () => void useDrills.getState().load());
    const offAttempts = api.on('attempts.changed', () => void useDrills.getState().load());
    return () => {
      off();
      offAttempts();
    };
  }, [load]);

  return (
    <div className="screen screen-wide">
      <header className="screen-header drill-list-header">
        <div>
          <h1>Drills</h1>
          <p className="screen-lede">Practise the hard moments — objections, openers, pricing pushback — privately.</p>
        </div>
        <NewDrillDialog />
      </header>
      <div className="drill-list-layout">
        <div>
          <div className="drill-filters" role="search">
            <input
              type="search"
              aria-label="Search drills"
              placeholder="Search drills"
              value={filters.search}
              onChange={(e) => setFilters({ search: e.target.value })}
            />
            <select
              aria-label="Skill"
              value={filters.skill}
              onChange={(e) => setFilters({ skill: e.target.value as DrillSkill | '' })}
            >
              <option value="">All skills</option>
              {DRILL_SKILLS.map((s) => (
                <option key={s} value={s}>
                  {DRILL_SKILL_LABELS[s]}
                </option>
              ))}
            </select>
            <select aria-label="Tag" value={filters.tag} onChange={(e) => setFilters({ tag: e.target.value })}>
              <option value="">All tags</option>
              {tags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          {loaded && drills.length === 0 ? (
            <EmptyState title="No drills match">
              <p>Try another search, or make a drill from a moment in a call.</p>
            </EmptyState>
          ) : (
            <ul className="drill-cards" aria-label="Drills">
              {drills.map((d) => (
                <DrillCard key={d.id} drill={d} />
              ))}
            </ul>
          )}
        </div>
        <PracticePlanPanel />
      </div>
    </div>
  );
}
