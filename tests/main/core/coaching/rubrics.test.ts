import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/main/core';
import { SEED_RUBRICS, SeedRubric } from '../../../../src/main/core/coaching/seed';
import type { CriterionInput } from '../../../../src/shared/contract/rubrics';
import type { Rubric, RubricSummary, RubricVersion, Scorecard } from '../../../../src/shared/domain';
import { count, insertCall, person, refused, value, withCore } from './helpers';
import { as } from '../../../helpers/acting';

const criterion = (name: string, weight = 1): CriterionInput => ({
  name,
  description: `${name}, observed`,
  weight,
  anchors: ['1: absent', '2: attempted', '3: adequate', '4: strong', '5: exemplary'],
});
const fourCriteria = ['Opening', 'Questions', 'Listening', 'Close'].map((n) => criterion(n));
const asInput = (r: Rubric): CriterionInput[] =>
  r.latest.criteria.map(({ key, name, description, weight, anchors }) => ({ key, name, description, weight, anchors }));

describe('rubric templates', () => {
  it('every shipped template is a valid rubric with an anchor for each level of each criterion', () => {
    const keys = new Set<string>();
    for (const raw of SEED_RUBRICS) {
      const seed = SeedRubric.parse(raw);
      keys.add(seed.seedKey);
      expect(seed.criteria.length).toBeGreaterThanOrEqual(4);
      expect(seed.criteria.length).toBeLessThanOrEqual(8);
      for (const c of seed.criteria) expect(c.anchors.every((a) => a.length > 40)).toBe(true);
    }
    expect([...keys]).toEqual(['sales-call-fundamentals', 'cold-call', 'demo']);
  });

  it(
    'a fresh library has the three templates; the default has the four fundamentals',
    withCore(async (core) => {
      const list = await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined));
      expect(list.map((r) => r.name).sort()).toEqual(['Cold Call', 'Product Demo', 'Sales Call Fundamentals']);
      const fundamentals = list.find((r) => r.name === 'Sales Call Fundamentals') as RubricSummary;
      const rubric = await value<Rubric>(core.dispatch('rubrics.get', { id: fundamentals.id }));
      expect(rubric.seedKey).toBe('sales-call-fundamentals');
      expect(rubric.latest.criteria.map((c) => c.name)).toEqual([
        'Discovery Skills',
        'Value Communication',
        'Objection Handling',
        'Deal Progression',
      ]);
      expect(rubric.latest.criteria.every((c) => c.anchors.length === 5)).toBe(true);
    }),
  );

  it(
    'seeding is idempotent and never brings back a template or tag the user deleted',
    withCore(async (core, dataDir) => {
      const list = await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined));
      const demo = list.find((r) => r.name === 'Product Demo') as RubricSummary;
      await value(core.dispatch('rubrics.remove', { id: demo.id }));
      const win = (await value<Array<{ id: string; name: string }>>(core.dispatch('annotations.tags', undefined))).find(
        (t) => t.name === 'win',
      );
      await value(core.dispatch('annotations.removeTag', { id: win?.id }));
      await core.close();
      // Even with the row gone for good (an emptied trash), the seed log keeps it from returning.
      const reopened = createCore({ dataDir, shell: 'web' });
      try {
        reopened.db.prepare(`DELETE FROM rubrics WHERE id = ?`).run(demo.id);
        await reopened.close();
        const again = createCore({ dataDir, shell: 'web' });
        try {
          const names = (await value<RubricSummary[]>(again.dispatch('rubrics.list', undefined))).map((r) => r.name);
          expect(names.sort()).toEqual(['Cold Call', 'Sales Call Fundamentals']);
          expect(count(again, 'rubrics')).toBe(2);
          const tags = await value<Array<{ name: string }>>(again.dispatch('annotations.tags', undefined));
          expect(tags.map((t) => t.name)).not.toContain('win');
          expect(tags).toHaveLength(7);
        } finally {
          await again.close();
        }
      } finally {
        await reopened.close();
      }
    }),
  );
});

describe('rubrics', () => {
  it(
    'refuses fewer than 4 or more than 8 criteria, a missing anchor, a zero weight — writing nothing',
    withCore(async (core) => {
      const before = count(core, 'rubrics');
      expect(
        await refused(
          core.dispatch('rubrics.create', { name: 'Tiny', criteria: fourCriteria.slice(0, 3) }),
          'invalid_input',
        ),
      ).toBe('criteria: A rubric needs at least 4 criteria');
      await refused(core.dispatch('rubrics.create', { name: 'Empty', criteria: [] }), 'invalid_input');
      const nine = Array.from({ length: 9 }, (_, i) => criterion(`C${i}`));
      expect(await refused(core.dispatch('rubrics.create', { name: 'Big', criteria: nine }), 'invalid_input')).toMatch(
        /at most 8 criteria/,
      );
      const fourAnchors = { ...criterion('Short'), anchors: ['a', 'b', 'c', 'd'] };
      expect(
        await refused(
          core.dispatch('rubrics.create', { name: 'X', criteria: [...fourCriteria.slice(0, 3), fourAnchors] }),
          'invalid_input',
        ),
      ).toMatch(/anchor for every level, 1 to 5/);
      const blankAnchor = { ...criterion('Blank'), anchors: ['a', 'b', '  ', 'd', 'e'] };
      await refused(
        core.dispatch('rubrics.create', { name: 'X', criteria: [...fourCriteria.slice(0, 3), blankAnchor] }),
        'invalid_input',
      );
      expect(
        await refused(
          core.dispatch('rubrics.create', { name: 'X', criteria: [...fourCriteria.slice(0, 3), criterion('Zero', 0)] }),
          'invalid_input',
        ),
      ).toMatch(/weight must be more than 0/);
      expect(
        await refused(
          core.dispatch('rubrics.create', { name: 'X', criteria: [...fourCriteria.slice(0, 3), criterion('opening')] }),
          'invalid_input',
        ),
      ).toMatch(/same name/);
      expect(count(core, 'rubrics')).toBe(before);
    }),
  );

  it(
    'edits an unused version in place, keeping criterion ids; renames without a new version',
    withCore(async (core) => {
      const rubric = await value<Rubric>(core.dispatch('rubrics.create', { name: 'Team', criteria: fourCriteria }));
      expect(rubric.latest).toMatchObject({ version: 1, scorecardCount: 0 });
      const criteria = asInput(rubric);
      const reordered = [criteria[3], criteria[0], { ...criteria[1], name: 'Open questions' }, criterion('Rapport')];
      const edited = await value<Rubric>(
        core.dispatch('rubrics.update', { id: rubric.id, name: 'Team rubric', criteria: reordered }),
      );
      expect(edited.name).toBe('Team rubric');
      expect(edited.latest.id).toBe(rubric.latest.id);
      expect(edited.versions).toHaveLength(1);
      expect(edited.latest.criteria.map((c) => c.name)).toEqual(['Close', 'Opening', 'Open questions', 'Rapport']);
      expect(edited.latest.criteria[0]?.id).toBe(rubric.latest.criteria[3]?.id);
      expect(edited.latest.criteria[2]?.id).toBe(rubric.latest.criteria[1]?.id);
    }),
  );

  it(
    'editing a rubric in use makes a new version; the old scorecard keeps its own',
    withCore(async (core) => {
      const coach = await person(core, 'Cora', 'coach');
      const callId = insertCall(core);
      const rubric = await value<Rubric>(core.dispatch('rubrics.create', { name: 'Team', criteria: fourCriteria }));
      const scorecard = await value<Scorecard>(as(core, coach.id)('scorecards.start', { callId, rubricId: rubric.id }));
      const first = rubric.latest.criteria[0]?.id as string;
      await value(core.dispatch('scorecards.setScore', { id: scorecard.id, criterionId: first, score: 4 }));

      const criteria = asInput(rubric);
      const changed = [{ ...criteria[0], weight: 3 } as CriterionInput, ...criteria.slice(1)];
      const v2 = await value<Rubric>(core.dispatch('rubrics.update', { id: rubric.id, criteria: changed }));
      expect(v2.latest.version).toBe(2);
      expect(v2.latest.id).not.toBe(rubric.latest.id);
      expect(v2.versions.map((v) => [v.version, v.scorecardCount])).toEqual([
        [2, 0],
        [1, 1],
      ]);
      // The same criterion keeps its key across versions (progress charts group by it).
      expect(v2.latest.criteria.map((c) => c.key)).toEqual(rubric.latest.criteria.map((c) => c.key));

      // Further edits of the still-unused v2 stay in v2.
      const v2b = await value<Rubric>(
        core.dispatch('rubrics.update', { id: rubric.id, criteria: [...changed.slice(0, 3), criterion('Next steps')] }),
      );
      expect(v2b.latest.id).toBe(v2.latest.id);

      const old = await value<Scorecard>(as(core, coach.id)('scorecards.get', { id: scorecard.id }));
      expect(old).toMatchObject({ rubricVersionId: rubric.latest.id, rubricVersion: 1, overallScore: 4 });
      const oldVersion = await value<RubricVersion>(
        core.dispatch('rubrics.getVersion', { versionId: rubric.latest.id }),
      );
      expect(oldVersion.criteria.map((c) => c.weight)).toEqual([1, 1, 1, 1]);

      // A second reviewer on the same call is put on the version already being scored there.
      const peer = await person(core, 'Pia');
      const second = await value<Scorecard>(as(core, peer.id)('scorecards.start', { callId, rubricId: rubric.id }));
      expect(second.rubricVersion).toBe(1);
      // On a new call, the latest version is used.
      const other = await value<Scorecard>(
        as(core, peer.id)('scorecards.start', { callId: insertCall(core), rubricId: rubric.id }),
      );
      expect(other.rubricVersion).toBe(2);
    }),
  );

  it(
    'refuses to delete a version a scorecard uses, or a rubric’s only version; deletes an unused one',
    withCore(async (core) => {
      const coach = await person(core, 'Cora', 'coach');
      const callId = insertCall(core);
      const rubric = await value<Rubric>(core.dispatch('rubrics.create', { name: 'Team', criteria: fourCriteria }));
      expect(
        await refused(core.dispatch('rubrics.removeVersion', { versionId: rubric.latest.id }), 'conflict'),
      ).toMatch(/only version of “Team”/);
      const scorecard = await value<Scorecard>(as(core, coach.id)('scorecards.start', { callId, rubricId: rubric.id }));
      // A scorecard exists once scored (opening one writes nothing).
      await value(
        core.dispatch('scorecards.setScore', {
          id: scorecard.id,
          criterionId: scorecard.scores[0]?.criterionId,
          score: 3,
        }),
      );
      const v2 = await value<Rubric>(
        core.dispatch('rubrics.update', {
          id: rubric.id,
          criteria: [...asInput(rubric).slice(0, 3), criterion('New')],
        }),
      );
      const message = await refused(
        core.dispatch('rubrics.removeVersion', { versionId: rubric.latest.id }),
        'conflict',
      );
      expect(message).toBe(
        'Version 1 of “Team” is used by 1 scorecard, so it cannot be deleted. Edit the rubric instead: ' +
          'that makes a new version and those scorecards keep this one.',
      );
      // A scorecard in the trash still holds on to its version.
      await value(core.dispatch('scorecards.remove', { id: scorecard.id }));
      await refused(core.dispatch('rubrics.removeVersion', { versionId: rubric.latest.id }), 'conflict');
      // Nor can the database lose it underneath: the foreign key restricts.
      expect(() => core.db.prepare(`DELETE FROM rubric_versions WHERE id = ?`).run(rubric.latest.id)).toThrow(
        /FOREIGN KEY/,
      );

      const v3 = await value<Rubric>(
        core.dispatch('rubrics.update', { id: rubric.id, criteria: asInput(v2).slice(0, 4) }),
      );
      expect(v3.latest.id).toBe(v2.latest.id); // v2 unused: edited in place
      const after = await value<Rubric>(core.dispatch('rubrics.removeVersion', { versionId: v2.latest.id }));
      expect(after.latest.version).toBe(1);
      expect(after.versions.map((v) => v.version)).toEqual([1]);
    }),
  );

  it(
    'a rubric in the trash leaves the picker but its scorecards keep working; restore brings it back',
    withCore(async (core) => {
      const coach = await person(core, 'Cora', 'coach');
      const callId = insertCall(core);
      const rubric = await value<Rubric>(core.dispatch('rubrics.create', { name: 'Team', criteria: fourCriteria }));
      const scorecard = await value<Scorecard>(as(core, coach.id)('scorecards.start', { callId, rubricId: rubric.id }));
      // A scorecard exists once scored (opening one writes nothing).
      await value(
        core.dispatch('scorecards.setScore', {
          id: scorecard.id,
          criterionId: scorecard.scores[0]?.criterionId,
          score: 3,
        }),
      );
      await value(core.dispatch('rubrics.remove', { id: rubric.id }));
      expect((await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined))).map((r) => r.id)).not.toContain(
        rubric.id,
      );
      expect(await value<Scorecard>(as(core, coach.id)('scorecards.get', { id: scorecard.id }))).toMatchObject({
        rubricName: 'Team',
      });
      expect(
        await refused(
          as(core, (await person(core, 'Pia')).id)('scorecards.start', { callId, rubricId: rubric.id }),
          'invalid_input',
        ),
      ).toBe('“Team” (version 1) is in the trash; pick another rubric.');
      await value(core.dispatch('rubrics.restore', { id: rubric.id }));
      expect((await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined))).map((r) => r.id)).toContain(
        rubric.id,
      );
    }),
  );
});
