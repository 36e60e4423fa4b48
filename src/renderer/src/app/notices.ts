import { create } from 'zustand';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
  action?: { label: string; run: () => void };
}

interface NoticeState {
  notices: Notice[];
  show: (notice: Omit<Notice, 'id'>, timeoutMs?: number) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

/** Short-lived messages at the bottom of the window: errors, and "Undo" after a delete. */
export const useNotices = create<NoticeState>((set, get) => ({
  notices: [],
  show: (notice, timeoutMs = 8000) => {
    const id = nextId++;
    set({ notices: [...get().notices, { ...notice, id }] });
    if (timeoutMs > 0) window.setTimeout(() => get().dismiss(id), timeoutMs);
  },
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
}));

export const reportError = (error: unknown) =>
  useNotices.getState().show({ kind: 'error', text: error instanceof Error ? error.message : String(error) }, 12000);
