import type { Handlers } from '../../../shared/contract';
import type { PacketService } from './service';

export const packetsHandlers = (packets: PacketService): Handlers['packets'] => ({
  export: (options) => packets.startExport(options),
  exportAttempt: (options) => packets.startExport(options),
  exportJob: ({ jobId }) => packets.job(jobId),
  cancelExport: ({ jobId }) => packets.cancelExport(jobId),
  inspect: ({ path }) => packets.inspect(path),
  import: ({ stageId }) => packets.importStaged(stageId),
  discard: ({ stageId }) => packets.discard(stageId),
});
