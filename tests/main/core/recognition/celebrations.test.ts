import { describe, expect, it } from 'vitest';
import { recomputeCelebrations } from '../../../../src/main/core/recognition/celebrations';
import type { NotificationList, WallItem } from '../../../../src/shared/domain';
import { as } from '../../../helpers/acting';
import { insertCall, person, value, withCore } from '../coaching/helpers';
import { celebrationRows, firstDrill, insertAttempt, latestVersion, submitScores } from './helpers';

const day = (d: number, hour = 10) =>
  `2026-11-${String(d).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

describe('celebration rules, against constructed histories', () => {
  it(
    'a personal best fires once per better attempt; the first scored attempt is the baseline',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const drill = firstDrill(core);
      const scores = [3, 4, 3.5, 4, 5];
      const attempts = scores.map((s, i) => {
        const id = insertAttempt(core, drill.id, ray.id, day(i + 1));
        submitScores(core, { attemptId: id }, ray.id, s === 3.5 ? 3 : s, { submittedAt: day(i + 1, 11) });
        return id;
      });
      // An unscored attempt counts for nothing.
      insertAttempt(core, drill.id, ray.id, day(9));
      recomputeCelebrations(core.db);
      const bests = () => celebrationRows(core).filter((c) => c.kind === 'personal_best');
      // 3 → 4 (best) → 3 → 4 (a tie is not a new best) → 5 (best).
      expect(bests().map((c) => c.period)).toEqual([attempts[1], attempts[4]].sort());
      expect(bests()[0]?.title).toBe(`New personal best on “${drill.title}”`);
      // Recomputing finds the same bests: nothing new.
      expect(recomputeCelebrations(core.db)).toEqual([]);
      expect(bests()).toHaveLength(2);
    }),
  );

  it(
    'a practice streak fires at 3 and 7 days, once each; a new streak after a gap fires again',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const drill = firstDrill(core);
      for (const d of [1, 2, 3, 4, 5, 6, 7]) insertAttempt(core, drill.id, ray.id, day(d));
      insertAttempt(core, drill.id, ray.id, day(7, 18)); // two on one day are one day
      for (const d of [10, 11]) insertAttempt(core, drill.id, ray.id, day(d));
      recomputeCelebrations(core.db);
      const streaks = () => celebrationRows(core).filter((c) => c.kind === 'streak');
      expect(streaks().map((c) => [c.subject_key, c.period])).toEqual([
        ['days:3', '2026-11-01'],
        ['days:7', '2026-11-01'],
      ]);
      insertAttempt(core, drill.id, ray.id, day(12));
      recomputeCelebrations(core.db);
      expect(streaks().map((c) => [c.subject_key, c.period])).toEqual([
        ['days:3', '2026-11-01'],
        ['days:3', '2026-11-10'],
        ['days:7', '2026-11-01'],
      ]);
      expect(recomputeCelebrations(core.db)).toEqual([]);
    }),
  );

  it(
    'a criterion up by 0.5 over the month before fires once; 0.4 does not',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const cora = await person(core, 'Cora', 'coach');
      const version = latestVersion(core);
      const [first, second] = version.criteria;
      const score = (date: string, a: number, b: number) =>
        submitScores(
          core,
          { callId: insertCall(core, { repId: ray.id, callDate: date }) },
          cora.id,
          { [first!.key]: a, [second!.key]: b },
          { versionId: version.id, kind: 'coach' },
        );
      score('2026-09-10', 3, 3);
      score('2026-10-05', 2, 3);
      score('2026-10-20', 3, 3);
      // October: first 2.5, second 3.0. November: first 3.0 (+0.5), second 3.4 (+0.4).
      score('2026-11-03', 3, 3);
      score('2026-11-04', 3, 4);
      score('2026-11-05', 3, 3);
      score('2026-11-06', 3, 4);
      score('2026-11-07', 3, 3);
      recomputeCelebrations(core.db);
      const ups = celebrationRows(core).filter((c) => c.kind === 'criterion_up');
      expect(ups.map((c) => [c.subject_key, c.period])).toEqual([[first!.key, '2026-11']]);
      expect(ups[0]?.title).toBe(`“${first!.name}” up over the month before`);
      expect(recomputeCelebrations(core.db)).toEqual([]);
    }),
  );

  it(
    'the first self-reviewed call fires once; all action items done fires once per scorecard',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const cora = await person(core, 'Cora', 'coach');
      const first = insertCall(core, { repId: ray.id, title: 'First call' });
      const second = insertCall(core, { repId: ray.id, title: 'Second call' });
      // A coach's card is not a self-review.
      const card = submitScores(core, { callId: first }, cora.id, 3, { kind: 'coach', submittedAt: day(1) });
      submitScores(core, { callId: second }, ray.id, 3, { submittedAt: day(2) });
      submitScores(core, { callId: first }, ray.id, 3, { submittedAt: day(3) });
      recomputeCelebrations(core.db);
      const selfReviews = celebrationRows(core).filter((c) => c.kind === 'first_self_review');
      expect(selfReviews).toEqual([
        expect.objectContaining({ person_id: ray.id, title: 'First call self-reviewed: “Second call”' }),
      ]);

      // The coach's card carries two action items for Ray (written before it was submitted).
      const items = ['Book the next step', 'Send the recap'].map((text, i) => {
        const id = `0190000${i}-0000-7000-8000-00000000000${i}`;
        core.db
          .prepare(
            `INSERT INTO action_items (id, scorecard_id, text, owner_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(id, card, text, ray.id, day(1), day(1));
        return { id };
      });
      await value(as(core, ray.id)('scorecards.setActionItemDone', { id: items[0]!.id, done: true }));
      recomputeCelebrations(core.db);
      expect(celebrationRows(core).filter((c) => c.kind === 'action_items_done')).toEqual([]);
      await value(as(core, ray.id)('scorecards.setActionItemDone', { id: items[1]!.id, done: true }));
      recomputeCelebrations(core.db);
      // Undone and done again: still the one celebration.
      await value(as(core, ray.id)('scorecards.setActionItemDone', { id: items[1]!.id, done: false }));
      await value(as(core, ray.id)('scorecards.setActionItemDone', { id: items[1]!.id, done: true }));
      recomputeCelebrations(core.db);
      expect(celebrationRows(core).filter((c) => c.kind === 'action_items_done')).toEqual([
        expect.objectContaining({ person_id: ray.id, subject_key: card }),
      ]);
    }),
  );

  it(
    'the watcher records celebrations after the core’s own events: on the wall, marked automatic, in the bell',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const drill = firstDrill(core);
      const celebrated = new Promise<void>((done) =>
        core.onAnyEvent((event) => {
          if (event === 'celebrations.changed') done();
        }),
      );
      const one = insertAttempt(core, drill.id, ray.id, day(1));
      submitScores(core, { attemptId: one }, ray.id, 2, { submittedAt: day(1, 11) });
      const two = insertAttempt(core, drill.id, ray.id, day(2));
      submitScores(core, { attemptId: two }, ray.id, 4, { submittedAt: day(2, 11) });
      // Removing an attempt is a core event that kicks the watcher (it reads the data as it is).
      const three = insertAttempt(core, drill.id, ray.id, day(3));
      await value(as(core, ray.id)('drills.removeAttempt', { id: three }));
      await celebrated;
      const wall = await value<WallItem[]>(core.dispatch('recognition.wall', { personId: ray.id }));
      expect(wall).toEqual([expect.objectContaining({ type: 'celebration' })]);
      const bell = await value<NotificationList>(as(core, ray.id)('recognition.notifications', undefined));
      expect(bell.unread).toBe(1);
      expect(bell.items[0]?.celebration?.title).toBe(`New personal best on “${drill.title}”`);
    }),
  );
});
