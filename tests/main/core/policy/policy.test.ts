import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../src/main/core/dispatch';
import type { RuleTable } from '../../../../src/main/core/policy/rules';
import { RULES, ruleOf } from '../../../../src/main/core/policy/rules';
import type { Handlers } from '../../../../src/shared/contract';
import { methodNames } from '../../../../src/shared/contract';
import type { Person } from '../../../../src/shared/domain';

const me: Person = {
  id: '01900000-0000-7000-8000-000000000001',
  name: 'Ray',
  role: 'rep',
  email: null,
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
