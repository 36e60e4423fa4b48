import { useId } from 'react';
import type { ReviewerKind } from '../../../shared/domain';

export type ReviewerKindChoice = '' | ReviewerKind;

const CHOICES: Array<{ value: ReviewerKindChoice; label: string }> = [
  { value: '', label: 'Everyone together' },
  { value: 'coach', label: 'Coaches' },
  { value: 'peer', label: 'Peers' },
  { value: 'self', label: 'Self-reviews' },
];

/** "Scores from": self, peer and coach apart, or together — the same choice wherever scores are charted. */
export function ReviewerKindSelect({
  value,
  onChange,
}: {
  value: ReviewerKindChoice;
  onChange: (kind: ReviewerKindChoice) => void;
}) {
  const id = useId();
  return (
    <div className="field" style={{ width: 'fit-content' }}>
      <label htmlFor={id}>Scores from</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as ReviewerKindChoice)}>
        {CHOICES.map((k) => (
          <option key={k.value} value={k.value}>
            {k.label}
          </option>
        ))}
      </select>
    </div>
  );
}
