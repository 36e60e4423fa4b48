import { z } from 'zod';
import type { Id, Timestamp } from './ids';
import type { SnippetPart } from './transcripts';

export const CALL_TYPES = ['discovery', 'demo', 'negotiation', 'renewal', 'cold_call', 'other'] as const;
export const CallType = z.enum(CALL_TYPES);
export type CallType = z.infer<typeof CallType>;
export const CALL_TYPE_LABELS: Record<CallType, string> = {
  discovery: 'Discovery',
  demo: 'Demo',
  negotiation: 'Negotiation',
  renewal: 'Renewal',
  cold_call: 'Cold call',
  other: 'Other',
};

/** File extensions Gamefilm imports (ffmpeg decides in the end; this is what the picker offers). */
export const IMPORTABLE_EXTENSIONS = ['wav', 'mp3', 'm4a', 'aac', 'ogg', 'opus', 'webm', 'flac', 'mp4', 'mov'] as const;

/** One recording in the managed media folder. */
export interface MediaInfo {
  sha256: string;
  /** `<sha256>.<ext>` inside the media folder; give it to `api.mediaUrl`. */
  fileName: string;
  sizeBytes: number;
  durationSec: number;
  /** Channels as decoded for peaks and transcription (stereo stays stereo). */
  channels: number;
  sampleRate: number;
  codec: string;
  hasVideo: boolean;
  width: number | null;
  height: number | null;
}

export type CallStatus = 'ready' | 'missing';

/** Where a call's transcript stands, for the library's status column. */
export type CallTranscription = 'none' | 'transcribing' | 'failed' | 'transcribed';

/** The library's status filter; "reviewed" means at least one submitted scorecard. */
export const CALL_PROGRESS_FILTERS = ['untranscribed', 'transcribing', 'transcribed', 'reviewed'] as const;
export const CallProgressFilter = z.enum(CALL_PROGRESS_FILTERS);
export type CallProgressFilter = z.infer<typeof CallProgressFilter>;
export const CALL_PROGRESS_LABELS: Record<CallProgressFilter, string> = {
  untranscribed: 'Not transcribed',
  transcribing: 'Transcribing',
  transcribed: 'Transcribed',
  reviewed: 'Reviewed',
};

export interface Call {
  id: Id;
  title: string;
  sourceName: string;
  repId: Id | null;
  customer: string;
  callType: CallType;
  stage: string;
  /** YYYY-MM-DD */
  callDate: string | null;
  tags: string[];
  notes: string;
  /** "missing" when the media file has gone from disk; relink brings it back. */
  status: CallStatus;
  transcription: CallTranscription;
  /** The sample call shipped with Gamefilm (resources/sample-call): labelled as such, removable in one go. */
  isSample: boolean;
  /** People who submitted a scorecard for this call. */
  reviewedBy: number;
  lastPositionSec: number;
  media: MediaInfo;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  deletedAt: Timestamp | null;
}

export const CALL_SORT_FIELDS = ['callDate', 'title', 'customer', 'duration', 'createdAt'] as const;
export const CallSortField = z.enum(CALL_SORT_FIELDS);
export type CallSortField = z.infer<typeof CallSortField>;

export const IsoDate = z.iso.date({ message: 'Use a date like 2026-11-28' });

/** An import in progress or just finished: the library shows one row per job. */
export interface ImportJob {
  id: Id;
  fileName: string;
  state: 'queued' | 'running' | 'done' | 'duplicate' | 'failed' | 'cancelled';
  phase: 'upload' | 'copy' | 'probe' | 'decode' | 'finalize' | null;
  /** 0..1 across all phases. */
  fraction: number;
  /** A person-readable reason when failed; the existing call's title when duplicate. */
  message: string | null;
  callId: Id | null;
}

/** Peaks for the waveform: per channel, values 0..1, one per bucket; give to wavesurfer with `durationSec`. */
export interface CallPeaks {
  channels: number[][];
  bucketsPerSecond: number;
  durationSec: number;
  startSec: number;
  endSec: number;
}

/** What a library search hit matched: transcript words, an annotation (or one of its SBI fields), a scorecard note. */
export type CallSearchSource =
  'transcript' | 'annotation' | 'situation' | 'behavior' | 'impact' | 'scorecard_comment' | 'strengths';

export const CALL_SEARCH_SOURCE_LABELS: Record<CallSearchSource, string> = {
  transcript: 'Transcript',
  annotation: 'Annotation',
  situation: 'Annotation · Situation',
  behavior: 'Annotation · Behavior',
  impact: 'Annotation · Impact',
  scorecard_comment: 'Scorecard comment',
  strengths: 'Scorecard · Strengths',
};

/** One place in a call's content that matches the library search. */
export interface CallSearchHit {
  /** Unique within one answer. */
  key: string;
  source: CallSearchSource;
  callId: Id;
  callTitle: string;
  /** The moment to open the call at; null for a scorecard note, which is about the whole call. */
  atSec: number | null;
  /** Who said or wrote it: the speaker, the annotation's author, the reviewer. */
  who: string | null;
  /** The criterion a scorecard comment is about. */
  criterionName: string | null;
  snippet: SnippetPart[];
}
