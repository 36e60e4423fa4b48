import { describe, expect, it } from 'vitest';
import { addDays, createGoal, personGoals, proposeGoal } from '../../../../src/main/core/recognition/goals';
import { recomputeCelebrations } from '../../../../src/main/core/recognition/celebrations';
import type { Goal, GoalProposal, Person, PersonGoals } from '../../../../src/shared/domain';
import { as } from '../../../helpers/acting';
import { count, insertCall, person, refused, value, withCore } from '../coaching/helpers';
import { celebrationRows, firstDrill, insertAttempt, latestVersion, submitScores } from './helpers';

const today = new Date().toISOString().slice(0, 10);

describe('personal goals', () => {
  it(
    'proposes a target from the person’s own last 4 weeks, and progress moves with new scores',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const cora = await person(core, 'Cora', 'coach');
      const version = latestVersion(core);
      const criterion = version.criteria[0]!;
      // Last 4 weeks: 3, 3, 2.4 → mean 2.8. Older scores do not count.
      for (const [daysAgo, s] of [
        [40, 1],
        [20, 3],
        [10, 3],
        [5, 2],
      ] as const) {
        const callId = insertCall(core, { repId: ray.id, callDate: addDays(today, -daysAgo) });
        submitScores(core, { callId }, cora.id, { [criterion.key]: s }, { versionId: version.id, kind: 'coach' });
      }
      const callId = insertCall(core, { repId: ray.id, callDate: addDays(today, -3) });
      submitScores(core, { callId }, cora.id, { [criterion.key]: 3 }, { versionId: version.id, kind: 'coach' });
      // (3 + 3 + 2 + 3) / 4 = 2.75 → shown 2.8, aim for 3.2 (one step of 0.4).
      // Ray has reviewed none of these calls, so the blind rule shows him none of the scores: his coach
      // proposes and sets the goal.
      const mine = await value<GoalProposal>(
        as(core, ray.id)('goals.propose', {
          personId: ray.id,
          metric: 'criterion_average',
          criterionKey: criterion.key,
        }),
      );
      expect(mine.baseline).toBeNull();
      const proposal = await value<GoalProposal>(
        as(core, cora.id)('goals.propose', {
          personId: ray.id,
          metric: 'criterion_average',
          criterionKey: criterion.key,
        }),
      );
      expect(proposal).toMatchObject({ baseline: 2.75, target: 3.2, direction: 'up', sampleSize: 4 });
      expect(proposal.text).toBe('Ray’s last 4 weeks: 2.8 → aim for 3.2');

      const goal = await value<Goal>(
        as(core, cora.id)('goals.create', {
          personId: ray.id,
          metric: 'criterion_average',
          criterionKey: criterion.key,
          target: proposal.target,
          startDate: today,
          endDate: addDays(today, 27),
        }),
      );
      expect(goal).toMatchObject({
        baseline: 2.75,
        criterionName: criterion.name,
        progress: { state: 'no_data', current: null },
      });

      // A coach scores a call from today: progress moves (the blind rule: Ray sees it once he has reviewed it too).
      const fresh = insertCall(core, { repId: ray.id, callDate: today });
      submitScores(core, { callId: fresh }, cora.id, { [criterion.key]: 3 }, { versionId: version.id, kind: 'coach' });
      const blind = await value<PersonGoals>(as(core, ray.id)('goals.forPerson', { personId: ray.id }));
      expect(blind.goals[0]?.progress.state).toBe('no_data');
      const coachView = await value<PersonGoals>(as(core, cora.id)('goals.forPerson', { personId: ray.id }));
      expect(coachView.goals[0]?.progress).toMatchObject({ current: 3, sampleSize: 1, state: 'in_progress' });
      expect(coachView.goals[0]?.progress.fraction).toBeCloseTo((3 - 2.75) / (3.2 - 2.75), 2);

      submitScores(core, { callId: fresh }, ray.id, { [criterion.key]: 4 }, { versionId: version.id });
      const after = await value<PersonGoals>(as(core, ray.id)('goals.forPerson', { personId: ray.id }));
      expect(after.goals[0]?.progress).toMatchObject({ current: 3.5, sampleSize: 2, state: 'reached', fraction: 1 });

      // Reached: celebrated once, however often the rules run.
      recomputeCelebrations(core.db);
      recomputeCelebrations(core.db);
      expect(celebrationRows(core).filter((c) => c.kind === 'goal_reached')).toEqual([
        expect.objectContaining({ person_id: ray.id, subject_key: goal.id }),
      ]);
    }),
  );

  it(
    'refuses a target already met, a period in the past, and someone else’s goal from a peer; nothing is stored',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const pia = await person(core, 'Pia');
      const cora = await person(core, 'Cora', 'coach');
      const drill = firstDrill(core);
      // Three attempts a week for the last 4 weeks: a baseline of 3 per week.
      for (let d = 1; d <= 28; d += 2) insertAttempt(core, drill.id, ray.id, `${addDays(today, -d)}T10:00:00.000Z`);
      const base = {
        personId: ray.id,
        metric: 'drill_attempts_per_week' as const,
        startDate: today,
        endDate: addDays(today, 13),
      };
      expect(await refused(as(core, ray.id)('goals.create', { ...base, target: 3 }), 'invalid_input')).toBe(
        'Your last 4 weeks are already at 3.5, so a target of 3.0 is met before it starts — aim past it.',
      );
      expect(
        await refused(
          as(core, ray.id)('goals.create', {
            ...base,
            target: 5,
            startDate: addDays(today, -30),
            endDate: addDays(today, -2),
          }),
          'invalid_input',
        ),
      ).toMatch(/That period is already over/);
      expect(await refused(as(core, pia.id)('goals.create', { ...base, target: 5 }), 'forbidden')).toBe(
        'Only Ray or a coach can set Ray’s goals.',
      );
      expect(count(core, 'goals')).toBe(0);
      // A coach may set it for him.
      const set = await value<Goal>(as(core, cora.id)('goals.create', { ...base, target: 5 }));
      expect(set).toMatchObject({ setByName: 'Cora', personName: 'Ray', direction: 'up' });
    }),
  );

  it(
    'a metric with no data yet: the proposal says so, the goal is kept and shows no data',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const proposal = proposeGoal(core.db, ray.id, ray.id, 'talk_ratio', null, today);
      expect(proposal).toMatchObject({ baseline: null, target: null, direction: 'down' });
      expect(proposal.text).toMatch(/no data for this yet/);
      const me: Person = { ...ray };
      createGoal(
        core.db,
        me,
        { personId: ray.id, metric: 'talk_ratio', target: 0.5, startDate: today, endDate: addDays(today, 6) },
        today,
      );
      const page = personGoals(core.db, ray.id, ray.id, today);
      expect(page.goals[0]?.progress).toMatchObject({ state: 'no_data', current: null, fraction: null });
    }),
  );
});
