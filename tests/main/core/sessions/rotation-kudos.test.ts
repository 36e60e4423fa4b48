import { describe, expect, it } from 'vitest';
import type {
  ActionItem,
  Kudos,
  KudosBadge,
  PersonSessions,
  ReviewSession,
  SessionFeedback,
} from '../../../../src/shared/domain';
import { DEFAULT_KUDOS_BADGES } from '../../../../src/shared/domain';
import { insertAttempt, insertCall, person, record, refused, session, value, withCore } from './helpers';

describe('rotate roles', () => {
  it(
    'is fair over 10 sessions: everyone presents within one of the mean',
    withCore(async (core) => {
      const team = await Promise.all(['Ana', 'Ben', 'Cy', 'Dee', 'Eli'].map((name) => person(core, name)));
      const ids = team.map((p) => p.id);
      const presented = new Map(ids.map((id) => [id, 0]));
      const facilitated = new Map(ids.map((id) => [id, 0]));
      for (let week = 0; week < 10; week++) {
        // Agendas of different lengths, as real weeks are.
        let s = await session(core, 'create', {
          title: `Week ${week + 1}`,
          date: `2026-01-${String(week + 10)}`,
          participantIds: ids,
        });
        for (let n = 0; n < 2 + (week % 3); n++) {
          s = await session(core, 'addItem', { sessionId: s.id, kind: 'deal', title: `Deal ${n + 1}` });
        }
        s = await session(core, 'rotateRoles', { sessionId: s.id });
        const facilitators = new Set<string>();
        for (const item of s.items) {
          expect(item.presenterId).not.toBeNull();
          expect(item.facilitatorId).not.toBe(item.presenterId);
          // Everyone else in the room reviews.
          expect(new Set([item.presenterId, item.facilitatorId, ...item.reviewerIds])).toEqual(new Set(ids));
          presented.set(item.presenterId!, presented.get(item.presenterId!)! + 1);
          facilitators.add(item.facilitatorId!);
        }
        for (const f of facilitators) facilitated.set(f, facilitated.get(f)! + 1);
      }
      const counts = [...presented.values()];
      const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
      for (const c of counts) expect(Math.abs(c - mean)).toBeLessThanOrEqual(1);
      // Facilitating rotates too: nobody drives the laptop every week.
      expect(Math.max(...facilitated.values())).toBeLessThan(10);
      expect(Math.min(...facilitated.values())).toBeGreaterThanOrEqual(1);
    }),
  );

  it(
    'leaves absentees out and needs two people',
    withCore(async (core) => {
      const [ana, ben, cy] = await Promise.all(['Ana', 'Ben', 'Cy'].map((name) => person(core, name)));
      let s = await session(core, 'create', {
        title: 'Small',
        date: '2026-02-01',
        participantIds: [ana!.id, ben!.id, cy!.id],
      });
      s = await session(core, 'addItem', { sessionId: s.id, kind: 'deal' });
      s = await session(core, 'addItem', { sessionId: s.id, kind: 'deal' });
      await session(core, 'setAttendance', { sessionId: s.id, personId: cy!.id, attended: false });
      s = await session(core, 'rotateRoles', { sessionId: s.id });
      for (const item of s.items) {
        expect([item.presenterId, item.facilitatorId, ...item.reviewerIds]).not.toContain(cy!.id);
      }
      await session(core, 'setAttendance', { sessionId: s.id, personId: ben!.id, attended: false });
      expect(await refused(core.dispatch('sessions.rotateRoles', { sessionId: s.id }), 'invalid_input')).toMatch(
        /at least two participants/,
      );
    }),
  );
});

describe('rotate roles on calls and attempts', () => {
  it(
    'keeps the call’s rep and the attempt’s owner as the reviewee, rotates the rest, and aims feedback at them',
    withCore(async (core) => {
      const [ray, pia, kim, otto] = await Promise.all(
        [
          ['Ray', 'rep'],
          ['Pia', 'rep'],
          ['Kim', 'coach'],
          ['Otto', 'rep'],
        ].map(([name, role]) => person(core, name!, role as 'rep' | 'coach')),
      );
      const ids = [ray!.id, pia!.id, kim!.id, otto!.id];
      const callId = insertCall(core, { repId: ray!.id, title: 'Ray’s discovery call' });
      const attemptId = insertAttempt(core, { personId: pia!.id });
      const facilitated = new Set<string>();
      for (let week = 0; week < 4; week++) {
        let s = await session(core, 'create', {
          title: `Week ${week + 1}`,
          date: `2026-03-${String(week + 10)}`,
          participantIds: ids,
        });
        s = await session(core, 'addItem', { sessionId: s.id, kind: 'call', callId });
        s = await session(core, 'addItem', { sessionId: s.id, kind: 'attempt', attemptId });
        s = await session(core, 'addItem', { sessionId: s.id, kind: 'deal', title: 'Acme renewal' });
        // Someone set Otto to present Ray's call by hand: rotating puts Ray back.
        s = await session(core, 'updateItem', { id: s.items[0]!.id, presenterId: otto!.id });
        s = await session(core, 'rotateRoles', { sessionId: s.id });
        const [call, attempt, deal] = s.items;
        expect([call!.presenterId, attempt!.presenterId]).toEqual([ray!.id, pia!.id]);
        for (const item of s.items) {
          expect(item.facilitatorId).not.toBe(item.presenterId);
          expect(item.reviewerIds).not.toContain(item.presenterId);
          expect(new Set([item.presenterId, item.facilitatorId, ...item.reviewerIds])).toEqual(new Set(ids));
          facilitated.add(item.facilitatorId!);
        }
        // The deal has no rep of its own: it still rotates among the others (Ray and Pia already present).
        expect([kim!.id, otto!.id]).toContain(deal!.presenterId);

        // Feedback and action items captured on the call are for Ray, whoever presents or facilitates.
        s = await session(core, 'start', { id: s.id });
        const feedback = await value<SessionFeedback>(
          core.dispatch('sessions.addFeedback', {
            sessionId: s.id,
            authorId: kim!.id,
            kind: 'strength',
            body: `Clear agenda, week ${week + 1}`,
          }),
        );
        expect(feedback.subjectId).toBe(ray!.id);
        const onAttempt = await value<SessionFeedback>(
          core.dispatch('sessions.addFeedback', {
            sessionId: s.id,
            itemId: attempt!.id,
            authorId: otto!.id,
            kind: 'improvement',
            body: 'Name the price sooner',
          }),
        );
        expect(onAttempt.subjectId).toBe(pia!.id);
        const action = await value<ActionItem>(
          core.dispatch('sessions.addActionItem', { sessionId: s.id, text: 'Send the recap' }),
        );
        expect(action.ownerId).toBe(ray!.id);
      }
      // Facilitating still rotates: over four weeks more than one person drives the laptop.
      expect(facilitated.size).toBeGreaterThan(1);
    }),
  );

  it(
    'keeps an absent rep as the reviewee of their call',
    withCore(async (core) => {
      const [ray, pia, kim] = await Promise.all(['Ray', 'Pia', 'Kim'].map((name) => person(core, name)));
      const callId = insertCall(core, { repId: ray!.id });
      let s = await session(core, 'create', {
        title: 'Without Ray',
        date: '2026-03-20',
        participantIds: [pia!.id, kim!.id],
      });
      s = await session(core, 'addItem', { sessionId: s.id, kind: 'call', callId });
      s = await session(core, 'rotateRoles', { sessionId: s.id });
      expect(s.items[0]!.presenterId).toBe(ray!.id);
      expect(new Set([s.items[0]!.facilitatorId, ...s.items[0]!.reviewerIds])).toEqual(new Set([pia!.id, kim!.id]));
    }),
  );
});

describe('kudos', () => {
  it(
    'starts with the default badges, which are editable',
    withCore(async (core) => {
      const badges = await value<KudosBadge[]>(core.dispatch('kudos.badges', undefined));
      expect(badges.map((b) => b.name)).toEqual(DEFAULT_KUDOS_BADGES.map((b) => b.name));
      const added = await value<KudosBadge>(
        core.dispatch('kudos.addBadge', { name: 'Calm under fire', icon: 'snowflake' }),
      );
      expect(await refused(core.dispatch('kudos.addBadge', { name: 'calm UNDER fire' }), 'conflict')).toMatch(
        /already a badge called/,
      );
      await value(core.dispatch('kudos.updateBadge', { id: added.id, name: 'Ice cold' }));
      await value(core.dispatch('kudos.removeBadge', { id: badges[0]!.id }));
      const after = await value<KudosBadge[]>(core.dispatch('kudos.badges', undefined));
      expect(after.map((b) => b.name)).toContain('Ice cold');
      expect(after.map((b) => b.name)).not.toContain(badges[0]!.name);
    }),
  );

  it(
    'are given for a moment and shown on the call, the person and the session',
    withCore(async (core) => {
      const ana = await person(core, 'Ana Rep');
      const cy = await person(core, 'Cy Coach', 'coach');
      const callId = insertCall(core, { repId: ana.id, durationSec: 120, title: 'Acme discovery' });
      const attemptId = insertAttempt(core, { personId: ana.id, durationSec: 30 });
      const [discovery, crusher] = await value<KudosBadge[]>(core.dispatch('kudos.badges', undefined));
      let s: ReviewSession = await session(core, 'create', {
        title: 'Week 1',
        date: '2026-03-01',
        participantIds: [ana.id, cy.id],
      });
      s = await session(core, 'addItem', { sessionId: s.id, kind: 'call', callId });
      const events = record(core, 'kudos.changed');

      const onCall = await value<Kudos>(
        core.dispatch('kudos.give', {
          giverId: cy.id,
          recipientId: ana.id,
          badgeId: discovery!.id,
          reason: 'Found the real pain in one question',
          callId,
          atSec: 42.5,
          sessionId: s.id,
          itemId: s.items[0]!.id,
        }),
      );
      expect(onCall).toMatchObject({
        callTitle: 'Acme discovery',
        sessionTitle: 'Week 1',
        atSec: 42.5,
        giverName: 'Cy Coach',
      });
      expect(events).toEqual([{ ids: [onCall.id], recipientIds: [ana.id], callIds: [callId], sessionIds: [s.id] }]);
      await value(
        core.dispatch('kudos.give', {
          giverId: cy.id,
          recipientId: ana.id,
          badgeId: crusher!.id,
          reason: 'Handled "too expensive" calmly',
          attemptId,
          atSec: 12,
        }),
      );

      expect((await value<Kudos[]>(core.dispatch('kudos.list', { callId }))).map((k) => k.atSec)).toEqual([42.5]);
      expect((await session(core, 'get', { id: s.id })).kudos.map((k) => k.id)).toEqual([onCall.id]);
      const page = await value<PersonSessions>(core.dispatch('sessions.forPerson', { personId: ana.id }));
      expect(page.kudos.map((k) => k.badgeName)).toEqual([crusher!.name, discovery!.name]);

      expect(
        await refused(
          core.dispatch('kudos.give', {
            giverId: cy.id,
            recipientId: ana.id,
            badgeId: discovery!.id,
            reason: 'x',
            callId,
            atSec: 500,
          }),
          'invalid_input',
        ),
      ).toMatch(/past the end of “Acme discovery”/);
      expect(
        await refused(
          core.dispatch('kudos.give', {
            giverId: cy.id,
            recipientId: ana.id,
            badgeId: discovery!.id,
            reason: 'x',
            callId,
          }),
          'invalid_input',
        ),
      ).toMatch(/Say which moment/);
      await value(core.dispatch('kudos.removeBadge', { id: discovery!.id }));
      expect(
        await refused(
          core.dispatch('kudos.give', {
            giverId: cy.id,
            recipientId: ana.id,
            badgeId: discovery!.id,
            reason: 'x',
            callId,
            atSec: 1,
          }),
          'invalid_input',
        ),
      ).toMatch(/was removed; pick another/);
      // Kudos already given keep their badge.
      expect((await value<Kudos[]>(core.dispatch('kudos.list', { callId })))[0]!.badgeName).toBe(discovery!.name);
    }),
  );
});
