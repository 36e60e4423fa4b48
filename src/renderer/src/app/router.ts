import { create } from 'zustand';

export const AREAS = ['library', 'drills', 'sessions', 'insights', 'people', 'settings'] as const;
export type Area = (typeof AREAS)[number];

const areaFromHash = (hash: string): Area => {
  const name = hash.replace(/^#\/?/, '').split('/')[0];
  return (AREAS as readonly string[]).includes(name ?? '') ? (name as Area) : 'library';
};

interface RouterState {
  area: Area;
  go: (area: Area) => void;
}

/** The current area lives in the URL hash so a reload returns to the same screen. */
export const useRouter = create<RouterState>((set) => ({
  area: areaFromHash(window.location.hash),
  go: (area) => {
    window.location.hash = `/${area}`;
    set({ area });
  },
}));

window.addEventListener('hashchange', () => useRouter.setState({ area: areaFromHash(window.location.hash) }));
