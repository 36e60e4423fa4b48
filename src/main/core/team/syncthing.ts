/**
 * Optional: setting the team folder up through a Syncthing the person
 * installed (the app never bundles or downloads one). Syncthing is driven
 * through its REST API, with the API key from its own config.xml:
 *
 * - this device's folder `team/<deviceId>` is shared as `gamefilm-<deviceId>`,
 *   `sendonly` (only its owner writes it), with a 1 s watcher delay and the
 *   app's temp names ignored;
 * - a teammate's folder, offered by their Syncthing, is accepted as
 *   `receiveonly` with deletes ignored, at `team/<their deviceId>` — so a
 *   log can only grow, whatever happens on another machine.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { SyncthingInfo } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { deviceDir, DEVICE_ID, IGNORE_PATTERNS } from './layout';

export const FOLDER_PREFIX = 'gamefilm-';

export interface SyncthingEndpoint {
  address: string;
  apiKey: string;
}

/** Where Syncthing keeps its config.xml on each OS (newer versions use the state folder on Linux). */
export function syncthingHomes(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string[] {
  if (env.GAMEFILM_SYNCTHING_HOME) return [env.GAMEFILM_SYNCTHING_HOME];
  if (platform === 'darwin') return [join(homedir(), 'Library', 'Application Support', 'Syncthing')];
  if (platform === 'win32') return [join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'Syncthing')];
  return [
    join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'syncthing'),
    join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'syncthing'),
  ];
}

export function findSyncthingBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  const names = process.platform === 'win32' ? ['syncthing.exe'] : ['syncthing'];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const n of names) if (dir && existsSync(join(dir, n))) return join(dir, n);
  }
  return null;
}

/** The GUI/REST address and API key from a Syncthing home's config.xml. */
export async function readEndpoint(home: string): Promise<SyncthingEndpoint | null> {
  const xml = await readFile(join(home, 'config.xml'), 'utf8').catch(() => null);
  if (!xml) return null;
  const gui = /<gui\b([^>]*)>([\s\S]*?)<\/gui>/.exec(xml);
  const apiKey = gui ? /<apikey>([^<]+)<\/apikey>/.exec(gui[2] ?? '')?.[1] : undefined;
  const address = gui ? /<address>([^<]+)<\/address>/.exec(gui[2] ?? '')?.[1] : undefined;
  if (!gui || !apiKey || !address) return null;
  const tls = /tls="true"/.test(gui[1] ?? '');
  return { address: `${tls ? 'https' : 'http'}://${address.replace(/^0\.0\.0\.0/, '127.0.0.1')}`, apiKey };
}

export class SyncthingClient {
  constructor(readonly endpoint: SyncthingEndpoint) {}

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<T> {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
    const response = await fetch(`${this.endpoint.address}${path}`, {
      method,
      headers: {
        'X-API-Key': this.endpoint.apiKey,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
    if (!response.ok)
      throw new Error(`Syncthing answered ${response.status} to ${method} ${path}: ${await response.text()}`);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  myId = async (): Promise<string> => (await this.request<{ myID: string }>('GET', '/rest/system/status')).myID;

  /** Adds a device, or renames one already known (its addresses, perhaps typed in by hand, are kept). */
  async addDevice(deviceID: string, name: string): Promise<void> {
    const known = await this.request<Array<{ deviceID: string; addresses: string[] }>>('GET', '/rest/config/devices');
    const addresses = known.find((d) => d.deviceID === deviceID)?.addresses ?? ['dynamic'];
    await this.request('PUT', `/rest/config/devices/${deviceID}`, { deviceID, name, addresses });
  }

  /** Long-polls the event API: events of `types` after `since`, waiting up to `timeoutS` for one. */
  events(
    types: string,
    since: number,
    timeoutS: number,
    signal?: AbortSignal,
  ): Promise<Array<{ id: number; type: string; data?: { folder?: string } | null }>> {
    return this.request<Array<{ id: number; type: string; data?: { folder?: string } | null }>>(
      'GET',
      `/rest/events?events=${types}&since=${since}&timeout=${timeoutS}`,
      undefined,
      { signal, timeoutMs: (timeoutS + 15) * 1000 },
    ).then((list) => list ?? []);
  }

  /** Creates or updates a folder with the settings the team layout needs. */
  async putFolder(folder: {
    id: string;
    path: string;
    type: 'sendonly' | 'receiveonly';
    devices: string[];
  }): Promise<void> {
    const existing = await this.request<Array<{ id: string; devices: Array<{ deviceID: string }> }>>(
      'GET',
      '/rest/config/folders',
    );
    const had = existing.find((f) => f.id === folder.id)?.devices.map((d) => d.deviceID) ?? [];
    const devices = [...new Set([...had, ...folder.devices])].map((deviceID) => ({ deviceID }));
    await this.request('PUT', `/rest/config/folders/${folder.id}`, {
      id: folder.id,
      label: `Gamefilm ${folder.id.slice(FOLDER_PREFIX.length, FOLDER_PREFIX.length + 8)}`,
      path: folder.path,
      type: folder.type,
      devices,
      fsWatcherEnabled: true,
      // The default 10 s makes every change wait 10 s; 1 s measured ~1 s end to end.
      fsWatcherDelayS: 1,
      rescanIntervalS: 60,
      // A teammate's log only grows here, whatever happens on their machine.
      ignoreDelete: folder.type === 'receiveonly',
      ignorePerms: true,
    });
    await this.request('POST', `/rest/db/ignores?folder=${encodeURIComponent(folder.id)}`, { ignore: IGNORE_PATTERNS });
  }

  /** Folders teammates offered that this Syncthing has not accepted yet. */
  async pendingFolders(): Promise<Array<{ folderId: string; deviceId: string }>> {
    const pending = await this.request<Record<string, { offeredBy: Record<string, unknown> }>>(
      'GET',
      '/rest/cluster/pending/folders',
    );
    return Object.entries(pending ?? {}).flatMap(([folderId, v]) =>
      Object.keys(v.offeredBy ?? {}).map((deviceId) => ({ folderId, deviceId })),
    );
  }
}

/**
 * Shares this device's log with `peers` and accepts the Gamefilm folders they
 * offered (an offer from a device that is not among `peers` is left pending).
 */
export async function configureTeamFolders(
  client: SyncthingClient,
  team: { folder: string; deviceId: string },
  peers: string[],
): Promise<{ accepted: string[] }> {
  const me = await client.myId();
  await client.putFolder({
    id: `${FOLDER_PREFIX}${team.deviceId}`,
    path: deviceDir(team.folder, team.deviceId),
    type: 'sendonly',
    devices: [me, ...peers],
  });
  const accepted: string[] = [];
  for (const { folderId, deviceId } of await client.pendingFolders()) {
    const owner = folderId.slice(FOLDER_PREFIX.length);
    if (!folderId.startsWith(FOLDER_PREFIX) || !DEVICE_ID.test(owner) || owner === team.deviceId) continue;
    if (!peers.includes(deviceId)) continue;
    await client.putFolder({
      id: folderId,
      path: deviceDir(team.folder, owner),
      type: 'receiveonly',
      devices: [me, deviceId],
    });
    accepted.push(folderId);
  }
  return { accepted };
}

/** The first Syncthing home among `homes` with a usable config.xml. */
export async function endpointIn(homes: string[]): Promise<SyncthingEndpoint | null> {
  for (const home of homes) {
    const endpoint = await readEndpoint(home);
    if (endpoint) return endpoint;
  }
  return null;
}

export async function detectSyncthing(homes: string[] = syncthingHomes()): Promise<SyncthingInfo> {
  const binary = findSyncthingBinary();
  const endpoint = await endpointIn(homes);
  if (!endpoint) {
    return {
      installed: binary !== null,
      running: false,
      deviceId: null,
      address: null,
      message: binary
        ? 'Syncthing is installed but has never run here: start it once (it makes its settings), then look again.'
        : 'Syncthing was not found. Install it from your system’s packages or syncthing.net (see the README), or use a shared drive.',
    };
  }
  try {
    const deviceId = await new SyncthingClient(endpoint).myId();
    return { installed: true, running: true, deviceId, address: endpoint.address, message: 'Syncthing is running.' };
  } catch {
    return {
      installed: binary !== null,
      running: false,
      deviceId: null,
      address: endpoint.address,
      message: binary
        ? 'Syncthing is set up but not running. Gamefilm starts it when you add a teammate.'
        : 'Syncthing’s settings are here but it does not answer; start it, then look again.',
    };
  }
}

/** Starts the Syncthing the person installed (never one Gamefilm downloaded), and waits for its API. */
async function startSyncthing(binary: string, homes: string[]): Promise<SyncthingEndpoint> {
  // One home named (an injected or GAMEFILM_SYNCTHING_HOME one): start that Syncthing, not the user's default.
  const home = homes.length === 1 ? [`--home=${homes[0]}`] : [];
  const child = spawn(binary, ['serve', ...home, '--no-browser', '--no-restart'], { detached: true, stdio: 'ignore' });
  child.unref();
  for (let i = 0; i < 40; i++) {
    const endpoint = await endpointIn(homes);
    if (endpoint) {
      const up = await new SyncthingClient(endpoint).myId().then(
        () => true,
        () => false,
      );
      if (up) return endpoint;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new AppError('unsupported', 'Syncthing was started but its API did not answer within 20 seconds.');
}

/**
 * Adds a teammate's Syncthing device, shares this device's log with them and
 * with the teammates added before (`known`), and accepts what they already
 * offered. Offers that come later are accepted by the Syncthing watch.
 */
export async function addSyncthingPeer(
  team: { folder(): string | null; deviceId(): string },
  peer: { syncthingDeviceId: string; name: string },
  homes: string[] = syncthingHomes(),
  known: string[] = [],
): Promise<SyncthingInfo> {
  const folder = team.folder();
  if (!folder) throw new AppError('conflict', 'Join a team folder first; Syncthing then shares it.');
  let endpoint = await endpointIn(homes);
  let client = endpoint ? new SyncthingClient(endpoint) : null;
  const up = client
    ? await client.myId().then(
        () => true,
        () => false,
      )
    : false;
  if (!up) {
    const binary = findSyncthingBinary();
    if (!binary) throw new AppError('unsupported', 'Syncthing is not installed here (see the README for how).');
    endpoint = await startSyncthing(binary, homes);
    client = new SyncthingClient(endpoint);
  }
  if (!client) throw new AppError('unsupported', 'Syncthing could not be reached.');
  await client.addDevice(peer.syncthingDeviceId, peer.name);
  const peers = [...new Set([...known, peer.syncthingDeviceId])];
  await configureTeamFolders(client, { folder, deviceId: team.deviceId() }, peers);
  return detectSyncthing(homes);
}
