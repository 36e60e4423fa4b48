import type { Database } from 'better-sqlite3';
import type { EventMap, EventName } from '../../shared/events';

/** What every domain's handlers get: the database, where the library lives, and a way to push events. */
export interface CoreContext {
  db: Database;
  dataDir: string;
  shell: 'electron' | 'web';
  emit: <E extends EventName>(event: E, payload: EventMap[E]) => void;
}
