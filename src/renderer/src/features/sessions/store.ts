import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { Id, ReviewSession, ReviewSessionSummary, SessionItem, SessionTemplate } from '../../../../shared/domain';
import type { Result } from '../../../../shared/result';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';

/** Where a session is shown: its plan, the facilitator's control view, its summary, or the presenter view. */
export type SessionView = 'plan' | 'run' | 'summary';

export function sessionHash(sessionId: Id, view: SessionView | 'present'): string {
  const id = encodeURIComponent(sessionId);
  if (view === 'present') return `#/present/${id}`;
  return view === 'plan' ? `#/sessions/${id}` : `#/sessions/${id}/${view}`;
}

/** Changes the route through the hash; the router follows `hashchange`. */
export const openSession = (sessionId: Id, view: SessionView = 'plan') => {
  window.location.hash = sessionHash(sessionId, view);
};

interface ListState {
  sessions: ReviewSessionSummary[];
  templates: SessionTemplate[];
  loaded: boolean;
  load: () => Promise<void>;
}

export const useSessionList = create<ListState>((set) => ({
  sessions: [],
  templates: [],
  loaded: false,
  load: async () => {
    try {
      const [sessions, templates] = await Promise.all([unwrap(api.sessions.list()), unwrap(api.sessions.templates())]);
      set({ sessions, templates, loaded: true });
    } catch (error) {
      reportError(error);
    }
  },
}));

interface SessionState {
  session: ReviewSession | null;
  error: string | null;
  load: (id: Id) => Promise<void>;
  /**
   * Runs a change that answers with the whole session and shows the answer
   * at once (the `sessions.changed` event brings other windows along).
   * Resolves false when the core refused; the reason is shown as a notice.
   */
  apply: (pending: Promise<Result<ReviewSession>>) => Promise<boolean>;
}

/**
 * The presenter address pasted or reopened without the session's access (in
 * browser mode the link carries it only when copied from the control view).
 */
export const OPENED_ON_ITS_OWN =
  'This presenter view was opened on its own, so it cannot reach the session. In the control view, use “Open presenter view” — or “Copy presenter link” and open that link here.';

export const useSession = create<SessionState>((set, get) => ({
  session: null,
  error: null,
  load: async (id) => {
    const result = await api.sessions.get({ id });
    if (result.ok) set({ session: result.value, error: null });
    else if (result.error.code === 'unauthorized') set({ error: OPENED_ON_ITS_OWN });
    else if (get().session?.id !== id || result.error.code === 'not_found') set({ error: result.error.message });
  },
  apply: async (pending) => {
    try {
      const session = await unwrap(pending);
      if (!get().session || get().session?.id === session.id) set({ session, error: null });
      return true;
    } catch (error) {
      reportError(error);
      return false;
    }
  },
}));

/** Loads a session and keeps it current while mounted: every window hears every change. */
export function useLiveSession(sessionId: Id): ReviewSession | null {
  const session = useSession((s) => (s.session?.id === sessionId ? s.session : null));
  useEffect(() => {
    const reload = () => void useSession.getState().load(sessionId);
    reload();
    const offs = [
      api.on('sessions.changed', (e) => e.sessionId === sessionId && reload()),
      api.on('actionItems.changed', reload),
      api.on('people.changed', reload),
    ];
    // An event missed while the transport reconnected is caught up on the next focus.
    window.addEventListener('focus', reload);
    return () => {
      offs.forEach((off) => off());
      window.removeEventListener('focus', reload);
    };
  }, [sessionId]);
  return session;
}

/** The wall clock, re-read every `ms` while mounted (timers and the playhead). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

export const currentItem = (session: ReviewSession | null): SessionItem | null =>
  session?.items.find((i) => i.id === session.currentItemId) ?? null;

export const itemLabel = (item: SessionItem): string =>
  item.title || item.callTitle || item.attemptTitle || `Item ${item.position + 1}`;

/** What the item is of, for the room: the call's title and whose call it is (or the drill attempt). */
export function subjectLine(item: SessionItem): string | null {
  if (item.kind === 'attempt') return item.attemptTitle ? `Drill attempt: ${item.attemptTitle}` : null;
  if (!item.callTitle) return null;
  return item.repName ? `“${item.callTitle}” · ${item.repName}’s call` : `“${item.callTitle}”`;
}

/** `m:ss`, whole seconds: the one formatter the exports use too. */
export { clock } from '../../../../shared/clock';

/** "m:ss" → seconds; null when it is not a time. */
export function parseClock(text: string): number | null {
  const parts = text.trim().split(':').map(Number);
  if (parts.length === 0 || parts.length > 3 || parts.some((p) => !Number.isFinite(p) || p < 0)) return null;
  return parts.reduce((sum, p) => sum * 60 + p, 0);
}

/** The name of a person in the session, for role labels. */
export const nameOf = (session: ReviewSession, personId: Id | null): string | null =>
  personId ? (session.participants.find((p) => p.personId === personId)?.name ?? null) : null;
