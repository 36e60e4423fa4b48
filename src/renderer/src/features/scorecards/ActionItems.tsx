import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ActionItem, Id, Scorecard } from '../../../../shared/domain';
import { formatDate } from '../../lib/format';
import { usePeople } from '../people/store';
import { useScorecards } from './store';

function OwnerSelect({
  value,
  onChange,
  label,
  disabled,
}: {
  value: Id | null;
  onChange: (id: Id | null) => void;
  label: string;
  disabled?: boolean;
}) {
  const people = usePeople((s) => s.people);
  return (
    <select
      aria-label={label}
      value={value ?? ''}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value || null)}
    >
      <option value="">No owner</option>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}

function ActionItemRow({ item, locked }: { item: ActionItem; locked: boolean }) {
  const { setActionItemDone, updateActionItem, removeActionItem } = useScorecards();
  const owner = usePeople((s) => s.people.find((p) => p.id === item.ownerId) ?? null);
  return (
    <li className={`action-item${item.done ? ' action-item-done' : ''}`}>
      <label className="action-item-check">
        <input
          type="checkbox"
          checked={item.done}
          onChange={(e) => void setActionItemDone(item.id, e.target.checked)}
          aria-label={`Done: ${item.text}`}
        />
        <span className="action-item-text">{item.text}</span>
      </label>
      {locked ? (
        <span className="action-item-meta">
          {owner?.name ?? 'No owner'} · {item.dueDate ? `due ${formatDate(item.dueDate)}` : 'no due date'}
        </span>
      ) : (
        <span className="action-item-meta">
          <OwnerSelect
            label={`Owner of “${item.text}”`}
            value={item.ownerId}
            onChange={(ownerId) => void updateActionItem(item.id, { ownerId })}
          />
          <input
            type="date"
            aria-label={`Due date of “${item.text}”`}
            value={item.dueDate ?? ''}
            onChange={(e) => void updateActionItem(item.id, { dueDate: e.target.value || null })}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove action item “${item.text}”`}
            onClick={() => void removeActionItem(item.id)}
          >
            ×
          </button>
        </span>
      )}
    </li>
  );
}

/** Follow-up from this review: text, owner, due date; ticking one off stays possible after submitting. */
export function ActionItems({
  card,
  locked,
  defaultOwnerId,
}: {
  card: Scorecard;
  locked: boolean;
  defaultOwnerId: Id | null;
}) {
  const addActionItem = useScorecards((s) => s.addActionItem);
  const [text, setText] = useState('');
  const [ownerId, setOwnerId] = useState<Id | null>(defaultOwnerId);
  const [dueDate, setDueDate] = useState('');
  const textId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    if (await addActionItem(card, { text: text.trim(), ownerId, dueDate: dueDate || null })) {
      setText('');
      setDueDate('');
    }
  };

  return (
    <section className="action-items" aria-labelledby={`${textId}-heading`}>
      <h3 id={`${textId}-heading`}>Action items</h3>
      {card.actionItems.length ? (
        <ul className="action-item-list" aria-label="Action items">
          {card.actionItems.map((item) => (
            <ActionItemRow key={item.id} item={item} locked={locked} />
          ))}
        </ul>
      ) : (
        <p className="hint">No action items yet.</p>
      )}
      {locked ? null : (
        <form className="action-item-form" aria-label="Add an action item" onSubmit={(e) => void submit(e)}>
          <label htmlFor={textId} className="visually-hidden">
            New action item
          </label>
          <input
            id={textId}
            value={text}
            maxLength={2000}
            placeholder="e.g. Ask about budget before the demo"
            onChange={(e) => setText(e.target.value)}
          />
          <OwnerSelect label="Owner" value={ownerId} onChange={setOwnerId} />
          <input type="date" aria-label="Due date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
          <button type="submit" className="button" disabled={!text.trim()}>
            Add
          </button>
        </form>
      )}
    </section>
  );
}
