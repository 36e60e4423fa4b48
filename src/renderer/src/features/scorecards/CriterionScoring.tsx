import { useId, useState } from 'react';
import type { Criterion, Scorecard } from '../../../../shared/domain';
import { SCORE_MAX, SCORE_MIN } from '../../../../shared/domain';
import { AutosaveText } from './AutosaveText';
import { EvidenceList } from './EvidenceList';
import { useScorecards } from './store';

const LEVELS = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);

/**
 * One criterion: the 1–5 scale as a radio group, the behavioral anchor of
 * the level under the pointer or focus (else the chosen one), a comment and
 * the evidence. Anchors are also each radio's description for screen readers.
 */
export function CriterionScoring({
  card,
  criterion,
  locked,
}: {
  card: Scorecard;
  criterion: Criterion;
  locked: boolean;
}) {
  const { setScore, setComment } = useScorecards();
  const [previewed, setPreviewed] = useState<number | null>(null);
  const baseId = useId();
  const entry = card.scores.find((s) => s.criterionId === criterion.id);
  const score = entry?.score ?? null;
  const shown = previewed ?? score;
  const anchorOf = (level: number) => criterion.anchors[level - SCORE_MIN] ?? '';

  return (
    <fieldset className="criterion">
      <legend>
        {criterion.name}
        <span className="criterion-weight"> · weight {criterion.weight}</span>
      </legend>
      {criterion.description ? <p className="criterion-description">{criterion.description}</p> : null}
      <div className="score-row">
        <div className="score-scale" role="radiogroup" aria-label={`Score for ${criterion.name}`}>
          {LEVELS.map((level) => (
            <label
              key={level}
              className="score-option"
              title={anchorOf(level)}
              onMouseEnter={() => setPreviewed(level)}
              onMouseLeave={() => setPreviewed(null)}
            >
              <input
                type="radio"
                name={`${baseId}-score`}
                value={level}
                checked={score === level}
                disabled={locked}
                aria-describedby={`${baseId}-anchor-${level}`}
                onChange={() => void setScore(card, criterion.id, level)}
                onFocus={() => setPreviewed(level)}
                onBlur={() => setPreviewed(null)}
              />
              <span>{level}</span>
            </label>
          ))}
        </div>
        {score !== null && !locked ? (
          <button
            type="button"
            className="button button-quiet"
            aria-label={`Clear the score for ${criterion.name}`}
            onClick={() => void setScore(card, criterion.id, null)}
          >
            Clear
          </button>
        ) : null}
      </div>
      {LEVELS.map((level) => (
        <span key={level} id={`${baseId}-anchor-${level}`} hidden>
          {anchorOf(level)}
        </span>
      ))}
      <p className={`anchor-text${shown === null ? ' anchor-empty' : ''}`}>
        {shown === null ? (
          'Not scored. Point at a level to read its behavioral anchor.'
        ) : (
          <>
            <strong>{shown}</strong> — {anchorOf(shown)}
          </>
        )}
      </p>
      <AutosaveText
        key={`${card.id}:${criterion.id}`}
        journal={`${card.id}:${criterion.id}`}
        label={`Comment on ${criterion.name}`}
        placeholder="Why this score? What would move it up a level?"
        value={entry?.comment ?? ''}
        disabled={locked}
        onSave={(comment) => void setComment(card, criterion.id, comment)}
      />
      <EvidenceList card={card} criterionId={criterion.id} name={criterion.name} locked={locked} />
    </fieldset>
  );
}
