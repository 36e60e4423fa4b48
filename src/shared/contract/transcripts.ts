import { z } from 'zod';
import type {
  Speaker,
  Transcript,
  TranscriptExport,
  TranscriptionJob,
  TranscriptionSettings,
  TranscriptSearchHit,
  TranscriptSegment,
  WhisperModel,
} from '../domain';
import { Id, JobState, MediaSha256, ModelId, TranscriptExportFormat } from '../domain';
import { FileHandle } from '../files';
import { method, NoInput } from './define';

const SpeakerLabel = z.string().trim().min(1, 'A speaker needs a name').max(80, 'Keep the name under 80 characters');
const Language = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'Use a language code like "en"')
  .nullable();

export const transcriptsContract = {
  /** The transcript of a recording, or null when it has none yet. */
  get: method<Transcript | null>()(z.object({ mediaSha256: MediaSha256 }).strict()),
  /**
   * Queues a transcription (or returns the one already queued/running).
   * Fails with `unsupported` when no model is installed: the UI then offers the model manager.
   */
  transcribe: method<TranscriptionJob>()(
    z
      .object({
        mediaSha256: MediaSha256,
        modelId: ModelId.optional(),
        verbatim: z.boolean().optional(),
        language: Language.optional(),
        /** Transcribing again keeps the segments a coach corrected unless this is false. */
        keepEdits: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Queues every library call that has no transcript yet (nothing in the trash or with a missing file). */
  transcribeAll: method<{ queued: number }>()(NoInput),
  /** How many library calls have no transcript and nothing queued: what transcribeAll would queue. */
  backlog: method<{ untranscribed: number }>()(NoInput),
  /** Edits a segment's text in place; timings stay. The previous text comes back so undo can call this again. */
  updateSegment: method<{ segment: TranscriptSegment; previousText: string }>()(
    z.object({ segmentId: Id, text: z.string().trim().min(1, 'A segment cannot be empty').max(5000) }).strict(),
  ),
  /** Moves a segment to another speaker of the same recording. */
  assignSpeaker: method<TranscriptSegment>()(z.object({ segmentId: Id, speakerId: Id }).strict()),
  /** A new speaker on a recording (e.g. to split a mono call between rep and customer). */
  addSpeaker: method<Speaker>()(z.object({ mediaSha256: MediaSha256, label: SpeakerLabel }).strict()),
  /** Rename, map to a person (the rep), or mark as the customer. */
  updateSpeaker: method<Speaker>()(
    z
      .object({
        speakerId: Id,
        label: SpeakerLabel.optional(),
        personId: Id.nullable().optional(),
        isCustomer: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Full-text search over the transcripts of every call not in the trash. */
  search: method<TranscriptSearchHit[]>()(
    z
      .object({
        query: z.string().trim().min(1, 'Type something to search for').max(200),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
  ),
  export: method<TranscriptExport>()(z.object({ mediaSha256: MediaSha256, format: TranscriptExportFormat }).strict()),
};

export const jobsContract = {
  /** Transcription jobs, newest first; filter by recording and/or state. */
  list: method<TranscriptionJob[]>()(
    z
      .object({
        mediaSha256: MediaSha256.optional(),
        states: z.array(JobState).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict()
      .optional(),
  ),
  cancel: method<TranscriptionJob>()(z.object({ id: Id }).strict()),
  /** Puts a failed or cancelled job back in the queue. */
  retry: method<TranscriptionJob>()(z.object({ id: Id }).strict()),
};

export const modelsContract = {
  /** The catalog (with each model's state on this machine) and any imported models. */
  list: method<WhisperModel[]>()(NoInput),
  /** Starts (or resumes) a download; progress arrives as `models.download` events. */
  download: method<WhisperModel>()(z.object({ id: ModelId }).strict()),
  /** Stops a download but keeps what arrived, so Resume continues from there. */
  pause: method<WhisperModel>()(z.object({ id: ModelId }).strict()),
  /** Stops a download and throws the partial file away. */
  cancel: method<WhisperModel>()(z.object({ id: ModelId }).strict()),
  /** A ggml model file on this machine; checked before it is copied in. */
  import: method<WhisperModel>()(
    z.object({ file: FileHandle, name: z.string().trim().min(1).max(120).optional() }).strict(),
  ),
  remove: method<void>()(z.object({ id: ModelId }).strict()),
  setDefault: method<TranscriptionSettings>()(z.object({ id: ModelId }).strict()),
  settings: method<TranscriptionSettings>()(NoInput),
  updateSettings: method<TranscriptionSettings>()(
    z
      .object({
        threads: z.number().int().min(1, 'At least one thread').max(64).optional(),
        verbatim: z.boolean().optional(),
        language: Language.optional(),
      })
      .strict(),
  ),
};
