import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import { recomputeCelebrations, recordCelebrations } from '../../../../src/main/core/recognition/celebrations';
import type { Kudos, KudosBadge, NotificationList, PersonRecognition } from '../../../../src/shared/domain';
import { as } from '../../../helpers/acting';
import { useTempDirs } from '../../../helpers/tmp';
import { bundleOf, exportAndWait, importPacket, librariesIn, reviewedCall, value } from '../packets/helpers';
import { celebrationRows, submitScores } from './helpers';

const tempDir = useTempDirs();
const withLibraries = librariesIn(tempDir, 'gamefilm-recognition-packets-');

/** Waits until the library's celebrations settle (the watcher runs after the change that caused it). */
async function celebrationsSettled(_core: Core): Promise<void> {
  // The watcher's pass is queued with setImmediate after the event; two turns let it run.
  await new Promise((done) => setImmediate(done));
  await new Promise((done) => setImmediate(done));
}

const rows = (core: Core, table: string) => JSON.stringify(core.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all());

describe('recognition in packets', () => {
  it('kudos and celebrations travel with stable ids; re-importing changes nothing and never counts twice', () =>
    withLibraries(async (a, b, dir) => {
      const { call, rep, coach, annotations } = await reviewedCall(a, dir);
      const badges = await value<KudosBadge[]>(a.dispatch('kudos.badges', undefined));
      const onNote = await value<Kudos>(
        as(a, coach.id)('recognition.give', {
          recipientId: rep.id,
          badgeId: badges.find((x) => x.name === 'Great discovery')!.id,
          message: 'That budget question',
          on: { kind: 'annotation', annotationId: annotations[0]!.id },
        }),
      );
      const atMoment = await value<Kudos>(
        as(a, coach.id)('recognition.give', {
          recipientId: rep.id,
          message: 'Good pause',
          on: { kind: 'call', callId: call.id, atSec: 13 },
        }),
      );
      // Ray reviews his own call: his first self-review is celebrated.
      submitScores(a, { callId: call.id }, rep.id, 3, { submittedAt: '2026-03-03T09:00:00.000Z' });
      // Written straight into the database (no event): run the rules as the watcher would.
      recomputeCelebrations(a.db);
      expect(celebrationRows(a).map((c) => c.kind)).toEqual(['first_self_review']);

      const job = await exportAndWait(a, { callId: call.id, media: 'whole', transcript: 'whole' });
      const first = await importPacket(b, bundleOf(job));
      expect(first.preview.items.filter((i) => i.kind === 'kudos').map((i) => i.action)).toEqual(['add', 'add']);
      // The shipped badges were seeded on both sides with their own ids: matched by name, not added.
      expect(first.preview.items.filter((i) => i.kind === 'badge').map((i) => i.action)).toEqual(['unchanged']);
      expect(first.preview.items.filter((i) => i.kind === 'celebration').map((i) => i.action)).toEqual(['add']);

      const page = await value<PersonRecognition>(b.dispatch('recognition.forPerson', { personId: rep.id }));
      expect(page.received.map((k) => k.id).sort()).toEqual([onNote.id, atMoment.id].sort());
      expect(page.received.find((k) => k.id === onNote.id)).toMatchObject({
        annotationId: annotations[0]!.id,
        atSec: 4,
        badgeName: 'Great discovery',
      });
      expect(page.celebrations.map((c) => c.kind)).toEqual(['first_self_review']);
      const bell = await value<NotificationList>(as(b, rep.id)('recognition.notifications'));
      expect(bell.unread).toBe(3);

      // B recomputes from the imported scorecards and finds the same milestone: still one.
      await celebrationsSettled(b);
      expect(celebrationRows(b)).toHaveLength(1);
      const before = ['kudos', 'celebrations', 'notifications', 'kudos_badges'].map((t) => rows(b, t)).join('\n');
      const again = await importPacket(b, bundleOf(job));
      expect(
        again.preview.items
          .filter((i) => ['kudos', 'celebration', 'badge'].includes(i.kind))
          .every((i) => i.action === 'unchanged'),
      ).toBe(true);
      await celebrationsSettled(b);
      expect(['kudos', 'celebrations', 'notifications', 'kudos_badges'].map((t) => rows(b, t)).join('\n')).toBe(before);
    }));

  it('two machines celebrating the same personal best (different ids, same natural key) end as one celebration', () =>
    withLibraries(async (a) => {
      const ray = await value<{ id: string }>(a.dispatch('people.create', { name: 'Ray', role: 'rep' }));
      const same = {
        kind: 'personal_best' as const,
        personId: ray.id,
        subjectKey: 'drill-1',
        period: 'attempt-2',
        title: 'New personal best on “Price”',
        occurredAt: '2026-11-02T10:00:00.000Z',
      };
      const first = recordCelebrations(a.db, [{ ...same, id: '01900000-0000-7000-8000-000000000001' }]);
      const second = recordCelebrations(a.db, [{ ...same, id: '01900000-0000-7000-8000-000000000002' }]);
      expect(first).toHaveLength(1);
      expect(second).toEqual([]);
      expect(celebrationRows(a)).toHaveLength(1);
      expect((a.db.prepare(`SELECT count(*) AS n FROM notifications`).get() as { n: number }).n).toBe(1);
    }));
});
