/**
 * What is about a person rather than a call travels through the team folder
 * too: kudos given on someone's page and a goal a coach set for them, in a
 * change file of records only (no review, no recording). Removals travel;
 * a record is taken only from its author; a damaged file is quarantined and
 * changes nothing. Real libraries on temp folders, the real reader.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Goal, Kudos, Person, TeamStatus } from '../../../../src/shared/domain';
import { goalsKind, pageKudosKind } from '../../../../src/main/core/recognition/team-folder';
import { actAs } from '../../../helpers/acting';
import { useTempDirs } from '../../../helpers/tmp';
import { value } from '../packets/helpers';
import { changeFiles, joinTeam, library, openTeamCore, personNamed } from './helpers';

const tempDir = useTempDirs();

describe('team folder: changes about a person', () => {
  it('kudos on a rep’s page and a goal set for him reach his library; a removal follows', async () => {
    const a = openTeamCore(tempDir('gamefilm-team-p-a-'));
    const b = openTeamCore(tempDir('gamefilm-team-p-b-'));
    const folder = tempDir('gamefilm-team-p-folder-');
    try {
      const cora = await value<Person>(a.dispatch('people.create', { name: 'Cora Coach', role: 'coach' }));
      const ray = await value<Person>(a.dispatch('people.create', { name: 'Ray Rep', role: 'rep' }));
      await actAs(a, cora.id);
      const joined = await joinTeam(a, folder);
      const kudos = await value<Kudos>(
        a.dispatch('recognition.give', { recipientId: ray.id, message: 'Best week of discovery calls yet' }),
      );
      const goal = await value<Goal>(
        a.dispatch('goals.create', {
          personId: ray.id,
          metric: 'questions_per_call',
          target: 12,
          startDate: '2026-12-01',
          endDate: '2026-12-31',
        }),
      );
      await a.team.flush();
      // One file about Ray, records only: no recording, no call.
      const files = changeFiles(folder, joined.deviceId);
      expect(files).toHaveLength(1);
      const bytes = readFileSync(join(folder, 'team', joined.deviceId, files[0]!));
      expect(bytes.includes(Buffer.from('review.json'))).toBe(false);

      const bStatus = await joinTeam(b, folder);
      await b.team.scan();
      const bRay = personNamed(b, 'Ray Rep');
      expect(bRay?.id).toBe(ray.id);
      expect(b.db.prepare('SELECT giver_id, recipient_id, reason, deleted_at FROM kudos').all()).toEqual([
        { giver_id: cora.id, recipient_id: ray.id, reason: 'Best week of discovery calls yet', deleted_at: null },
      ]);
      expect(b.db.prepare('SELECT count(*) AS n FROM notifications WHERE kudos_id = ?').get(kudos.id)).toEqual({
        n: 1,
      });
      expect(b.db.prepare('SELECT id, person_id, set_by_id, metric, target FROM goals').all()).toEqual([
        { id: goal.id, person_id: ray.id, set_by_id: cora.id, metric: 'questions_per_call', target: 12 },
      ]);
      expect(b.db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 0 });
      // Reading again changes nothing.
      const once = library(b);
      await b.team.rescan();
      expect(library(b)).toEqual(once);

      // Cora takes the kudos back and removes the goal: both follow.
      await value(a.dispatch('recognition.remove', { id: kudos.id }));
      await value(a.dispatch('goals.remove', { id: goal.id }));
      await a.team.flush();
      await b.team.scan();
      expect(b.db.prepare('SELECT deleted_at IS NOT NULL AS gone FROM kudos WHERE id = ?').get(kudos.id)).toEqual({
        gone: 1,
      });
      expect(b.db.prepare('SELECT deleted_at IS NOT NULL AS gone FROM goals WHERE id = ?').get(goal.id)).toEqual({
        gone: 1,
      });
      expect(bStatus.deviceId).not.toBe(joined.deviceId);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('the team goal travels from its setter; of two that overlap, the one changed last stands on both', async () => {
    const a = openTeamCore(tempDir('gamefilm-team-tg-a-'));
    const b = openTeamCore(tempDir('gamefilm-team-tg-b-'));
    const folder = tempDir('gamefilm-team-tg-folder-');
    const liveTeamGoals = (core: typeof a) =>
      core.db
        .prepare('SELECT id, set_by_id, target FROM goals WHERE person_id IS NULL AND deleted_at IS NULL ORDER BY id')
        .all();
    try {
      const cora = await value<Person>(a.dispatch('people.create', { name: 'Cora Coach', role: 'coach' }));
      await actAs(a, cora.id);
      const dan = await value<Person>(b.dispatch('people.create', { name: 'Dan Director', role: 'admin' }));
      await actAs(b, dan.id);
      await joinTeam(a, folder);
      await joinTeam(b, folder);
      // Each sets a team goal for the same months before seeing the other's; Dan's is the later.
      const first = await value<{ id: string }>(
        a.dispatch('recognition.setTeamGoal', { target: 40, startDate: '2026-01-01', endDate: '2099-06-30' }),
      );
      await new Promise((r) => setTimeout(r, 5));
      const later = await value<{ id: string }>(
        b.dispatch('recognition.setTeamGoal', { target: 60, startDate: '2026-02-01', endDate: '2099-12-31' }),
      );
      await Promise.all([a.team.flush(), b.team.flush()]);
      await Promise.all([a.team.scan(), b.team.scan()]);
      expect(liveTeamGoals(a)).toEqual([{ id: later.id, set_by_id: dan.id, target: 60 }]);
      expect(liveTeamGoals(b)).toEqual([{ id: later.id, set_by_id: dan.id, target: 60 }]);
      // Cora's retired goal goes out as removed and changes nothing more on B.
      await a.team.flush();
      await b.team.scan();
      expect(liveTeamGoals(b)).toEqual([{ id: later.id, set_by_id: dan.id, target: 60 }]);
      expect(b.db.prepare('SELECT count(*) AS n FROM goals WHERE id = ?').get(first.id)).toEqual({ n: 0 });

      // Dan changes his target; then removes it: both follow.
      await value(
        b.dispatch('recognition.setTeamGoal', {
          id: later.id,
          target: 75,
          startDate: '2026-02-01',
          endDate: '2099-12-31',
        }),
      );
      await b.team.flush();
      await a.team.scan();
      expect(liveTeamGoals(a)).toEqual([{ id: later.id, set_by_id: dan.id, target: 75 }]);
      await value(b.dispatch('recognition.removeTeamGoal', { id: later.id }));
      await b.team.flush();
      await a.team.scan();
      expect(liveTeamGoals(a)).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('takes a record only from its author, a goal only from someone who may set it', async () => {
    const core = openTeamCore(tempDir('gamefilm-team-p-rules-'));
    try {
      const cora = await value<Person>(core.dispatch('people.create', { name: 'Cora Coach', role: 'coach' }));
      const ray = await value<Person>(core.dispatch('people.create', { name: 'Ray Rep', role: 'rep' }));
      const pat = await value<Person>(core.dispatch('people.create', { name: 'Pat Peer', role: 'rep' }));
      const now = new Date().toISOString();
      const kudos = {
        id: 'k1',
        giverId: cora.id,
        recipientId: ray.id,
        badge: null,
        reason: 'Forged praise',
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      const apply = (signerId: string) =>
        core.db.transaction(() =>
          pageKudosKind.records!.apply(core.db, [kudos], {
            signerId,
            personOf: (id) => id,
            subject: { kind: 'person', id: ray.id },
          }),
        )();
      // Signed by Pat, claiming to be from Cora: not taken.
      expect(apply(pat.id)).toEqual([]);
      expect(core.db.prepare('SELECT count(*) AS n FROM kudos').get()).toEqual({ n: 0 });
      expect(apply(cora.id)).toEqual(['k1']);

      const goal = {
        id: 'g1',
        personId: ray.id,
        setById: pat.id,
        metric: 'talk_ratio' as const,
        criterionKey: null,
        criterionName: null,
        target: 0.5,
        direction: 'down' as const,
        baseline: null,
        startDate: '2026-12-01',
        endDate: '2026-12-31',
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      const applyGoal = (g: typeof goal, signerId: string) =>
        core.db.transaction(() =>
          goalsKind.records!.apply(core.db, [g], {
            signerId,
            personOf: (id) => id,
            subject: { kind: 'person', id: g.personId },
          }),
        )();
      // A rep may not set another rep's goal, even signing it himself.
      expect(applyGoal(goal, pat.id)).toEqual([]);
      // Ray may set his own.
      expect(applyGoal({ ...goal, setById: ray.id }, ray.id)).toEqual(['g1']);
      expect(core.db.prepare('SELECT set_by_id FROM goals').all()).toEqual([{ set_by_id: ray.id }]);
      // The team goal: only a coach or admin sets it, and it comes in a file about its setter.
      const teamGoal = { ...goal, id: 'g2', personId: null, metric: 'team_drill_attempts' as const, target: 30 };
      const applyTeamGoal = (signerId: string, subjectId: string) =>
        core.db.transaction(() =>
          goalsKind.records!.apply(core.db, [{ ...teamGoal, setById: signerId }], {
            signerId,
            personOf: (id) => id,
            subject: { kind: 'person', id: subjectId },
          }),
        )();
      expect(applyTeamGoal(pat.id, pat.id)).toEqual([]);
      expect(applyTeamGoal(cora.id, ray.id)).toEqual([]);
      expect(applyTeamGoal(cora.id, cora.id)).toEqual(['g2']);
    } finally {
      await core.close();
    }
  });

  it('a damaged change file about a person is quarantined and changes nothing', async () => {
    const a = openTeamCore(tempDir('gamefilm-team-p-bad-a-'));
    const b = openTeamCore(tempDir('gamefilm-team-p-bad-b-'));
    const folder = tempDir('gamefilm-team-p-bad-folder-');
    try {
      const cora = await value<Person>(a.dispatch('people.create', { name: 'Cora Coach', role: 'coach' }));
      const ray = await value<Person>(a.dispatch('people.create', { name: 'Ray Rep', role: 'rep' }));
      await actAs(a, cora.id);
      const joined = await joinTeam(a, folder);
      await value(a.dispatch('recognition.give', { recipientId: ray.id, message: 'Thanks for the demo cover' }));
      await a.team.flush();
      const [name] = changeFiles(folder, joined.deviceId);
      const path = join(folder, 'team', joined.deviceId, name!);
      const bytes = readFileSync(path);
      // One byte of the compressed changes.json flipped: its checksum no longer matches the signed manifest.
      const at = bytes.indexOf(Buffer.from('changes.json')) + 40;
      bytes[at] = bytes[at]! ^ 0xff;
      writeFileSync(path, bytes);

      await joinTeam(b, folder);
      const before = library(b);
      await b.team.scan();
      expect(library(b)).toEqual(before);
      const status = await value<TeamStatus>(b.dispatch('team.status', undefined));
      expect(JSON.stringify(status)).toMatch(/damaged|altered|checksum/i);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
