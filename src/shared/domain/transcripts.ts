import { z } from 'zod';
import type { Id, Timestamp } from './ids';

/** A recording is named by the SHA-256 of its bytes; transcripts hang off the recording, not the call. */
export const MediaSha256 = z.string().regex(/^[0-9a-f]{64}$/, 'Expected a recording id (SHA-256)');

// ---------------------------------------------------------------------------
// Whisper models

export const CATALOG_MODEL_IDS = ['tiny.en', 'base.en', 'small.en', 'tiny', 'base', 'small'] as const;
/** Catalog ids ('base.en'), or a UUIDv7 for a model imported from a file. */
export const ModelId = z.string().trim().min(1).max(80);

export type ModelState =
  /** In the catalog, not on this machine. */
  | 'available'
  | 'downloading'
  /** A partial download is kept; Resume continues it with an HTTP Range request. */
  | 'paused'
  /** Checksum or format check failed; nothing usable was kept. */
  | 'failed'
  | 'installed';

export interface WhisperModel {
  id: string;
  name: string;
  source: 'catalog' | 'imported';
  /** What the model is good for, in a coach's words. */
  purpose: string;
  sizeBytes: number;
  multilingual: boolean;
  state: ModelState;
  receivedBytes: number;
  /** The last download error, or why a paused download stopped. */
  error: string | null;
  isDefault: boolean;
}

/** Pushed while a model downloads (throttled), and on every state change. */
export interface ModelDownloadProgress {
  id: string;
  state: ModelState;
  receivedBytes: number;
  totalBytes: number | null;
  /** 0..1, or null while the size is unknown. */
  fraction: number | null;
  error: string | null;
}

export interface TranscriptionSettings {
  defaultModelId: string | null;
  /** whisper.cpp threads for each run; more is faster until the cores run out. */
  threads: number;
  /** Keep "um", "uh", "like": needed by the filler-word metric, costs a little accuracy and time. */
  verbatim: boolean;
  /** ISO 639-1 code, or null to let multilingual models detect it ('en' for .en models). */
  language: string | null;
}

// ---------------------------------------------------------------------------
// Jobs

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const JobState = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobState>;

export interface TranscribeOptions {
  modelId: string;
  threads: number;
  verbatim: boolean;
  language: string | null;
  /** Keep segments a coach corrected when a new run replaces the transcript (absent: keep). */
  keepEdits?: boolean;
}

/**
 * Seconds left, estimated now rather than at the last progress report: the
 * time spent so far scaled by what is left. whisper reports progress in coarse
 * steps, so an estimate frozen at the last step ("less than a minute left" at
 * 5 %) goes stale for minutes; this one grows while no progress arrives.
 * Null before 5 % (model load says little) and when there is nothing to time.
 */
export function liveEtaSec(progress: number, startedAt: string | null, nowMs: number): number | null {
  if (!startedAt || !(progress >= 0.05) || progress >= 1) return null;
  const elapsedSec = Math.max(0, (nowMs - Date.parse(startedAt)) / 1000);
  return (elapsedSec * (1 - progress)) / progress;
}

/** One transcription in the background queue (persisted: survives a restart). */
export interface TranscriptionJob {
  id: Id;
  kind: 'transcribe';
  mediaSha256: string;
  state: JobState;
  /** 0..1 */
  progress: number;
  /** Seconds left, once there is enough progress to guess. */
  etaSec: number | null;
  /** Why it failed, for a person to read. */
  error: string | null;
  attempts: number;
  options: TranscribeOptions;
  createdAt: Timestamp;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
}

// ---------------------------------------------------------------------------
// Transcripts

export interface Speaker {
  id: Id;
  mediaSha256: string;
  /** 0 = left, 1 = right for stereo dialer recordings; null when not tied to a channel. */
  channel: number | null;
  label: string;
  personId: Id | null;
  personName: string | null;
  isCustomer: boolean;
  /** What to show: the mapped person's name, else the label. */
  displayName: string;
}

export interface TranscriptWord {
  text: string;
  startSec: number;
  endSec: number;
  confidence: number | null;
}

export interface TranscriptSegment {
  id: Id;
  ordinal: number;
  startSec: number;
  endSec: number;
  text: string;
  speakerId: Id | null;
  confidence: number | null;
  /** Changed by a person after transcription. */
  edited: boolean;
  words: TranscriptWord[];
}

export interface Transcript {
  mediaSha256: string;
  modelId: string;
  language: string | null;
  verbatim: boolean;
  durationSec: number;
  speakers: Speaker[];
  segments: TranscriptSegment[];
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A piece of a search snippet; `match` pieces are what the query found. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface TranscriptSearchHit {
  callId: Id;
  callTitle: string;
  mediaSha256: string;
  segmentId: Id;
  startSec: number;
  endSec: number;
  speakerName: string | null;
  snippet: SnippetPart[];
}

export const EXPORT_FORMATS = ['txt', 'srt', 'vtt', 'json'] as const;
export const TranscriptExportFormat = z.enum(EXPORT_FORMATS);
export type TranscriptExportFormat = z.infer<typeof TranscriptExportFormat>;

export interface TranscriptExport {
  fileName: string;
  mimeType: string;
  content: string;
}
