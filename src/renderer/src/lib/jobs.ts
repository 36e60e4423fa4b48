import type { ImportJob, TranscriptionJob } from '../../../shared/domain';
import type { EventMap, Unsubscribe } from '../../../shared/events';
import type { PacketExportJob } from '../../../shared/packets/types';
import type { Result } from '../../../shared/result';
import { api } from '../api/client';

/**
 * The background jobs a screen shows progress for, each with the event that
 * reports it and the call that reads its state now.
 */
interface JobKind<J> {
  event: { [E in keyof EventMap]: EventMap[E] extends J ? E : never }[keyof EventMap];
  idOf: (job: J) => string;
  /** The job as the core has it now; null when the core no longer knows it. */
  read: (job: J) => Promise<Result<J | null>>;
  finished: (job: J) => boolean;
}

const packetExport: JobKind<PacketExportJob> = {
  event: 'packets.export',
  idOf: (j) => j.jobId,
  read: (j) => api.packets.exportJob({ jobId: j.jobId }),
  finished: (j) => j.state !== 'running',
};

const callImport: JobKind<ImportJob> = {
  event: 'import.progress',
  idOf: (j) => j.id,
  read: async (j) => {
    const all = await api.calls.imports();
    return all.ok ? { ok: true, value: all.value.find((x) => x.id === j.id) ?? null } : all;
  },
  finished: (j) => j.state !== 'queued' && j.state !== 'running',
};

const transcription: JobKind<TranscriptionJob> = {
  event: 'transcription.job',
  idOf: (j) => j.id,
  read: async (j) => {
    const all = await api.jobs.list({ mediaSha256: j.mediaSha256, limit: 1000 });
    return all.ok ? { ok: true, value: all.value.find((x) => x.id === j.id) ?? null } : all;
  },
  finished: (j) => j.state !== 'queued' && j.state !== 'running',
};

export const jobKinds = { packetExport, import: callImport, transcription } as const;
type Kinds = typeof jobKinds;
type JobOf<K extends keyof Kinds> = Kinds[K] extends JobKind<infer J> ? J : never;

/** While a job runs, how often its state is read again in case an event was missed (the event stream reconnecting). */
const RECHECK_MS = 1_500;

/**
 * Follows one job to its end: subscribes to its events first, then reads its
 * state, so a job that finished before the subscription (a fast export, a
 * slow page) is still seen to finish. Events are the live feed; the read and
 * a slow re-check while it runs only fill what events could have missed.
 * Stops by itself once the job has finished; the returned function stops it
 * earlier (a closed dialog, an unmounted screen).
 */
export function followJob<K extends keyof Kinds>(
  kind: K,
  job: JobOf<K>,
  onState: (job: JobOf<K>) => void,
): Unsubscribe {
  const k = jobKinds[kind] as unknown as JobKind<JobOf<K>>;
  const id = k.idOf(job);
  let stopped = false;
  let last: JobOf<K> = job;
  let timer = 0;
  let events = 0;
  const deliver = (next: JobOf<K>) => {
    if (stopped) return;
    // A finished state is final: a late read of "running" never takes it back.
    if (k.finished(last) && !k.finished(next)) return;
    last = next;
    onState(next);
    if (k.finished(next)) stop();
  };
  const subscribe = api.on as <E extends keyof EventMap>(event: E, listener: (p: EventMap[E]) => void) => Unsubscribe;
  const off = subscribe(k.event, (payload) => {
    const update = payload as unknown as JobOf<K>;
    if (k.idOf(update) !== id) return;
    events++;
    deliver(update);
  });
  const check = () => {
    const eventsBefore = events;
    void k.read(job).then((result) => {
      if (stopped) return;
      // A read that an event overtook is older than what is shown, unless it says the job has finished.
      if (result.ok && result.value && (k.finished(result.value) || events === eventsBefore)) deliver(result.value);
      if (!stopped) timer = window.setTimeout(check, RECHECK_MS);
    });
  };
  function stop() {
    stopped = true;
    window.clearTimeout(timer);
    off();
  }
  if (k.finished(job)) {
    stop();
  } else {
    check();
  }
  return stop;
}
