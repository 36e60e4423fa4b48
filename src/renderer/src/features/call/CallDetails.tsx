import { useId, useState } from 'react';
import type { Call, CallType } from '../../../../shared/domain';
import { CALL_TYPE_LABELS, CALL_TYPES } from '../../../../shared/domain';
import { usePeople } from '../people/store';
import { useCall } from './store';

/** A text field that saves when it loses focus (or on Enter), never on every keystroke. */
function SavedField({
  label,
  value,
  onSave,
  multiline = false,
  placeholder,
}: {
  label: string;
  value: string;
  onSave: (value: string) => void;
  multiline?: boolean;
  placeholder?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const commit = () => {
    if (draft !== value) onSave(draft);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          value={draft}
          rows={4}
          placeholder={placeholder}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
        />
      ) : (
        <input
          id={id}
          value={draft}
          placeholder={placeholder}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
            if (e.key === 'Escape') setDraft(value);
          }}
        />
      )}
    </div>
  );
}

export function CallDetails({ call }: { call: Call }) {
  const save = useCall((s) => s.save);
  const people = usePeople((s) => s.people);
  const repId = useId();
  const typeId = useId();
  const dateId = useId();
  return (
    <section className="panel call-details" aria-label="Call details">
      <h2>Details</h2>
      <div className="field">
        <label htmlFor={repId}>Rep</label>
        <select id={repId} value={call.repId ?? ''} onChange={(e) => void save({ repId: e.target.value || null })}>
          <option value="">Not set</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <SavedField
        key={`c:${call.customer}`}
        label="Customer / account"
        value={call.customer}
        onSave={(customer) => void save({ customer })}
      />
      <div className="field">
        <label htmlFor={typeId}>Call type</label>
        <select id={typeId} value={call.callType} onChange={(e) => void save({ callType: e.target.value as CallType })}>
          {CALL_TYPES.map((t) => (
            <option key={t} value={t}>
              {CALL_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <SavedField
        key={`s:${call.stage}`}
        label="Stage"
        value={call.stage}
        placeholder="e.g. Qualification"
        onSave={(stage) => void save({ stage })}
      />
      <div className="field">
        <label htmlFor={dateId}>Date</label>
        <input
          id={dateId}
          type="date"
          value={call.callDate ?? ''}
          onChange={(e) => void save({ callDate: e.target.value || null })}
        />
      </div>
      <SavedField
        key={`t:${call.tags.join(',')}`}
        label="Tags"
        value={call.tags.join(', ')}
        placeholder="pricing, Q3"
        onSave={(text) =>
          void save({
            tags: text
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
          })
        }
      />
      <SavedField
        key={`n:${call.notes}`}
        label="Notes"
        value={call.notes}
        multiline
        onSave={(notes) => void save({ notes })}
      />
    </section>
  );
}
