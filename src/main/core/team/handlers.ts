import type { Handlers } from '../../../shared/contract';
import type { TeamService } from './service';

export const teamHandlers = (team: TeamService): Handlers['team'] => ({
  status: () => team.status(),
  join: ({ folder, create }, ctx) => team.join(folder, create, ctx.actor),
  leave: () => team.leave(),
  rescan: () => team.rescan(),
  retry: ({ deviceId, fileName }) => team.retry(deviceId, fileName),
  syncthing: () => team.syncthing(),
  syncthingAddPeer: ({ syncthingDeviceId, name }) => team.syncthingAddPeer({ syncthingDeviceId, name }),
});
