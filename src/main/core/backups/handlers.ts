import type { Handlers } from '../../../shared/contract';
import type { BackupService } from './service';

export const backupsHandlers = (backups: BackupService): Handlers['backups'] => ({
  list: () => backups.list(),
  create: () => backups.create('manual'),
  restore: ({ fileName, when }) => backups.restore(fileName, when),
});
