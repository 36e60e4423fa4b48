/**
 * The transcription queue: jobs persisted in SQLite, one run at a time.
 *
 * A job survives a restart: one left 'running' (a crash, a quit mid-run) goes
 * back to 'queued' when the queue starts and runs again from the top — whisper
 * cannot resume halfway, and the transcript is only written at the end, so
 * nothing partial is ever left behind. Cancel kills the engine's process;
 * an engine failure fails only its own job and the next one still runs.
 */
import { join } from 'node:path';
import type { Id, TranscribeOptions, TranscriptionJob } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { channelsForSegments, measureChannelEnergy } from './channel-energy';
import type { TranscriptionEngine } from './engine';
import { describeTranscriptionFailure } from './errors';
import * as jobs from './job-repository';
import type { ModelManager } from './models';
import type { NewSegment } from './transcript-repository';
import { ensureSpeakers, getMedia, replaceTranscript } from './transcript-repository';
import { VERBATIM_PROMPT } from './verbatim';

export interface QueueDeps {
  engine: TranscriptionEngine;
  models: ModelManager;
  mediaDir: string;
}

export interface EnqueueOptions {
  modelId?: string;
  verbatim?: boolean;
  language?: string | null;
  keepEdits?: boolean;
}

const NO_MODEL_LEFT =
  'The model chosen for this transcription has been removed and no other model is installed. ' +
  'Download or import one in Settings → Transcription models, then retry.';

interface Running {
  jobId: Id;
  controller: AbortController;
  done: Promise<void>;
}

/** Share of the bar for whisper itself; the rest is the stereo channel analysis. */
const ENGINE_SHARE_STEREO = 0.95;
/** No guess before this much progress: the first seconds (model load) say little about the rest. */
const ETA_MIN_FRACTION = 0.05;

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export type TranscriptionQueue = ReturnType<typeof createTranscriptionQueue>;

export function createTranscriptionQueue(ctx: CoreContext, deps: QueueDeps) {
  const { db, emit } = ctx;
  let current: Running | null = null;
  let started = false;
  let stopped = false;
  const idleWaiters: Array<() => void> = [];

  const publish = (job: TranscriptionJob) => {
    emit('transcription.job', job);
    emit('job.progress', { jobId: job.id, kind: 'transcribe', fraction: job.progress, label: job.state });
    return job;
  };

  function settleIdle() {
    if (current || jobs.nextQueuedJob(db)) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  function kick(): void {
    if (!started || stopped || current) return;
    const next = jobs.nextQueuedJob(db);
    if (!next) {
      settleIdle();
      return;
    }
    const controller = new AbortController();
    const running: Running = { jobId: next.id, controller, done: Promise.resolve() };
    current = running;
    running.done = runJob(publish(jobs.markRunning(db, next.id)), controller.signal).finally(() => {
      if (current === running) current = null;
      if (!stopped) kick();
    });
  }

  /**
   * A job queued with a model that has since been removed runs with today's
   * default model instead (recorded on the job), rather than failing on an id
   * nobody can act on.
   */
  function withInstalledModel(job: TranscriptionJob): TranscriptionJob {
    if (deps.models.pathOf(job.options.modelId)) return job;
    const fallback = deps.models.defaultModelId();
    if (!fallback) throw new AppError('unsupported', NO_MODEL_LEFT);
    const model = deps.models.get(fallback);
    const language = deps.models.settings().language;
    return jobs.setOptions(db, job.id, {
      ...job.options,
      modelId: fallback,
      language: language ?? (model.multilingual ? 'auto' : 'en'),
    });
  }

  async function runJob(queued: TranscriptionJob, signal: AbortSignal): Promise<void> {
    let job = queued;
    try {
      job = withInstalledModel(job);
      const media = getMedia(db, job.mediaSha256);
      const modelPath = deps.models.pathOf(job.options.modelId);
      if (!modelPath) throw new AppError('unsupported', NO_MODEL_LEFT);
      const stereo = media.channels >= 2;
      const engineShare = stereo ? ENGINE_SHARE_STEREO : 1;
      const startedAt = performance.now();
      let lastFraction = 0;
      const report = (fraction: number) => {
        lastFraction = fraction;
        const elapsedSec = (performance.now() - startedAt) / 1000;
        const eta =
          fraction >= ETA_MIN_FRACTION && fraction < 1 ? round((elapsedSec * (1 - fraction)) / fraction, 1) : null;
        if (signal.aborted) return;
        jobs.setProgress(db, job.id, round(fraction, 4), eta);
        publish({ ...job, progress: round(fraction, 4), etaSec: eta });
      };

      const inputPath = join(deps.mediaDir, `${media.sha256}.${media.ext}`);
      const segments = await deps.engine.transcribe({
        inputPath,
        modelPath,
        threads: job.options.threads,
        language: job.options.language ?? undefined,
        initialPrompt: job.options.verbatim ? VERBATIM_PROMPT : undefined,
        durationSec: media.duration_sec,
        signal,
        // The engine reports 1 on success; hold the bar short of full until the transcript is stored.
        onProgress: (f) => report(Math.min(0.999, f * engineShare)),
      });

      const limit = media.duration_sec > 0 ? media.duration_sec : Infinity;
      const clamped = segments
        .map((s) => ({ ...s, start: Math.min(s.start, limit), end: Math.min(Math.max(s.end, s.start), limit) }))
        .filter((s) => s.start < limit || s.start === 0);
      let channels: number[] | null = null;
      if (stereo && clamped.length > 0) {
        const energy = await measureChannelEnergy(inputPath, signal);
        channels = channelsForSegments(
          energy,
          clamped.map((s) => ({ startSec: s.start, endSec: s.end })),
        );
        report(Math.max(lastFraction, 0.999));
      }
      if (signal.aborted) return;

      db.transaction(() => {
        const speakers = ensureSpeakers(db, media.sha256, media.channels);
        const byChannel = (c: number) => speakers.find((s) => s.channel === c)?.id ?? null;
        const fallback = speakers.find((s) => s.channel === null)?.id ?? speakers[0]?.id ?? null;
        const rows: NewSegment[] = clamped.map((s, i) => ({
          startSec: s.start,
          endSec: s.end,
          text: s.text,
          speakerId: channels ? byChannel(channels[i] ?? 0) : fallback,
          confidence: s.confidence ?? null,
          words: s.words.map((w) => ({
            text: w.text,
            startSec: Math.min(Math.max(w.start, s.start), s.end),
            endSec: Math.min(Math.max(w.end, w.start, s.start), s.end),
            confidence: w.confidence ?? null,
          })),
        }));
        replaceTranscript(
          db,
          {
            mediaSha256: media.sha256,
            modelId: job.options.modelId,
            language: job.options.language === 'auto' ? null : job.options.language,
            verbatim: job.options.verbatim,
            jobId: job.id,
            segments: rows,
          },
          { keepEdited: job.options.keepEdits !== false },
        );
        jobs.finishJob(db, job.id, 'done');
      })();
      emit('transcript.changed', { mediaSha256: media.sha256, reason: 'transcribed' });
      publish(jobs.getJob(db, job.id));
    } catch (error) {
      // Cancel has already recorded the job as cancelled; a shutdown put it back in the queue.
      if (signal.aborted) return;
      const message = error instanceof AppError ? error.message : describeTranscriptionFailure(error);
      publish(jobs.finishJob(db, job.id, 'failed', message));
    }
  }

  function optionsFor(mediaSha256: string, requested: EnqueueOptions): TranscribeOptions | null {
    const settings = deps.models.settings();
    const modelId = requested.modelId ?? settings.defaultModelId;
    if (!modelId) return null;
    const model = deps.models.list().find((m) => m.id === modelId);
    if (!model || model.state !== 'installed') {
      throw new AppError(
        'invalid_input',
        `The model "${modelId}" is not installed. Download or import it in Settings.`,
      );
    }
    getMedia(db, mediaSha256);
    const language = requested.language !== undefined ? requested.language : settings.language;
    return {
      modelId,
      threads: settings.threads,
      verbatim: requested.verbatim ?? settings.verbatim,
      // whisper-cli assumes English unless told; multilingual models should detect the language.
      language: language ?? (model.multilingual ? 'auto' : 'en'),
      ...(requested.keepEdits === false ? { keepEdits: false } : {}),
    };
  }

  return {
    /** Puts interrupted jobs back in the queue and starts working through it. */
    start(): void {
      if (started) return;
      started = true;
      for (const job of jobs.listJobs(db, { states: ['running'] })) publish(jobs.requeueJob(db, job.id));
      kick();
    },

    /**
     * Queues a transcription of a recording. Returns the job already queued or
     * running for it if there is one, and null — creating nothing — when no
     * model is installed yet (the import pipeline calls this without asking;
     * the transcript panel then offers the model manager).
     */
    enqueueTranscription(mediaSha256: string, requested: EnqueueOptions = {}): TranscriptionJob | null {
      const pending = jobs.pendingJobFor(db, mediaSha256);
      if (pending) return pending;
      const options = optionsFor(mediaSha256, requested);
      if (!options) return null;
      const job = publish(jobs.createJob(db, mediaSha256, options));
      kick();
      return jobs.getJob(db, job.id);
    },

    async cancel(id: Id): Promise<TranscriptionJob> {
      const job = jobs.getJob(db, id);
      if (job.state === 'queued') return publish(jobs.finishJob(db, id, 'cancelled'));
      if (job.state === 'running' && current?.jobId === id) {
        const running = current;
        publish(jobs.finishJob(db, id, 'cancelled'));
        running.controller.abort();
        await running.done;
      }
      return jobs.getJob(db, id);
    },

    retry(id: Id): TranscriptionJob {
      const job = jobs.getJob(db, id);
      if (job.state !== 'failed' && job.state !== 'cancelled') {
        throw new AppError('conflict', 'Only a failed or cancelled transcription can be retried.');
      }
      const pending = jobs.pendingJobFor(db, job.mediaSha256);
      if (pending) return pending;
      // The model it was queued with may be gone (deleted, another imported): retry with today's default.
      withInstalledModel(job);
      publish(jobs.requeueJob(db, id));
      kick();
      return jobs.getJob(db, id);
    },

    /** Resolves when nothing is queued or running (benchmarks and tests). */
    whenIdle(): Promise<void> {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },

    /** Stops the running job (it goes back to 'queued' and reruns at the next start). */
    async stop(): Promise<void> {
      stopped = true;
      const running = current;
      if (!running) return;
      const job = jobs.getJob(db, running.jobId);
      if (job.state === 'running') jobs.requeueJob(db, running.jobId);
      running.controller.abort();
      await running.done;
    },
  };
}
