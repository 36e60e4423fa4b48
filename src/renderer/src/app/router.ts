import { create } from 'zustand';

export const AREAS = ['library', 'drills', 'sessions', 'insights', 'people', 'rubrics', 'settings'] as const;
export type Area = (typeof AREAS)[number];

/** Where the app is: an area, or one call (optionally at a moment, e.g. from a search hit). */
export type Route =
  | { area: Area }
  | { area: 'call'; callId: string; at: number | null }
  /** A person's page: their calls, scorecards, open action items and progress. */
  | { area: 'person'; personId: string };

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [head, id] = path.split('/');
  if (head === 'calls' && id) {
    const at = Number(new URLSearchParams(query).get('t'));
    return { area: 'call', callId: decodeURIComponent(id), at: Number.isFinite(at) && at > 0 ? at : null };
  }
  if (head === 'people' && id) return { area: 'person', personId: decodeURIComponent(id) };
  return { area: (AREAS as readonly string[]).includes(head ?? '') ? (head as Area) : 'library' };
}

export function hashOf(route: Route): string {
  if (route.area === 'person') return `#/people/${encodeURIComponent(route.personId)}`;
  if (route.area !== 'call') return `#/${route.area}`;
  return `#/calls/${encodeURIComponent(route.callId)}${route.at !== null ? `?t=${route.at.toFixed(2)}` : ''}`;
}

interface RouterState {
  route: Route;
  go: (area: Area) => void;
  openCall: (callId: string, at?: number) => void;
  openPerson: (personId: string) => void;
}

/** The route lives in the URL hash so a reload returns to the same screen (and the back button works). */
export const useRouter = create<RouterState>((set) => ({
  route: parseHash(window.location.hash),
  go: (area) => {
    window.location.hash = hashOf({ area });
    set({ route: { area } });
  },
  openCall: (callId, at) => {
    const route: Route = { area: 'call', callId, at: at ?? null };
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
  route.area === 'call' ? 'library' : route.area === 'person' ? 'people' : route.area;
