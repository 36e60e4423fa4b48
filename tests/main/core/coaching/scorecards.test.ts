import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import { krippendorffAlpha } from '../../../../src/main/core/coaching/statistics';
import { newId, nowIso } from '../../../../src/main/core/db/ids';
import type {
  ActionItem,
  Annotation,
  CallScorecards,
  RepPage,
  Rubric,
  RubricSummary,
  Scorecard,
} from '../../../../src/shared/domain';
import { count, insertCall, person, record, refused, value, withCore } from './helpers';
import { as } from '../../../helpers/acting';

/** The default template: Discovery 30, Value 25, Objection Handling 20, Deal Progression 25. */
async function fundamentals(core: Core): Promise<Rubric> {
  const list = await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined));
  const id = list.find((r) => r.name === 'Sales Call Fundamentals')?.id;
  return value<Rubric>(core.dispatch('rubrics.get', { id }));
}

/** Scores each criterion in rubric order; null leaves it unscored. */
async function scoreAll(core: Core, scorecard: Scorecard, scores: Array<number | null>, comment?: string) {
  for (const [i, score] of scores.entries()) {
    const criterionId = scorecard.scores[i]?.criterionId;
    await value(core.dispatch('scorecards.setScore', { id: scorecard.id, criterionId, score, comment }));
  }
}

describe('scorecards', () => {
  it(
    'opening gives a blank card and writes nothing; the first score stores it (one per reviewer, call and version)',
    withCore(async (core) => {
      const rep = await person(core, 'Ray');
      const coach = await person(core, 'Cora', 'coach');
      const peer = await person(core, 'Pia');
      const callId = insertCall(core, { repId: rep.id });
      const rubric = await fundamentals(core);
      const events = record(core, 'scorecards.changed');
      const start = (reviewerId: string, extra: object = {}) =>
        as(core, reviewerId)('scorecards.start', { callId, rubricId: rubric.id, ...extra });

      const mine = await value<Scorecard>(start(rep.id));
      expect(mine).toMatchObject({
        stored: false,
        reviewerKind: 'self',
        status: 'draft',
        overallScore: null,
        rubricVersion: 1,
      });
      expect(mine.scores.map((s) => s.score)).toEqual([null, null, null, null]);
      expect((await value<Scorecard>(start(rep.id))).id).toBe(mine.id);
      expect((await value<Scorecard>(start(coach.id))).reviewerKind).toBe('coach');
      const peers = await value<Scorecard>(start(peer.id));
      expect(peers.reviewerKind).toBe('peer');
      // Opening is not scoring: nothing stored, nobody listed as scoring, no event.
      expect(count(core, 'scorecards')).toBe(0);
      expect((await value<CallScorecards>(as(core, coach.id)('scorecards.forCall', { callId }))).groups).toEqual([]);
      expect(events).toEqual([]);
      // Its reviewer can read the blank card back; nobody else can, and it cannot be submitted empty.
      expect((await value<Scorecard>(as(core, rep.id)('scorecards.get', { id: mine.id }))).stored).toBe(false);
      await refused(as(core, coach.id)('scorecards.get', { id: mine.id }), 'forbidden');
      await refused(
        as(core, coach.id)('scorecards.setScore', { id: mine.id, criterionId: mine.scores[0]!.criterionId, score: 3 }),
        'forbidden',
      );
      expect(await refused(as(core, rep.id)('scorecards.submit', { id: mine.id }), 'invalid_input')).toMatch(
        /Score at least one/,
      );
      // A refused first score stores nothing either.
      await refused(
        as(core, rep.id)('scorecards.setScore', { id: mine.id, criterionId: mine.scores[0]!.criterionId, score: 9 }),
        'invalid_input',
      );
      expect(count(core, 'scorecards')).toBe(0);

      // The first score stores it, under the id the blank card had.
      const scored = await value<Scorecard>(
        as(core, rep.id)('scorecards.setScore', { id: mine.id, criterionId: mine.scores[0]!.criterionId, score: 3 }),
      );
      expect(scored).toMatchObject({ id: mine.id, stored: true, reviewerKind: 'self' });
      expect(events.map((e) => e.scorecardIds)).toEqual([[mine.id]]);
      expect((await value<Scorecard>(start(rep.id))).id).toBe(mine.id);
      // A strengths note or an action item stores a blank card too.
      await value(
        as(core, coach.id)('scorecards.update', {
          id: (await value<Scorecard>(start(coach.id))).id,
          strengths: 'Calm',
        }),
      );
      await value(as(core, peer.id)('scorecards.addActionItem', { scorecardId: peers.id, text: 'Ask about budget' }));
      expect(count(core, 'scorecards')).toBe(3);

      const other = await person(core, 'Otto');
      // The kind is derived, not chosen: the contract has no field for it, nor for whom one scores as.
      expect(await refused(start(other.id, { reviewerKind: 'self' }), 'invalid_input')).toMatch(/reviewerKind/);
      expect(await refused(start(other.id, { reviewerId: rep.id }), 'invalid_input')).toMatch(/reviewerId/);
      expect(await refused(as(core, peer.id)('scorecards.start', { callId }), 'invalid_input')).toMatch(
        /Choose a rubric/,
      );
      expect(count(core, 'scorecards')).toBe(3);
    }),
  );

  it(
    'autosaves scores, comments and evidence; the overall is the weighted mean of scored criteria',
    withCore(async (core) => {
      const coach = await person(core, 'Cora', 'coach');
      const callId = insertCall(core, { durationSec: 600 });
      const rubric = await fundamentals(core);
      const events = record(core, 'scorecards.changed');
      const card = await value<Scorecard>(as(core, coach.id)('scorecards.start', { callId, rubricId: rubric.id }));
      const [discovery, valueC, objection, deal] = card.scores.map((s) => s.criterionId);
      const note = await value<Annotation>(
        as(core, coach.id)('annotations.create', { callId, startSec: 30, body: 'pain question' }),
      );

      await value(core.dispatch('scorecards.setScore', { id: card.id, criterionId: discovery, score: 4 }));
      await value(
        core.dispatch('scorecards.setScore', {
          id: card.id,
          criterionId: discovery,
          comment: 'Dug into the cost of churn',
          evidence: [{ annotationId: note.id }, { atSec: 412.5 }],
        }),
      );
      let saved = await value<Scorecard>(
        core.dispatch('scorecards.setScore', { id: card.id, criterionId: objection, score: 5 }),
      );
      // Only two scored: (30·4 + 20·5) / (30 + 20) = 4.4.
      expect(saved.overallScore).toBe(4.4);
      expect(saved.scores[0]).toMatchObject({
        score: 4,
        comment: 'Dug into the cost of churn',
        evidence: [
          { annotationId: note.id, atSec: null },
          { annotationId: null, atSec: 412.5 },
        ],
      });
      await value(core.dispatch('scorecards.setScore', { id: card.id, criterionId: valueC, score: 3 }));
      saved = await value<Scorecard>(
        core.dispatch('scorecards.setScore', { id: card.id, criterionId: deal, score: 2 }),
      );
      // (30·4 + 25·3 + 20·5 + 25·2) / 100 = 3.45.
      expect(saved.overallScore).toBe(3.45);
      saved = await value<Scorecard>(
        core.dispatch('scorecards.setScore', { id: card.id, criterionId: deal, score: null }),
      );
      // Clearing a score takes its weight out too: (120 + 75 + 100) / 75 = 3.93.
      expect(saved.overallScore).toBe(3.93);

      // Evidence on an annotation that goes to the trash disappears, and returns with undo.
      await value(core.dispatch('annotations.remove', { id: note.id }));
      const get = () => value<Scorecard>(as(core, coach.id)('scorecards.get', { id: card.id }));
      expect((await get()).scores[0]?.evidence).toHaveLength(1);
      await value(core.dispatch('annotations.restore', { id: note.id }));
      expect((await get()).scores[0]?.evidence).toHaveLength(2);

      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.callId === callId && e.scorecardIds.length <= 1)).toBe(true);
    }),
  );

  it(
    'refuses scores outside the scale and bad evidence, writing nothing',
    withCore(async (core) => {
      const coach = await person(core, 'Cora', 'coach');
      const callId = insertCall(core, { durationSec: 120 });
      const otherCall = insertCall(core);
      const rubric = await fundamentals(core);
      const card = await value<Scorecard>(as(core, coach.id)('scorecards.start', { callId, rubricId: rubric.id }));
      const criterionId = card.scores[0]?.criterionId;
      await value(core.dispatch('scorecards.setScore', { id: card.id, criterionId, score: 3, comment: 'before' }));
      const rowsBefore = count(core, 'scorecard_scores');

      for (const score of [0, 6, 2.5, -1]) {
        expect(
          await refused(core.dispatch('scorecards.setScore', { id: card.id, criterionId, score }), 'invalid_input'),
        ).toMatch(/Scores (run from 1 to 5|are whole numbers from 1 to 5)/);
      }
      const elsewhere = await value<Annotation>(
        as(core, coach.id)('annotations.create', { callId: otherCall, startSec: 1 }),
      );
      expect(
        await refused(
          core.dispatch('scorecards.setScore', {
            id: card.id,
            criterionId,
            score: 5,
            comment: 'after',
            evidence: [{ annotationId: elsewhere.id }],
          }),
          'invalid_input',
        ),
      ).toBe('Evidence must be an annotation on the call being scored.');
      expect(
        await refused(
          core.dispatch('scorecards.setScore', { id: card.id, criterionId, score: 5, evidence: [{ atSec: 121 }] }),
          'invalid_input',
        ),
      ).toMatch(/past the end of the call/);
      const foreignCriterion = (await value<Rubric[]>(
        core.dispatch('rubrics.list', undefined),
      )) as unknown as RubricSummary[];
      const cold = await value<Rubric>(
        core.dispatch('rubrics.get', { id: foreignCriterion.find((r) => r.name === 'Cold Call')?.id }),
      );
      await refused(
        core.dispatch('scorecards.setScore', { id: card.id, criterionId: cold.latest.criteria[0]?.id, score: 3 }),
        'invalid_input',
      );

      const after = await value<Scorecard>(as(core, coach.id)('scorecards.get', { id: card.id }));
      expect(after.scores[0]).toMatchObject({ score: 3, comment: 'before', evidence: [] });
      expect(count(core, 'scorecard_scores')).toBe(rowsBefore);
      expect(count(core, 'score_evidence')).toBe(0);
    }),
  );

  it(
    'submitting locks the scorecard until it is explicitly reopened; action items can still be ticked off',
    withCore(async (core) => {
      const rep = await person(core, 'Ray');
      const coach = await person(core, 'Cora', 'coach');
      const callId = insertCall(core, { repId: rep.id });
      const rubric = await fundamentals(core);
      const card = await value<Scorecard>(as(core, coach.id)('scorecards.start', { callId, rubricId: rubric.id }));
      expect(await refused(core.dispatch('scorecards.submit', { id: card.id }), 'invalid_input')).toBe(
        'Score at least one criterion before submitting.',
      );
      const item = await value<ActionItem>(
        core.dispatch('scorecards.addActionItem', {
          scorecardId: card.id,
          text: 'Practise the budget question',
          dueDate: '2026-12-01',
        }),
      );
      // No owner given: the call's rep owns it.
      expect(item).toMatchObject({ ownerId: rep.id, callId, done: false, doneAt: null });
      await value(core.dispatch('scorecards.update', { id: card.id, strengths: 'Warm opener' }));
      await scoreAll(core, card, [4, 4, 3, 3]);
      const submitted = await value<Scorecard>(core.dispatch('scorecards.submit', { id: card.id }));
      expect(submitted).toMatchObject({ status: 'submitted', strengths: 'Warm opener' });
      expect(submitted.submittedAt).not.toBeNull();

      const locked = [
        core.dispatch('scorecards.setScore', { id: card.id, criterionId: card.scores[0]?.criterionId, score: 1 }),
        core.dispatch('scorecards.update', { id: card.id, strengths: 'changed' }),
        core.dispatch('scorecards.addActionItem', { scorecardId: card.id, text: 'more' }),
        core.dispatch('scorecards.updateActionItem', { id: item.id, text: 'changed' }),
        core.dispatch('scorecards.submit', { id: card.id }),
      ];
      for (const attempt of locked) {
        expect(await refused(attempt, 'conflict')).toMatch(
          /submitted on \d{4}-\d{2}-\d{2}, so it is locked\. Reopen it/,
        );
      }
      const done = await value<ActionItem>(core.dispatch('scorecards.setActionItemDone', { id: item.id, done: true }));
      expect(done.done).toBe(true);
      expect(done.doneAt).not.toBeNull();

      const reopened = await value<Scorecard>(core.dispatch('scorecards.reopen', { id: card.id }));
      expect(reopened).toMatchObject({ status: 'draft', submittedAt: null, strengths: 'Warm opener' });
      await value(core.dispatch('scorecards.update', { id: card.id, strengths: 'Warm opener, good pace' }));
      await refused(core.dispatch('scorecards.reopen', { id: card.id }), 'conflict');
    }),
  );

  it(
    'a scorecard goes to the trash and back; a reviewer cannot end up with two live ones',
    withCore(async (core) => {
      const coach = await person(core, 'Cora', 'coach');
      const callId = insertCall(core);
      const rubric = await fundamentals(core);
      const start = async () => {
        const card = await value<Scorecard>(as(core, coach.id)('scorecards.start', { callId, rubricId: rubric.id }));
        await scoreAll(core, card, [3]);
        return card;
      };
      const first = await start();
      await value(core.dispatch('scorecards.remove', { id: first.id }));
      const second = await start();
      expect(second.id).not.toBe(first.id);
      expect(await refused(core.dispatch('scorecards.restore', { id: first.id }), 'conflict')).toMatch(
        /Cora already has a scorecard/,
      );
      await value(core.dispatch('scorecards.remove', { id: second.id }));
      expect((await value<Scorecard>(core.dispatch('scorecards.restore', { id: first.id }))).id).toBe(first.id);
    }),
  );
});

describe('blind scoring and calibration', () => {
  it(
    'hides other reviewers’ scores until the viewer submits, then reveals spread, agreement and alpha',
    withCore(async (core) => {
      const rep = await person(core, 'Ray');
      const ann = await person(core, 'Ann', 'coach');
      const ben = await person(core, 'Ben');
      const cat = await person(core, 'Cat', 'admin');
      const callId = insertCall(core, { repId: rep.id });
      const rubric = await fundamentals(core);
      const start = (reviewerId: string) =>
        value<Scorecard>(as(core, reviewerId)('scorecards.start', { callId, rubricId: rubric.id }));
      const forCall = (viewerId: string) => value<CallScorecards>(as(core, viewerId)('scorecards.forCall', { callId }));

      const a = await start(ann.id);
      await scoreAll(core, a, [4, 3, 5, 2], 'SECRET-ANN');
      await value(core.dispatch('scorecards.submit', { id: a.id }));
      const b = await start(ben.id);
      await scoreAll(core, b, [2, 3, 4, 2], 'SECRET-BEN');

      // Ben has not submitted: he sees his own draft, who else is scoring, and nothing of Ann's.
      const blind = await forCall(ben.id);
      expect(blind.mine.map((s) => s.id)).toEqual([b.id]);
      expect(blind.groups).toHaveLength(1);
      expect(blind.groups[0]).toMatchObject({ revealed: false, reveal: null });
      expect(blind.groups[0]?.reviewers.map((r) => [r.reviewerName, r.status])).toEqual([
        ['Ann', 'submitted'],
        ['Ben', 'draft'],
      ]);
      expect(JSON.stringify(blind)).not.toContain('SECRET-ANN');
      expect(await refused(as(core, ben.id)('scorecards.get', { id: a.id }), 'unauthorized')).toBe(
        'Scoring is blind: submit your own scorecard for this call to see the others.',
      );
      // Someone who has not scored at all is blind too (they may be about to).
      expect(JSON.stringify(await forCall(cat.id))).not.toContain('SECRET');
      // Ann has submitted, but Ben's draft is not an answer yet: her reveal holds only her own.
      const annView = await forCall(ann.id);
      expect(annView.groups[0]?.reveal?.scorecards.map((s) => s.id)).toEqual([a.id]);
      expect(JSON.stringify(annView)).not.toContain('SECRET-BEN');
      await refused(as(core, ann.id)('scorecards.get', { id: b.id }), 'unauthorized');

      // Only Ben changes Ben's scorecard.
      expect(await refused(core.dispatch('scorecards.submit', { id: b.id }), 'forbidden')).toMatch(/Ben’s/);
      await value(as(core, ben.id)('scorecards.submit', { id: b.id }));
      const c = await start(cat.id);
      await scoreAll(core, c, [5, 3, 4, null]);
      await value(core.dispatch('scorecards.submit', { id: c.id }));

      const reveal = (await forCall(ben.id)).groups[0]?.reveal;
      expect(reveal?.scorecards.map((s) => [s.reviewerName, s.overallScore])).toEqual([
        ['Ann', 3.45],
        ['Ben', 2.65],
        // Deal Progression unscored: (30·5 + 25·3 + 20·4) / 75 = 4.07.
        ['Cat', 4.07],
      ]);
      // Disagreements first. Discovery 4/2/5: spread 3, one pair of three within a point.
      // Then full agreement by widest spread: Objection 5/4/4 (1), Value 3/3/3 (0), Deal 2/2/– (0).
      expect(reveal?.criteria.map((k) => [k.name, k.spread, k.agreement, k.pairs])).toEqual([
        ['Discovery Skills', 3, 1 / 3, 3],
        ['Objection Handling', 1, 1, 3],
        ['Value Communication', 0, 1, 3],
        ['Deal Progression', 0, 1, 1],
      ]);
      expect(reveal?.criteria[0]?.scores.map((s) => s.score)).toEqual([4, 2, 5]);
      // Interval alpha by hand over units {4,2,5} {3,3,3} {5,4,4} {2,2}: n = 11,
      // observed Σ = 28/2 + 0 + 4/2 + 0 = 16, expected Σ = 2n·Σ(v−v̄)² = 22 · 138/11 = 276,
      // α = 1 − (n−1)·16/276 = 29/69.
      expect(reveal?.alphaMetric).toBe('interval');
      expect(reveal?.alpha).toBeCloseTo(29 / 69, 12);

      // Everyone else who submitted sees the same reveal.
      expect((await forCall(ann.id)).groups[0]?.reveal?.criteria).toEqual(reveal?.criteria);
      expect((await value<Scorecard>(as(core, ben.id)('scorecards.get', { id: a.id }))).id).toBe(a.id);
    }),
  );

  it(
    'computes alpha over peer and coach reviewers only; a self-review is shown beside it, never counted',
    withCore(async (core) => {
      const rep = await person(core, 'Ray');
      const ann = await person(core, 'Ann', 'coach');
      const ben = await person(core, 'Ben');
      const callId = insertCall(core, { repId: rep.id });
      const rubric = await fundamentals(core);
      const card = async (reviewerId: string, scores: Array<number | null>) => {
        const c = await value<Scorecard>(as(core, reviewerId)('scorecards.start', { callId, rubricId: rubric.id }));
        await scoreAll(core, c, scores);
        await value(core.dispatch('scorecards.submit', { id: c.id }));
        return c;
      };
      const reveal = async (viewerId: string) =>
        (await value<CallScorecards>(as(core, viewerId)('scorecards.forCall', { callId }))).groups[0]!.reveal!;

      await card(ann.id, [4, 3, 5, 2]);
      await card(ben.id, [2, 3, 4, 2]);
      // By hand, interval alpha over units {4,2} {3,3} {5,4} {2,2}: n = 8, observed Σ = 8 + 0 + 2 + 0 = 10;
      // the values sum to 25 and their squares to 87, so Σ(v−v̄)² = 87 − 625/8 = 8.875 and the expected
      // Σ = 2n · 8.875 = 142; α = 1 − (n−1) · 10/142 = 72/142 = 36/71.
      const without = await reveal(ann.id);
      expect(without.alpha).toBeCloseTo(36 / 71, 12);
      expect(without.alphaReviewers).toBe(2);
      expect(without.selfReview).toBeNull();
      expect(without.criteria.every((c) => c.self === null)).toBe(true);

      // Ray, the call's rep, reviews himself generously: 5, 5, 5 and leaves Deal Progression unscored.
      const self = await card(rep.id, [5, 5, 5, null]);
      expect(self.reviewerKind).toBe('self');
      const withSelf = await reveal(ann.id);
      // Counted as a third reviewer he would change alpha (so this can fail); he is not counted.
      const counted = krippendorffAlpha(
        [
          [4, 2, 5],
          [3, 3, 5],
          [5, 4, 5],
          [2, 2],
        ],
        'interval',
      );
      expect(counted).not.toBeCloseTo(36 / 71, 3);
      expect(withSelf.alpha).toBeCloseTo(36 / 71, 12);
      expect(withSelf.alphaReviewers).toBe(2);
      expect(withSelf.scorecards.map((s) => [s.reviewerName, s.reviewerKind])).toEqual([
        ['Ann', 'coach'],
        ['Ben', 'peer'],
        ['Ray', 'self'],
      ]);
      // Beside it: his score, the reviewers' mean and self − mean per criterion; spread and agreement
      // stay the reviewers' (Discovery 4/2: spread 2, not 3 with his 5).
      const byName = new Map(withSelf.criteria.map((c) => [c.name, c]));
      expect(
        ['Discovery Skills', 'Value Communication', 'Objection Handling', 'Deal Progression'].map((n) => [
          n,
          byName.get(n)!.self,
          byName.get(n)!.spread,
          byName.get(n)!.pairs,
        ]),
      ).toEqual([
        ['Discovery Skills', { score: 5, reviewersMean: 3, distance: 2 }, 2, 1],
        ['Value Communication', { score: 5, reviewersMean: 3, distance: 2 }, 0, 1],
        ['Objection Handling', { score: 5, reviewersMean: 4.5, distance: 0.5 }, 1, 1],
        ['Deal Progression', { score: null, reviewersMean: 2, distance: null }, 0, 1],
      ]);
      // Mean |distance| over the three criteria both sides scored: (2 + 2 + 0.5) / 3 = 1.5.
      expect(withSelf.selfReview).toMatchObject({ reviewerName: 'Ray', meanDistance: 1.5, compared: 3 });
      // Ray sees the same reveal once he has submitted.
      expect((await reveal(rep.id)).alpha).toBeCloseTo(36 / 71, 12);
    }),
  );

  it(
    'records the agreed score and the anchor note after the reveal, and only then',
    withCore(async (core) => {
      const ann = await person(core, 'Ann', 'coach');
      const ben = await person(core, 'Ben');
      const callId = insertCall(core);
      const rubric = await fundamentals(core);
      const discovery = rubric.latest.criteria[0]?.id as string;
      const a = await value<Scorecard>(as(core, ann.id)('scorecards.start', { callId, rubricId: rubric.id }));
      await scoreAll(core, a, [4, 3, 3, 3]);

      const note = {
        callId,
        criterionId: discovery,
        agreedScore: 3,
        note: 'A 4 needs the pain quantified, not just named',
      };
      expect(await refused(as(core, ann.id)('scorecards.calibrate', { ...note }), 'unauthorized')).toMatch(
        /Submit your own scorecard for this call first/,
      );
      expect(count(core, 'calibration_notes')).toBe(0);
      await value(core.dispatch('scorecards.submit', { id: a.id }));
      await refused(as(core, ann.id)('scorecards.calibrate', { ...note, agreedScore: 6 }), 'invalid_input');
      expect(count(core, 'calibration_notes')).toBe(0);

      const view = await value<CallScorecards>(as(core, ann.id)('scorecards.calibrate', { ...note }));
      const row = view.groups[0]?.reveal?.criteria.find((k) => k.criterionId === discovery);
      expect(row).toMatchObject({ agreedScore: 3, note: note.note, noteAuthorId: ann.id });
      // Changing only the note keeps the agreed score.
      await value(as(core, ann.id)('scorecards.calibrate', { callId, criterionId: discovery, note: 'Quantified' }));
      const b = await value<Scorecard>(as(core, ben.id)('scorecards.start', { callId, rubricId: rubric.id }));
      await scoreAll(core, b, [3, 3, 3, 3]);
      await value(core.dispatch('scorecards.submit', { id: b.id }));
      const benView = await value<CallScorecards>(as(core, ben.id)('scorecards.forCall', { callId }));
      expect(benView.groups[0]?.reveal?.criteria.find((k) => k.criterionId === discovery)).toMatchObject({
        agreedScore: 3,
        note: 'Quantified',
      });
    }),
  );
});

describe('rep page', () => {
  it(
    'shows the rep’s calls, submitted scorecards, open action items until done, and scores over time',
    withCore(async (core) => {
      const rep = await person(core, 'Ray');
      const coach = await person(core, 'Cora', 'coach');
      const rubric = await fundamentals(core);
      const early = insertCall(core, { repId: rep.id, title: 'Acme discovery', callDate: '2026-10-01' });
      const late = insertCall(core, { repId: rep.id, title: 'Acme demo', callDate: '2026-11-15' });
      insertCall(core, { title: 'Someone else' });

      const first = await value<Scorecard>(
        as(core, coach.id)('scorecards.start', { callId: early, rubricId: rubric.id }),
      );
      await scoreAll(core, first, [2, 3, 3, 2]);
      const item = await value<ActionItem>(
        core.dispatch('scorecards.addActionItem', {
          scorecardId: first.id,
          text: 'Quantify the pain',
          dueDate: '2026-10-10',
        }),
      );
      const coachItem = await value<ActionItem>(
        core.dispatch('scorecards.addActionItem', { scorecardId: first.id, text: 'Share a call', ownerId: coach.id }),
      );
      await value(core.dispatch('scorecards.submit', { id: first.id }));
      const second = await value<Scorecard>(
        as(core, coach.id)('scorecards.start', { callId: late, rubricId: rubric.id }),
      );
      await scoreAll(core, second, [4, 3, 4, 3]);
      // A draft's action items are not the rep's yet.
      await value(core.dispatch('scorecards.addActionItem', { scorecardId: second.id, text: 'Draft item' }));

      let page = await value<RepPage>(core.dispatch('scorecards.forRep', { personId: rep.id }));
      expect(page.calls.map((c) => [c.title, c.scorecardCount])).toEqual([
        ['Acme demo', 0],
        ['Acme discovery', 1],
      ]);
      expect(page.scorecards.map((s) => [s.callTitle, s.overallScore])).toEqual([['Acme discovery', 2.45]]);
      expect(page.openActionItems.map((i) => [i.text, i.callTitle])).toEqual([
        ['Quantify the pain', 'Acme discovery'],
        ['Share a call', 'Acme discovery'],
      ]);
      expect(page.progress.map((p) => [p.date, p.criterionName, p.score])).toEqual([
        ['2026-10-01', 'Discovery Skills', 2],
        ['2026-10-01', 'Value Communication', 3],
        ['2026-10-01', 'Objection Handling', 3],
        ['2026-10-01', 'Deal Progression', 2],
      ]);

      await value(core.dispatch('scorecards.submit', { id: second.id }));
      await value(core.dispatch('scorecards.setActionItemDone', { id: item.id, done: true }));
      page = await value<RepPage>(core.dispatch('scorecards.forRep', { personId: rep.id }));
      expect(page.openActionItems.map((i) => i.id)).toEqual([coachItem.id, expect.any(String)]);
      expect(page.openActionItems.map((i) => i.text)).toEqual(['Share a call', 'Draft item']);
      const discovery = page.progress.filter((p) => p.criterionName === 'Discovery Skills');
      expect(discovery.map((p) => [p.date, p.score])).toEqual([
        ['2026-10-01', 2],
        ['2026-11-15', 4],
      ]);
      expect(new Set(discovery.map((p) => p.criterionKey)).size).toBe(1);

      // The blind rule holds on the rep's own page: until they submit a self-review of a call, nothing
      // of the coach's scoring of it reaches them — not while a draft is open either.
      const self = await value<Scorecard>(as(core, rep.id)('scorecards.start', { callId: late, rubricId: rubric.id }));
      page = await value<RepPage>(core.dispatch('scorecards.forRep', { personId: rep.id }));
      expect(page.scorecards).toEqual([]);
      expect(page.progress).toEqual([]);
      await scoreAll(core, self, [3, 3, 3, 3]);
      await value(core.dispatch('scorecards.submit', { id: self.id }));
      page = await value<RepPage>(core.dispatch('scorecards.forRep', { personId: rep.id }));
      expect(page.scorecards.map((s) => [s.callTitle, s.reviewerKind])).toEqual([
        ['Acme demo', 'self'],
        ['Acme demo', 'coach'],
      ]);
      expect(page.progress.every((p) => p.callId === late)).toBe(true);
    }),
  );
});

describe('schema room for drills and sessions', () => {
  it(
    'a scorecard scores exactly one of a call or a drill attempt, and the database holds scores to the scale',
    withCore(async (core) => {
      const coach = await person(core, 'Cora', 'coach');
      const callId = insertCall(core);
      const rubric = await fundamentals(core);
      const now = nowIso();
      const insert = core.db.prepare(
        `INSERT INTO scorecards (id, call_id, attempt_id, rubric_version_id, reviewer_id, reviewer_kind, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'coach', ?, ?)`,
      );
      // A real attempt to score (migration 005 refuses a scorecard for an attempt that does not exist).
      const attemptId = newId();
      const drill = core.db.prepare(`SELECT id FROM drills LIMIT 1`).get() as { id: string };
      const sha = core.db.prepare(`SELECT media_sha256 AS sha FROM calls WHERE id = ?`).get(callId) as { sha: string };
      core.db
        .prepare(
          `INSERT INTO attempts (id, drill_id, media_sha256, duration_sec, created_at, updated_at) VALUES (?, ?, ?, 5, ?, ?)`,
        )
        .run(attemptId, drill.id, sha.sha, now, now);
      expect(() => insert.run(newId(), callId, attemptId, rubric.latest.id, coach.id, now, now)).toThrow(/CHECK/);
      expect(() => insert.run(newId(), null, null, rubric.latest.id, coach.id, now, now)).toThrow(/CHECK/);
      expect(() => insert.run(newId(), null, newId(), rubric.latest.id, coach.id, now, now)).toThrow(/missing attempt/);
      const attemptCard = newId();
      insert.run(attemptCard, null, attemptId, rubric.latest.id, coach.id, now, now);
      expect(() =>
        core.db
          .prepare(
            `INSERT INTO scorecard_scores (id, scorecard_id, criterion_id, score, created_at, updated_at) VALUES (?, ?, ?, 6, ?, ?)`,
          )
          .run(newId(), attemptCard, rubric.latest.criteria[0]?.id, now, now),
      ).toThrow(/CHECK/);
    }),
  );
});
