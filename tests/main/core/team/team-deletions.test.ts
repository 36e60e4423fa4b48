/**
 * Deletions travel through the team folder (issue 16): an annotation or
 * kudos its author removes on device A is removed on device B, by a
 * tombstone in A's next change file — the earlier files stay as they were
 * (append-only). A tombstone is applied only to an item its signer wrote.
 * Real libraries and a real temp folder.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import type { Person } from '../../../../src/shared/domain';
import { actAs } from '../../../helpers/acting';
import { useTempDirs } from '../../../helpers/tmp';
import { value } from '../packets/helpers';
import { changeFiles, coachReviewedCall, giveKudos, joinTeam, openTeamCore, personNamed } from './helpers';

const tempDir = useTempDirs();

const deletedAt = (core: Core, table: 'annotations' | 'annotation_replies' | 'kudos', id: string) =>
  (core.db.prepare(`SELECT deleted_at FROM ${table} WHERE id = ?`).get(id) as { deleted_at: string | null } | undefined)
    ?.deleted_at;

describe('team folder: deletions', () => {
  it('an annotation, a reply and kudos removed by their author on A are removed on B; earlier files stay', async () => {
    const a = openTeamCore(tempDir('gamefilm-team-del-a-'));
    const b = openTeamCore(tempDir('gamefilm-team-del-b-'));
    const folder = tempDir('gamefilm-team-del-folder-');
    try {
      const { call, rep, coach } = await coachReviewedCall(a, tempDir('gamefilm-team-del-media-'));
      const annotation = a.db
        .prepare('SELECT id FROM annotations WHERE call_id = ? AND body = ?')
        .get(call.id, 'Great opener') as { id: string };
      const kudos = await giveKudos(a, coach, rep, call.id, 5);
      const kept = await value<{ id: string }>(
        a.dispatch('annotations.create', { callId: call.id, startSec: 8, body: 'Strong close' }),
      );
      const reply = await value<{ id: string }>(
        a.dispatch('annotations.reply', { annotationId: kept.id, body: 'Worth a clip for Monday' }),
      );
      const { deviceId } = await joinTeam(a, folder);
      await a.team.flush();
      await joinTeam(b, folder);
      await b.team.scan();
      expect(deletedAt(b, 'annotations', annotation.id)).toBeNull();
      expect(deletedAt(b, 'kudos', kudos.id)).toBeNull();
      expect(deletedAt(b, 'annotation_replies', reply.id)).toBeNull();
      const before = changeFiles(folder, deviceId);

      await value(a.dispatch('annotations.remove', { id: annotation.id }));
      await value(a.dispatch('kudos.remove', { id: kudos.id }));
      await value(a.dispatch('annotations.removeReply', { id: reply.id }));
      await a.team.flush();
      const after = changeFiles(folder, deviceId);
      // Append-only: the earlier files are untouched, one more carries the tombstones.
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.length).toBe(before.length + 1);

      await b.team.scan();
      expect(deletedAt(b, 'annotations', annotation.id)).toEqual(deletedAt(a, 'annotations', annotation.id));
      expect(deletedAt(b, 'kudos', kudos.id)).toEqual(deletedAt(a, 'kudos', kudos.id));
      expect(deletedAt(b, 'annotation_replies', reply.id)).toEqual(deletedAt(a, 'annotation_replies', reply.id));
      // The rest of the review stays: the other annotation and the submitted scorecard.
      expect(b.db.prepare('SELECT id FROM annotations WHERE call_id = ? AND deleted_at IS NULL').all(call.id)).toEqual([
        { id: kept.id },
      ]);
      expect(b.db.prepare("SELECT count(*) AS n FROM scorecards WHERE status = 'submitted'").get()).toEqual({ n: 1 });

      // Reading again (idempotent): nothing changes.
      await b.team.scan();
      expect(deletedAt(b, 'annotations', annotation.id)).toEqual(deletedAt(a, 'annotations', annotation.id));

      // Undo on A: the restored annotation comes back on B (the author's newer word wins over their own removal).
      await value(a.dispatch('annotations.restore', { id: annotation.id }));
      await a.team.flush();
      await b.team.scan();
      expect(deletedAt(b, 'annotations', annotation.id)).toBeNull();
      expect(b.db.prepare('SELECT body FROM annotations WHERE id = ?').get(annotation.id)).toEqual({
        body: 'Great opener',
      });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('a tombstone for someone else’s annotation is not applied', async () => {
    const a = openTeamCore(tempDir('gamefilm-team-forge-a-'));
    const b = openTeamCore(tempDir('gamefilm-team-forge-b-'));
    const c = openTeamCore(tempDir('gamefilm-team-forge-c-'));
    const folder = tempDir('gamefilm-team-forge-folder-');
    try {
      const { call } = await coachReviewedCall(a, tempDir('gamefilm-team-forge-media-'));
      const annotation = a.db
        .prepare('SELECT id FROM annotations WHERE call_id = ? AND body = ?')
        .get(call.id, 'Great opener') as { id: string };
      await joinTeam(a, folder);
      await a.team.flush();

      // C is Ray's laptop. It takes A's review, replies on the call, then its library is tampered with so that
      // Cora's annotation looks like Ray's and removed: C's next file carries a tombstone for it, signed by Ray.
      await joinTeam(c, folder);
      await c.team.scan();
      const ray = personNamed(c, 'Ray Rep') as Person;
      await actAs(c, ray.id);
      await value(c.dispatch('annotations.create', { callId: call.id, startSec: 8, body: 'Thanks, noted' }));
      await c.team.flush();
      c.db
        .prepare('UPDATE annotations SET author_id = ?, deleted_at = ?, updated_at = ? WHERE id = ?')
        .run(ray.id, new Date().toISOString(), new Date().toISOString(), annotation.id);
      await value(c.dispatch('annotations.create', { callId: call.id, startSec: 9, body: 'One more' }));
      await c.team.flush();

      await joinTeam(b, folder);
      await b.team.scan();
      expect(b.db.prepare('SELECT body FROM annotations WHERE id = ?').get(annotation.id)).toEqual({
        body: 'Great opener',
      });
      expect(deletedAt(b, 'annotations', annotation.id)).toBeNull();
      // Ray's own annotations arrived: the file was taken, only the forged tombstone was not.
      expect(
        b.db
          .prepare('SELECT body FROM annotations WHERE call_id = ? AND deleted_at IS NULL ORDER BY body')
          .all(call.id),
      ).toEqual([{ body: 'Great opener' }, { body: 'One more' }, { body: 'Thanks, noted' }]);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
