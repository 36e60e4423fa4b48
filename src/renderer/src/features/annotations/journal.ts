import type { Id } from '../../../../shared/domain';

/** The text fields of an annotation that are saved as they are typed. */
export interface TextPatch {
  body?: string;
  situation?: string;
  behavior?: string;
  impact?: string;
}

interface Entry {
  callId: Id;
  patch: TextPatch;
}

const KEY = 'gamefilm.annotationDrafts';

/**
 * A crash journal for annotation text that has been typed but not yet
 * confirmed saved by the core. Every keystroke lands here synchronously, so
 * when the backend dies mid-sentence (or the page is closed before the
 * debounced save goes out) the next load of the call replays it.
 */
function read(): Record<Id, Entry> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<Id, Entry>) : {};
  } catch {
    return {};
  }
}

function write(entries: Record<Id, Entry>): void {
  try {
    if (Object.keys(entries).length === 0) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify(entries));
  } catch {
    // Storage full or blocked: the debounced save still runs, only the crash net is gone.
  }
}

export function journalWrite(id: Id, callId: Id, patch: TextPatch): void {
  const entries = read();
  entries[id] = { callId, patch: { ...entries[id]?.patch, ...patch } };
  write(entries);
}

/** Forgets the fields that are now saved, unless they were typed over again meanwhile. */
export function journalSettle(id: Id, saved: TextPatch): void {
  const entries = read();
  const entry = entries[id];
  if (!entry) return;
  for (const key of Object.keys(saved) as Array<keyof TextPatch>) {
    if (entry.patch[key] === saved[key]) delete entry.patch[key];
  }
  if (Object.keys(entry.patch).length === 0) delete entries[id];
  write(entries);
}

export function journalDrop(id: Id): void {
  const entries = read();
  delete entries[id];
  write(entries);
}

export function journalFor(callId: Id): Array<{ id: Id; patch: TextPatch }> {
  return Object.entries(read())
    .filter(([, e]) => e.callId === callId)
    .map(([id, e]) => ({ id, patch: e.patch }));
}
