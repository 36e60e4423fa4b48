/**
 * Library search finds coaches' words too (issue 12, item 5): annotation text,
 * its Situation / Behavior / Impact, and the comments of submitted scorecards,
 * each hit saying what matched. Drafts, trashed annotations and trashed calls
 * stay out.
 */
import { describe, expect, it } from 'vitest';
import type { Annotation, CallSearchHit, RubricSummary, Scorecard } from '../../../../src/shared/domain';
import { insertCall, person, value, withCore } from '../coaching/helpers';
import { actAs, as } from '../../../helpers/acting';

describe('library search over call content', () => {
  it(
    'finds annotation words and SBI fields, submitted scorecard comments and strengths, saying what matched',
    withCore(async (core) => {
      const coach = await person(core, 'Cora', 'coach');
      const peer = await person(core, 'Pete');
      const callId = insertCall(core, { title: 'Acme discovery' });
      const other = insertCall(core, { title: 'Beta renewal' });
      const search = (query: string) => value<CallSearchHit[]>(core.dispatch('calls.search', { query }));

      await value<Annotation>(
        as(core, coach.id)('annotations.create', { callId, startSec: 42, body: 'Great mirroring here' }),
      );
      const sbi = await value<Annotation>(
        as(core, coach.id)('annotations.create', {
          callId,
          startSec: 95,
          situation: 'Customer raised the budget freeze',
          behavior: 'Rep jumped straight to a discount',
          impact: 'Margin given away before any value was shown',
        }),
      );

      expect(await search('mirroring')).toMatchObject([
        { source: 'annotation', callId, callTitle: 'Acme discovery', atSec: 42, who: 'Cora' },
      ]);
      expect((await search('budget freeze')).map((h) => [h.source, h.atSec])).toEqual([['situation', 95]]);
      expect((await search('discount')).map((h) => h.source)).toEqual(['behavior']);
      const impact = await search('margin');
      expect(impact.map((h) => h.source)).toEqual(['impact']);
      expect(impact[0]!.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['Margin']);

      // An edit is searchable at once; the old words are gone.
      await value(core.dispatch('annotations.update', { id: sbi.id, behavior: 'Rep offered a rebate' }));
      expect(await search('discount')).toEqual([]);
      expect((await search('rebate')).map((h) => h.source)).toEqual(['behavior']);

      // Scorecard comments: only once the scorecard is submitted.
      const [rubric] = await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined));
      const card = await value<Scorecard>(as(core, coach.id)('scorecards.start', { callId, rubricId: rubric!.id }));
      const criterion = card.scores[0]!;
      await value(
        core.dispatch('scorecards.setScore', {
          id: card.id,
          criterionId: criterion.criterionId,
          score: 3,
          comment: 'Never asked about the procurement timeline',
        }),
      );
      await value(core.dispatch('scorecards.update', { id: card.id, strengths: 'Calm under the pricing pushback' }));
      expect(await search('procurement')).toEqual([]);
      expect(await search('pushback')).toEqual([]);
      await value(core.dispatch('scorecards.submit', { id: card.id }));
      expect(await search('procurement')).toMatchObject([
        { source: 'scorecard_comment', callId, who: 'Cora', criterionName: 'Opener', atSec: null },
      ]);
      expect((await search('pushback')).map((h) => h.source)).toEqual(['strengths']);

      // A draft by someone else on another call stays private.
      const draft = await value<Scorecard>(
        as(core, peer.id)('scorecards.start', { callId: other, rubricId: rubric!.id }),
      );
      await value(
        core.dispatch('scorecards.setScore', {
          id: draft.id,
          criterionId: draft.scores[0]!.criterionId,
          score: 2,
          comment: 'procurement again',
        }),
      );
      // The peer has submitted nothing on that call: Cora's notes stay blind to them (the policy).
      expect(await search('procurement')).toEqual([]);
      await actAs(core, coach.id);
      expect((await search('procurement')).map((h) => h.callId)).toEqual([callId]);

      // Trashed annotation, then trashed call: gone from search.
      await value(core.dispatch('annotations.remove', { id: sbi.id }));
      expect(await search('rebate')).toEqual([]);
      await value(core.dispatch('calls.remove', { ids: [callId] }));
      expect(await search('mirroring')).toEqual([]);
      expect(await search('procurement')).toEqual([]);
    }),
  );

  it(
    'treats typed operators as words and answers nothing for nothing',
    withCore(async (core) => {
      const coach = await person(core, 'Cora', 'coach');
      const callId = insertCall(core);
      await value(as(core, coach.id)('annotations.create', { callId, startSec: 1, body: 'NEAR the end: "OR" said' }));
      expect((await value<CallSearchHit[]>(core.dispatch('calls.search', { query: 'near OR "' }))).length).toBe(1);
      expect((await core.dispatch('calls.search', { query: '   ' })).ok).toBe(false);
    }),
  );
});
