import { describe, expect, it } from 'vitest';
import type {
  Annotation,
  Kudos,
  KudosBadge,
  NotificationList,
  PersonRecognition,
  WallItem,
} from '../../../../src/shared/domain';
import { as } from '../../../helpers/acting';
import { count, insertCall, person, refused, value, withCore } from '../coaching/helpers';
import { firstDrill, insertAttempt, submitScores } from './helpers';

const snapshot = (core: Parameters<Parameters<typeof withCore>[0]>[0]) =>
  JSON.stringify([
    core.db.prepare('SELECT * FROM kudos ORDER BY id').all(),
    core.db.prepare('SELECT * FROM notifications ORDER BY id').all(),
  ]);

describe('kudos anywhere', () => {
  it(
    'gives kudos from a moment, an annotation, an attempt, a scorecard and a person page; the giver is me',
    withCore(async (core) => {
      const cora = await person(core, 'Cora', 'coach');
      const ray = await person(core, 'Ray');
      const callId = insertCall(core, { repId: ray.id, durationSec: 300, title: 'Renewal with Acme' });
      const badges = await value<KudosBadge[]>(core.dispatch('kudos.badges', undefined));
      const byCora = as(core, cora.id);

      const atMoment = await value<Kudos>(
        byCora('recognition.give', {
          recipientId: ray.id,
          badgeId: badges[0]!.id,
          message: 'Great reframe',
          on: { kind: 'call', callId, atSec: 42.5 },
        }),
      );
      expect(atMoment).toMatchObject({
        giverId: cora.id,
        recipientId: ray.id,
        callId,
        atSec: 42.5,
        reason: 'Great reframe',
      });

      const note = await value<Annotation>(
        byCora('annotations.create', { callId, startSec: 61, body: 'Budget question' }),
      );
      const onNote = await value<Kudos>(
        byCora('recognition.give', {
          recipientId: ray.id,
          badgeId: badges[1]!.id,
          on: { kind: 'annotation', annotationId: note.id },
        }),
      );
      // An annotation's kudos play from the annotation's start; a badge alone is enough.
      expect(onNote).toMatchObject({ callId, annotationId: note.id, atSec: 61, reason: '' });

      const drill = firstDrill(core);
      const attemptId = insertAttempt(core, drill.id, ray.id, '2026-11-02T10:00:00.000Z');
      const onAttempt = await value<Kudos>(
        byCora('recognition.give', {
          recipientId: ray.id,
          message: 'Calm under pressure',
          on: { kind: 'attempt', attemptId },
        }),
      );
      expect(onAttempt).toMatchObject({ attemptId, drillId: drill.id, drillTitle: drill.title, badgeId: null });

      // Ray thanks Cora for her scorecard on his call — once he may see it (the blind rule: after his own).
      const cardId = submitScores(core, { callId }, cora.id, 4, { kind: 'coach' });
      expect(
        await refused(
          as(core, ray.id)('recognition.give', {
            recipientId: cora.id,
            message: 'Thanks',
            on: { kind: 'scorecard', scorecardId: cardId },
          }),
          'not_found',
        ),
      ).toMatch(/not one you can see/);
      submitScores(core, { callId }, ray.id, 3);
      const onCard = await value<Kudos>(
        as(core, ray.id)('recognition.give', {
          recipientId: cora.id,
          message: 'Useful feedback',
          on: { kind: 'scorecard', scorecardId: cardId },
        }),
      );
      expect(onCard).toMatchObject({ giverId: ray.id, scorecardId: cardId, callId });

      const plain = await value<Kudos>(
        byCora('recognition.give', { recipientId: ray.id, message: 'Thanks for covering' }),
      );
      expect(plain).toMatchObject({ callId: null, attemptId: null, atSec: null });

      // The wall: newest first, with a total order; filters by person, badge and period.
      const wall = await value<WallItem[]>(core.dispatch('recognition.wall', {}));
      const kudosIds = wall.filter((w) => w.type === 'kudos').map((w) => w.id);
      expect(kudosIds).toEqual([plain.id, onCard.id, onAttempt.id, onNote.id, atMoment.id]);
      const withBadge = await value<WallItem[]>(core.dispatch('recognition.wall', { badgeId: badges[1]!.id }));
      expect(withBadge.map((w) => w.id)).toEqual([onNote.id]);
      const forCora = await value<WallItem[]>(core.dispatch('recognition.wall', { personId: cora.id }));
      expect(forCora.filter((w) => w.type === 'kudos')).toHaveLength(5);
      const lastYear = await value<WallItem[]>(
        core.dispatch('recognition.wall', { from: '2020-01-01', to: '2020-12-31' }),
      );
      expect(lastYear).toEqual([]);

      const page = await value<PersonRecognition>(core.dispatch('recognition.forPerson', { personId: ray.id }));
      expect(page.received.map((k) => k.id)).toEqual([plain.id, onAttempt.id, onNote.id, atMoment.id]);
      expect(page.given.map((k) => k.id)).toEqual([onCard.id]);

      // Ray's bell: four unread kudos; reading them clears the count.
      const bell = await value<NotificationList>(as(core, ray.id)('recognition.notifications'));
      expect(bell.unread).toBe(4);
      expect(bell.items.map((n) => n.kudos?.id)).toEqual([plain.id, onAttempt.id, onNote.id, atMoment.id]);
      const read = await value<NotificationList>(as(core, ray.id)('recognition.markRead', {}));
      expect(read.unread).toBe(0);
    }),
  );

  it(
    'refuses kudos to oneself, to a removed person, on a trashed call, empty, or with nobody as me — and changes nothing',
    withCore(async (core) => {
      const cora = await person(core, 'Cora', 'coach');
      const ray = await person(core, 'Ray');
      const gone = await person(core, 'Gone');
      const callId = insertCall(core, { repId: ray.id, title: 'Old call' });
      const badges = await value<KudosBadge[]>(core.dispatch('kudos.badges', undefined));
      await value(core.dispatch('people.remove', { id: gone.id }));
      const byCora = as(core, cora.id);
      const before = snapshot(core);

      expect(
        await refused(byCora('recognition.give', { recipientId: cora.id, message: 'Me!' }), 'invalid_input'),
      ).toMatch(/can’t give kudos to yourself/);
      expect(
        await refused(byCora('recognition.give', { recipientId: gone.id, message: 'Bye' }), 'invalid_input'),
      ).toMatch(/Gone has been removed/);
      expect(
        await refused(byCora('recognition.give', { recipientId: ray.id, message: '   ' }), 'invalid_input'),
      ).toMatch(/Pick a badge or write a message/);
      await value(byCora('calls.remove', { ids: [callId] }));
      expect(
        await refused(
          byCora('recognition.give', {
            recipientId: ray.id,
            badgeId: badges[0]!.id,
            on: { kind: 'call', callId, atSec: 1 },
          }),
          'invalid_input',
        ),
      ).toMatch(/“Old call” is in the trash/);
      expect(
        await refused(
          byCora('recognition.give', {
            recipientId: ray.id,
            message: 'Late',
            on: { kind: 'call', callId: insertCall(core, { durationSec: 10 }), atSec: 11 },
          }),
          'invalid_input',
        ),
      ).toMatch(/past the end/);
      await value(core.dispatch('kudos.removeBadge', { id: badges[0]!.id }));
      expect(
        await refused(byCora('recognition.give', { recipientId: ray.id, badgeId: badges[0]!.id }), 'invalid_input'),
      ).toMatch(/badge was removed/);
      await value(core.dispatch('people.setMe', { id: null }));
      expect(
        await refused(core.dispatch('recognition.give', { recipientId: ray.id, message: 'Hi' }), 'no_actor'),
      ).toMatch(/Choose who you are/);
      expect(snapshot(core)).toBe(before);
      expect(count(core, 'kudos')).toBe(0);
    }),
  );

  it(
    'only the giver takes kudos back; kudos on a trashed call leave the wall',
    withCore(async (core) => {
      const cora = await person(core, 'Cora', 'coach');
      const ray = await person(core, 'Ray');
      const callId = insertCall(core, { repId: ray.id });
      const k = await value<Kudos>(
        as(core, cora.id)('recognition.give', {
          recipientId: ray.id,
          message: 'Nice',
          on: { kind: 'call', callId, atSec: 3 },
        }),
      );
      expect(await refused(as(core, ray.id)('recognition.remove', { id: k.id }), 'forbidden')).toMatch(
        /Only the person who gave/,
      );
      await value(as(core, cora.id)('calls.remove', { ids: [callId] }));
      expect(await value<WallItem[]>(core.dispatch('recognition.wall', {}))).toEqual([]);
      await value(as(core, cora.id)('calls.restore', { ids: [callId] }));
      expect(await value<WallItem[]>(core.dispatch('recognition.wall', {}))).toHaveLength(1);
      await value(as(core, cora.id)('recognition.remove', { id: k.id }));
      expect(await value<WallItem[]>(core.dispatch('recognition.wall', {}))).toEqual([]);
    }),
  );
});
