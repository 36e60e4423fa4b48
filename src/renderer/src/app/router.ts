import { create } from 'zustand';

/** The call screen's tabs a link can open on (a search hit opens the Transcript or Scorecard tab). */
export const CALL_TABS = ['annotations', 'scorecard', 'calibration', 'transcript', 'metrics'] as const;
export type CallTab = (typeof CALL_TABS)[number];

export const AREAS = ['library', 'drills', 'sessions', 'insights', 'people', 'rubrics', 'settings', 'recognition', 'leaderboards'] as const;
export type Area = (typeof AREAS)[number];

/** Where the app is: an area, or one call (optionally at a moment, e.g. from a search hit). */
export type Route =
  | { area: Area }
  | { area: 'call'; callId: string; at: number | null; tab?: CallTab }
  | { area: 'person'; personId: string }
  | { area: 'session'; sessionId: string; view: 'plan' | 'run' | 'summary' }
  /** A review session's presenter view: the room's screen, shown without the app frame. */
  | { area: 'present'; sessionId: string }
  /** A drill (editor and history) or its runner. */
  | { area: 'drill'; drillId: string; run: boolean };

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [head, id, sub] = path.split('/');
  if (head === 'calls' && id) {
    const params = new URLSearchParams(query);
    const at = Number(params.get('t'));
    const tab = params.get('tab');
    return {
      area: 'call',
      callId: decodeURIComponent(id),
      at: Number.isFinite(at) && at > 0 ? at : null,
      ...((CALL_TABS as readonly string[]).includes(tab ?? '') ? { tab: tab as CallTab } : {}),
    };
  }
  if (head === 'people' && id) return { area: 'person', personId: decodeURIComponent(id) };
  if (head === 'sessions' && id) {
    const view = sub === 'run' || sub === 'summary' ? sub : 'plan';
    return { area: 'session', sessionId: decodeURIComponent(id), view };
  }
  if (head === 'present' && id) return { area: 'present', sessionId: decodeURIComponent(id) };
  if (head === 'drills' && id) return { area: 'drill', drillId: decodeURIComponent(id), run: sub === 'run' };
  return { area: (AREAS as readonly string[]).includes(head ?? '') ? (head as Area) : 'library' };
}

export function hashOf(route: Route): string {
  if (route.area === 'person') return `#/people/${encodeURIComponent(route.personId)}`;
  if (route.area === 'drill') return `#/drills/${encodeURIComponent(route.drillId)}${route.run ? '/run' : ''}`;
  if (route.area === 'present') return `#/present/${encodeURIComponent(route.sessionId)}`;
  if (route.area === 'session') {
    return `#/sessions/${encodeURIComponent(route.sessionId)}${route.view === 'plan' ? '' : `/${route.view}`}`;
  }
  if (route.area !== 'call') return `#/${route.area}`;
  const params = [
    ...(route.at !== null ? [`t=${route.at.toFixed(2)}`] : []),
    ...(route.tab ? [`tab=${route.tab}`] : []),
  ];
  return `#/calls/${encodeURIComponent(route.callId)}${params.length ? `?${params.join('&')}` : ''}`;
}

interface RouterState {
  route: Route;
  go: (area: Area) => void;
  openCall: (callId: string, at?: number, tab?: CallTab) => void;
  openPerson: (personId: string) => void;
}

/** The route lives in the URL hash so a reload returns to the same screen (and the back button works). */
export const useRouter = create<RouterState>((set) => ({
  route: parseHash(window.location.hash),
  go: (area) => {
    window.location.hash = hashOf({ area });
    set({ route: { area } });
  },
  openCall: (callId, at, tab) => {
    const route: Route = { area: 'call', callId, at: at ?? null, ...(tab ? { tab } : {}) };
    window.location.hash = hashOf(route);
    set({ route });
  },
  openPerson: (personId) => {
    const route: Route = { area: 'person', personId };
    window.location.hash = hashOf(route);
    set({ route });
  },
}));

window.addEventListener('hashchange', () => useRouter.setState({ route: parseHash(window.location.hash) }));

/** The nav highlights Library while a call is open. */
export const navAreaOf = (route: Route): Area =>
  route.area === 'call'
    ? 'library'
    : route.area === 'person'
      ? 'people'
      : route.area === 'session' || route.area === 'present'
        ? 'sessions'
        : route.area === 'drill'
          ? 'drills'
          : route.area;
