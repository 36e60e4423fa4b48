import { z } from 'zod';
import type { SyncthingInfo, TeamStatus } from '../domain';
import { method, NoInput } from './define';

/** An absolute folder path typed or picked by the person (never a file the page reads). */
const Folder = z
  .string()
  .trim()
  .min(1, 'Choose a folder')
  .max(1_000, 'That folder path is too long')
  .refine(
    (p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'),
    'Give the whole path of the folder (it starts with / or a drive letter)',
  );

/** Syncthing device ids: eight groups of seven letters and digits. */
const SyncthingDeviceId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z2-7]{7}(-[A-Z2-7]{7}){7}$/, 'A Syncthing device id is eight groups of seven letters and digits');

export const teamContract = {
  status: method<TeamStatus>()(NoInput),
  /** Joins (or creates, with `create`) a team folder: this device starts writing its people's changes there and importing the others'. */
  join: method<TeamStatus>()(z.object({ folder: Folder, create: z.boolean().default(false) }).strict()),
  /** Stops writing and importing; the library keeps everything it has. */
  leave: method<TeamStatus>()(NoInput),
  /** Looks at the folder now (the watcher and a periodic rescan do it anyway). */
  rescan: method<TeamStatus>()(NoInput),
  /** Tries a quarantined file again (after the person fixed what its reason says). */
  retry: method<TeamStatus>()(z.object({ deviceId: z.string().max(64), fileName: z.string().max(200) }).strict()),
  /** A local Syncthing: installed, running, its device id. */
  syncthing: method<SyncthingInfo>()(NoInput),
  /** Shares this device's folder and receives a teammate's through the local Syncthing. */
  syncthingAddPeer: method<SyncthingInfo>()(
    z.object({ syncthingDeviceId: SyncthingDeviceId, name: z.string().trim().min(1).max(80) }).strict(),
  ),
};
