import type { Handlers } from '../../../shared/contract';
import type { FileHandles } from '../files/handles';
import type { PacketService } from './service';

export const packetsHandlers = (packets: PacketService, files: FileHandles): Handlers['packets'] => ({
  export: (options) => packets.startExport(options),
  exportAttempt: (options) => packets.startExport(options),
  exportJob: ({ jobId }) => packets.job(jobId),
  cancelExport: ({ jobId }) => packets.cancelExport(jobId),
  inspect: ({ file }) => packets.inspect(files.resolve(file)),
  import: ({ stageId }) => packets.importStaged(stageId),
  discard: ({ stageId }) => packets.discard(stageId),
});
