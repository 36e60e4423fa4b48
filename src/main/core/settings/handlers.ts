import type { Handlers } from '../../../shared/contract';
import type { CoreContext } from '../context';
import { readSettings, writeSetting } from './repository';

export const settingsHandlers = ({ db, emit }: CoreContext): Handlers['settings'] => ({
  get: () => readSettings(db),
  update: (patch) => {
    db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) writeSetting(db, key, value);
    })();
    for (const key of Object.keys(patch)) emit('settings.changed', { key });
    return readSettings(db);
  },
});
