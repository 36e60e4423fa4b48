import type { CalibrationReveal, CriterionCalibration, Id, RubricVersion } from '../../../../shared/domain';
import { SCORE_MAX, SCORE_MIN } from '../../../../shared/domain';
import { EmptyState } from '../../components/EmptyState';
import { AutosaveText } from './AutosaveText';
import { BlindNote, formatScore, KIND_LABELS, RubricPicker, WhoIsReviewing } from './ScorecardPanel';
import { useScorecards, useScorecardView } from './store';
import { useScorecardSync } from './sync';

const LEVELS = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);

/**
 * The values alpha rests on: peer and coach scores on criteria that at least
 * two of them scored (a criterion only one reviewer scored cannot be
 * compared; a self-review is never a reviewer).
 */
function pairableValues(reveal: CalibrationReveal): { values: number; criteria: number } {
  let values = 0;
  let criteria = 0;
  for (const c of reveal.criteria) {
    const given = c.scores.filter((s) => s.score !== null && s.reviewerKind !== 'self').length;
    if (given >= 2) {
      values += given;
      criteria++;
    }
  }
  return { values, criteria };
}

/** Krippendorff's own reading: ≥ .800 reliable, ≥ .667 tentative, below that discuss the anchors. */
function alphaReading(alpha: number): string {
  if (alpha >= 0.8) return 'reviewers read the anchors alike';
  if (alpha >= 0.667) return 'tentative agreement';
  return 'low agreement — talk through the anchors';
}

function AlphaSummary({ reveal }: { reveal: CalibrationReveal }) {
  const { values, criteria } = pairableValues(reveal);
  return (
    <div className="alpha" role="group" aria-label="Agreement across criteria">
      <span className="alpha-value">{reveal.alpha === null ? '—' : reveal.alpha.toFixed(2)}</span>
      <span>
        <strong>Krippendorff’s alpha</strong> (interval), from {values} scores on {criteria}{' '}
        {criteria === 1 ? 'criterion' : 'criteria'} by {reveal.alphaReviewers} peer and coach{' '}
        {reveal.alphaReviewers === 1 ? 'reviewer' : 'reviewers'}
        {reveal.alpha === null
          ? ' — not defined: too few shared scores, or every score is the same.'
          : `: ${alphaReading(reveal.alpha)}.`}
        <br />
        {reveal.selfReview ? (
          <span className="self-beside" aria-label="Self-review beside alpha">
            Self-review by {reveal.selfReview.reviewerName}, not counted in alpha:{' '}
            {reveal.selfReview.meanDistance === null
              ? 'no criterion to compare with the reviewers yet.'
              : `${reveal.selfReview.meanDistance.toFixed(2)} points from the reviewers’ mean on average (over ${
                  reveal.selfReview.compared
                } ${reveal.selfReview.compared === 1 ? 'criterion' : 'criteria'}).`}
            <br />
          </span>
        ) : null}
        <span className="hint">
          Alpha rather than ICC: it allows a criterion someone left unscored and any number of reviewers, and corrects
          for chance agreement.
        </span>
      </span>
    </div>
  );
}

function CalibrationRow({ row, version }: { row: CriterionCalibration; version: RubricVersion | null }) {
  const calibrate = useScorecards((s) => s.calibrate);
  const anchors = version?.criteria.find((c) => c.id === row.criterionId)?.anchors;
  const disagree = (row.spread ?? 0) >= 2;
  return (
    <tr className={disagree ? 'calibration-disagree' : undefined}>
      <th scope="row">{row.name}</th>
      {row.scores.map((s) =>
        s.reviewerKind === 'self' ? (
          <td key={s.scorecardId} className="calibration-score calibration-self" data-column="self">
            {s.score ?? '—'}
            {row.self?.distance != null ? (
              <span className="hint" title="Self minus the peer and coach mean">
                {' '}
                ({row.self.distance > 0 ? '+' : row.self.distance < 0 ? '−' : '±'}
                {Math.abs(row.self.distance).toFixed(1)})
              </span>
            ) : null}
          </td>
        ) : (
          <td key={s.scorecardId} className="calibration-score" data-column="score">
            {s.score ?? '—'}
          </td>
        ),
      )}
      <td data-column="spread">{row.spread ?? '—'}</td>
      <td data-column="agreement" className="calibration-agreement">
        {row.agreement === null ? '—' : `${Math.round(row.agreement * 100)}%`}
        {row.pairs ? (
          <span className="hint">
            of {row.pairs} {row.pairs === 1 ? 'pair' : 'pairs'}
          </span>
        ) : null}
      </td>
      <td>
        <select
          aria-label={`Agreed score for ${row.name}`}
          value={row.agreedScore ?? ''}
          onChange={(e) =>
            void calibrate(row.criterionId, { agreedScore: e.target.value ? Number(e.target.value) : null })
          }
          title={row.agreedScore !== null ? anchors?.[row.agreedScore - SCORE_MIN] : undefined}
        >
          <option value="">—</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </td>
      <td className="calibration-note">
        <AutosaveText
          key={row.criterionId}
          label={`Anchor note for ${row.name}`}
          placeholder="How to read this anchor next time"
          value={row.note}
          onSave={(note) => void calibrate(row.criterionId, { note })}
        />
      </td>
    </tr>
  );
}

function Reveal({ reveal, version }: { reveal: CalibrationReveal; version: RubricVersion | null }) {
  return (
    <>
      <AlphaSummary reveal={reveal} />
      <div className="table-scroll">
        <table className="calibration-table" aria-label="Scores by criterion">
          <colgroup>
            <col className="col-criterion" />
            {reveal.scorecards.map((s) => (
              <col key={s.id} className="col-number" />
            ))}
            <col className="col-number" />
            <col className="col-agreement" />
            <col className="col-agreed" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              {reveal.scorecards.map((s) => (
                <th scope="col" key={s.id}>
                  {s.reviewerName}
                  <span className="hint">
                    {' '}
                    {KIND_LABELS[s.reviewerKind]}
                    {s.reviewerKind === 'self' ? ' · not in alpha' : ''}
                  </span>
                </th>
              ))}
              <th scope="col">Spread</th>
              <th scope="col">
                Agreement <span className="hint">(pairs within 1)</span>
              </th>
              <th scope="col">Agreed</th>
              <th scope="col">Anchor note</th>
            </tr>
          </thead>
          <tbody>
            {reveal.criteria.map((row) => (
              <CalibrationRow key={row.criterionId} row={row} version={version} />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Overall (weighted)</th>
              {reveal.scorecards.map((s) => (
                <td key={s.id}>{formatScore(s.overallScore)}</td>
              ))}
              <td colSpan={4} />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="hint">
        Disagreements first: lowest agreement, then widest spread. Rows with a spread of 2 or more are marked. Spread,
        agreement and alpha are over peer and coach reviewers; a self-review shows its distance from their mean.
      </p>
    </>
  );
}

function CalibrationForViewer({ callId, viewerId }: { callId: Id; viewerId: Id }) {
  useScorecardSync(callId, viewerId);
  const data = useScorecards((s) => s.data);
  const versions = useScorecards((s) => s.versions);
  const { group } = useScorecardView();
  let body;
  if (!data) body = <p className="hint">Loading…</p>;
  else if (!group)
    body = (
      <EmptyState title="Nobody has scored this call with this rubric yet">
        Start a scorecard in the Scorecard tab.
      </EmptyState>
    );
  else if (!group.reveal)
    body = (
      <>
        <BlindNote group={group} viewerId={viewerId} />
        <EmptyState title="Blind until you submit">
          Submit your own scorecard for this rubric to see everyone’s scores side by side.
        </EmptyState>
      </>
    );
  else body = <Reveal reveal={group.reveal} version={versions[group.rubricVersionId] ?? null} />;
  return (
    <>
      <div className="coaching-toolbar">
        <RubricPicker />
        {group ? <span className="hint">Version {group.rubricVersion}</span> : null}
      </div>
      {body}
    </>
  );
}

/** After the reveal: each reviewer's score per criterion, spread, agreement, and what the team agreed. */
export function CalibrationPanel({ callId }: { callId: Id }) {
  return (
    <section className="calibration" aria-label="Calibration">
      <WhoIsReviewing>
        {(viewerId) => <CalibrationForViewer key={viewerId} callId={callId} viewerId={viewerId} />}
      </WhoIsReviewing>
    </section>
  );
}
