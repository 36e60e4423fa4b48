/**
 * Merge people: two records of one human become one, references move to the
 * survivor, the other stays an alias — and the alias travels in packets so
 * another library merges the same two records.
 */
import { describe, expect, it } from 'vitest';
import type { Annotation, Person, RubricSummary, Scorecard } from '../../../../src/shared/domain';
import { useTempDirs } from '../../../helpers/tmp';
import { bundleOf, exportAndWait, importPacket, librariesIn, reviewedCall, snapshot, value } from '../packets/helpers';
import { as } from '../../../helpers/acting';

const tempDir = useTempDirs();
const withLibraries = librariesIn(tempDir, 'gamefilm-merge-');

describe('people: merge', () => {
  it('moves everything to the survivor, hides the alias (no restore), refuses a clash unchanged, and travels in packets', () =>
    withLibraries(async (a, b, dir) => {
      const { call, rep, annotations } = await reviewedCall(a, dir);
      // The same rep added a second time, by hand, with work of their own.
      const twin = await value<Person>(a.dispatch('people.create', { name: 'Ray R.', role: 'rep' }));
      const note = await value<Annotation>(
        as(a, twin.id)('annotations.create', { callId: call.id, startSec: 12, body: 'My own note' }),
      );
      await value(as(a, twin.id)('annotations.reply', { annotationId: annotations[0]?.id, body: 'Thanks!' }));
      // B gets both records as two people.
      await importPacket(b, bundleOf(await exportAndWait(a, { callId: call.id })));
      const namesIn = async (core: typeof a) =>
        (await value<Person[]>(core.dispatch('people.list', undefined))).map((p) => p.name).sort();
      expect(await namesIn(b)).toEqual(['Bea Receiver', 'Cora Coach', 'Ray R.', 'Ray Rep']);

      // A clash: both records hold a scorecard on the same call and rubric — refused, nothing changes.
      const rubrics = await value<RubricSummary[]>(a.dispatch('rubrics.list', undefined));
      const rubricId = rubrics.find((r) => r.name === 'Sales Call Fundamentals')?.id;
      const own = await value<Scorecard>(as(a, rep.id)('scorecards.start', { callId: call.id, rubricId }));
      const twins = await value<Scorecard>(as(a, twin.id)('scorecards.start', { callId: call.id, rubricId }));
      // Scorecards exist once scored (opening one writes nothing).
      for (const [who, card] of [
        [rep.id, own],
        [twin.id, twins],
      ] as const)
        await value(
          as(a, who)('scorecards.setScore', { id: card.id, criterionId: card.scores[0]?.criterionId, score: 3 }),
        );
      const before = snapshot(a);
      const clash = await a.dispatch('people.merge', { survivorId: rep.id, aliasId: twin.id });
      expect(clash.ok).toBe(false);
      if (!clash.ok)
        expect(clash.error.message).toMatch(/Ray Rep and Ray R\. both have a scorecard.*nothing was merged/);
      expect(snapshot(a)).toEqual(before);
      expect((await a.dispatch('people.merge', { survivorId: rep.id, aliasId: rep.id })).ok).toBe(false);

      // Without the clash the merge goes through.
      await value(a.dispatch('scorecards.remove', { id: twins.id }));
      const events: string[] = [];
      a.onAnyEvent((name, payload) => {
        if (name === 'people.changed') events.push((payload as { reason: string }).reason);
      });
      const survivor = await value<Person>(a.dispatch('people.merge', { survivorId: rep.id, aliasId: twin.id }));
      expect(survivor.id).toBe(rep.id);
      expect(events).toEqual(['merged']);
      expect(await namesIn(a)).toEqual(['Cora Coach', 'Ray Rep']);
      const after = await value<Annotation[]>(a.dispatch('annotations.list', { callId: call.id }));
      expect(after.find((x) => x.id === note.id)?.authorId).toBe(rep.id);
      expect(after.flatMap((x) => x.replies).find((r) => r.body === 'Thanks!')?.authorId).toBe(rep.id);
      expect(a.db.prepare('SELECT reviewer_id FROM scorecards WHERE id = ?').get(own.id)).toEqual({
        reviewer_id: rep.id,
      });
      const restore = await a.dispatch('people.restore', { id: twin.id });
      expect(restore.ok).toBe(false);
      if (!restore.ok) expect(restore.error.message).toMatch(/merged into Ray Rep/);

      // The next packet carries the alias: B merges its two records the same way.
      const { preview } = await importPacket(b, bundleOf(await exportAndWait(a, { callId: call.id })));
      expect(preview.items.find((i) => i.kind === 'person' && i.action === 'update')?.label).toBe(
        'Merge Ray Rep and Ray R.',
      );
      expect(await namesIn(b)).toEqual(['Bea Receiver', 'Cora Coach', 'Ray Rep']);
      const inB = await value<Annotation[]>(b.dispatch('annotations.list', { callId: call.id }));
      expect(inB.find((x) => x.id === note.id)?.authorId).toBe(rep.id);
      // A packet still naming the alias lands on the survivor.
      expect(b.db.prepare('SELECT person_id FROM person_aliases WHERE alias_id = ?').get(twin.id)).toEqual({
        person_id: rep.id,
      });
    }));
});
