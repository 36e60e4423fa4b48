import { create } from 'zustand';
import type { DrillSkill, Id, Rubric, RubricSummary } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError, useNotices } from '../../app/notices';

export interface CriterionDraft {
  /** Carries a criterion over from the version being edited, so progress charts keep one line for it. */
  key?: Id;
  name: string;
  description: string;
  weight: string;
  anchors: string[];
  /** The drill skill the criterion trains; kept through edits so the practice plan still finds its drills. */
  skill?: DrillSkill | null;
}

export interface RubricDraft {
  name: string;
  description: string;
  criteria: CriterionDraft[];
}

interface RubricsState {
  list: RubricSummary[];
  /** The rubric open in the editor, or 'new' for one not yet saved. */
  selected: Id | 'new' | null;
  rubric: Rubric | null;
  loadList: () => Promise<void>;
  open: (id: Id | 'new') => Promise<void>;
  save: (draft: RubricDraft) => Promise<boolean>;
  removeVersion: (versionId: Id) => Promise<void>;
  remove: (rubric: Rubric) => Promise<void>;
}

const toInput = (draft: RubricDraft) => ({
  name: draft.name.trim(),
  description: draft.description.trim(),
  criteria: draft.criteria.map((c) => ({
    ...(c.key ? { key: c.key } : {}),
    name: c.name.trim(),
    description: c.description.trim(),
    weight: Number(c.weight),
    anchors: c.anchors.map((a) => a.trim()),
    skill: c.skill ?? null,
  })),
});

export const useRubrics = create<RubricsState>((set, get) => ({
  list: [],
  selected: null,
  rubric: null,
  loadList: async () => {
    try {
      const list = await unwrap(api.rubrics.list());
      set({ list });
      if (get().selected === null && list[0]) await get().open(list[0].id);
    } catch (error) {
      reportError(error);
    }
  },
  open: async (id) => {
    if (id === 'new') {
      set({ selected: 'new', rubric: null });
      return;
    }
    set({ selected: id });
    try {
      const rubric = await unwrap(api.rubrics.get({ id }));
      if (get().selected === id) set({ rubric });
    } catch (error) {
      reportError(error);
    }
  },
  save: async (draft) => {
    const { selected, rubric } = get();
    try {
      const saved =
        selected === 'new' || !rubric
          ? await unwrap(api.rubrics.create(toInput(draft)))
          : await unwrap(api.rubrics.update({ id: rubric.id, ...toInput(draft) }));
      const newVersion = rubric && saved.id === rubric.id && saved.latest.version !== rubric.latest.version;
      set({ selected: saved.id, rubric: saved });
      await get().loadList();
      useNotices.getState().show({
        kind: 'info',
        text: newVersion
          ? `Saved “${saved.name}” as version ${saved.latest.version}. Scorecards on version ${rubric.latest.version} keep it.`
          : `Saved “${saved.name}”.`,
      });
      return true;
    } catch (error) {
      reportError(error);
      return false;
    }
  },
  removeVersion: async (versionId) => {
    try {
      set({ rubric: await unwrap(api.rubrics.removeVersion({ versionId })) });
      await get().loadList();
    } catch (error) {
      reportError(error);
    }
  },
  remove: async (rubric) => {
    try {
      await unwrap(api.rubrics.remove({ id: rubric.id }));
      set({ selected: null, rubric: null });
      await get().loadList();
      useNotices.getState().show({
        kind: 'info',
        text: `Moved “${rubric.name}” to the trash. Scorecards that use it keep working.`,
        action: {
          label: 'Undo',
          run: () => {
            void unwrap(api.rubrics.restore({ id: rubric.id }))
              .then(() => get().loadList())
              .then(() => get().open(rubric.id))
              .catch(reportError);
          },
        },
      });
    } catch (error) {
      reportError(error);
    }
  },
}));
