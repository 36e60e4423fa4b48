/**
 * A crash journal for scorecard text (a criterion's comment, the strengths)
 * typed but not yet confirmed saved, like the annotations' journal: each
 * keystroke lands here synchronously, so a reload (or a backend that died)
 * before the debounced save went out loses nothing — the next time the box
 * mounts it takes the journaled text and saves it.
 */
const KEY = 'gamefilm.scorecardDrafts';

/** Which text: `<scorecardId>:<criterionId>` for a comment, `<scorecardId>:strengths`. */
export type DraftKey = string;

function read(): Record<DraftKey, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<DraftKey, string>) : {};
  } catch {
    return {};
  }
}

function write(entries: Record<DraftKey, string>): void {
  try {
    if (Object.keys(entries).length === 0) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify(entries));
  } catch {
    // Storage full or blocked: the debounced save still runs, only the crash net is gone.
  }
}

export function draftWrite(key: DraftKey, text: string): void {
  write({ ...read(), [key]: text });
}

/** The journaled text for `key`, if any. */
export function draftFor(key: DraftKey): string | undefined {
  return read()[key];
}

/** Forgets the draft once the core has `saved` it, unless it was typed over again meanwhile. */
export function draftSettle(key: DraftKey, saved: string): void {
  const entries = read();
  if (entries[key] !== saved) return;
  delete entries[key];
  write(entries);
}
