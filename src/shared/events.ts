import type { Id, ImportJob, ModelDownloadProgress, TranscriptionJob } from './domain';
import type { PacketExportJob } from './packets/types';

/** Progress of any long-running job (import, transcription, export). */
export interface JobProgress {
  jobId: Id;
  kind: string;
  /** 0..1, or null when the total is unknown. */
  fraction: number | null;
  label: string;
}

/**
 * Events pushed from the core to every window. Each key is an event name and
 * its value the payload; subscribing returns an unsubscribe function.
 */
export interface EventMap {
  'job.progress': JobProgress;
  /** `merged`: two records became one (Merge people, or a packet carrying such a merge). */
  'people.changed': { reason: 'created' | 'updated' | 'removed' | 'restored' | 'me' | 'merged' | 'teams' };
  'settings.changed': { key: string };
  'calls.changed': { ids: Id[] };
  'import.progress': ImportJob;
  /** A transcription job changed state or made progress (with its ETA). */
  'transcription.job': TranscriptionJob;
  /** A recording's transcript was written, edited, or its speakers changed. */
  'transcript.changed': { mediaSha256: string; reason: 'transcribed' | 'edited' | 'speakers' };
  'models.download': ModelDownloadProgress;
  /** Installed models or the transcription settings changed. */
  'models.changed': { reason: 'installed' | 'removed' | 'default' | 'settings' };
  /** Annotations on a call were added, edited (as typed), removed or restored, or got replies. */
  'annotations.changed': { callId: Id; ids: Id[] };
  'annotationTags.changed': { ids: Id[] };
  'rubrics.changed': { rubricId: Id };
  /** Ids only, never scores: every window may hear it, blind or not. */
  'scorecards.changed': { callId: Id | null; scorecardIds: Id[] };
  'actionItems.changed': { ids: Id[] };
  /**
   * A review session changed: its details or agenda, its live state (item,
   * timer, playback) or what was captured. Every window showing it refetches
   * `sessions.get`, which is how the presenter view follows the control view.
   */
  'sessions.changed': { sessionId: Id; reason: 'details' | 'agenda' | 'live' | 'capture' | 'status' | 'removed' };
  'kudos.changed': { ids: Id[]; recipientIds: Id[]; callIds: Id[]; sessionIds: Id[] };
  'kudosBadges.changed': { ids: Id[] };
  /** New automatic celebrations were recorded (recomputed from the data). */
  'celebrations.changed': { ids: Id[]; personIds: Id[] };
  /** Goals were set, changed or removed. */
  'goals.changed': { ids: Id[]; personIds: Array<Id | null> };
  /** A person's notifications changed (new, or read). */
  'notifications.changed': { personIds: Id[] };
  /** A packet export made progress, finished, failed or was cancelled. */
  'packets.export': PacketExportJob;
  /** Drills were created, edited, moved to or from the trash. */
  'drills.changed': { ids: Id[] };
  /** An attempt was recorded, removed or restored (its transcript and scores have their own events). */
  'attempts.changed': { drillId: Id; ids: Id[] };
  /** Trackers were added, edited or removed. */
  'trackers.changed': { ids: Id[] };
  /** The background refresh of call figures and tracker hits made progress (`finished` once all are current). */
  'insights.progress': { done: number; total: number; finished: boolean };
  /** The team folder's state changed (joined, left, a file written, imported or quarantined). */
  'team.changed': { reason: 'joined' | 'left' | 'written' | 'imported' | 'quarantined' | 'problem' };
  /** A catch-up from the team folder made progress (`finished` once it stopped: done, waiting or interrupted). */
  'team.progress': { done: number; total: number; finished: boolean };
}

export type EventName = keyof EventMap;
export type Unsubscribe = () => void;
export type Subscribe = <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) => Unsubscribe;

/** The single IPC channel pushed events travel on (the event name rides inside). */
export const EVENT_CHANNEL = 'gamefilm:event';
