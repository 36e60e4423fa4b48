import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../src/main/core/dispatch';
import type { RuleTable } from '../../../../src/main/core/policy/rules';
import { RULES, ruleOf } from '../../../../src/main/core/policy/rules';
import type { Handlers } from '../../../../src/shared/contract';
import { methodNames } from '../../../../src/shared/contract';
import type {
  ActionItem,
  Annotation,
  AnnotationReply,
  Person,
  RubricSummary,
  Scorecard,
} from '../../../../src/shared/domain';
import { actAs, as } from '../../../helpers/acting';
import { count, insertCall, person, refused, value, withCore } from '../coaching/helpers';

const me: Person = {
  id: '01900000-0000-7000-8000-000000000001',
  name: 'Ray',
  role: 'rep',
  email: null,
  teamId: null,
  isMe: true,
  createdAt: 'x',
  updatedAt: 'x',
};
const handlers = { app: { info: () => 'info' }, drills: { plan: () => 'plan' } } as unknown as Handlers;

describe('the policy rule table', () => {
  it('classifies every method of the contract, and nothing else', () => {
    const unclassified = methodNames().filter(([d, m]) => !ruleOf(d, m));
    expect(unclassified).toEqual([]);
    const known = new Set(methodNames().map(([d, m]) => `${d}.${m}`));
    const stale = Object.entries(RULES).flatMap(([d, ms]) =>
      Object.keys(ms).flatMap((m) => (known.has(`${d}.${m}`) ? [] : [`${d}.${m}`])),
    );
    expect(stale).toEqual([]);
  });

  it('every method that returns scores or feedback about people needs an actor', () => {
    for (const channel of [
      'scorecards.forCall',
      'scorecards.get',
      'scorecards.forRep',
      'drills.plan',
      'drills.attempt',
      'drills.attemptScorecards',
      'packets.export',
      'packets.exportAttempt',
    ]) {
      const [d, m] = channel.split('.') as [string, string];
      expect([channel, ruleOf(d, m)]).toEqual([channel, 'scoring']);
    }
  });

  it('the dispatcher refuses a method without a rule, and an acting method when no one is "me"', async () => {
    const { plan: _omitted, ...drillRules } = RULES.drills;
    const missing = { ...RULES, drills: drillRules } as unknown as RuleTable;
    const refuse = createDispatcher(handlers, () => ({ actor: me }), missing);
    const answer = await refuse('drills.plan', { personId: me.id });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const nobody = createDispatcher(handlers, () => ({ actor: null }));
    expect(await nobody('drills.plan', { personId: me.id })).toMatchObject({ ok: false, error: { code: 'no_actor' } });
    expect(await nobody('app.info', undefined)).toEqual({ ok: true, value: 'info' });
    const someone = createDispatcher(handlers, () => ({ actor: me }));
    expect(await someone('drills.plan', { personId: me.id })).toEqual({ ok: true, value: 'plan' });
  });
});

describe('what was left open, now decided once in the core', () => {
  it(
    'annotations and replies: edited only by their author; removed by their author or a coach',
    withCore(async (core) => {
      const rep = await person(core, 'Ray');
      const peer = await person(core, 'Pia');
      const coach = await person(core, 'Cora', 'coach');
      const callId = insertCall(core, { repId: rep.id });
      const note = await value<Annotation>(
        as(core, peer.id)('annotations.create', { callId, startSec: 3, body: 'Hm' }),
      );
      const reply = await value<AnnotationReply>(
        as(core, rep.id)('annotations.reply', { annotationId: note.id, body: 'Yes' }),
      );
      const before = JSON.stringify(await value(core.dispatch('annotations.list', { callId })));
      // Nobody else's words: the rep cannot edit or remove the peer's note, the coach cannot edit it.
      expect(await refused(as(core, rep.id)('annotations.update', { id: note.id, body: 'x' }), 'forbidden')).toMatch(
        /Only the author of this annotation/,
      );
      await refused(as(core, rep.id)('annotations.remove', { id: note.id }), 'forbidden');
      await refused(as(core, coach.id)('annotations.update', { id: note.id, body: 'x' }), 'forbidden');
      await refused(as(core, peer.id)('annotations.updateReply', { id: reply.id, body: 'x' }), 'forbidden');
      await refused(as(core, peer.id)('annotations.removeReply', { id: reply.id }), 'forbidden');
      // (Asked as the same person: the list says what its asker may do with each comment.)
      expect(JSON.stringify(await value(as(core, rep.id)('annotations.list', { callId })))).toBe(before);
      // The author edits; a coach may tidy up (remove and restore).
      await value(as(core, peer.id)('annotations.update', { id: note.id, body: 'Hm, rushed' }));
      await value(as(core, coach.id)('annotations.removeReply', { id: reply.id }));
      await value(as(core, coach.id)('annotations.remove', { id: note.id }));
      await refused(as(core, rep.id)('annotations.restore', { id: note.id }), 'forbidden');
      await value(as(core, coach.id)('annotations.restore', { id: note.id }));
    }),
  );

  it(
    'an action item is ticked off by the person reviewed, its owner or its reviewer — nobody else',
    withCore(async (core) => {
      const rep = await person(core, 'Ray');
      const other = await person(core, 'Otto');
      const coach = await person(core, 'Cora', 'coach');
      const callId = insertCall(core, { repId: rep.id });
      const rubricId = (await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined)))[0]!.id;
      const card = await value<Scorecard>(as(core, coach.id)('scorecards.start', { callId, rubricId }));
      const item = await value<ActionItem>(
        as(core, coach.id)('scorecards.addActionItem', {
          scorecardId: card.id,
          text: 'Book the next step',
          ownerId: null,
        }),
      );
      expect(
        await refused(as(core, other.id)('scorecards.setActionItemDone', { id: item.id, done: true }), 'forbidden'),
      ).toMatch(/person reviewed/);
      expect(count(core, 'action_items WHERE done_at IS NOT NULL')).toBe(0);
      expect(
        (await value<ActionItem>(as(core, rep.id)('scorecards.setActionItemDone', { id: item.id, done: true }))).done,
      ).toBe(true);
      expect(
        (await value<ActionItem>(as(core, coach.id)('scorecards.setActionItemDone', { id: item.id, done: false })))
          .done,
      ).toBe(false);
    }),
  );

  it(
    'inspecting or importing a packet needs someone to be "me"',
    withCore(async (core) => {
      await actAs(core, null);
      const file = core.files.register(__filename);
      expect(await refused(core.dispatch('packets.inspect', { file }), 'no_actor')).toMatch(/Choose who you are/);
      await refused(core.dispatch('packets.import', { stageId: '01900000-0000-7000-8000-000000000009' }), 'no_actor');
    }),
  );
});
