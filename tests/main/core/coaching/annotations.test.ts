import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/main/core';
import type { Annotation, AnnotationReply, AnnotationTag } from '../../../../src/shared/domain';
import { count, insertCall, person, record, refused, value, withCore } from './helpers';
import { actAs, as } from '../../../helpers/acting';

describe('annotations', () => {
  it(
    'adds a point instantly with an empty body, then saves the text as typed; the list is sorted by start',
    withCore(async (core) => {
      const coach = await person(core, 'Cora', 'coach');
      const callId = insertCall(core, { durationSec: 300 });
      const events = record(core, 'annotations.changed');
      const tags = await value<AnnotationTag[]>(core.dispatch('annotations.tags', undefined));

      const point = await value<Annotation>(as(core, coach.id)('annotations.create', { callId, startSec: 120.5 }));
      expect(point).toMatchObject({ body: '', endSec: null, authorName: 'Cora', replies: [], deletedAt: null });
      const range = await value<Annotation>(
        as(core, coach.id)('annotations.create', {
          callId,
          startSec: 10,
          endSec: 42.25,
          body: 'Great reframe',
          tagId: tags.find((t) => t.name === 'objection handling')?.id,
        }),
      );

      for (const body of ['Missed', 'Missed the budget', 'Missed the budget question']) {
        await value(core.dispatch('annotations.update', { id: point.id, body }));
      }
      const sbi = await value<Annotation>(
        core.dispatch('annotations.update', { id: point.id, situation: 'Pricing came up', impact: 'Buyer went quiet' }),
      );
      expect(sbi).toMatchObject({ body: 'Missed the budget question', situation: 'Pricing came up', behavior: '' });

      const list = await value<Annotation[]>(core.dispatch('annotations.list', { callId }));
      expect(list.map((a) => a.id)).toEqual([range.id, point.id]);
      expect(list[0]).toMatchObject({ startSec: 10, endSec: 42.25, tagId: range.tagId });
      expect(events.every((e) => e.callId === callId)).toBe(true);
      expect(events.length).toBe(6);
    }),
  );

  it(
    'keeps the last typed text when the app is closed mid-edit and reopened',
    withCore(async (core, dataDir) => {
      const rep = await person(core, 'Ray');
      const callId = insertCall(core);
      const a = await value<Annotation>(as(core, rep.id)('annotations.create', { callId, startSec: 1 }));
      await value(core.dispatch('annotations.update', { id: a.id, body: 'Half a senten' }));
      await core.close();
      const again = createCore({ dataDir, shell: 'web' });
      try {
        const list = await value<Annotation[]>(again.dispatch('annotations.list', { callId }));
        expect(list.map((x) => x.body)).toEqual(['Half a senten']);
      } finally {
        await again.close();
      }
    }),
  );

  it(
    'moves a range, turns it into a point, and deletes with undo',
    withCore(async (core) => {
      const rep = await person(core, 'Ray');
      const callId = insertCall(core, { durationSec: 100 });
      const a = await value<Annotation>(as(core, rep.id)('annotations.create', { callId, startSec: 5, endSec: 9 }));
      expect(
        await value<Annotation>(core.dispatch('annotations.update', { id: a.id, startSec: 50, endSec: 100 })),
      ).toMatchObject({ startSec: 50, endSec: 100 });
      expect(await value<Annotation>(core.dispatch('annotations.update', { id: a.id, endSec: null }))).toMatchObject({
        startSec: 50,
        endSec: null,
      });
      const removed = await value<Annotation>(core.dispatch('annotations.remove', { id: a.id }));
      expect(removed.deletedAt).not.toBeNull();
      expect(await value<Annotation[]>(core.dispatch('annotations.list', { callId }))).toEqual([]);
      await refused(core.dispatch('annotations.update', { id: a.id, body: 'x' }), 'not_found');
      await value(core.dispatch('annotations.restore', { id: a.id }));
      expect((await value<Annotation[]>(core.dispatch('annotations.list', { callId }))).map((x) => x.id)).toEqual([
        a.id,
      ]);
    }),
  );

  it(
    'tells the viewer what they may do with each comment, and the flags agree with what the core allows',
    withCore(async (core) => {
      const coach = await person(core, 'Cora', 'coach');
      const peer = await person(core, 'Pia');
      const rep = await person(core, 'Ray');
      const callId = insertCall(core, { repId: rep.id });
      const coachs = await value<Annotation>(
        as(core, coach.id)('annotations.create', { callId, startSec: 3, body: 'Coach note' }),
      );
      // What a create answers already carries the author's permissions.
      expect(coachs.can).toEqual({ edit: true, remove: true });
      const coachReply = await value<AnnotationReply>(
        core.dispatch('annotations.reply', { annotationId: coachs.id, body: 'Coach reply' }),
      );
      expect(coachReply.can).toEqual({ edit: true, remove: true });
      await value<Annotation>(as(core, peer.id)('annotations.create', { callId, startSec: 9, body: 'Peer note' }));
      await value(core.dispatch('annotations.reply', { annotationId: coachs.id, body: 'Peer reply' }));

      const flags = async (viewerId: string | null) => {
        await actAs(core, viewerId);
        const list = await value<Annotation[]>(core.dispatch('annotations.list', { callId }));
        return list.map((a) => [a.body, a.can, a.replies.map((r) => [r.body, r.can])]);
      };
      const none = { edit: false, remove: false };
      const all = { edit: true, remove: true };
      const removeOnly = { edit: false, remove: true };
      expect(await flags(peer.id)).toEqual([
        [
          'Coach note',
          none,
          [
            ['Coach reply', none],
            ['Peer reply', all],
          ],
        ],
        ['Peer note', all, []],
      ]);
      // A coach tidies anyone's comments but never puts words in their mouth.
      expect(await flags(coach.id)).toEqual([
        [
          'Coach note',
          all,
          [
            ['Coach reply', all],
            ['Peer reply', removeOnly],
          ],
        ],
        ['Peer note', removeOnly, []],
      ]);
      expect(await flags(rep.id)).toEqual([
        [
          'Coach note',
          none,
          [
            ['Coach reply', none],
            ['Peer reply', none],
          ],
        ],
        ['Peer note', none, []],
      ]);
      expect(await flags(null)).toEqual([
        [
          'Coach note',
          none,
          [
            ['Coach reply', none],
            ['Peer reply', none],
          ],
        ],
        ['Peer note', none, []],
      ]);

      // The flags are the core's own decisions: every edit and remove they allow succeeds, every other is refused.
      for (const viewer of [coach, peer, rep]) {
        await actAs(core, viewer.id);
        for (const a of await value<Annotation[]>(core.dispatch('annotations.list', { callId }))) {
          const edited = await core.dispatch('annotations.update', { id: a.id, body: a.body });
          expect([viewer.name, a.body, 'edit', edited.ok]).toEqual([viewer.name, a.body, 'edit', a.can.edit]);
          const removed = await core.dispatch('annotations.remove', { id: a.id });
          expect([viewer.name, a.body, 'remove', removed.ok]).toEqual([viewer.name, a.body, 'remove', a.can.remove]);
          if (removed.ok) await value(core.dispatch('annotations.restore', { id: a.id }));
        }
      }
    }),
  );

  it(
    'threads replies with their authors; a removed person keeps authorship',
    withCore(async (core) => {
      const coach = await person(core, 'Cora', 'coach');
      const rep = await person(core, 'Ray');
      const callId = insertCall(core);
      const a = await value<Annotation>(
        as(core, coach.id)('annotations.create', { callId, startSec: 3, body: 'Why here?' }),
      );
      const r1 = await value<AnnotationReply>(
        as(core, rep.id)('annotations.reply', { annotationId: a.id, body: 'Felt rushed' }),
      );
      await value(as(core, coach.id)('annotations.reply', { annotationId: a.id, body: 'Agreed' }));
      // Only its author edits a reply.
      await refused(core.dispatch('annotations.updateReply', { id: r1.id, body: 'Felt rushed, sorry' }), 'forbidden');
      await value(as(core, rep.id)('annotations.updateReply', { id: r1.id, body: 'Felt rushed, sorry' }));
      await value(core.dispatch('people.remove', { id: coach.id }));
      const [listed] = await value<Annotation[]>(core.dispatch('annotations.list', { callId }));
      expect(listed?.authorName).toBe('Cora');
      expect(listed?.replies.map((r) => [r.authorName, r.body])).toEqual([
        ['Ray', 'Felt rushed, sorry'],
        ['Cora', 'Agreed'],
      ]);
      await value(as(core, rep.id)('annotations.removeReply', { id: r1.id }));
      expect((await value<Annotation[]>(core.dispatch('annotations.list', { callId })))[0]?.replies).toHaveLength(1);
      await refused(as(core, rep.id)('annotations.reply', { annotationId: a.id, body: '   ' }), 'invalid_input');
    }),
  );

  it(
    'refuses a range ending before its start or past the call, and a removed author — writing nothing',
    withCore(async (core) => {
      const rep = await person(core, 'Ray');
      const gone = await person(core, 'Gus');
      await value(core.dispatch('people.remove', { id: gone.id }));
      const callId = insertCall(core, { durationSec: 65 });

      expect(
        await refused(as(core, rep.id)('annotations.create', { callId, startSec: 30, endSec: 20 }), 'invalid_input'),
      ).toMatch(/end after it starts/);
      expect(
        await refused(as(core, rep.id)('annotations.create', { callId, startSec: 30, endSec: 66 }), 'invalid_input'),
      ).toBe('That moment is past the end of the call (it is 1:05 long).');
      await refused(as(core, rep.id)('annotations.create', { callId, startSec: 70 }), 'invalid_input');
      await refused(as(core, rep.id)('annotations.create', { callId, startSec: -1 }), 'invalid_input');
      // Nobody acts for a removed person (they cannot be "me"); with no one as "me", nothing is written.
      await actAs(core, null);
      expect(await refused(core.dispatch('annotations.create', { callId, startSec: 1 }), 'no_actor')).toMatch(
        /Choose who you are/,
      );
      expect(gone.id).toBeTruthy();
      expect(count(core, 'annotations')).toBe(0);

      const a = await value<Annotation>(
        as(core, rep.id)('annotations.create', { callId, startSec: 10, endSec: 20, body: 'keep' }),
      );
      // Moving only the start past the existing end is caught by the service, not just the schema.
      await refused(core.dispatch('annotations.update', { id: a.id, startSec: 25 }), 'invalid_input');
      await refused(core.dispatch('annotations.update', { id: a.id, endSec: 90, body: 'lost?' }), 'invalid_input');
      await refused(core.dispatch('annotations.update', { id: a.id, startSec: 15, endSec: 12 }), 'invalid_input');
      expect(await value<Annotation[]>(core.dispatch('annotations.list', { callId }))).toMatchObject([
        { startSec: 10, endSec: 20, body: 'keep' },
      ]);
      await refused(as(core, rep.id)('annotations.create', { callId, startSec: 1, extra: 1 }), 'invalid_input');
    }),
  );

  it(
    'starts with the default tag set, which is editable',
    withCore(async (core) => {
      const tags = await value<AnnotationTag[]>(core.dispatch('annotations.tags', undefined));
      expect(tags.map((t) => t.name)).toEqual([
        'discovery',
        'value',
        'objection handling',
        'next steps',
        'rapport',
        'talk track',
        'risk',
        'win',
      ]);
      const pricing = await value<AnnotationTag>(core.dispatch('annotations.createTag', { name: 'pricing' }));
      expect(pricing.position).toBe(8);
      expect(await refused(core.dispatch('annotations.createTag', { name: 'Discovery' }), 'conflict')).toMatch(
        /already a tag called/,
      );
      await value(core.dispatch('annotations.updateTag', { id: pricing.id, name: 'price', color: '#123456' }));
      const risk = tags.find((t) => t.name === 'risk') as AnnotationTag;
      await value(core.dispatch('annotations.removeTag', { id: risk.id }));
      const after = await value<AnnotationTag[]>(core.dispatch('annotations.tags', undefined));
      expect(after.map((t) => t.name)).toContain('price');
      expect(after.map((t) => t.name)).not.toContain('risk');
      const rep = await person(core, 'Ray');
      const callId = insertCall(core);
      expect(
        await refused(as(core, rep.id)('annotations.create', { callId, startSec: 1, tagId: risk.id }), 'invalid_input'),
      ).toMatch(/“risk” has been removed/);
    }),
  );
});
