import type { ReactNode } from 'react';
import type { CalibrationGroup, Id, ReviewerKind, Scorecard } from '../../../../shared/domain';
import { EmptyState } from '../../components/EmptyState';
import { useRouter } from '../../app/router';
import { useCall } from '../call/store';
import { useMe } from '../people/store';
import { GiveKudosDialog } from '../recognition/GiveKudosDialog';
import { ActionItems } from './ActionItems';
import { AutosaveText } from './AutosaveText';
import { CriterionScoring } from './CriterionScoring';
import type { ScorecardSaveState } from './store';
import { useScorecards, useScorecardView } from './store';
import { useScorecardSync } from './sync';
import '../annotations/coaching.css';

export const KIND_LABELS: Record<ReviewerKind, string> = { self: 'Self-review', peer: 'Peer', coach: 'Coach' };

const SAVE_TEXT: Record<ScorecardSaveState, string> = {
  saved: 'All changes saved',
  saving: 'Saving…',
  failed: 'Last change not saved — see the message',
};

export const formatScore = (score: number | null) => (score === null ? '—' : score.toFixed(1));

/** Asks for "me" first: a scorecard is always somebody's. */
export function WhoIsReviewing({ children }: { children: (viewerId: Id) => ReactNode }) {
  const me = useMe();
  const go = useRouter((s) => s.go);
  if (!me) {
    return (
      <EmptyState
        title="Who is reviewing?"
        action={
          <button type="button" className="button button-primary" onClick={() => go('people')}>
            Pick yourself in People
          </button>
        }
      >
        Scorecards carry their reviewer’s name, and scoring is blind until you submit.
      </EmptyState>
    );
  }
  return <>{children(me.id)}</>;
}

export function RubricPicker() {
  const { rubrics, rubricId, pickRubric } = useScorecards();
  return (
    <label className="inline-field">
      <span>Rubric</span>
      <select value={rubricId ?? ''} onChange={(e) => pickRubric(e.target.value)}>
        {rubrics.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What a blind reviewer may know: who else is scoring and who has submitted, never their scores. */
export function BlindNote({
  group,
  viewerId,
  onReveal,
}: {
  group: CalibrationGroup | null;
  viewerId: Id;
  onReveal?: () => void;
}) {
  const others = group?.reviewers.filter((r) => r.reviewerId !== viewerId) ?? [];
  if (!group || others.length === 0) return null;
  const submitted = others.filter((r) => r.status === 'submitted').length;
  const drafting = others.length - submitted;
  if (group.revealed) {
    return (
      <p className="blind-note blind-revealed" role="status">
        Scores are revealed: {submitted} other {submitted === 1 ? 'reviewer has' : 'reviewers have'} submitted.{' '}
        {onReveal ? (
          <button type="button" className="link-button" onClick={onReveal}>
            Compare in Calibration
          </button>
        ) : null}
      </p>
    );
  }
  const parts = [];
  if (submitted) parts.push(`${submitted} other ${submitted === 1 ? 'reviewer has' : 'reviewers have'} submitted`);
  if (drafting) parts.push(`${drafting} ${drafting === 1 ? 'is' : 'are'} still scoring`);
  return (
    <p className="blind-note" role="status">
      <span aria-hidden="true">🔒 </span>
      {parts.join(', ')} — submit yours to see theirs. Scoring is blind so each reviewer reads the anchors for
      themselves.
    </p>
  );
}

function ScorecardHeader({ card }: { card: Scorecard }) {
  const { submit, reopen, saveState } = useScorecards();
  const call = useCall((s) => s.call);
  const locked = card.status === 'submitted';
  const scored = card.scores.filter((s) => s.score !== null).length;
  return (
    <div className="scorecard-header">
      <div className="overall" aria-label="Overall score">
        <span className="overall-value">{formatScore(card.overallScore)}</span>
        <span className="overall-caption">
          overall / 5<br />
          weighted, {scored} of {card.scores.length} scored
        </span>
      </div>
      {/* Derived in the core (self for the call's rep, coach or peer from roles), never chosen here. */}
      <p className="inline-field">
        <span>Reviewing as</span> <strong>{KIND_LABELS[card.reviewerKind]}</strong>
      </p>
      <span className={`status-pill status-${card.status}`}>{locked ? 'Submitted' : 'Draft'}</span>
      <span className={`save-indicator save-${saveState}`} role="status" aria-live="polite">
        {SAVE_TEXT[saveState]}
      </span>
      <span className="scorecard-actions">
        {/* Thanks for what the card records, once it is an answer (a draft can still change). */}
        {locked ? (
          <GiveKudosDialog
            on={{ kind: 'scorecard', scorecardId: card.id }}
            recipientId={call?.repId ?? null}
            what={`the call scored on this scorecard${call ? ` (“${call.title}”)` : ''}`}
            label="Kudos for this call…"
          />
        ) : null}{' '}
        {locked ? (
          <button type="button" className="button" onClick={() => void reopen(card)}>
            Reopen
          </button>
        ) : (
          <button
            type="button"
            className="button button-primary"
            disabled={scored === 0}
            title={scored === 0 ? 'Score at least one criterion first' : 'Locks the scorecard and reveals the others'}
            onClick={() => void submit(card)}
          >
            Submit
          </button>
        )}
      </span>
    </div>
  );
}

function ScorecardBody({ viewerId, onReveal }: { viewerId: Id; onReveal?: () => void }) {
  const { data, start, update, rubrics, rubricId } = useScorecards();
  const { card, group, version } = useScorecardView();
  const repId = useCall((s) => s.call?.repId ?? null);
  const rubricName = rubrics.find((r) => r.id === rubricId)?.name ?? 'this rubric';

  if (!data)
    return (
      <div aria-busy="true" className="hint">
        Loading scorecards…
      </div>
    );
  if (!card) {
    return (
      <>
        <BlindNote group={group} viewerId={viewerId} />
        <div className="panel scorecard-start">
          <p>
            Score this call against <strong>{rubricName}</strong>
            {version ? ` (version ${version.version}, ${version.criteria.length} criteria)` : ''}. Every change saves as
            you go; nobody sees your scores until you submit, and you see theirs only after.
          </p>
          <button type="button" className="button button-primary" onClick={() => void start()}>
            Start scoring
          </button>
        </div>
      </>
    );
  }
  const locked = card.status === 'submitted';
  return (
    <>
      <ScorecardHeader card={card} />
      <BlindNote group={group} viewerId={viewerId} onReveal={onReveal} />
      {locked ? (
        <p className="hint">
          Submitted scorecards are locked. Reopen to change a score; action items can still be ticked off.
        </p>
      ) : null}
      {version ? (
        <div className="criteria">
          {version.criteria.map((c) => (
            <CriterionScoring key={c.id} card={card} criterion={c} locked={locked} />
          ))}
        </div>
      ) : (
        <p aria-busy="true" className="hint">
          Loading the rubric…
        </p>
      )}
      <AutosaveText
        key={`${card.id}:strengths`}
        journal={`${card.id}:strengths`}
        label="Strengths"
        showLabel
        rows={3}
        placeholder="What should the rep keep doing?"
        value={card.strengths}
        disabled={locked}
        onSave={(strengths) => void update(card, { strengths })}
      />
      <ActionItems key={card.id} card={card} locked={locked} defaultOwnerId={repId} />
    </>
  );
}

/** The scorecard tab: pick a rubric, score each criterion with evidence, strengths, action items, submit. */
export function ScorecardPanel({ callId, onReveal }: { callId: Id; onReveal?: () => void }) {
  return (
    <section className="scorecard" aria-label="Scorecard">
      <WhoIsReviewing>
        {(viewerId) => <ScorecardForViewer key={viewerId} callId={callId} viewerId={viewerId} onReveal={onReveal} />}
      </WhoIsReviewing>
    </section>
  );
}

function ScorecardForViewer({ callId, viewerId, onReveal }: { callId: Id; viewerId: Id; onReveal?: () => void }) {
  useScorecardSync(callId, viewerId);
  return (
    <>
      <div className="coaching-toolbar">
        <RubricPicker />
      </div>
      <ScorecardBody viewerId={viewerId} onReveal={onReveal} />
    </>
  );
}
