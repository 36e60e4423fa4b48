import { useId, useState } from 'react';
import type { Rubric } from '../../../../shared/domain';
import { RUBRIC_MAX_CRITERIA, RUBRIC_MIN_CRITERIA, SCORE_MAX, SCORE_MIN } from '../../../../shared/domain';
import type { CriterionDraft, RubricDraft } from './store';
import { useRubrics } from './store';

const LEVELS = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);
const blankCriterion = (): CriterionDraft => ({
  name: '',
  description: '',
  weight: '1',
  anchors: LEVELS.map(() => ''),
});

export function draftOf(rubric: Rubric | null): RubricDraft {
  if (!rubric) {
    return { name: '', description: '', criteria: Array.from({ length: RUBRIC_MIN_CRITERIA }, blankCriterion) };
  }
  return {
    name: rubric.name,
    description: rubric.description,
    criteria: rubric.latest.criteria.map((c) => ({
      key: c.key,
      name: c.name,
      description: c.description,
      weight: String(c.weight),
      anchors: [...c.anchors],
      skill: c.skill,
    })),
  };
}

/** What stops the draft from being saved, in the words the contract would use. */
export function problemsOf(draft: RubricDraft): string[] {
  const problems: string[] = [];
  if (!draft.name.trim()) problems.push('Give the rubric a name.');
  const n = draft.criteria.length;
  if (n < RUBRIC_MIN_CRITERIA || n > RUBRIC_MAX_CRITERIA) {
    problems.push(`A rubric has ${RUBRIC_MIN_CRITERIA} to ${RUBRIC_MAX_CRITERIA} criteria (this one has ${n}).`);
  }
  const names = draft.criteria.map((c) => c.name.trim().toLowerCase());
  draft.criteria.forEach((c, i) => {
    const label = c.name.trim() || `Criterion ${i + 1}`;
    if (!c.name.trim()) problems.push(`Criterion ${i + 1} needs a name.`);
    else if (names.indexOf(c.name.trim().toLowerCase()) !== i)
      problems.push(`Two criteria are called “${c.name.trim()}”.`);
    const weight = Number(c.weight);
    if (!(weight > 0 && weight <= 1000)) problems.push(`${label}: the weight must be a number above 0 (up to 1,000).`);
    const missing = c.anchors.flatMap((a, level) => (a.trim() ? [] : [level + SCORE_MIN]));
    if (missing.length) problems.push(`${label}: write the behavioral anchor for level ${missing.join(', ')}.`);
  });
  return problems;
}

function CriterionEditor({
  criterion,
  index,
  onChange,
  onRemove,
  canRemove,
}: {
  criterion: CriterionDraft;
  index: number;
  onChange: (c: CriterionDraft) => void;
  onRemove: () => void;
  canRemove: boolean;
}) {
  const id = useId();
  const label = criterion.name.trim() || `Criterion ${index + 1}`;
  return (
    <fieldset className="criterion-editor">
      <legend>{label}</legend>
      <div className="criterion-editor-head">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            value={criterion.name}
            maxLength={120}
            onChange={(e) => onChange({ ...criterion, name: e.target.value })}
          />
        </div>
        <div className="field criterion-weight-field">
          <label htmlFor={`${id}-weight`}>Weight</label>
          <input
            id={`${id}-weight`}
            type="number"
            // Any positive weight is fine (the shipped ones are 30/25/20/25, a new criterion's is 1):
            // a step would make the browser's own form check refuse them before problemsOf speaks.
            min={0}
            step="any"
            value={criterion.weight}
            onChange={(e) => onChange({ ...criterion, weight: e.target.value })}
          />
        </div>
        <button
          type="button"
          className="button button-quiet"
          disabled={!canRemove}
          title={canRemove ? undefined : `A rubric needs at least ${RUBRIC_MIN_CRITERIA} criteria`}
          onClick={onRemove}
          aria-label={`Remove criterion ${label}`}
        >
          Remove
        </button>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          rows={2}
          value={criterion.description}
          onChange={(e) => onChange({ ...criterion, description: e.target.value })}
        />
      </div>
      <ol className="anchor-editor" aria-label={`Behavioral anchors for ${label}`}>
        {LEVELS.map((level, i) => (
          <li key={level} className="field">
            <label htmlFor={`${id}-anchor-${level}`}>Level {level}</label>
            <textarea
              id={`${id}-anchor-${level}`}
              rows={2}
              value={criterion.anchors[i] ?? ''}
              placeholder={
                level === SCORE_MIN
                  ? 'What a 1 looks like, observably'
                  : level === SCORE_MAX
                    ? 'What a 5 looks like'
                    : ''
              }
              onChange={(e) =>
                onChange({ ...criterion, anchors: criterion.anchors.map((a, j) => (j === i ? e.target.value : a)) })
              }
            />
          </li>
        ))}
      </ol>
    </fieldset>
  );
}

/**
 * The editor keeps its draft here until it is valid and the coach saves it.
 * Unlike the rest of the app this has a Save button, on purpose: each save of
 * a rubric in use makes a new version, and a version per keystroke would bury
 * the history.
 */
export function RubricEditor({ rubric }: { rubric: Rubric | null }) {
  const { save, removeVersion, remove } = useRubrics();
  const [initial] = useState(() => draftOf(rubric));
  const [draft, setDraft] = useState(initial);
  const [saving, setSaving] = useState(false);
  const problems = problemsOf(draft);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const inUse = rubric ? rubric.latest.scorecardCount > 0 : false;
  const id = useId();

  const setCriterion = (i: number, c: CriterionDraft) =>
    setDraft({ ...draft, criteria: draft.criteria.map((x, j) => (j === i ? c : x)) });

  return (
    <form
      className="rubric-editor"
      aria-label={rubric ? `Edit ${rubric.name}` : 'New rubric'}
      onSubmit={(e) => {
        e.preventDefault();
        if (problems.length || saving) return;
        setSaving(true);
        void save(draft).finally(() => setSaving(false));
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>Rubric name</label>
        <input
          id={`${id}-name`}
          value={draft.name}
          maxLength={120}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          rows={2}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </div>
      {rubric ? (
        <p className={inUse ? 'banner banner-warning' : 'hint'} role="note">
          {inUse
            ? `Version ${rubric.latest.version} is used by ${rubric.latest.scorecardCount} ${rubric.latest.scorecardCount === 1 ? 'scorecard' : 'scorecards'}. Changing the criteria saves version ${rubric.latest.version + 1}; those scorecards keep version ${rubric.latest.version}.`
            : `Version ${rubric.latest.version}, not used by any scorecard yet: saving changes it in place.`}
        </p>
      ) : null}
      <h2>
        Criteria{' '}
        <span className="hint">
          ({draft.criteria.length} of {RUBRIC_MIN_CRITERIA}–{RUBRIC_MAX_CRITERIA})
        </span>
      </h2>
      {draft.criteria.map((c, i) => (
        <CriterionEditor
          key={i}
          index={i}
          criterion={c}
          canRemove={draft.criteria.length > RUBRIC_MIN_CRITERIA}
          onChange={(next) => setCriterion(i, next)}
          onRemove={() => setDraft({ ...draft, criteria: draft.criteria.filter((_, j) => j !== i) })}
        />
      ))}
      <button
        type="button"
        className="button"
        disabled={draft.criteria.length >= RUBRIC_MAX_CRITERIA}
        onClick={() => setDraft({ ...draft, criteria: [...draft.criteria, blankCriterion()] })}
      >
        + Add criterion
      </button>
      {problems.length && dirty ? (
        <ul className="rubric-problems" aria-label="Before you can save">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <div className="rubric-actions">
        <button type="submit" className="button button-primary" disabled={!dirty || problems.length > 0 || saving}>
          {rubric && inUse ? `Save as version ${rubric.latest.version + 1}` : rubric ? 'Save' : 'Create rubric'}
        </button>
        <button type="button" className="button button-quiet" disabled={!dirty} onClick={() => setDraft(initial)}>
          Discard changes
        </button>
        {rubric ? (
          <button type="button" className="button button-quiet rubric-trash" onClick={() => void remove(rubric)}>
            Move to trash
          </button>
        ) : null}
      </div>
      {rubric && rubric.versions.length > 1 ? (
        <section aria-label="Versions">
          <h2>Versions</h2>
          <ul className="rubric-versions">
            {rubric.versions.map((v) => (
              <li key={v.id}>
                Version {v.version} · {v.scorecardCount} {v.scorecardCount === 1 ? 'scorecard' : 'scorecards'}
                {v.scorecardCount === 0 ? (
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={`Remove version ${v.version}`}
                    onClick={() => void removeVersion(v.id)}
                  >
                    Remove
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </form>
  );
}
