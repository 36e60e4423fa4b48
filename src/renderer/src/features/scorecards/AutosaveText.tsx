import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { DraftKey } from './drafts';
import { draftFor, draftSettle, draftWrite } from './drafts';

/** A pause in typing this long saves; blur and unmount save at once. */
const SAVE_DELAY_MS = 400;

/**
 * A text box that saves itself as it is typed. The draft lives here while
 * the box is mounted (so a refetch never moves text under the cursor); the
 * parent keys it by what it edits, so switching scorecards starts fresh.
 * With `journal`, every keystroke is also journaled (drafts.ts) until the
 * core has it, and a journaled draft found on mount is restored and saved.
 */
export function AutosaveText({
  label,
  value,
  onSave,
  disabled = false,
  rows = 2,
  placeholder,
  showLabel = false,
  journal,
}: {
  label: string;
  value: string;
  onSave: (value: string) => void;
  disabled?: boolean;
  rows?: number;
  placeholder?: string;
  showLabel?: boolean;
  journal?: DraftKey;
}) {
  const id = useId();
  const [journaled] = useState(() => (journal && !disabled ? draftFor(journal) : undefined));
  const [draft, setDraft] = useState(journaled ?? value);
  const timer = useRef(0);
  const latest = useRef({ draft: journaled ?? value, saved: value, onSave });

  useEffect(() => {
    latest.current.onSave = onSave;
  }, [onSave]);

  const commit = useCallback(() => {
    window.clearTimeout(timer.current);
    const l = latest.current;
    if (l.draft === l.saved) return;
    l.saved = l.draft;
    l.onSave(l.draft);
  }, []);
  useEffect(() => commit, [commit]);
  // A draft left by a reload goes to the core now; the journal lets go once the core's value has it.
  useEffect(() => {
    if (journaled !== undefined && journaled !== value) commit();
  }, [journaled, value, commit]);
  useEffect(() => {
    if (journal) draftSettle(journal, value);
  }, [journal, value]);

  return (
    <div className="field">
      <label htmlFor={id} className={showLabel ? undefined : 'visually-hidden'}>
        {label}
      </label>
      <textarea
        id={id}
        rows={rows}
        value={draft}
        disabled={disabled}
        placeholder={placeholder}
        onChange={(e) => {
          setDraft(e.target.value);
          latest.current.draft = e.target.value;
          if (journal) draftWrite(journal, e.target.value);
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(commit, SAVE_DELAY_MS);
        }}
        onBlur={commit}
      />
    </div>
  );
}
