import { useEffect, useId, useState } from 'react';
import type { ReviewerKind, SkillEvidence as Evidence } from '../../../../shared/domain';
import { api } from '../../api/client';
import { useRouter } from '../../app/router';
import { formatDate } from '../../lib/format';

const KIND: Record<ReviewerKind, string> = { self: 'self-review', peer: 'peer', coach: 'coach' };

/** The scores behind one heatmap cell, each a link to the call's scorecard or the drill it was given on. */
export function SkillEvidence({
  cell,
  from,
  to,
  reviewerKind,
  onClose,
}: {
  cell: { repId: string; repName: string; criterionKey: string; criterionName: string };
  from: string;
  to: string;
  reviewerKind: ReviewerKind | null;
  onClose: () => void;
}) {
  const id = useId();
  const openCall = useRouter((s) => s.openCall);
  const [rows, setRows] = useState<Evidence[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.insights
      .skillEvidence({ repId: cell.repId, criterionKey: cell.criterionKey, from, to, reviewerKind })
      .then((r) => {
        if (!live) return;
        if (r.ok) setRows(r.value);
        else setError(r.error.message);
      });
    return () => {
      live = false;
    };
  }, [cell.repId, cell.criterionKey, from, to, reviewerKind]);
  return (
    <section className="skill-evidence" aria-labelledby={`${id}-heading`}>
      <div className="skill-evidence-head">
        <h3 id={`${id}-heading`}>
          Scores behind {cell.repName} × {cell.criterionName}
        </h3>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {rows && (
        <ul aria-label={`Scores behind ${cell.repName}, ${cell.criterionName}`}>
          {rows.map((r) => (
            <li key={r.scorecardId}>
              <strong>{r.score}</strong> from {r.reviewerName} ({KIND[r.reviewerKind]}),{' '}
              {formatDate(r.submittedAt.slice(0, 10))} ·{' '}
              {r.callId ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => openCall(r.callId!, undefined, 'scorecard')}
                >
                  {r.title}
                </button>
              ) : r.drillId ? (
                <a href={`#/drills/${encodeURIComponent(r.drillId)}`}>Drill: {r.title}</a>
              ) : (
                r.title
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
