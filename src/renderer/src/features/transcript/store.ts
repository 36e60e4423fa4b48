import { create } from 'zustand';
import type {
  Id,
  Transcript,
  TranscriptExportFormat,
  TranscriptionJob,
  TranscriptSegment,
  WhisperModel,
} from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError, useNotices } from '../../app/notices';
import { followJob } from '../../lib/jobs';

interface TranscriptState {
  /** The recording shown; every load is for one recording at a time. */
  mediaSha256: string | null;
  transcript: Transcript | null;
  /** The newest job for this recording (queued, running, or how the last one ended). */
  job: TranscriptionJob | null;
  /** Installed models, for the picker beside "Transcribe". */
  models: WhisperModel[];
  defaultModelId: string | null;
  loaded: boolean;
  load: (mediaSha256: string) => Promise<void>;
  reloadTranscript: () => Promise<void>;
  jobChanged: (job: TranscriptionJob) => void;
  transcribe: (options?: { modelId?: string; keepEdits?: boolean }) => Promise<void>;
  cancelJob: () => Promise<void>;
  retryJob: () => Promise<void>;
  editSegment: (segmentId: Id, text: string) => Promise<void>;
  assignSpeaker: (segmentId: Id, speakerId: Id) => Promise<void>;
  addSpeaker: (label: string) => Promise<void>;
  updateSpeaker: (
    speakerId: Id,
    patch: { label?: string; personId?: Id | null; isCustomer?: boolean },
  ) => Promise<void>;
  exportAs: (format: TranscriptExportFormat) => Promise<void>;
}

const initial = {
  mediaSha256: null,
  transcript: null,
  job: null,
  models: [] as WhisperModel[],
  defaultModelId: null,
  loaded: false,
};

const replaceSegment = (t: Transcript | null, segment: TranscriptSegment): Transcript | null =>
  t && { ...t, segments: t.segments.map((s) => (s.id === segment.id ? segment : s)) };

/** Hands a string to the browser as a file download (works the same under Electron and in a browser). */
function download(fileName: string, mimeType: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download after the click handler returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const useTranscript = create<TranscriptState>((set, get) => {
  /** Follows a job this screen started to its end; when it is done, the transcript it wrote is read. */
  const follow = (job: TranscriptionJob) =>
    followJob('transcription', job, (next) => {
      get().jobChanged(next);
      if (next.state === 'done' && next.mediaSha256 === get().mediaSha256) void get().reloadTranscript();
    });
  return {
    ...initial,
    load: async (mediaSha256) => {
      set({ ...initial, mediaSha256 });
      try {
        const [transcript, jobs, models, settings] = await Promise.all([
          unwrap(api.transcripts.get({ mediaSha256 })),
          unwrap(api.jobs.list({ mediaSha256, limit: 1 })),
          unwrap(api.models.list()),
          unwrap(api.models.settings()),
        ]);
        if (get().mediaSha256 !== mediaSha256) return; // another call was opened meanwhile
        set({
          transcript,
          job: jobs[0] ?? null,
          models: models.filter((m) => m.state === 'installed'),
          defaultModelId: settings.defaultModelId,
          loaded: true,
        });
      } catch (error) {
        reportError(error);
      }
    },
    reloadTranscript: async () => {
      const mediaSha256 = get().mediaSha256;
      if (!mediaSha256) return;
      try {
        const transcript = await unwrap(api.transcripts.get({ mediaSha256 }));
        if (get().mediaSha256 === mediaSha256) set({ transcript });
      } catch (error) {
        reportError(error);
      }
    },
    jobChanged: (job) => {
      if (job.mediaSha256 === get().mediaSha256) set({ job });
    },
    transcribe: async (options = {}) => {
      const mediaSha256 = get().mediaSha256;
      if (!mediaSha256) return;
      try {
        const started = await unwrap(api.transcripts.transcribe({ mediaSha256, ...options }));
        set({ job: started });
        follow(started);
      } catch (error) {
        reportError(error);
      }
    },
    cancelJob: async () => {
      const job = get().job;
      if (!job) return;
      try {
        set({ job: await unwrap(api.jobs.cancel({ id: job.id })) });
      } catch (error) {
        reportError(error);
      }
    },
    retryJob: async () => {
      const job = get().job;
      if (!job) return;
      try {
        const started = await unwrap(api.jobs.retry({ id: job.id }));
        set({ job: started });
        follow(started);
      } catch (error) {
        reportError(error);
      }
    },
    editSegment: async (segmentId, text) => {
      try {
        const { segment, previousText } = await unwrap(api.transcripts.updateSegment({ segmentId, text }));
        set((s) => ({ transcript: replaceSegment(s.transcript, segment) }));
        if (previousText === text) return;
        useNotices.getState().show({
          kind: 'info',
          text: 'Transcript edited.',
          action: {
            label: 'Undo',
            run: () => {
              void unwrap(api.transcripts.updateSegment({ segmentId, text: previousText }))
                .then(({ segment: restored }) => set((s) => ({ transcript: replaceSegment(s.transcript, restored) })))
                .catch(reportError);
            },
          },
        });
      } catch (error) {
        reportError(error);
      }
    },
    assignSpeaker: async (segmentId, speakerId) => {
      try {
        const segment = await unwrap(api.transcripts.assignSpeaker({ segmentId, speakerId }));
        set((s) => ({ transcript: replaceSegment(s.transcript, segment) }));
      } catch (error) {
        reportError(error);
      }
    },
    addSpeaker: async (label) => {
      const mediaSha256 = get().mediaSha256;
      if (!mediaSha256) return;
      try {
        await unwrap(api.transcripts.addSpeaker({ mediaSha256, label }));
        await get().reloadTranscript();
      } catch (error) {
        reportError(error);
      }
    },
    updateSpeaker: async (speakerId, patch) => {
      try {
        const speaker = await unwrap(api.transcripts.updateSpeaker({ speakerId, ...patch }));
        set((s) => ({
          transcript: s.transcript && {
            ...s.transcript,
            speakers: s.transcript.speakers.map((sp) => (sp.id === speaker.id ? speaker : sp)),
          },
        }));
      } catch (error) {
        reportError(error);
      }
    },
    exportAs: async (format) => {
      const mediaSha256 = get().mediaSha256;
      if (!mediaSha256) return;
      try {
        const file = await unwrap(api.transcripts.export({ mediaSha256, format }));
        download(file.fileName, file.mimeType, file.content);
      } catch (error) {
        reportError(error);
      }
    },
  };
});
/** For tests: every store starts from the same place. */
export const resetTranscriptStore = () => useTranscript.setState(initial);
