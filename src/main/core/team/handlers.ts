import type { Handlers } from '../../../shared/contract';
import type { TeamService } from './service';
import { addSyncthingPeer, detectSyncthing } from './syncthing';

export const teamHandlers = (team: TeamService): Handlers['team'] => ({
  status: () => team.status(),
  join: ({ folder, create }, ctx) => team.join(folder, create, ctx.actor),
  leave: () => team.leave(),
  rescan: () => team.rescan(),
  retry: ({ deviceId, fileName }) => team.retry(deviceId, fileName),
  syncthing: () => detectSyncthing(),
  syncthingAddPeer: ({ syncthingDeviceId, name }) => addSyncthingPeer(team, { syncthingDeviceId, name }),
});
