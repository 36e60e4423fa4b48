import type { FileHandle } from '../../../../shared/files';
import { create } from 'zustand';
import type { Call } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';
import type { CallPatch } from './types';

interface CallState {
  call: Call | null;
  error: string | null;
  load: (id: string) => Promise<void>;
  /** Optimistic: the field shows the edit at once; the save follows and its answer wins. */
  save: (patch: CallPatch) => Promise<void>;
  /** The person's copy of the recording: a picked File, or a handle from the desktop app's dialog. */
  relink: (file: File | FileHandle) => Promise<boolean>;
}

const initial = { call: null, error: null };

export const useCall = create<CallState>((set, get) => ({
  ...initial,
  load: async (id) => {
    const result = await api.calls.get({ id });
    if (result.ok) set({ call: result.value, error: null });
    else set({ call: null, error: result.error.message });
  },
  save: async (patch) => {
    const current = get().call;
    if (!current) return;
    set({ call: { ...current, ...patch } });
    try {
      const saved = await unwrap(api.calls.update({ id: current.id, ...patch }));
      if (get().call?.id === saved.id) set({ call: saved });
    } catch (error) {
      reportError(error);
      void get().load(current.id);
    }
  },
  relink: async (file) => {
    const current = get().call;
    if (!current) return false;
    try {
      set({
        call: await unwrap(
          typeof file === 'string' ? api.calls.relink({ id: current.id, file }) : api.relinkFile(current.id, file),
        ),
      });
      return true;
    } catch (error) {
      reportError(error);
      return false;
    }
  },
}));

export const resetCallStore = () => useCall.setState(initial);
