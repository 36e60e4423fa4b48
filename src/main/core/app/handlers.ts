import type { Handlers } from '../../../shared/contract';
import type { CoreContext } from '../context';
import { latestVersion } from '../db/migrations';
import { newId } from '../db/ids';
import { ensureMeta } from '../settings/repository';
import { APP_VERSION } from '../version';

export const appHandlers = ({ db, dataDir, shell }: CoreContext): Handlers['app'] => ({
  info: () => ({
    version: APP_VERSION,
    shell,
    dataDir,
    schemaVersion: latestVersion(),
    libraryId: ensureMeta(db, 'meta.libraryId', newId),
  }),
});
