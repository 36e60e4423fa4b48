/**
 * A person's page as a reviewer and as a reviewee (issue 11, item 4): a
 * coach's page shows the reviews they gave and the feedback they wrote; a
 * rep's page shows what review sessions said about them, and live session
 * scores count in their progress through the blind rule.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import type {
  RepPage,
  ReviewSession,
  Rubric,
  RubricSummary,
  Scorecard,
  SessionFeedback,
} from '../../../../src/shared/domain';
import { actAs, as } from '../../../helpers/acting';
import { insertCall, person, value, withCore } from './helpers';

async function fundamentals(core: Core): Promise<Rubric> {
  const list = await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined));
  return value<Rubric>(
    core.dispatch('rubrics.get', { id: list.find((r) => r.name === 'Sales Call Fundamentals')!.id }),
  );
}

/** Starts, scores every criterion with `score` and submits a scorecard as `reviewerId`. */
async function review(core: Core, reviewerId: string, callId: string, rubricId: string, score: number) {
  const card = await value<Scorecard>(as(core, reviewerId)('scorecards.start', { callId, rubricId }));
  for (const s of card.scores)
    await value(core.dispatch('scorecards.setScore', { id: card.id, criterionId: s.criterionId, score }));
  await value(core.dispatch('scorecards.submit', { id: card.id }));
  return card;
}

const pageOf = (core: Core, viewerId: string, personId: string) =>
  value<RepPage>(as(core, viewerId)('scorecards.forRep', { personId }));

describe('a person’s page', () => {
  it(
    'shows a coach the reviews they gave (call and person) and the feedback they wrote on others’ calls',
    withCore(async (core) => {
      const kim = await person(core, 'Kim', 'coach');
      const ray = await person(core, 'Ray');
      const pia = await person(core, 'Pia');
      const rubric = await fundamentals(core);
      const rays = insertCall(core, { repId: ray.id, title: 'Ray × Acme', callDate: '2026-03-01' });
      const pias = insertCall(core, { repId: pia.id, title: 'Pia × Globex', callDate: '2026-03-02' });
      const kims = insertCall(core, { repId: kim.id, title: 'Kim’s own demo', callDate: '2026-03-03' });
      await review(core, kim.id, rays, rubric.id, 4);
      await review(core, kim.id, pias, rubric.id, 2);
      await review(core, kim.id, kims, rubric.id, 5); // a self-review is not a review given
      await value(as(core, kim.id)('annotations.create', { callId: rays, startSec: 12, body: 'Great reframe' }));
      await value(core.dispatch('annotations.create', { callId: kims, startSec: 3, body: 'Note to self' }));

      const own = await pageOf(core, kim.id, kim.id);
      expect(own.reviewsGiven.map((r) => [r.title, r.revieweeName, r.reviewerKind, r.overallScore])).toEqual([
        ['Pia × Globex', 'Pia', 'coach', 2],
        ['Ray × Acme', 'Ray', 'coach', 4],
      ]);
      expect(own.feedbackWritten.map((f) => [f.source, f.title, f.aboutName, f.body, f.atSec])).toEqual([
        ['annotation', 'Ray × Acme', 'Ray', 'Great reframe', 12],
      ]);

      // Ray sees that Kim reviewed his and Pia's calls, but not her scores before he submits his own.
      const byRay = await pageOf(core, ray.id, kim.id);
      expect(byRay.reviewsGiven.map((r) => [r.title, r.overallScore])).toEqual([
        ['Pia × Globex', null],
        ['Ray × Acme', null],
      ]);
      await review(core, ray.id, rays, rubric.id, 3);
      expect((await pageOf(core, ray.id, kim.id)).reviewsGiven.map((r) => [r.title, r.overallScore])).toEqual([
        ['Pia × Globex', null],
        ['Ray × Acme', 4],
      ]);
    }),
  );

  it(
    'brings session feedback to the reviewee’s page, newest first, and counts live scores in their progress blind-safely',
    withCore(async (core) => {
      const kim = await person(core, 'Kim', 'coach');
      const ray = await person(core, 'Ray');
      const pia = await person(core, 'Pia');
      const rubric = await fundamentals(core);
      const callId = insertCall(core, { repId: ray.id, title: 'Ray × Acme', callDate: '2026-03-01', durationSec: 300 });
      let s = await value<ReviewSession>(
        core.dispatch('sessions.create', {
          title: 'Weekly review',
          date: '2026-03-05',
          participantIds: [kim.id, ray.id, pia.id],
        }),
      );
      s = await value<ReviewSession>(
        core.dispatch('sessions.addItem', {
          sessionId: s.id,
          kind: 'clip',
          callId,
          startSec: 30,
          endSec: 60,
          rubricId: rubric.id,
        }),
      );
      s = await value<ReviewSession>(core.dispatch('sessions.rotateRoles', { sessionId: s.id }));
      s = await value<ReviewSession>(core.dispatch('sessions.start', { id: s.id }));
      const item = s.items[0]!;
      const first = await value<SessionFeedback>(
        core.dispatch('sessions.addFeedback', {
          sessionId: s.id,
          authorId: kim.id,
          kind: 'strength',
          body: 'Calm under the price push',
          atSec: 42,
        }),
      );
      const second = await value<SessionFeedback>(
        core.dispatch('sessions.addFeedback', {
          sessionId: s.id,
          authorId: pia.id,
          kind: 'improvement',
          body: 'Ask for the next meeting',
        }),
      );
      expect([first.subjectId, second.subjectId]).toEqual([ray.id, ray.id]);
      const criterionId = rubric.latest.criteria[0]!.id;
      await value(core.dispatch('sessions.setScore', { itemId: item.id, reviewerId: kim.id, criterionId, score: 2 }));

      const page = await pageOf(core, ray.id, ray.id);
      // Newest first; one without a moment of its own opens at the clip's start.
      expect(page.fromSessions.map((f) => [f.body, f.authorName, f.kind, f.sessionTitle, f.callId, f.atSec])).toEqual([
        ['Ask for the next meeting', 'Pia', 'improvement', 'Weekly review', callId, 30],
        ['Calm under the price push', 'Kim', 'strength', 'Weekly review', callId, 42],
      ]);
      // Pia's feedback is on her page as feedback written.
      expect((await pageOf(core, ray.id, pia.id)).feedbackWritten.map((f) => [f.source, f.aboutName, f.body])).toEqual([
        ['session', 'Ray', 'Ask for the next meeting'],
      ]);

      // Kim gave the live score: it is in Ray's progress for her, as a coach's, from the session.
      const sessionPoints = (p: RepPage) =>
        p.progress.filter((x) => x.sessionId).map((x) => [x.reviewerKind, x.score, x.sessionId, x.scorecardId]);
      expect(sessionPoints(await pageOf(core, kim.id, ray.id))).toEqual([['coach', 2, s.id, null]]);
      // Ray and Pia have not submitted a scorecard on the call: the blind rule keeps Kim's score from them.
      expect(sessionPoints(await pageOf(core, ray.id, ray.id))).toEqual([]);
      expect(sessionPoints(await pageOf(core, pia.id, ray.id))).toEqual([]);
      await review(core, ray.id, callId, rubric.id, 4);
      expect(sessionPoints(await pageOf(core, ray.id, ray.id))).toEqual([['coach', 2, s.id, null]]);
      // The point sits on the call's date beside the scorecard's.
      const mine = await pageOf(core, ray.id, ray.id);
      expect(
        mine.progress
          .filter((x) => x.criterionName === rubric.latest.criteria[0]!.name)
          .map((x) => [x.date, x.reviewerKind]),
      ).toEqual([
        ['2026-03-01', 'self'],
        ['2026-03-01', 'coach'],
      ]);
      await actAs(core, null);
    }),
  );
});
