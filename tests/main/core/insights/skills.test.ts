import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import { krippendorffAlpha } from '../../../../src/main/core/coaching/statistics';
import { newId, nowIso } from '../../../../src/main/core/db/ids';
import type {
  CoachingActivity,
  RubricSummary,
  Scorecard,
  SkillHeatmap,
  SkillPoint,
} from '../../../../src/shared/domain';
import { as } from '../../../helpers/acting';
import { insertCall, person, refused, value, withCore } from '../coaching/helpers';

const today = new Date().toISOString().slice(0, 10);
const period = { from: '2000-01-01', to: '2999-12-31' };

async function fundamentalsId(core: Core): Promise<string> {
  const list = await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined));
  return list.find((r) => r.name === 'Sales Call Fundamentals')!.id;
}

/** One reviewer scores a call on Sales Call Fundamentals (Discovery, Value, Objection Handling, Deal Progression) and submits. */
async function review(core: Core, reviewerId: string, callId: string, scores: number[], submit = true) {
  const act = as(core, reviewerId);
  const card = await value<Scorecard>(act('scorecards.start', { callId, rubricId: await fundamentalsId(core) }));
  for (const [i, score] of scores.entries())
    await value(act('scorecards.setScore', { id: card.id, criterionId: card.scores[i]!.criterionId, score }));
  if (submit) await value(act('scorecards.submit', { id: card.id }));
  return card.id;
}

const heatmap = (core: Core, actorId: string, extra: object = {}) =>
  value<SkillHeatmap>(as(core, actorId)('insights.skillHeatmap', { ...period, ...extra }));

describe('skill progression and the team heatmap', () => {
  it(
    'shows reps × criteria with the number of scores behind every cell, and the weakest criteria',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const rita = await person(core, 'Rita');
      const cora = await person(core, 'Cora', 'coach');
      const pia = await person(core, 'Pia');
      const call1 = insertCall(core, { repId: ray.id });
      const call2 = insertCall(core, { repId: rita.id });
      await review(core, cora.id, call1, [4, 3, 2, 5]);
      await review(core, pia.id, call1, [2, 3, 2, 4]);
      await review(core, cora.id, call2, [5, 4, 4, 1]);

      const map = await heatmap(core, cora.id);
      expect(map.reps.map((r) => r.name)).toEqual(['Ray', 'Rita']);
      const names = Object.fromEntries(map.criteria.map((c) => [c.key, c.name]));
      const cell = (repId: string, name: string) =>
        map.cells.find((c) => c.repId === repId && names[c.criterionKey] === name);
      expect(cell(ray.id, 'Discovery Skills')).toMatchObject({ mean: 3, count: 2 });
      expect(cell(ray.id, 'Deal Progression')).toMatchObject({ mean: 4.5, count: 2 });
      expect(cell(rita.id, 'Deal Progression')).toMatchObject({ mean: 1, count: 1 });
      // One score is an anecdote: Rita has no "weakest" yet; Ray's is Objection Handling (2, 2).
      expect(map.weakestByRep.find((w) => w.repId === ray.id)!.criterionKeys.map((k) => names[k])[0]).toBe(
        'Objection Handling',
      );
      expect(map.weakestByRep.find((w) => w.repId === rita.id)!.criterionKeys).toEqual([]);
      expect(names[map.teamWeakest[0]!]).toBe('Objection Handling');

      // Coaches only.
      const coaches = await heatmap(core, cora.id, { reviewerKind: 'coach' });
      expect(
        coaches.cells.find((c) => c.repId === ray.id && names[c.criterionKey] === 'Discovery Skills'),
      ).toMatchObject({
        mean: 4,
        count: 1,
      });
      // One rep.
      expect((await heatmap(core, cora.id, { repId: rita.id })).reps.map((r) => r.name)).toEqual(['Rita']);
    }),
  );

  it(
    "obeys the blind rule: a reviewer with only a draft sees none of the others' scores",
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const cora = await person(core, 'Cora', 'coach');
      const otto = await person(core, 'Otto');
      const call = insertCall(core, { repId: ray.id });
      await review(core, cora.id, call, [4, 3, 2, 5]);
      const draft = await review(core, otto.id, call, [1, 1, 1, 1], false);

      expect((await heatmap(core, otto.id)).cells).toEqual([]);
      await value(as(core, otto.id)('scorecards.submit', { id: draft }));
      const after = await heatmap(core, otto.id);
      expect(after.cells.every((c) => c.count === 2)).toBe(true);
      // Nobody acting: refused, not an empty answer that looks like "no scores".
      await value(core.dispatch('people.setMe', { id: null }));
      await refused(core.dispatch('insights.skillHeatmap', period), 'no_actor');
    }),
  );

  it(
    'keeps self, peer and coach apart over time and leaves out scores outside the period',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const cora = await person(core, 'Cora', 'coach');
      const pia = await person(core, 'Pia');
      const call = insertCall(core, { repId: ray.id });
      await review(core, ray.id, call, [5, 5, 5, 5]);
      await review(core, pia.id, call, [3, 3, 3, 3]);
      const old = await review(core, cora.id, call, [1, 2, 3, 4]);
      core.db.prepare(`UPDATE scorecards SET submitted_at = '2020-03-04T10:00:00.000Z' WHERE id = ?`).run(old);

      const points = await value<SkillPoint[]>(
        as(core, ray.id)('insights.skillProgress', { repId: ray.id, ...period }),
      );
      const kinds = (day: string) =>
        [...new Set(points.filter((p) => p.day === day).map((p) => p.reviewerKind))].sort();
      expect(kinds(today)).toEqual(['peer', 'self']);
      expect(kinds('2020-03-04')).toEqual(['coach']);
      expect(points.filter((p) => p.reviewerKind === 'self').every((p) => p.mean === 5 && p.count === 1)).toBe(true);

      const recent = await value<SkillPoint[]>(
        as(core, ray.id)('insights.skillProgress', { repId: ray.id, from: '2021-01-01', to: '2999-12-31' }),
      );
      expect(recent.some((p) => p.reviewerKind === 'coach')).toBe(false);
      expect(
        await refused(
          as(core, ray.id)('insights.skillProgress', { repId: ray.id, from: '2022-01-01', to: '2021-01-01' }),
          'invalid_input',
        ),
      ).toMatch(/start date is after the end date/);
    }),
  );
});

describe('coaching activity', () => {
  it(
    'counts reviews given and received, feedback, sessions and overdue action items per person',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const cora = await person(core, 'Cora', 'coach');
      const pia = await person(core, 'Pia');
      const call1 = insertCall(core, { repId: ray.id });
      insertCall(core, { repId: ray.id });
      await review(core, cora.id, call1, [4, 3, 2, 5]);
      await review(core, pia.id, call1, [2, 3, 2, 4]);
      await review(core, ray.id, call1, [5, 5, 5, 5]);
      await value(as(core, cora.id)('annotations.create', { callId: call1, startSec: 12, body: 'Good opener' }));
      const now = nowIso();
      const item = (due: string | null) =>
        core.db
          .prepare(
            `INSERT INTO action_items (id, text, owner_id, due_date, created_at, updated_at) VALUES (?, 'Practise the close', ?, ?, ?, ?)`,
          )
          .run(newId(), ray.id, due, now, now);
      item('2001-01-01');
      item(null);

      const activity = await value<CoachingActivity>(as(core, cora.id)('insights.coachingActivity', period));
      const of = (id: string) => activity.people.find((p) => p.personId === id)!;
      expect(of(cora.id)).toMatchObject({ reviewsGiven: 1, reviewsReceived: 0, feedbackWritten: 1 });
      expect(of(pia.id)).toMatchObject({ reviewsGiven: 1, feedbackWritten: 0 });
      expect(of(ray.id)).toMatchObject({
        reviewsGiven: 0,
        selfReviews: 1,
        reviewsReceived: 2,
        openActionItems: 2,
        overdueActionItems: 1,
      });
      expect(activity.calls).toEqual({ imported: 2, reviewed: 1 });

      // Agreement is over peer and coach only: Ray's self-review (all 5s) is not a reviewer.
      const month = today.slice(0, 7);
      expect(activity.agreement).toEqual([
        {
          month,
          alpha: krippendorffAlpha(
            [
              [4, 2],
              [3, 3],
              [2, 2],
              [5, 4],
            ],
            'interval',
          ),
          calls: 1,
        },
      ]);
    }),
  );

  it(
    'computes agreement only from scorecards the person asking may see',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const cora = await person(core, 'Cora', 'coach');
      const pia = await person(core, 'Pia');
      const otto = await person(core, 'Otto');
      const call = insertCall(core, { repId: ray.id });
      await review(core, cora.id, call, [4, 3, 2, 5]);
      await review(core, pia.id, call, [2, 3, 2, 4]);
      const activity = await value<CoachingActivity>(as(core, otto.id)('insights.coachingActivity', period));
      expect(activity.agreement).toEqual([]);
      // Counts of reviews are not scores: Otto still sees that Ray was reviewed twice.
      expect(activity.people.find((p) => p.personId === ray.id)!.reviewsReceived).toBe(2);
    }),
  );
});

describe('the scores behind a heatmap cell', () => {
  it(
    'lists each visible score with its call, newest first, and nothing the blind rule hides',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const cora = await person(core, 'Cora', 'coach');
      const pia = await person(core, 'Pia');
      const otto = await person(core, 'Otto');
      const call = insertCall(core, { repId: ray.id, title: 'Renewal with Initech' });
      const first = await review(core, cora.id, call, [4, 3, 2, 5]);
      core.db.prepare(`UPDATE scorecards SET submitted_at = '2026-01-02T10:00:00.000Z' WHERE id = ?`).run(first);
      await review(core, pia.id, call, [2, 3, 2, 4]);
      const map = await heatmap(core, cora.id);
      const key = map.criteria.find((c) => c.name === 'Discovery Skills')!.key;
      const ask = (actorId: string) =>
        value<Array<{ score: number; reviewerName: string; callId: string; title: string }>>(
          as(core, actorId)('insights.skillEvidence', { repId: ray.id, criterionKey: key, ...period }),
        );
      const rows = await ask(cora.id);
      expect(rows.map((r) => [r.score, r.reviewerName, r.callId, r.title])).toEqual([
        [2, 'Pia', call, 'Renewal with Initech'],
        [4, 'Cora', call, 'Renewal with Initech'],
      ]);
      expect(await ask(otto.id)).toEqual([]);
    }),
  );
});
