/**
 * Kudos on a drill attempt (not pinned to a call moment) travel through the
 * team folder on the attempt's change file, both ways, with stable ids; a
 * second read changes nothing. Real libraries, a real recording.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Kudos, Person } from '../../../../src/shared/domain';
import { makeMedia } from '../../../fixtures/media';
import { actAs } from '../../../helpers/acting';
import { useTempDirs } from '../../../helpers/tmp';
import { value } from '../packets/helpers';
import { joinTeam, openTeamCore } from './helpers';

const tempDir = useTempDirs();

describe('team folder: kudos on a drill attempt', () => {
  it('a coach’s kudos on a rep’s attempt reach the rep’s library, once', async () => {
    const a = openTeamCore(tempDir('gamefilm-team-ak-a-'));
    const b = openTeamCore(tempDir('gamefilm-team-ak-b-'));
    const folder = tempDir('gamefilm-team-ak-folder-');
    try {
      const riley = await value<Person>(a.dispatch('people.create', { name: 'Riley Rep', role: 'rep' }));
      await actAs(a, riley.id);
      await joinTeam(a, folder);
      const drill = (await value<Array<{ id: string }>>(a.dispatch('drills.list', {})))[0];
      if (!drill) throw new Error('no starter drill');
      const file = await makeMedia(tempDir('gamefilm-team-ak-media-'), 'ogg', { durationSec: 4, name: 'answer' });
      const attempt = await value<{ id: string }>(
        a.dispatch('drills.recordAttempt', {
          drillId: drill.id,
          bytes: new Uint8Array(readFileSync(file)),
          mimeType: 'audio/ogg',
        }),
      );
      await a.team.flush();

      // B is the coach's laptop: the attempt arrives, the coach gives kudos on it.
      await joinTeam(b, folder);
      await b.team.scan();
      const cora = await value<Person>(b.dispatch('people.create', { name: 'Cora Coach', role: 'coach' }));
      await actAs(b, cora.id);
      const kudos = await value<Kudos>(
        b.dispatch('recognition.give', {
          recipientId: riley.id,
          message: 'Calm answer to the budget objection',
          on: { kind: 'attempt', attemptId: attempt.id },
        }),
      );
      await b.team.flush();

      await a.team.scan();
      const row = () =>
        a.db.prepare('SELECT giver_id, recipient_id, attempt_id, reason FROM kudos WHERE id = ?').get(kudos.id);
      expect(row()).toEqual({
        giver_id: cora.id,
        recipient_id: riley.id,
        attempt_id: attempt.id,
        reason: 'Calm answer to the budget objection',
      });
      // Riley hears about it once, however often the folder is read.
      await a.team.rescan();
      expect(a.db.prepare('SELECT count(*) AS n FROM kudos').get()).toEqual({ n: 1 });
      expect(a.db.prepare('SELECT count(*) AS n FROM notifications WHERE kudos_id = ?').get(kudos.id)).toEqual({
        n: 1,
      });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
