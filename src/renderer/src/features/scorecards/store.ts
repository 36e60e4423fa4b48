import { create } from 'zustand';
import type {
  CalibrationGroup,
  CallScorecards,
  Evidence,
  Id,
  RubricSummary,
  RubricVersion,
  Scorecard,
} from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';

/** The template a call is scored against unless the coach picks another. */
export const DEFAULT_RUBRIC_NAME = 'Sales Call Fundamentals';

export type ScorecardSaveState = 'saved' | 'saving' | 'failed';

export type EvidenceInput = { annotationId: Id } | { atSec: number };
export const evidenceInput = (e: Evidence): EvidenceInput =>
  e.annotationId !== null ? { annotationId: e.annotationId } : { atSec: e.atSec };

export interface ActionItemDraft {
  text: string;
  ownerId: Id | null;
  dueDate: string | null;
}

interface ScorecardsState {
  callId: Id | null;
  viewerId: Id | null;
  data: CallScorecards | null;
  /** The blank card "Start scoring" opened: the core stores it with its first score. */
  blank: Scorecard | null;
  rubrics: RubricSummary[];
  rubricId: Id | null;
  /** Rubric versions by id: criteria names, weights and anchors to render a scorecard against. */
  versions: Record<Id, RubricVersion>;
  saveState: ScorecardSaveState;

  load: (callId: Id, viewerId: Id) => Promise<void>;
  refresh: () => Promise<void>;
  loadRubrics: () => Promise<void>;
  pickRubric: (rubricId: Id) => void;
  start: () => Promise<void>;
  setScore: (card: Scorecard, criterionId: Id, score: number | null) => Promise<void>;
  setComment: (card: Scorecard, criterionId: Id, comment: string) => Promise<void>;
  setEvidence: (card: Scorecard, criterionId: Id, evidence: EvidenceInput[]) => Promise<void>;
  update: (card: Scorecard, patch: { strengths?: string }) => Promise<void>;
  submit: (card: Scorecard) => Promise<void>;
  reopen: (card: Scorecard) => Promise<void>;
  addActionItem: (card: Scorecard, item: ActionItemDraft) => Promise<boolean>;
  updateActionItem: (id: Id, patch: Partial<ActionItemDraft>) => Promise<void>;
  setActionItemDone: (id: Id, done: boolean) => Promise<void>;
  removeActionItem: (id: Id) => Promise<void>;
  calibrate: (criterionId: Id, patch: { agreedScore?: number | null; note?: string }) => Promise<void>;
}

const initial = {
  callId: null,
  viewerId: null,
  data: null,
  blank: null,
  rubricId: null,
  saveState: 'saved' as ScorecardSaveState,
};

/** Requests out; a refetch that started before the latest one may predate it. */
let outstanding = 0;
let writes = 0;

export const useScorecards = create<ScorecardsState>((set, get) => {
  const replace = (card: Scorecard) => {
    const data = get().data;
    if (!data || card.callId !== data.callId) return;
    if (data.mine.some((s) => s.id === card.id)) {
      set({ data: { ...data, mine: data.mine.map((s) => (s.id === card.id ? card : s)) } });
    } else if (card.stored) {
      // The first score stored the blank card: it is one of mine now.
      const blank = get().blank?.id === card.id ? null : get().blank;
      set({ data: { ...data, mine: [...data.mine, card] }, blank });
    } else if (get().blank?.id === card.id) {
      set({ blank: card });
    }
  };

  /** Every autosave goes through here: the indicator follows, errors reach the person. */
  const save = async <T>(request: () => Promise<T>): Promise<T | null> => {
    outstanding++;
    writes++;
    set({ saveState: 'saving' });
    try {
      const value = await request();
      outstanding--;
      if (outstanding === 0 && get().saveState !== 'failed') set({ saveState: 'saved' });
      return value;
    } catch (error) {
      outstanding--;
      set({ saveState: 'failed' });
      reportError(error);
      void get().refresh();
      return null;
    }
  };

  const ensureVersion = async (versionId: Id) => {
    if (get().versions[versionId]) return;
    try {
      const version = await unwrap(api.rubrics.getVersion({ versionId }));
      set({ versions: { ...get().versions, [versionId]: version } });
    } catch (error) {
      reportError(error);
    }
  };

  const defaultRubric = (data: CallScorecards, rubrics: RubricSummary[]): Id | null => {
    const newest = [...data.mine].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    if (newest) return newest.rubricId;
    return (rubrics.find((r) => r.name === DEFAULT_RUBRIC_NAME) ?? rubrics[0])?.id ?? null;
  };

  return {
    ...initial,
    rubrics: [],
    versions: {},

    load: async (callId, viewerId) => {
      if (get().callId !== callId || get().viewerId !== viewerId) set({ ...initial, callId, viewerId });
      await Promise.all([get().refresh(), get().loadRubrics()]);
      const { data, rubrics, rubricId } = get();
      if (data && !rubricId) get().pickRubric(defaultRubric(data, rubrics) ?? '');
    },

    refresh: async () => {
      const { callId, viewerId } = get();
      if (!callId || !viewerId) return;
      try {
        for (;;) {
          const before = writes;
          const data = await unwrap(api.scorecards.forCall({ callId }));
          if (get().callId !== callId || get().viewerId !== viewerId) return;
          // A save went out meanwhile: this answer may predate it, so ask again.
          if (before !== writes || outstanding > 0) {
            await new Promise((r) => setTimeout(r, 150));
            continue;
          }
          const blank = get().blank;
          set({ data, blank: blank && data.mine.some((s) => s.id === blank.id) ? null : blank });
          for (const s of data.mine) void ensureVersion(s.rubricVersionId);
          for (const g of data.groups) if (g.reveal) void ensureVersion(g.rubricVersionId);
          return;
        }
      } catch (error) {
        reportError(error);
      }
    },

    loadRubrics: async () => {
      try {
        set({ rubrics: await unwrap(api.rubrics.list()) });
      } catch (error) {
        reportError(error);
      }
    },

    pickRubric: (rubricId) => {
      if (!rubricId) return;
      set({ rubricId });
      const { data, rubrics } = get();
      const mine = data?.mine.find((s) => s.rubricId === rubricId);
      const group = data?.groups.find((g) => g.rubricId === rubricId);
      const versionId =
        mine?.rubricVersionId ?? group?.rubricVersionId ?? rubrics.find((r) => r.id === rubricId)?.latestVersionId;
      if (versionId) void ensureVersion(versionId);
    },

    start: async () => {
      const { callId, viewerId, rubricId } = get();
      if (!callId || !viewerId || !rubricId) return;
      const card = await save(() => unwrap(api.scorecards.start({ callId, rubricId })));
      if (!card) return;
      await ensureVersion(card.rubricVersionId);
      if (card.stored) replace(card);
      else set({ blank: card });
      await get().refresh();
    },

    setScore: async (card, criterionId, score) => {
      // Optimistic: the radio moves at once; the core's answer (with the new overall) follows.
      replace({ ...card, scores: card.scores.map((s) => (s.criterionId === criterionId ? { ...s, score } : s)) });
      const saved = await save(() => unwrap(api.scorecards.setScore({ id: card.id, criterionId, score })));
      if (saved) replace(saved);
    },

    setComment: async (card, criterionId, comment) => {
      const saved = await save(() => unwrap(api.scorecards.setScore({ id: card.id, criterionId, comment })));
      if (saved) replace(saved);
    },

    setEvidence: async (card, criterionId, evidence) => {
      const saved = await save(() => unwrap(api.scorecards.setScore({ id: card.id, criterionId, evidence })));
      if (saved) replace(saved);
    },

    update: async (card, patch) => {
      const saved = await save(() => unwrap(api.scorecards.update({ id: card.id, ...patch })));
      if (saved) replace(saved);
    },

    submit: async (card) => {
      const saved = await save(() => unwrap(api.scorecards.submit({ id: card.id })));
      if (saved) await get().refresh();
    },

    reopen: async (card) => {
      const saved = await save(() => unwrap(api.scorecards.reopen({ id: card.id })));
      if (saved) await get().refresh();
    },

    addActionItem: async (card, item) => {
      const added = await save(() => unwrap(api.scorecards.addActionItem({ scorecardId: card.id, ...item })));
      if (added) await get().refresh();
      return added !== null;
    },

    updateActionItem: async (id, patch) => {
      if (await save(() => unwrap(api.scorecards.updateActionItem({ id, ...patch })))) await get().refresh();
    },

    setActionItemDone: async (id, done) => {
      const data = get().data;
      if (data) {
        const tick = (s: Scorecard) => ({
          ...s,
          actionItems: s.actionItems.map((i) => (i.id === id ? { ...i, done } : i)),
        });
        set({ data: { ...data, mine: data.mine.map(tick) } });
      }
      if (await save(() => unwrap(api.scorecards.setActionItemDone({ id, done })))) await get().refresh();
    },

    removeActionItem: async (id) => {
      if ((await save(() => unwrap(api.scorecards.removeActionItem({ id })))) !== null) await get().refresh();
    },

    calibrate: async (criterionId, patch) => {
      const { callId, viewerId } = get();
      if (!callId || !viewerId) return;
      const data = await save(() => unwrap(api.scorecards.calibrate({ callId, criterionId, ...patch })));
      if (data) set({ data });
    },
  };
});

/** What the scorecard tab shows for the picked rubric: my scorecard (if started) and its blind-safe group. */
export function useScorecardView(): {
  card: Scorecard | null;
  group: CalibrationGroup | null;
  version: RubricVersion | null;
} {
  const data = useScorecards((s) => s.data);
  const rubricId = useScorecards((s) => s.rubricId);
  const rubrics = useScorecards((s) => s.rubrics);
  const versions = useScorecards((s) => s.versions);
  const blank = useScorecards((s) => s.blank);
  const card = data?.mine.find((s) => s.rubricId === rubricId) ?? (blank && blank.rubricId === rubricId ? blank : null);
  const group =
    data?.groups.find((g) => g.rubricVersionId === card?.rubricVersionId) ??
    data?.groups.find((g) => g.rubricId === rubricId) ??
    null;
  const versionId =
    card?.rubricVersionId ?? group?.rubricVersionId ?? rubrics.find((r) => r.id === rubricId)?.latestVersionId;
  return { card, group, version: versionId ? (versions[versionId] ?? null) : null };
}

export const resetScorecardsStore = () => useScorecards.setState({ ...initial, rubrics: [], versions: {} });
