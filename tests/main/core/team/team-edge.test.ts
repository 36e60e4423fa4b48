/**
 * The team folder at its edges (issue 16): a full disk under the team folder
 * and a device whose clock runs far ahead. Real libraries and a real temp
 * folder; the full disk is a write failure injected where the writer writes
 * (a tiny tmpfs cannot be mounted here, and root writes read-only folders).
 */
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../../../src/main/core';
import type { Core } from '../../../../src/main/core';
import type { TeamStatus } from '../../../../src/shared/domain';
import { useTempDirs } from '../../../helpers/tmp';
import { value } from '../packets/helpers';
import { changeFiles, coachReviewedCall, joinTeam, library, nextEvent, openTeamCore } from './helpers';

const tempDir = useTempDirs();

afterEach(() => {
  vi.useRealTimers();
});

const status = (core: Core) => value<TeamStatus>(core.dispatch('team.status', undefined));

describe('team folder: a full disk', () => {
  it('keeps the outbox and says so; writes everything once there is room again', async () => {
    let full = true;
    const a = createCore({
      dataDir: tempDir('gamefilm-team-full-a-'),
      shell: 'web',
      team: {
        batchMs: 60_000,
        rescanMs: 600_000,
        settleMs: 0,
        retryWriteMs: 200,
        beforeWrite: () => {
          if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
      },
    });
    const b = openTeamCore(tempDir('gamefilm-team-full-b-'));
    const folder = tempDir('gamefilm-team-full-folder-');
    try {
      const { scorecard } = await coachReviewedCall(a, tempDir('gamefilm-team-full-media-'));
      const { deviceId } = await joinTeam(a, folder);
      await a.team.flush();
      const stuck = await status(a);
      expect(stuck.problem).toMatch(/disk holding the team folder is full.*wait here/);
      expect(stuck.outbox).toBeGreaterThan(0);
      expect(stuck.written).toBe(0);
      expect(changeFiles(folder, deviceId)).toEqual([]);
      // Nothing half-written is left behind for a sync engine to copy.
      expect(readdirSync(`${folder}/team/${deviceId}`).filter((n) => !n.startsWith('media'))).toEqual([]);

      // Still full on the next try: nothing lost, still waiting.
      await a.team.flush();
      expect((await status(a)).outbox).toBe(stuck.outbox);

      // Room again: the writer's own retry writes it, without anyone touching anything.
      const written = nextEvent(a, 'team.changed', (p) => p.reason === 'written', 10_000);
      full = false;
      await written;
      const after = await status(a);
      expect(after).toMatchObject({ problem: null, outbox: 0 });
      expect(after.written).toBeGreaterThan(0);
      expect(changeFiles(folder, deviceId).length).toBe(after.written);

      await joinTeam(b, folder);
      await b.team.scan();
      expect(b.db.prepare('SELECT status FROM scorecards WHERE id = ?').get(scorecard.id)).toEqual({
        status: 'submitted',
      });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('team folder: a clock far ahead', () => {
  it('a change file from a device whose clock is an hour ahead is left out with a message; the library is unchanged', async () => {
    const a = openTeamCore(tempDir('gamefilm-team-skew-a-'));
    const b = openTeamCore(tempDir('gamefilm-team-skew-b-'));
    const folder = tempDir('gamefilm-team-skew-folder-');
    try {
      // A's machine thinks it is an hour later than it is, from the review on (only Date is faked).
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 60 * 60_000);
      await coachReviewedCall(a, tempDir('gamefilm-team-skew-media-'));
      const { deviceId } = await joinTeam(a, folder);
      await a.team.flush();
      vi.useRealTimers();
      expect(changeFiles(folder, deviceId).length).toBeGreaterThan(0);

      await joinTeam(b, folder);
      const before = library(b);
      await b.team.scan();
      const s = await status(b);
      const left = s.quarantined.filter((q) => q.deviceId === deviceId);
      expect(left.length).toBe(changeFiles(folder, deviceId).length);
      expect(left[0]?.reason).toMatch(/time in the future/);
      expect(left[0]?.advice).toMatch(/clock is wrong/);
      expect(library(b)).toEqual(before);
      // Try again while the time is still ahead: still left out, still nothing changed.
      await expect(b.team.retry(deviceId, left[0]?.fileName as string)).resolves.toBeTruthy();
      expect((await status(b)).quarantined.some((q) => q.fileName === left[0]?.fileName)).toBe(true);
      expect(library(b)).toEqual(before);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
