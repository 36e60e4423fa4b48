import { create } from 'zustand';
import type { Id, RepPage } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';

export type OpenActionItem = RepPage['openActionItems'][number];

interface RepState {
  personId: Id | null;
  page: RepPage | null;
  error: string | null;
  /**
   * Items ticked done on this visit. The core stops listing them as open; the
   * page keeps them (struck through) so a slip of the mouse can be unticked.
   */
  ticked: OpenActionItem[];
  load: (personId: Id) => Promise<void>;
  setDone: (item: OpenActionItem, done: boolean) => Promise<void>;
}

const initial = { personId: null, page: null, error: null, ticked: [] as OpenActionItem[] };

export const useRep = create<RepState>((set, get) => ({
  ...initial,
  load: async (personId) => {
    if (get().personId !== personId) set({ ...initial, personId });
    const result = await api.scorecards.forRep({ personId });
    if (get().personId !== personId) return;
    if (result.ok) set({ page: result.value, error: null });
    else set({ error: result.error.message });
  },
  setDone: async (item, done) => {
    // Optimistic, so the box answers the click at once; a failure reloads the truth.
    const mark = (list: OpenActionItem[]) => list.map((i) => (i.id === item.id ? { ...i, done } : i));
    const others = get().ticked.filter((t) => t.id !== item.id);
    const page = get().page;
    set({
      ticked: done ? [...others, { ...item, done }] : others,
      page: page ? { ...page, openActionItems: mark(page.openActionItems) } : page,
    });
    try {
      await unwrap(api.scorecards.setActionItemDone({ id: item.id, done }));
    } catch (error) {
      reportError(error);
    }
    const personId = get().personId;
    if (personId) await get().load(personId);
  },
}));

/** Open items plus the ones ticked on this visit, in the core's order (oldest due first), ticked ones last. */
export function useVisibleActionItems(): OpenActionItem[] {
  const open = useRep((s) => s.page?.openActionItems);
  const ticked = useRep((s) => s.ticked);
  const list = open ?? [];
  return [...list, ...ticked.filter((t) => !list.some((o) => o.id === t.id))];
}

export const resetRepStore = () => useRep.setState(initial);
