import type { Database } from 'better-sqlite3';
import type { EventMap, EventName } from '../../../shared/events';
import { listCelebrations, recomputeCelebrations } from './celebrations';

/** The events after which a milestone may have been reached. */
export const CELEBRATION_TRIGGERS: ReadonlySet<EventName> = new Set<EventName>([
  'scorecards.changed',
  'attempts.changed',
  'actionItems.changed',
  'calls.changed',
  'goals.changed',
]);

/**
 * Recomputes celebrations after the data changes: coalesced to one pass per
 * turn of the event loop (a burst of score clicks costs one pass), off the
 * request that caused it.
 */
export function createCelebrationWatcher(
  db: Database,
  emit: <E extends EventName>(event: E, payload: EventMap[E]) => void,
) {
  let pending: NodeJS.Immediate | null = null;
  let closed = false;
  const pass = () => {
    pending = null;
    if (closed) return;
    try {
      const ids = recomputeCelebrations(db);
      if (ids.length === 0) return;
      const personIds = [...new Set(listCelebrations(db, { ids }).map((c) => c.personId))];
      emit('celebrations.changed', { ids, personIds });
      emit('notifications.changed', { personIds });
    } catch (error) {
      console.error('[gamefilm] celebrations could not be recomputed', error);
    }
  };
  return {
    kick(): void {
      if (!closed && pending === null) pending = setImmediate(pass);
    },
    close(): void {
      closed = true;
      if (pending) clearImmediate(pending);
      pending = null;
    },
  };
}
