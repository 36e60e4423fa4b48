/**
 * Watching the local Syncthing while the team folder is in use (only when
 * Syncthing was set up through the app). A teammate usually adds us *after*
 * we added them, so their folder offer arrives later than our "Add teammate"
 * click: without a watch it would stay pending for ever and nothing of theirs
 * would sync. The watch long-polls Syncthing's event API:
 *
 * - `PendingFoldersChanged` → accept `gamefilm-<deviceId>` offers from the
 *   teammates added here (the same settings as "Add teammate" gives them);
 * - `ItemFinished` on a teammate's `gamefilm-` folder → wake the reader at
 *   once (the folder watch and the periodic rescan stay the fallback).
 *
 * Syncthing not answering is not an error of the library: the watch says so
 * in the team status and tries again after 5 s, 10 s, … up to a minute.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { configureTeamFolders, endpointIn, FOLDER_PREFIX, SyncthingClient } from './syncthing';

export interface SyncthingWatchState {
  /** Syncthing answered the last poll. */
  connected: boolean;
  /** What the watch is doing, in a person's words. */
  message: string;
}

export interface SyncthingWatchDeps {
  /** Where to look for Syncthing's config.xml (its API address and key). */
  homes: string[];
  /** The team folder and this device, while there is one. */
  team: () => { folder: string; deviceId: string } | null;
  /** Syncthing device ids of the teammates added here: only their offers are accepted. */
  peers: () => string[];
  /** A teammate's file finished arriving. */
  wake: () => void;
  onState: (state: SyncthingWatchState) => void;
  /** First and longest wait before asking a Syncthing that did not answer again. */
  backoffMs?: { first: number; max: number };
  /** How long one long poll waits for events, in seconds. */
  pollSeconds?: number;
}

export interface SyncthingWatch {
  state(): SyncthingWatchState;
  stop(): Promise<void>;
}

interface SyncthingEvent {
  id: number;
  type: string;
  data?: { folder?: string } | null;
}

const EVENTS = 'PendingFoldersChanged,ItemFinished';

export function startSyncthingWatch(deps: SyncthingWatchDeps): SyncthingWatch {
  const first = deps.backoffMs?.first ?? 5_000;
  const max = deps.backoffMs?.max ?? 60_000;
  const pollSeconds = deps.pollSeconds ?? 30;
  const controller = new AbortController();
  const { signal } = controller;
  let current: SyncthingWatchState = { connected: false, message: 'Connecting to Syncthing…' };
  const report = (next: SyncthingWatchState) => {
    if (next.connected === current.connected && next.message === current.message) return;
    current = next;
    deps.onState(next);
  };

  const accept = async (client: SyncthingClient) => {
    const team = deps.team();
    if (!team) return;
    await configureTeamFolders(client, team, deps.peers());
  };

  const loop = async () => {
    let wait = first;
    while (!signal.aborted) {
      try {
        const endpoint = await endpointIn(deps.homes);
        if (!endpoint) throw new Error('its settings (config.xml) were not found');
        const client = new SyncthingClient(endpoint);
        // Syncthing keeps events for a filter only from the first request with it, and its ids start again
        // when it restarts: a zero-wait poll subscribes and reads where the ids are; offers made before it
        // are still pending, and taken right after.
        const head = await client.events(EVENTS, 0, 0, signal);
        let since = Math.max(0, ...head.map((e) => e.id));
        await accept(client);
        wait = first;
        report({
          connected: true,
          message: 'Syncthing is running: teammates’ folders are accepted as they offer them.',
        });
        while (!signal.aborted) {
          const events = await client.events(EVENTS, since, pollSeconds, signal);
          let offers = false;
          let arrived = false;
          for (const e of events) {
            since = Math.max(since, e.id);
            if (e.type === 'PendingFoldersChanged') offers = true;
            const folderId = e.data?.folder;
            const team = deps.team();
            if (
              e.type === 'ItemFinished' &&
              folderId?.startsWith(FOLDER_PREFIX) &&
              (!team || folderId !== `${FOLDER_PREFIX}${team.deviceId}`)
            )
              arrived = true;
          }
          if (arrived) deps.wake();
          if (offers) await accept(client);
        }
      } catch (error) {
        if (signal.aborted) break;
        // A refused or dropped connection just means "not running"; a sentence of ours (no settings, an HTTP
        // answer such as a wrong API key) says more.
        const message = error instanceof Error ? error.message : String(error);
        const why = /config\.xml|Syncthing answered/.test(message) ? ` (${message})` : '';
        report({
          connected: false,
          message: `Syncthing does not answer${why}; Gamefilm asks again in ${Math.round(wait / 1000)} s. Teammates’ new folders are accepted once it runs.`,
        });
        await delay(wait, undefined, { signal }).catch(() => undefined);
        wait = Math.min(wait * 2, max);
      }
    }
  };
  const running = loop();

  return {
    state: () => current,
    async stop() {
      controller.abort();
      await running;
    },
  };
}

export type { SyncthingEvent };
