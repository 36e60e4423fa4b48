import type { Handlers } from '../../../shared/contract';
import type { CoreContext } from '../context';
import { actorOf, requireCanManageBoards } from '../policy';
import { readSettings, writeSetting } from './repository';

export const settingsHandlers = ({ db, emit }: CoreContext): Handlers['settings'] => ({
  get: () => readSettings(db),
  update: (patch, ctx) => {
    // Rankings are the team's choice: a coach or admin switches them (the rest of Settings is anyone's).
    if (patch.leaderboards !== undefined) requireCanManageBoards(actorOf(ctx), 'turn the leaderboards on or off');
    db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) writeSetting(db, key, value);
    })();
    for (const key of Object.keys(patch)) emit('settings.changed', { key });
    return readSettings(db);
  },
});
