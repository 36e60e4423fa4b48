import { create } from 'zustand';
import type { Drill, DrillHistory, DrillSkill, DrillSummary, Id, PracticePlan } from '../../../../shared/domain';
import type { InputOf } from '../../../../shared/contract';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError, useNotices } from '../../app/notices';

export interface DrillFilters {
  search: string;
  skill: DrillSkill | '';
  tag: string;
}

interface DrillsState {
  filters: DrillFilters;
  drills: DrillSummary[];
  tags: string[];
  loaded: boolean;
  plan: PracticePlan | null;
  /** The open drill and its attempt history (detail and runner screens). */
  drill: Drill | null;
  history: DrillHistory | null;
  error: string | null;

  setFilters: (patch: Partial<DrillFilters>) => void;
  load: () => Promise<void>;
  loadPlan: (personId: Id) => Promise<void>;
  open: (id: Id) => Promise<void>;
  refreshHistory: () => Promise<void>;
  save: (patch: Omit<InputOf<'drills', 'update'>, 'id'>) => Promise<void>;
  create: (input: InputOf<'drills', 'create'>) => Promise<Drill | null>;
  remove: (drill: Drill) => Promise<void>;
  removeAttempt: (attemptId: Id) => Promise<void>;
}

const initial = {
  filters: { search: '', skill: '', tag: '' } as DrillFilters,
  drills: [] as DrillSummary[],
  tags: [] as string[],
  loaded: false,
  plan: null,
  drill: null,
  history: null,
  error: null,
};

export const useDrills = create<DrillsState>((set, get) => ({
  ...initial,
  setFilters: (patch) => {
    set({ filters: { ...get().filters, ...patch } });
    void get().load();
  },
  load: async () => {
    const { search, skill, tag } = get().filters;
    try {
      const [drills, tags] = await Promise.all([
        unwrap(api.drills.list({ search: search || undefined, skill: skill || undefined, tag: tag || undefined })),
        unwrap(api.drills.tags()),
      ]);
      // A slower answer to an older filter must not overwrite a newer one.
      if (get().filters.search === search && get().filters.skill === skill && get().filters.tag === tag) {
        set({ drills, tags, loaded: true });
      }
    } catch (error) {
      reportError(error);
    }
  },
  loadPlan: async (personId) => {
    try {
      set({ plan: await unwrap(api.drills.plan({ personId })) });
    } catch (error) {
      reportError(error);
    }
  },
  open: async (id) => {
    if (get().drill?.id !== id) set({ drill: null, history: null, error: null });
    try {
      const [drill, history] = await Promise.all([
        unwrap(api.drills.get({ id })),
        unwrap(api.drills.history({ drillId: id })),
      ]);
      set({ drill, history, error: null });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
  refreshHistory: async () => {
    const id = get().drill?.id;
    if (!id) return;
    try {
      const history = await unwrap(api.drills.history({ drillId: id }));
      if (get().drill?.id === id) set({ history });
    } catch (error) {
      reportError(error);
    }
  },
  save: async (patch) => {
    const drill = get().drill;
    if (!drill) return;
    try {
      set({ drill: await unwrap(api.drills.update({ id: drill.id, ...patch })) });
    } catch (error) {
      reportError(error);
    }
  },
  create: async (input) => {
    try {
      const drill = await unwrap(api.drills.create(input));
      void get().load();
      return drill;
    } catch (error) {
      reportError(error);
      return null;
    }
  },
  remove: async (drill) => {
    try {
      await unwrap(api.drills.remove({ id: drill.id }));
      void get().load();
      useNotices.getState().show({
        kind: 'info',
        text: `“${drill.title}” moved to the trash.`,
        action: {
          label: 'Undo',
          run: () =>
            void unwrap(api.drills.restore({ id: drill.id }))
              .then(() => get().load())
              .catch(reportError),
        },
      });
    } catch (error) {
      reportError(error);
    }
  },
  removeAttempt: async (attemptId) => {
    try {
      await unwrap(api.drills.removeAttempt({ id: attemptId }));
      await get().refreshHistory();
      useNotices.getState().show({
        kind: 'info',
        text: 'Attempt removed.',
        action: {
          label: 'Undo',
          run: () =>
            void unwrap(api.drills.restoreAttempt({ id: attemptId }))
              .then(() => get().refreshHistory())
              .catch(reportError),
        },
      });
    } catch (error) {
      reportError(error);
    }
  },
}));

/** For tests: back to a fresh store. */
export const resetDrills = () => useDrills.setState(initial);
