/**
 * The team folder (issue 16): each library writes its people's changes as
 * signed, numbered change files into its own device folder and imports the
 * other devices' files in order. Real libraries, a real temp folder, real
 * recordings; nothing mocked.
 */
import { copyFileSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import type { TeamStatus } from '../../../../src/shared/domain';
import { writeSetting } from '../../../../src/main/core/settings/repository';
import { makeMedia } from '../../../fixtures/media';
import { useTempDirs } from '../../../helpers/tmp';
import { actAs } from '../../../helpers/acting';
import { snapshot, value } from '../packets/helpers';
import { changeFiles, coachReviewedCall, giveKudos, joinTeam, library, openTeamCore, personNamed } from './helpers';

const tempDir = useTempDirs();

async function twoLibraries(run: (a: Core, b: Core, folder: string) => Promise<void>) {
  const a = openTeamCore(tempDir('gamefilm-team-a-'));
  const b = openTeamCore(tempDir('gamefilm-team-b-'));
  const folder = tempDir('gamefilm-team-folder-');
  try {
    await run(a, b, folder);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

const scorecardIds = (core: Core) =>
  (core.db.prepare('SELECT id FROM scorecards ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);

describe('team folder: writer', () => {
  it('writes what this device’s person did as signed, numbered files, atomically and once', async () => {
    await twoLibraries(async (a, _b, folder) => {
      const media = tempDir('gamefilm-team-media-');
      const { call, scorecard } = await coachReviewedCall(a, media);
      const status = await joinTeam(a, folder);
      await a.team.flush();
      const files = changeFiles(folder, status.deviceId);
      expect(files).toEqual(['00000001.gamefilm']);
      // The recording lies beside the log once, by content; no temp names remain.
      const dir = join(folder, 'team', status.deviceId);
      expect(readdirSync(join(dir, 'media'))).toEqual([
        expect.stringMatching(new RegExp(`^${call.media.sha256}\\.ogg$`)),
      ]);
      expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
      // Nothing changed: nothing new is written.
      a.team.onEvent('scorecards.changed', { callId: call.id, scorecardIds: [scorecard.id] });
      await a.team.flush();
      expect(changeFiles(folder, status.deviceId)).toHaveLength(1);
      // A new annotation is a new file, numbered next; the recording is not copied again.
      await value(a.dispatch('annotations.create', { callId: call.id, startSec: 10, body: 'Nice pause here' }));
      await a.team.flush();
      expect(changeFiles(folder, status.deviceId)).toEqual(['00000001.gamefilm', '00000002.gamefilm']);
      expect(readdirSync(join(dir, 'media'))).toHaveLength(1);
      expect((await value<TeamStatus>(a.dispatch('team.status', undefined))).written).toBe(2);
    });
  });

  it('never writes a draft or private notes; a scorecard appears once submitted', async () => {
    await twoLibraries(async (a, b, folder) => {
      const { call, rep, coach, scorecard } = await coachReviewedCall(a, tempDir('gamefilm-team-media-'));
      await value(a.dispatch('scorecards.reopen', { id: scorecard.id }));
      const status = await joinTeam(a, folder);
      await a.team.flush();
      await joinTeam(b, folder);
      await b.team.scan();
      expect(b.db.prepare('SELECT count(*) AS n FROM scorecards').get()).toEqual({ n: 0 });
      expect(b.db.prepare('SELECT notes FROM calls WHERE id = ?').get(call.id)).toEqual({ notes: '' });
      const bytes = readFileSync(join(folder, 'team', status.deviceId, '00000001.gamefilm'));
      expect(bytes.includes(Buffer.from('promotion'))).toBe(false);
      // Submitted: the next file carries it, and B has it.
      await value(a.dispatch('scorecards.submit', { id: scorecard.id }));
      await a.team.flush();
      await b.team.scan();
      expect(scorecardIds(b)).toEqual([scorecard.id]);
      // The blind rule holds on the receiving side: the rep there sees it only after submitting their own.
      await actAs(b, rep.id);
      const blind = await value<{ groups: Array<{ revealed: boolean; reveal: unknown }> }>(
        b.dispatch('scorecards.forCall', { callId: call.id }),
      );
      expect(blind.groups.map((g) => [g.revealed, g.reveal])).toEqual([[false, null]]);
      expect(coach.id).toBeTruthy();
    });
  });
});

describe('team folder: reader', () => {
  it('a submitted scorecard in A appears in B, and B’s kudos reach A — without export or import', async () => {
    await twoLibraries(async (a, b, folder) => {
      const { call, scorecard } = await coachReviewedCall(a, tempDir('gamefilm-team-media-'));
      await joinTeam(a, folder);
      await a.team.flush();
      const bStatus = await joinTeam(b, folder);
      const progress: Array<{ done: number; total: number; finished: boolean }> = [];
      const off = b.onAnyEvent((event, payload) => {
        if (event === 'team.progress') progress.push(payload as (typeof progress)[number]);
      });
      await b.team.scan();
      off();
      expect(scorecardIds(b)).toEqual([scorecard.id]);
      expect(progress.at(-1)).toEqual({ done: 1, total: 1, finished: true });
      // The rep on B is the Ray who arrived from A; B acts as him and gives kudos on the call.
      const ray = personNamed(b, 'Ray Rep');
      const cora = personNamed(b, 'Cora Coach');
      if (!ray || !cora) throw new Error('people did not arrive');
      await actAs(b, ray.id);
      const kudos = await giveKudos(b, ray, cora, call.id, 5);
      await b.team.flush();
      expect(changeFiles(folder, bStatus.deviceId)).toEqual(['00000001.gamefilm']);
      const heard: string[] = [];
      const stop = a.onAnyEvent((event) => heard.push(event));
      await a.team.scan();
      stop();
      expect((await value<TeamStatus>(a.dispatch('team.status', undefined))).quarantined).toEqual([]);
      expect(a.db.prepare('SELECT giver_id, recipient_id, reason FROM kudos WHERE id = ?').get(kudos.id)).toEqual({
        giver_id: ray.id,
        recipient_id: cora.id,
        reason: 'Great reframe on price',
      });
      expect(heard).toContain('kudos.changed');
      const status = await value<TeamStatus>(a.dispatch('team.status', undefined));
      expect(status.devices).toEqual([
        expect.objectContaining({
          deviceId: bStatus.deviceId,
          lastSeq: 1,
          waiting: 0,
          people: [{ id: ray.id, name: 'Ray Rep' }],
        }),
      ]);
      // Reading again changes nothing (idempotent).
      const before = library(a);
      await a.team.scan();
      expect(library(a)).toEqual(before);
    });
  });

  it('imports in sequence order: a gap waits, and files past it follow once it arrives', async () => {
    await twoLibraries(async (a, b, folder) => {
      const { call } = await coachReviewedCall(a, tempDir('gamefilm-team-media-'));
      const status = await joinTeam(a, folder);
      await a.team.flush();
      await value(a.dispatch('annotations.create', { callId: call.id, startSec: 11, body: 'Second' }));
      await a.team.flush();
      await value(a.dispatch('annotations.create', { callId: call.id, startSec: 12, body: 'Third' }));
      await a.team.flush();
      const dir = join(folder, 'team', status.deviceId);
      // File 2 is "still on its way".
      renameSync(join(dir, '00000002.gamefilm'), join(dir, '.syncthing.00000002.gamefilm.tmp'));
      await joinTeam(b, folder);
      await b.team.scan();
      const bodies = () =>
        (b.db.prepare('SELECT body FROM annotations ORDER BY start_sec, id').all() as Array<{ body: string }>).map(
          (r) => r.body,
        );
      expect(bodies()).not.toContain('Third');
      const waiting = await value<TeamStatus>(b.dispatch('team.status', undefined));
      expect(waiting.devices[0]).toMatchObject({ lastSeq: 1, waiting: 1 });
      renameSync(join(dir, '.syncthing.00000002.gamefilm.tmp'), join(dir, '00000002.gamefilm'));
      await b.team.scan();
      expect(bodies()).toEqual(expect.arrayContaining(['Second', 'Third']));
      expect((await value<TeamStatus>(b.dispatch('team.status', undefined))).devices[0]).toMatchObject({
        lastSeq: 3,
        waiting: 0,
      });
    });
  });

  it('quarantines bad files with a reason, never applies them, and goes on with the rest', async () => {
    await twoLibraries(async (a, b, folder) => {
      const { call } = await coachReviewedCall(a, tempDir('gamefilm-team-media-'));
      const status = await joinTeam(a, folder);
      await a.team.flush();
      const second = await value<{ id: string }>(
        a.dispatch('annotations.create', { callId: call.id, startSec: 11, body: 'Second' }),
      );
      await a.team.flush();
      // File 3 no longer carries "Second" (removed on A): only file 2 ever had it.
      await value(a.dispatch('annotations.remove', { id: second.id }));
      await value(a.dispatch('annotations.create', { callId: call.id, startSec: 12, body: 'Third' }));
      await a.team.flush();
      const dir = join(folder, 'team', status.deviceId);
      // 2 is truncated (and old enough not to be "still arriving"); a conflict copy sits beside 3.
      const two = readFileSync(join(dir, '00000002.gamefilm'));
      writeFileSync(join(dir, '00000002.gamefilm'), two.subarray(0, Math.floor(two.length / 2)));
      copyFileSync(
        join(dir, '00000003.gamefilm'),
        join(dir, '00000003.sync-conflict-20260101-120000-ABCDEFG.gamefilm'),
      );
      await joinTeam(b, folder);
      await b.team.scan();
      const s = await value<TeamStatus>(b.dispatch('team.status', undefined));
      expect(s.quarantined).toEqual([
        expect.objectContaining({
          fileName: '00000002.gamefilm',
          seq: 2,
          reason: expect.stringMatching(/truncated|damaged/),
        }),
      ]);
      expect(s.quarantined[0]?.advice).toMatch(/Try again/);
      expect(s.devices[0]).toMatchObject({ lastSeq: 3, waiting: 0, conflictCopies: 1 });
      const bodies = () =>
        (b.db.prepare('SELECT body FROM annotations').all() as Array<{ body: string }>).map((r) => r.body);
      expect(bodies()).toContain('Third');
      expect(bodies()).not.toContain('Second');
      // Repaired, and tried again: it is older than file 3 already taken, so it stays out (a replay could roll work back).
      writeFileSync(join(dir, '00000002.gamefilm'), two);
      const before = library(b);
      const retried = await value<TeamStatus>(
        b.dispatch('team.retry', { deviceId: status.deviceId, fileName: '00000002.gamefilm' }),
      );
      expect(retried.quarantined).toEqual([
        expect.objectContaining({ fileName: '00000002.gamefilm', reason: expect.stringMatching(/older/) }),
      ]);
      expect(library(b)).toEqual(before);
    });
  });

  it('Try again takes a repaired file', async () => {
    await twoLibraries(async (a, b, folder) => {
      const { call } = await coachReviewedCall(a, tempDir('gamefilm-team-media-'));
      const status = await joinTeam(a, folder);
      await a.team.flush();
      await value(a.dispatch('annotations.create', { callId: call.id, startSec: 11, body: 'Second' }));
      await a.team.flush();
      const file = join(folder, 'team', status.deviceId, '00000002.gamefilm');
      const good = readFileSync(file);
      // Cut short (as a copy that stopped half-way).
      writeFileSync(file, good.subarray(0, good.length - 200));
      await joinTeam(b, folder);
      const before = library(b);
      await b.team.scan();
      const s = await value<TeamStatus>(b.dispatch('team.status', undefined));
      expect(s.quarantined.map((q) => q.fileName)).toEqual(['00000002.gamefilm']);
      expect(s.quarantined[0]?.advice).toMatch(/damaged/);
      expect(library(b)).not.toEqual(before);
      expect(
        (b.db.prepare('SELECT body FROM annotations').all() as Array<{ body: string }>).map((r) => r.body),
      ).not.toContain('Second');
      writeFileSync(file, good);
      const retried = await value<TeamStatus>(
        b.dispatch('team.retry', { deviceId: status.deviceId, fileName: '00000002.gamefilm' }),
      );
      expect(retried.quarantined).toEqual([]);
      expect(
        (b.db.prepare('SELECT body FROM annotations').all() as Array<{ body: string }>).map((r) => r.body),
      ).toContain('Second');
    });
  });

  it('refuses a file in the wrong device’s folder, a replayed file and a key the device never used — library unchanged', async () => {
    const c = openTeamCore(tempDir('gamefilm-team-c-'));
    try {
      await twoLibraries(async (a, b, folder) => {
        const { call } = await coachReviewedCall(a, tempDir('gamefilm-team-media-'));
        const aStatus = await joinTeam(a, folder);
        await a.team.flush();
        // C: another device with its own person and key.
        const cara = await value<{ id: string }>(c.dispatch('people.create', { name: 'Cara', role: 'coach' }));
        await actAs(c, cara.id);
        const cStatus = await joinTeam(c, folder);
        await c.team.scan();
        await value(c.dispatch('annotations.create', { callId: call.id, startSec: 3, body: 'From C' }));
        await c.team.flush();
        expect(changeFiles(folder, cStatus.deviceId)).toEqual(['00000001.gamefilm']);

        await joinTeam(b, folder);
        await b.team.scan();
        const aDir = join(folder, 'team', aStatus.deviceId);
        const cDir = join(folder, 'team', cStatus.deviceId);
        const before = library(b);
        // C's file copied into A's folder as A's next number: C's key is not A's device.
        copyFileSync(join(cDir, '00000001.gamefilm'), join(aDir, '00000002.gamefilm'));
        // A's own first file replayed as its third.
        copyFileSync(join(aDir, '00000001.gamefilm'), join(aDir, '00000003.gamefilm'));
        await b.team.scan();
        const s = await value<TeamStatus>(b.dispatch('team.status', undefined));
        const reasons = Object.fromEntries(
          s.quarantined.filter((q) => q.deviceId === aStatus.deviceId).map((q) => [q.fileName, q.reason]),
        );
        expect(reasons['00000002.gamefilm']).toMatch(/change 1 of device .* number 2|not by this folder’s device/);
        expect(reasons['00000003.gamefilm']).toMatch(/replayed/);
        expect(library(b)).toEqual(before);

        // A key the device never used: another library (a cloned data folder) writes into C's folder as C's device.
        const d = openTeamCore(tempDir('gamefilm-team-d-'));
        try {
          const dee = await value<{ id: string }>(d.dispatch('people.create', { name: 'Dee', role: 'coach' }));
          await actAs(d, dee.id);
          writeSetting(d.db, 'team.deviceId', cStatus.deviceId);
          await joinTeam(d, folder);
          await d.team.scan();
          await value(d.dispatch('annotations.create', { callId: call.id, startSec: 6, body: 'From the clone' }));
          await d.team.flush();
        } finally {
          await d.close();
        }
        expect(changeFiles(folder, cStatus.deviceId)).toEqual(['00000001.gamefilm', '00000002.gamefilm']);
        await b.team.scan();
        const again = await value<TeamStatus>(b.dispatch('team.status', undefined));
        expect(again.quarantined.find((q) => q.deviceId === cStatus.deviceId)?.reason).toMatch(
          /signed by a key this device never used/,
        );
        expect(library(b)).toEqual(before);
      });
    } finally {
      await c.close();
    }
  });

  it('a catch-up can be interrupted and resumes from the stored cursor', async () => {
    await twoLibraries(async (a, b, folder) => {
      const { call } = await coachReviewedCall(a, tempDir('gamefilm-team-media-'));
      await joinTeam(a, folder);
      await a.team.flush();
      for (let i = 0; i < 4; i++) {
        await value(a.dispatch('annotations.create', { callId: call.id, startSec: 10 + i, body: `Note ${i}` }));
        await a.team.flush();
      }
      // The first progress of B's catch-up interrupts it; it ends (finished) having taken fewer than all.
      let seen = 0;
      const finished = new Promise<void>((resolve) => {
        const off = b.onAnyEvent((event, payload) => {
          if (event !== 'team.progress') return;
          if (seen++ === 0) b.team.interrupt();
          if ((payload as { finished: boolean }).finished) {
            off();
            resolve();
          }
        });
      });
      await joinTeam(b, folder);
      await finished;
      const mid = (await value<TeamStatus>(b.dispatch('team.status', undefined))).devices[0];
      expect(mid?.lastSeq).toBeLessThan(5);
      await b.team.scan();
      expect((await value<TeamStatus>(b.dispatch('team.status', undefined))).devices[0]).toMatchObject({
        lastSeq: 5,
        waiting: 0,
      });
      expect(statSync(folder).isDirectory()).toBe(true);
    });
  });

  it('Leave stops writing and importing and keeps the library', async () => {
    await twoLibraries(async (a, b, folder) => {
      const { call } = await coachReviewedCall(a, tempDir('gamefilm-team-media-'));
      const aStatus = await joinTeam(a, folder);
      await a.team.flush();
      await joinTeam(b, folder);
      await b.team.scan();
      const left = await value<TeamStatus>(b.dispatch('team.leave', undefined));
      expect(left.folder).toBeNull();
      const kept = library(b);
      await value(a.dispatch('annotations.create', { callId: call.id, startSec: 9, body: 'After B left' }));
      await a.team.flush();
      expect(changeFiles(folder, aStatus.deviceId)).toHaveLength(2);
      await b.team.scan();
      expect(library(b)).toEqual(kept);
    });
  });
});

describe('team folder: joining and a folder gone', () => {
  it('refuses a folder that is not there (without “create”) or inside the library, and changes nothing', async () => {
    const core = openTeamCore(tempDir('gamefilm-team-join-'));
    try {
      const before = snapshot(core);
      const missing = await core.dispatch('team.join', { folder: join(tempDir(), 'nope'), create: false });
      expect(missing).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: expect.stringMatching(/There is no folder at/) },
      });
      const inside = await core.dispatch('team.join', { folder: join(core.dataDir, 'team'), create: true });
      expect(inside).toMatchObject({ ok: false, error: { message: expect.stringMatching(/outside the library/) } });
      const relative = await core.dispatch('team.join', { folder: 'team', create: true });
      expect(relative).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(snapshot(core).rows).toEqual(before.rows);
      expect((await value<TeamStatus>(core.dispatch('team.status', undefined))).folder).toBeNull();
    } finally {
      await core.close();
    }
  });

  it('a device folder deleted by hand shows as gone and what came from it stays', async () => {
    await twoLibraries(async (a, b, folder) => {
      await coachReviewedCall(a, tempDir('gamefilm-team-media-'));
      const aStatus = await joinTeam(a, folder);
      await a.team.flush();
      await joinTeam(b, folder);
      await b.team.scan();
      const kept = library(b);
      rmSync(join(folder, 'team', aStatus.deviceId), { recursive: true, force: true });
      await b.team.scan();
      const s = await value<TeamStatus>(b.dispatch('team.status', undefined));
      expect(s.devices).toEqual([
        expect.objectContaining({ deviceId: aStatus.deviceId, folderMissing: true, lastSeq: 1 }),
      ]);
      expect(library(b)).toEqual(kept);
      // A's own folder gone too: A makes it again and its numbers go on.
      await value(
        a.dispatch('annotations.create', {
          callId: (a.db.prepare('SELECT id FROM calls').get() as { id: string }).id,
          startSec: 8,
          body: 'Again',
        }),
      );
      await a.team.flush();
      expect(changeFiles(folder, aStatus.deviceId)).toEqual(['00000002.gamefilm']);
    });
  });
});

describe('team folder: drill attempts', () => {
  it('a rep’s recorded attempt travels with its recording, once by content', async () => {
    await twoLibraries(async (a, b, folder) => {
      const rep = await value<{ id: string }>(a.dispatch('people.create', { name: 'Riley Rep', role: 'rep' }));
      await actAs(a, rep.id);
      const aStatus = await joinTeam(a, folder);
      const drills = await value<Array<{ id: string; title: string }>>(a.dispatch('drills.list', {}));
      const drill = drills[0];
      if (!drill) throw new Error('no starter drill');
      const file = await makeMedia(tempDir('gamefilm-team-media-'), 'ogg', { durationSec: 4, name: 'answer' });
      const attempt = await value<{ id: string; mediaSha256: string }>(
        a.dispatch('drills.recordAttempt', {
          drillId: drill.id,
          bytes: new Uint8Array(readFileSync(file)),
          mimeType: 'audio/ogg',
        }),
      );
      await a.team.flush();
      expect(changeFiles(folder, aStatus.deviceId)).toEqual(['00000001.gamefilm']);
      expect(readdirSync(join(folder, 'team', aStatus.deviceId, 'media'))).toEqual([
        expect.stringMatching(new RegExp(`^${attempt.mediaSha256}\\.`)),
      ]);
      await joinTeam(b, folder);
      await b.team.scan();
      expect(b.db.prepare('SELECT person_id, media_sha256 FROM attempts WHERE id = ?').get(attempt.id)).toEqual({
        person_id: rep.id,
        media_sha256: attempt.mediaSha256,
      });
      expect(readdirSync(b.mediaDir)).toEqual(expect.arrayContaining([expect.stringMatching(attempt.mediaSha256)]));
    });
  });
});
