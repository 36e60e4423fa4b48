/**
 * Teams inside a library and Insights' "team" filter (issue 14): a person is
 * in at most one team; the heatmap, the tracker trends and coaching activity
 * narrow to the team's people; bad input leaves the library as it was.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import type {
  CoachingActivity,
  Person,
  RubricSummary,
  Scorecard,
  SkillHeatmap,
  Team,
} from '../../../../src/shared/domain';
import { as } from '../../../helpers/acting';
import { count, insertCall, person, refused, value, withCore } from '../coaching/helpers';

const period = { from: '2000-01-01', to: '2999-12-31' };

async function review(core: Core, reviewerId: string, callId: string, scores: number[]) {
  const act = as(core, reviewerId);
  const rubrics = await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined));
  const rubricId = rubrics.find((r) => r.name === 'Sales Call Fundamentals')!.id;
  const card = await value<Scorecard>(act('scorecards.start', { callId, rubricId }));
  for (const [i, score] of scores.entries())
    await value(act('scorecards.setScore', { id: card.id, criterionId: card.scores[i]!.criterionId, score }));
  await value(act('scorecards.submit', { id: card.id }));
}

const teams = (core: Core) => value<Team[]>(core.dispatch('people.teams', undefined));

describe('teams', () => {
  it(
    'are created, renamed and removed; a person joins one; a clash or a missing team changes nothing',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const east = await value<Team>(core.dispatch('people.createTeam', { name: 'SMB East' }));
      const west = await value<Team>(core.dispatch('people.createTeam', { name: 'SMB West' }));
      expect((await teams(core)).map((t) => t.name)).toEqual(['SMB East', 'SMB West']);

      const moved = await value<Person>(core.dispatch('people.update', { id: ray.id, teamId: east.id }));
      expect(moved.teamId).toBe(east.id);
      expect((await teams(core)).find((t) => t.id === east.id)?.members).toBe(1);
      // Other edits keep the team.
      expect((await value<Person>(core.dispatch('people.update', { id: ray.id, name: 'Ray R' }))).teamId).toBe(east.id);

      // A name taken by a live team (any case) is refused, and nothing changes.
      expect(await refused(core.dispatch('people.createTeam', { name: 'smb east' }), 'conflict')).toMatch(
        /already a team called/,
      );
      expect(await refused(core.dispatch('people.renameTeam', { id: west.id, name: 'SMB EAST' }), 'conflict')).toMatch(
        /already a team/,
      );
      expect(await refused(core.dispatch('people.createTeam', { name: '   ' }), 'invalid_input')).toMatch(
        /needs a name/,
      );
      expect(count(core, 'teams')).toBe(2);
      expect((await teams(core)).map((t) => t.name)).toEqual(['SMB East', 'SMB West']);
      // A team that does not exist is refused; the person stays where they were.
      expect(
        await refused(
          core.dispatch('people.update', { id: ray.id, teamId: '01900000-0000-7000-8000-00000000dead' }),
          'not_found',
        ),
      ).toMatch(/no longer exists/);
      expect(core.db.prepare('SELECT team_id FROM people WHERE id = ?').get(ray.id)).toEqual({ team_id: east.id });

      await value(core.dispatch('people.renameTeam', { id: west.id, name: 'Mid-market' }));
      // Removing a team keeps its members, without a team, and frees the name.
      await value(core.dispatch('people.removeTeam', { id: east.id }));
      expect((await teams(core)).map((t) => t.name)).toEqual(['Mid-market']);
      expect(core.db.prepare('SELECT team_id, deleted_at FROM people WHERE id = ?').get(ray.id)).toEqual({
        team_id: null,
        deleted_at: null,
      });
      await value(core.dispatch('people.createTeam', { name: 'SMB East' }));
      // Out of a team explicitly.
      await value(core.dispatch('people.update', { id: ray.id, teamId: west.id }));
      expect((await value<Person>(core.dispatch('people.update', { id: ray.id, teamId: null }))).teamId).toBeNull();
    }),
  );

  it(
    "narrow Insights: the heatmap and coaching activity show only the team's people (tracker trends: trackers.test.ts)",
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const rita = await person(core, 'Rita');
      const cora = await person(core, 'Cora', 'coach');
      const east = await value<Team>(core.dispatch('people.createTeam', { name: 'SMB East' }));
      await value(core.dispatch('people.update', { id: ray.id, teamId: east.id }));
      await value(core.dispatch('people.update', { id: cora.id, teamId: east.id }));
      await review(core, cora.id, insertCall(core, { repId: ray.id }), [4, 3, 2, 5]);
      await review(core, cora.id, insertCall(core, { repId: rita.id }), [2, 2, 2, 2]);

      const all = await value<SkillHeatmap>(as(core, cora.id)('insights.skillHeatmap', period));
      expect(all.reps.map((r) => r.name)).toEqual(['Ray', 'Rita']);
      const team = await value<SkillHeatmap>(
        as(core, cora.id)('insights.skillHeatmap', { ...period, teamId: east.id }),
      );
      expect(team.reps.map((r) => r.name)).toEqual(['Ray']);
      expect(team.cells.every((c) => c.repId === ray.id)).toBe(true);

      const activity = await value<CoachingActivity>(
        as(core, cora.id)('insights.coachingActivity', { ...period, teamId: east.id }),
      );
      expect(activity.people.map((p) => p.name)).toEqual(['Cora', 'Ray']);
      expect(activity.calls).toEqual({ imported: 1, reviewed: 1 });
      const everyone = await value<CoachingActivity>(as(core, cora.id)('insights.coachingActivity', period));
      expect(everyone.calls).toEqual({ imported: 2, reviewed: 2 });

      // A team with nobody in it: empty, not everyone.
      const empty = await value<Team>(core.dispatch('people.createTeam', { name: 'Nobody yet' }));
      expect(
        (await value<SkillHeatmap>(as(core, cora.id)('insights.skillHeatmap', { ...period, teamId: empty.id }))).reps,
      ).toEqual([]);
    }),
  );
});
