import { create } from 'zustand';
import type { Annotation, AnnotationReply, AnnotationTag, Id } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError, useNotices } from '../../app/notices';
import { usePeople } from '../people/store';
import type { TextPatch } from './journal';
import { journalDrop, journalFor, journalSettle, journalWrite } from './journal';

/** Long enough to send one request per pause in typing, short enough that a crash loses almost nothing. */
export const SAVE_DELAY_MS = 300;
/** After a failed save (backend restarting), try again this often; the journal holds the text meanwhile. */
const RETRY_MS = 2000;

export type SaveState = 'saved' | 'saving' | 'unsaved';

interface AnnotationsState {
  callId: Id | null;
  annotations: Annotation[];
  tags: AnnotationTag[];
  loaded: boolean;
  saveState: SaveState;
  /** The annotation whose comment box should take focus next (after `M` or a drag). */
  focusId: Id | null;

  load: (callId: Id) => Promise<void>;
  refresh: () => Promise<void>;
  loadTags: () => Promise<void>;
  /** A point (`endSec` null) or a range at the given time, authored by me. */
  add: (startSec: number, endSec: number | null) => Promise<Annotation | null>;
  /** Shows the text at once and saves it after a pause in typing. */
  editText: (id: Id, patch: TextPatch) => void;
  /** Sends any text still waiting for its pause (on blur, unmount, leaving the page). */
  flush: (id?: Id) => void;
  setTag: (id: Id, tagId: Id | null) => Promise<void>;
  move: (id: Id, startSec: number, endSec: number | null) => Promise<void>;
  remove: (annotation: Annotation) => Promise<void>;
  reply: (annotationId: Id, body: string) => Promise<boolean>;
  removeReply: (reply: AnnotationReply) => Promise<void>;
  focused: () => void;
}

// Text waiting for the debounce, and text sent but not yet answered. Both are
// laid over whatever the core answers, so a refetch never rolls back typing.
const pending = new Map<Id, { patch: TextPatch; timer: number }>();
const inflight = new Map<Id, { patch: TextPatch; count: number }>();
/** Bumped whenever a save goes out: a list fetched before it may be stale. */
let writes = 0;
let refreshing: Promise<void> | null = null;
let refreshAgain = false;

const byTime = (a: Annotation, b: Annotation) => a.startSec - b.startSec || a.createdAt.localeCompare(b.createdAt);

function overlay(annotation: Annotation): Annotation {
  const sent = inflight.get(annotation.id)?.patch;
  const waiting = pending.get(annotation.id)?.patch;
  return sent || waiting ? { ...annotation, ...sent, ...waiting } : annotation;
}

const me = () => usePeople.getState().people.find((p) => p.isMe) ?? null;

/** Errors that retrying cannot fix: the annotation is gone, or the text is refused. */
const isFinal = (error: unknown) => {
  const code = (error as { code?: string }).code;
  return code === 'not_found' || code === 'invalid_input';
};

const initial = {
  callId: null,
  annotations: [] as Annotation[],
  tags: [] as AnnotationTag[],
  loaded: false,
  saveState: 'saved' as SaveState,
  focusId: null,
};

export const useAnnotations = create<AnnotationsState>((set, get) => {
  const replace = (annotation: Annotation) => {
    if (annotation.callId !== get().callId) return;
    const others = get().annotations.filter((a) => a.id !== annotation.id);
    set({ annotations: [...others, overlay(annotation)].sort(byTime) });
  };
  const settleState = () => set({ saveState: pending.size || inflight.size ? 'saving' : 'saved' });

  const send = async (id: Id) => {
    const waiting = pending.get(id);
    if (!waiting) return;
    window.clearTimeout(waiting.timer);
    pending.delete(id);
    const { patch } = waiting;
    const sent = inflight.get(id);
    inflight.set(id, { patch: { ...sent?.patch, ...patch }, count: (sent?.count ?? 0) + 1 });
    writes++;
    set({ saveState: 'saving' });
    try {
      const saved = await unwrap(api.annotations.update({ id, ...patch }));
      journalSettle(id, patch);
      release(id);
      replace(saved);
      settleState();
    } catch (error) {
      release(id);
      if (isFinal(error)) {
        journalDrop(id);
        reportError(error);
        settleState();
        return;
      }
      // Put the text back (newer typing wins) and try again; the journal already holds it.
      const newer = pending.get(id);
      if (newer) window.clearTimeout(newer.timer);
      const timer = window.setTimeout(() => void send(id), RETRY_MS);
      pending.set(id, { patch: { ...patch, ...newer?.patch }, timer });
      set({ saveState: 'unsaved' });
    }
  };
  const release = (id: Id) => {
    const sent = inflight.get(id);
    if (sent && --sent.count <= 0) inflight.delete(id);
  };

  return {
    ...initial,

    load: async (callId) => {
      if (get().callId !== callId) set({ ...initial, callId, tags: get().tags });
      // Text typed before a crash comes back first, so the list shows it and the core gets it.
      for (const { id, patch } of journalFor(callId)) get().editText(id, patch);
      await Promise.all([get().refresh(), get().tags.length ? null : get().loadTags()]);
      get().flush();
    },

    refresh: async () => {
      if (refreshing) {
        refreshAgain = true;
        return refreshing;
      }
      const callId = get().callId;
      if (!callId) return;
      refreshing = (async () => {
        try {
          do {
            refreshAgain = false;
            const before = writes;
            const list = await unwrap(api.annotations.list({ callId }));
            if (get().callId !== callId) return;
            // A save went out while this was in flight, so the list may predate it: ask again.
            if (before !== writes) {
              refreshAgain = true;
              continue;
            }
            set({ annotations: list.map(overlay).sort(byTime), loaded: true });
          } while (refreshAgain);
        } catch (error) {
          reportError(error);
        } finally {
          refreshing = null;
        }
      })();
      return refreshing;
    },

    loadTags: async () => {
      try {
        set({ tags: await unwrap(api.annotations.tags()) });
      } catch (error) {
        reportError(error);
      }
    },

    add: async (startSec, endSec) => {
      const callId = get().callId;
      const author = me();
      if (!callId) return null;
      if (!author) {
        useNotices.getState().show({
          kind: 'error',
          text: 'Pick who you are on the People screen first, so your annotations carry your name.',
          action: { label: 'Go to People', run: () => (window.location.hash = '#/people') },
        });
        return null;
      }
      try {
        const annotation = await unwrap(api.annotations.create({ callId, startSec, endSec: endSec ?? null }));
        replace(annotation);
        set({ focusId: annotation.id });
        return annotation;
      } catch (error) {
        reportError(error);
        return null;
      }
    },

    editText: (id, patch) => {
      const callId = get().callId;
      if (!callId) return;
      journalWrite(id, callId, patch);
      const waiting = pending.get(id);
      if (waiting) window.clearTimeout(waiting.timer);
      const timer = window.setTimeout(() => void send(id), SAVE_DELAY_MS);
      pending.set(id, { patch: { ...waiting?.patch, ...patch }, timer });
      set({
        saveState: get().saveState === 'unsaved' ? 'unsaved' : 'saving',
        annotations: get().annotations.map((a) => (a.id === id ? { ...a, ...patch } : a)),
      });
    },

    flush: (id) => {
      for (const key of id ? [id] : [...pending.keys()]) void send(key);
    },

    setTag: async (id, tagId) => {
      try {
        replace(await unwrap(api.annotations.update({ id, tagId })));
      } catch (error) {
        reportError(error);
      }
    },

    move: async (id, startSec, endSec) => {
      const before = get().annotations.find((a) => a.id === id);
      if (before) replace({ ...before, startSec, endSec });
      try {
        replace(await unwrap(api.annotations.update({ id, startSec, endSec })));
      } catch (error) {
        reportError(error);
        if (before) replace(before);
      }
    },

    remove: async (annotation) => {
      // Whatever was typed last goes with it, so Undo brings back the whole comment.
      await send(annotation.id);
      try {
        await unwrap(api.annotations.remove({ id: annotation.id }));
        journalDrop(annotation.id);
        set({ annotations: get().annotations.filter((a) => a.id !== annotation.id) });
        useNotices.getState().show({
          kind: 'info',
          text: 'Annotation deleted.',
          action: {
            label: 'Undo',
            run: () => {
              void unwrap(api.annotations.restore({ id: annotation.id }))
                .then(replace)
                .catch(reportError);
            },
          },
        });
      } catch (error) {
        reportError(error);
      }
    },

    reply: async (annotationId, body) => {
      const author = me();
      if (!author) {
        reportError(new Error('Pick who you are on the People screen first.'));
        return false;
      }
      try {
        await unwrap(api.annotations.reply({ annotationId, body }));
        await get().refresh();
        return true;
      } catch (error) {
        reportError(error);
        return false;
      }
    },

    removeReply: async (reply) => {
      try {
        await unwrap(api.annotations.removeReply({ id: reply.id }));
        await get().refresh();
      } catch (error) {
        reportError(error);
      }
    },

    focused: () => set({ focusId: null }),
  };
});

/** For tests: every store starts from the same place. */
export const resetAnnotationsStore = () => {
  for (const { timer } of pending.values()) window.clearTimeout(timer);
  pending.clear();
  inflight.clear();
  useAnnotations.setState(initial);
};
