import { useCallback, useEffect, useId, useState } from 'react';
import type { Attempt, Criterion, Scorecard } from '../../../../shared/domain';
import { SCORE_MAX, SCORE_MIN } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';
import { useMe } from '../people/store';
import { formatScore } from './format';

const LEVELS = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);

function CriterionRow({
  card,
  criterion,
  onChange,
}: {
  card: Scorecard;
  criterion: Criterion;
  onChange: (card: Scorecard) => void;
}) {
  const baseId = useId();
  // Shown at once, before the save answers: a controlled radio would otherwise snap back until it does.
  const [chosen, setChosen] = useState<number | null>(null);
  const score = chosen ?? card.scores.find((s) => s.criterionId === criterion.id)?.score ?? null;
  const locked = card.status === 'submitted';
  const anchor = score === null ? criterion.description : criterion.anchors[score - SCORE_MIN];
  return (
    <fieldset className="drill-criterion">
      <legend>{criterion.name}</legend>
      <div className="drill-score-scale" role="radiogroup" aria-label={`Score for ${criterion.name}`}>
        {LEVELS.map((level) => (
          <label key={level} className="drill-score-option" title={criterion.anchors[level - SCORE_MIN]}>
            <input
              type="radio"
              name={`${baseId}-score`}
              value={level}
              checked={score === level}
              disabled={locked}
              onChange={() => {
                setChosen(level);
                void unwrap(api.scorecards.setScore({ id: card.id, criterionId: criterion.id, score: level }))
                  .then(onChange)
                  .catch((error: unknown) => {
                    setChosen(null);
                    reportError(error);
                  });
              }}
            />
            <span>{level}</span>
          </label>
        ))}
      </div>
      {anchor ? <p className="drill-anchor">{anchor}</p> : null}
    </fieldset>
  );
}

/**
 * Scoring an attempt against the drill's rubric: "me" opens (or continues)
 * their scorecard, scores each criterion 1–5 with the behavioral anchor
 * shown, and submits. Built on the same scorecard methods as calls.
 */
export function AttemptScoring({ attempt, onSubmitted }: { attempt: Attempt; onSubmitted: () => void }) {
  const me = useMe();
  const [card, setCard] = useState<Scorecard | null>(null);
  const [criteria, setCriteria] = useState<Criterion[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!me) return;
    let cancelled = false;
    void (async () => {
      try {
        const opened = await unwrap(api.drills.scoreAttempt({ attemptId: attempt.id }));
        const version = await unwrap(api.rubrics.getVersion({ versionId: opened.rubricVersionId }));
        if (cancelled) return;
        setCard(opened);
        setCriteria(version.criteria);
      } catch (error) {
        if (!cancelled) setProblem(error instanceof Error ? error.message : String(error));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [attempt.id, me]);

  const submit = useCallback(async () => {
    if (!card) return;
    try {
      setCard(await unwrap(api.scorecards.submit({ id: card.id })));
      onSubmitted();
    } catch (error) {
      reportError(error);
    }
  }, [card, onSubmitted]);

  if (!me) {
    return <p className="hint">Set who you are in People to score your attempts.</p>;
  }
  if (problem) return <p className="hint">{problem}</p>;
  if (!card) return <p aria-busy="true">Opening your scorecard…</p>;

  const submitted = card.status === 'submitted';
  // The kind is derived by the core: self only on one's own attempt.
  const title = card.reviewerKind === 'self' ? 'Self-score' : `Your score (${card.reviewerKind})`;
  return (
    <section className="drill-scoring" aria-label={title}>
      <header className="drill-section-head">
        <h3>
          {title} <span className="drill-muted">· {card.rubricName}</span>
        </h3>
        <span className="drill-overall" aria-label="Overall score">
          {formatScore(card.overallScore)}
        </span>
      </header>
      {criteria.map((c) => (
        <CriterionRow key={c.id} card={card} criterion={c} onChange={setCard} />
      ))}
      <div className="drill-actions">
        {submitted ? (
          <p className="drill-muted" role="status">
            Submitted — this score counts towards your history.
          </p>
        ) : (
          <button
            type="button"
            className="button button-primary"
            disabled={card.overallScore === null}
            onClick={() => void submit()}
          >
            Submit score
          </button>
        )}
      </div>
    </section>
  );
}
