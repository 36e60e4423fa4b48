import type { Evidence, Id, Scorecard } from '../../../../shared/domain';
import { momentLabel } from '../annotations/format';
import { useAnnotations } from '../annotations/store';
import { formatClock } from '../player/format';
import { usePlayer } from '../player/store';
import { evidenceInput, useScorecards } from './store';

/** The moment a piece of evidence points at, and how to name it. */
function useEvidenceMoment(e: Evidence): { at: number; label: string } {
  const annotation = useAnnotations((s) => s.annotations.find((a) => a.id === e.annotationId) ?? null);
  if (e.annotationId === null) return { at: e.atSec, label: formatClock(e.atSec) };
  if (!annotation) return { at: 0, label: 'a deleted annotation' };
  const words = annotation.body.trim().split(/\s+/).slice(0, 6).join(' ');
  return { at: annotation.startSec, label: `${momentLabel(annotation)}${words ? ` “${words}”` : ''}` };
}

function EvidenceLink({ evidence, onRemove, locked }: { evidence: Evidence; onRemove: () => void; locked: boolean }) {
  const { at, label } = useEvidenceMoment(evidence);
  return (
    <li className="evidence-item">
      <button
        type="button"
        className="evidence-link"
        aria-label={`Play evidence at ${label}`}
        onClick={() => {
          const player = usePlayer.getState();
          player.seek(at);
          player.play();
        }}
      >
        ▶ {label}
      </button>
      {locked ? null : (
        <button type="button" className="icon-button" aria-label={`Remove evidence at ${label}`} onClick={onRemove}>
          ×
        </button>
      )}
    </li>
  );
}

/** Moments that justify a score: the playhead when the coach hears it, or an annotation already written. */
export function EvidenceList({
  card,
  criterionId,
  name,
  locked,
}: {
  card: Scorecard;
  criterionId: Id;
  name: string;
  locked: boolean;
}) {
  const setEvidence = useScorecards((s) => s.setEvidence);
  const annotations = useAnnotations((s) => s.annotations);
  const evidence = card.scores.find((s) => s.criterionId === criterionId)?.evidence ?? [];
  const inputs = evidence.map(evidenceInput);
  const linked = new Set(evidence.map((e) => e.annotationId));

  return (
    <div className="evidence">
      {evidence.length ? (
        <ul className="evidence-list" aria-label={`Evidence for ${name}`}>
          {evidence.map((e, i) => (
            <EvidenceLink
              key={e.id}
              evidence={e}
              locked={locked}
              onRemove={() =>
                void setEvidence(
                  card,
                  criterionId,
                  inputs.filter((_, j) => j !== i),
                )
              }
            />
          ))}
        </ul>
      ) : null}
      {locked ? null : (
        <div className="evidence-add">
          <button
            type="button"
            className="button button-quiet"
            aria-label={`Add the playhead moment as evidence for ${name}`}
            onClick={() => {
              const player = usePlayer.getState();
              const atSec = player.wavesurfer?.getCurrentTime() ?? player.currentTime;
              void setEvidence(card, criterionId, [...inputs, { atSec: Math.max(0, atSec) }]);
            }}
          >
            + Playhead moment
          </button>
          <select
            aria-label={`Link an annotation as evidence for ${name}`}
            value=""
            disabled={annotations.length === 0}
            onChange={(e) => {
              if (e.target.value) void setEvidence(card, criterionId, [...inputs, { annotationId: e.target.value }]);
            }}
          >
            <option value="">{annotations.length ? '+ Link an annotation…' : 'No annotations to link'}</option>
            {annotations
              .filter((a) => !linked.has(a.id))
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {momentLabel(a)} {a.body.slice(0, 40)}
                </option>
              ))}
          </select>
        </div>
      )}
    </div>
  );
}
