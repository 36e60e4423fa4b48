import { useEffect, useState } from 'react';
import type { Speaker } from '../../../../shared/domain';
import { usePeople } from '../people/store';
import { useTranscript } from './store';

function SpeakerRow({ speaker }: { speaker: Speaker }) {
  const updateSpeaker = useTranscript((s) => s.updateSpeaker);
  const people = usePeople((s) => s.people);
  const [draft, setDraft] = useState(speaker.label);
  const commit = () => {
    const label = draft.trim();
    if (label && label !== speaker.label) void updateSpeaker(speaker.id, { label });
    else setDraft(speaker.label);
  };

  return (
    <li className="speaker-row" aria-label={speaker.displayName}>
      <input
        aria-label={`Name of ${speaker.label}`}
        value={draft}
        maxLength={80}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') setDraft(speaker.label);
        }}
      />
      <select
        aria-label={`Person for ${speaker.label}`}
        value={speaker.personId ?? ''}
        onChange={(e) => void updateSpeaker(speaker.id, { personId: e.target.value || null })}
      >
        <option value="">Not a person in the team</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <label className="speaker-customer">
        <input
          type="checkbox"
          checked={speaker.isCustomer}
          onChange={(e) => void updateSpeaker(speaker.id, { isCustomer: e.target.checked })}
        />
        Customer
      </label>
    </li>
  );
}

/** Name the voices, map one to the rep, mark the customer; add a speaker to split a mono call. */
export function SpeakerEditor({ speakers }: { speakers: Speaker[] }) {
  const addSpeaker = useTranscript((s) => s.addSpeaker);
  const { loaded, load } = usePeople();
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);

  return (
    <details className="speaker-editor">
      <summary>Speakers ({speakers.length})</summary>
      <ul className="speaker-list" aria-label="Speakers">
        {speakers.map((s) => (
          // Keyed by label too, so a rename saved elsewhere resets the draft.
          <SpeakerRow key={`${s.id}:${s.label}`} speaker={s} />
        ))}
      </ul>
      <button
        type="button"
        className="button button-quiet"
        onClick={() => void addSpeaker(`Speaker ${speakers.length + 1}`)}
      >
        Add speaker
      </button>
    </details>
  );
}
