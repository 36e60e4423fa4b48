import type { Id, ImportJob } from './domain';

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
  'people.changed': { reason: 'created' | 'updated' | 'removed' | 'restored' | 'me' };
  'settings.changed': { key: string };
  'calls.changed': { ids: Id[] };
  'import.progress': ImportJob;
}

export type EventName = keyof EventMap;
export type Unsubscribe = () => void;
export type Subscribe = <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) => Unsubscribe;

/** The single IPC channel pushed events travel on (the event name rides inside). */
export const EVENT_CHANNEL = 'gamefilm:event';
