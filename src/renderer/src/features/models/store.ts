import type { FileHandle } from '../../../../shared/files';
import { create } from 'zustand';
import type { ModelDownloadProgress, TranscriptionSettings, WhisperModel } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';

interface ModelsState {
  models: WhisperModel[];
  settings: TranscriptionSettings | null;
  /** Live download progress per model id, from `models.download` events. */
  progress: Record<string, ModelDownloadProgress>;
  load: () => Promise<void>;
  progressed: (p: ModelDownloadProgress) => void;
  download: (id: string) => Promise<void>;
  pause: (id: string) => Promise<void>;
  cancel: (id: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  setDefault: (id: string) => Promise<void>;
  /** A picked File, or a handle from the desktop app's dialog. */
  importFile: (file: File | FileHandle) => Promise<boolean>;
  updateSettings: (patch: { threads?: number; verbatim?: boolean }) => Promise<void>;
}

const initial = { models: [] as WhisperModel[], settings: null, progress: {} };

export const useModels = create<ModelsState>((set, get) => {
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      await get().load();
    } catch (error) {
      reportError(error);
    }
  };
  return {
    ...initial,
    load: async () => {
      try {
        const [models, settings] = await Promise.all([unwrap(api.models.list()), unwrap(api.models.settings())]);
        set({ models, settings });
      } catch (error) {
        reportError(error);
      }
    },
    progressed: (p) => {
      set((s) => ({
        progress: { ...s.progress, [p.id]: p },
        models: s.models.map((m) =>
          m.id === p.id ? { ...m, state: p.state, receivedBytes: p.receivedBytes, error: p.error } : m,
        ),
      }));
      // A finished, failed or stopped download changes more than one row (the default, sizes): reload.
      if (p.state !== 'downloading') void get().load();
    },
    download: (id) => act(() => unwrap(api.models.download({ id }))),
    pause: (id) => act(() => unwrap(api.models.pause({ id }))),
    cancel: (id) => act(() => unwrap(api.models.cancel({ id }))),
    remove: (id) => act(() => unwrap(api.models.remove({ id }))),
    setDefault: (id) => act(() => unwrap(api.models.setDefault({ id }))),
    importFile: async (file) => {
      try {
        await unwrap(typeof file === 'string' ? api.models.import({ file }) : api.importModelFile(file));
        await get().load();
        return true;
      } catch (error) {
        reportError(error);
        return false;
      }
    },
    updateSettings: (patch) => act(() => unwrap(api.models.updateSettings(patch))),
  };
});

/** For tests: every store starts from the same place. */
export const resetModelsStore = () => useModels.setState(initial);
