import type { FileHandles } from '../files/handles';
import type { Handlers } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import { untranscribedMedia } from '../calls/repository';
import type { CoreContext } from '../context';
import { get, sql } from '../db/sql';
import { exportTranscript } from './export';
import * as jobs from './job-repository';
import { searchTranscripts } from './search';
import type { TranscriptionService } from './service';
import * as transcripts from './transcript-repository';

const NO_MODEL = 'Download or import a model in Settings first.';

/** The call's title for file names; the recording's id when no call uses it (e.g. a drill attempt). */
function titleFor(ctx: CoreContext, mediaSha256: string): string {
  const call = get<{ title: string }>(
    ctx.db,
    sql`SELECT title FROM calls WHERE media_sha256 = ${mediaSha256} ORDER BY deleted_at IS NOT NULL, id LIMIT 1`,
  );
  return call?.title ?? `recording-${mediaSha256.slice(0, 8)}`;
}

export const transcriptsHandlers = (ctx: CoreContext, service: TranscriptionService): Handlers['transcripts'] => {
  const { db, emit } = ctx;
  const changed = (mediaSha256: string, reason: 'edited' | 'speakers') =>
    emit('transcript.changed', { mediaSha256, reason });
  return {
    get: ({ mediaSha256 }) => transcripts.getTranscript(db, mediaSha256),
    transcribe: ({ mediaSha256, ...options }) => {
      const job = service.enqueueTranscription(mediaSha256, options);
      if (!job) throw new AppError('unsupported', NO_MODEL);
      return job;
    },
    transcribeAll: () => {
      const pending = untranscribedMedia(db);
      if (pending.length > 0 && !service.models.defaultModelId()) throw new AppError('unsupported', NO_MODEL);
      const queued = pending.filter((sha256) => service.enqueueTranscription(sha256) !== null).length;
      return { queued };
    },
    backlog: () => ({ untranscribed: untranscribedMedia(db).length }),
    updateSegment: ({ segmentId, text }) => {
      const result = transcripts.updateSegmentText(db, segmentId, text);
      const { mediaSha256 } = transcripts.getSegment(db, segmentId);
      changed(mediaSha256, 'edited');
      return result;
    },
    assignSpeaker: ({ segmentId, speakerId }) => {
      const { mediaSha256, ...segment } = transcripts.assignSpeaker(db, segmentId, speakerId);
      changed(mediaSha256, 'speakers');
      return segment;
    },
    addSpeaker: ({ mediaSha256, label }) => {
      const speaker = transcripts.addSpeaker(db, mediaSha256, label);
      changed(mediaSha256, 'speakers');
      return speaker;
    },
    updateSpeaker: (input) => {
      const speaker = transcripts.updateSpeaker(db, input);
      changed(speaker.mediaSha256, 'speakers');
      return speaker;
    },
    search: ({ query, limit }) => searchTranscripts(db, query, limit),
    export: ({ mediaSha256, format }) => {
      const transcript = transcripts.getTranscript(db, mediaSha256);
      if (!transcript) throw new AppError('not_found', 'This call has no transcript yet.');
      return exportTranscript(transcript, titleFor(ctx, mediaSha256), format);
    },
  };
};

export const jobsHandlers = (ctx: CoreContext, service: TranscriptionService): Handlers['jobs'] => ({
  list: (filter) => jobs.listJobs(ctx.db, filter ?? {}),
  cancel: ({ id }) => service.queue.cancel(id),
  retry: ({ id }) => service.queue.retry(id),
});

export const modelsHandlers = (service: TranscriptionService, files: FileHandles): Handlers['models'] => {
  const { models } = service;
  return {
    list: () => models.list(),
    download: ({ id }) => models.download(id),
    pause: ({ id }) => models.pause(id),
    cancel: ({ id }) => models.cancel(id),
    import: ({ file, name }) => models.importFile(files.resolve(file), { name }),
    remove: ({ id }) => models.remove(id),
    setDefault: ({ id }) => models.setDefault(id),
    settings: () => models.settings(),
    updateSettings: (patch) => models.updateSettings(patch),
  };
};
