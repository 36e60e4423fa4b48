import { EventEmitter } from 'node:events';
import type { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../../shared/contract';
import type { EventMap, EventName, Unsubscribe } from '../../shared/events';
import { appHandlers } from './app/handlers';
import type { CoreContext } from './context';
import { openDatabase } from './db/open';
import { createDispatcher } from './dispatch';
import type { Dispatch } from './dispatch';
import { peopleHandlers } from './people/handlers';
import { settingsHandlers } from './settings/handlers';

export interface CoreOptions {
  /** The user-data folder: the database and the managed media folder live here. */
  dataDir: string;
  shell: 'electron' | 'web';
  nativeBinding?: string;
}

export interface Core {
  dispatch: Dispatch;
  /** Every event, for transports that forward them all (IPC broadcast, SSE). */
  onAnyEvent(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): Unsubscribe;
  close(): void;
  db: Database;
  dataDir: string;
}

/** Wires the services together. Plain Node: the same core runs under Electron and in browser mode. */
export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(join(options.dataDir, 'gamefilm.sqlite'), { nativeBinding: options.nativeBinding });
  const bus = new EventEmitter();
  bus.setMaxListeners(0);

  const ctx: CoreContext = {
    db,
    dataDir: options.dataDir,
    shell: options.shell,
    emit: (event, payload) => bus.emit('event', event, payload),
  };
  const handlers: Handlers = {
    app: appHandlers(ctx),
    people: peopleHandlers(ctx),
    settings: settingsHandlers(ctx),
  };

  return {
    dispatch: createDispatcher(handlers),
    onAnyEvent(listener) {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
    close() {
      bus.removeAllListeners();
      db.close();
    },
    db,
    dataDir: options.dataDir,
  };
}
