import type { FileHandle } from '../../../../shared/files';
import { create } from 'zustand';
import type { Call, CallProgressFilter, CallSortField, CallType, ImportJob } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError, useNotices } from '../../app/notices';
import { followJob } from '../../lib/jobs';

export interface LibraryFilters {
  search: string;
  repId: string;
  callType: CallType | '';
  tag: string;
  dateFrom: string;
  dateTo: string;
  progress: CallProgressFilter | '';
  trackerId: string;
  sort: CallSortField;
  direction: 'asc' | 'desc';
  trash: boolean;
}

export const DEFAULT_FILTERS: LibraryFilters = {
  search: '',
  repId: '',
  callType: '',
  tag: '',
  dateFrom: '',
  dateTo: '',
  progress: '',
  trackerId: '',
  sort: 'callDate',
  direction: 'desc',
  trash: false,
};

interface LibraryState {
  filters: LibraryFilters;
  calls: Call[];
  tags: string[];
  loaded: boolean;
  /** Library calls with no transcript and nothing queued (what "Transcribe all" would queue). */
  backlog: number;
  /** Import rows, newest last; kept until dismissed so failures stay readable. */
  imports: ImportJob[];
  setFilters: (patch: Partial<LibraryFilters>) => void;
  load: () => Promise<void>;
  /** Files dropped or picked in the page, or handles from the desktop app's own dialog. */
  importFiles: (files: File[] | FileHandle[]) => Promise<void>;
  trackImport: (job: ImportJob) => void;
  cancelImport: (id: string) => Promise<void>;
  dismissImport: (id: string) => Promise<void>;
  moveToTrash: (calls: Call[]) => Promise<void>;
  restore: (ids: string[]) => Promise<void>;
  emptyTrash: () => Promise<void>;
  transcribeAll: () => Promise<void>;
  /** Opens the shipped sample call (importing it the first time); answers its id. */
  openSample: () => Promise<string | null>;
}

const initial = {
  filters: DEFAULT_FILTERS,
  calls: [] as Call[],
  tags: [] as string[],
  loaded: false,
  backlog: 0,
  imports: [] as ImportJob[],
};

/** The list request for the current filters: empty fields are left out. */
function query(f: LibraryFilters) {
  return {
    sort: f.sort,
    direction: f.direction,
    trash: f.trash,
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
    ...(f.repId ? { repId: f.repId } : {}),
    ...(f.callType ? { callType: f.callType } : {}),
    ...(f.tag ? { tag: f.tag } : {}),
    ...(f.dateFrom ? { dateFrom: f.dateFrom } : {}),
    ...(f.dateTo ? { dateTo: f.dateTo } : {}),
    ...(f.progress ? { progress: f.progress } : {}),
    ...(f.trackerId ? { trackerId: f.trackerId } : {}),
  };
}

let loadSeq = 0;
const FINAL = new Set<ImportJob['state']>(['done', 'duplicate', 'failed', 'cancelled']);

export const useLibrary = create<LibraryState>((set, get) => ({
  ...initial,
  setFilters: (patch) => {
    set({ filters: { ...get().filters, ...patch } });
    void get().load();
  },
  load: async () => {
    // Only the newest request's answer is shown, however the replies arrive.
    const seq = ++loadSeq;
    const [calls, tags, backlog] = await Promise.all([
      api.calls.list(query(get().filters)),
      api.calls.tags(),
      api.transcripts.backlog(),
    ]);
    if (seq !== loadSeq) return;
    if (backlog.ok) set({ backlog: backlog.value.untranscribed });
    if (!calls.ok) {
      set({ loaded: true });
      useNotices.getState().show({ kind: 'error', text: calls.error.message });
      return;
    }
    set({ calls: calls.value, tags: tags.ok ? tags.value : get().tags, loaded: true });
  },
  importFiles: async (files) => {
    if (files.length === 0) return;
    try {
      const jobs = await unwrap(
        typeof files[0] === 'string'
          ? api.calls.import({ files: files as FileHandle[] })
          : api.importFiles(files as File[]),
      );
      // Each import is followed to its end, even one that finished before its events could arrive.
      jobs.forEach((job) => {
        get().trackImport(job);
        followJob('import', job, get().trackImport);
      });
    } catch (error) {
      reportError(error);
    }
  },
  trackImport: (job) => {
    const known = get().imports.find((j) => j.id === job.id);
    // Answers and events can cross on the way (an upload's reply after its job's progress):
    // a row never goes back from a final state, and its bar never runs backwards.
    if (known && FINAL.has(known.state) && !FINAL.has(job.state)) return;
    if (known && known.state === job.state && job.fraction < known.fraction) return;
    set({ imports: known ? get().imports.map((j) => (j.id === job.id ? job : j)) : [...get().imports, job] });
  },
  cancelImport: async (id) => {
    try {
      await unwrap(api.calls.cancelImport({ jobId: id }));
    } catch (error) {
      reportError(error);
    }
  },
  dismissImport: async (id) => {
    set({ imports: get().imports.filter((j) => j.id !== id) });
    // The core may have forgotten it already (a restart); that is fine.
    await api.calls.dismissImport({ jobId: id });
  },
  moveToTrash: async (calls) => {
    const ids = calls.map((c) => c.id);
    try {
      await unwrap(api.calls.remove({ ids }));
      await get().load();
      useNotices.getState().show({
        kind: 'info',
        text: ids.length === 1 ? `Moved “${calls[0]!.title}” to the trash.` : `Moved ${ids.length} calls to the trash.`,
        action: { label: 'Undo', run: () => void get().restore(ids) },
      });
    } catch (error) {
      reportError(error);
    }
  },
  restore: async (ids) => {
    try {
      await unwrap(api.calls.restore({ ids }));
      await get().load();
    } catch (error) {
      reportError(error);
    }
  },
  openSample: async () => {
    try {
      const call = await unwrap(api.calls.openSample());
      void get().load();
      return call.id;
    } catch (error) {
      reportError(error);
      return null;
    }
  },
  transcribeAll: async () => {
    try {
      const { queued } = await unwrap(api.transcripts.transcribeAll());
      await get().load();
      useNotices.getState().show({
        kind: 'info',
        text: `Queued ${queued} call${queued === 1 ? '' : 's'} for transcription. They are transcribed one at a time.`,
      });
    } catch (error) {
      reportError(error);
    }
  },
  emptyTrash: async () => {
    try {
      const { deleted } = await unwrap(api.calls.emptyTrash());
      await get().load();
      useNotices
        .getState()
        .show({ kind: 'info', text: `Deleted ${deleted} call${deleted === 1 ? '' : 's'} for good.` });
    } catch (error) {
      reportError(error);
    }
  },
}));

export const resetLibraryStore = () => useLibrary.setState(initial);
