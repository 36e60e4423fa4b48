/**
 * The sample call (issue 12, item 15): opened on an empty library with no
 * model, it is a real imported recording whose transcript is its script, with
 * annotations and a submitted scorecard, marked as a sample, and removable.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleCallFile, sampleScript } from '../../../../src/main/core/calls/sample';
import { louderChannel, measureChannelEnergy } from '../../../../src/main/core/transcription/channel-energy';
import type {
  Annotation,
  Call,
  CallScorecards,
  CallSearchHit,
  Person,
  Transcript,
  WhisperModel,
} from '../../../../src/shared/domain';
import { value, withCore } from '../coaching/helpers';
import { as } from '../../../helpers/acting';

const libraryCalls = (core: Parameters<Parameters<typeof withCore>[0]>[0], trash = false) =>
  value<Call[]>(core.dispatch('calls.list', { trash }));

describe('the sample call', () => {
  it('the shipped recording is the script: rep on the left, customer on the right, at the written times', async () => {
    const file = sampleCallFile();
    expect(file).not.toBeNull();
    const energy = await measureChannelEnergy(file!);
    for (const line of sampleScript.lines) {
      const expected = sampleScript.speakers[line.speaker].channel;
      expect(louderChannel(energy, line.startSec + 0.2, line.endSec - 0.2), line.text).toBe(expected);
    }
  });

  it(
    'opens with its transcript, annotations and a submitted scorecard, without a model; marked; removable',
    withCore(async (core, dataDir) => {
      expect(await value<WhisperModel[]>(core.dispatch('models.list', undefined))).not.toContainEqual(
        expect.objectContaining({ state: 'installed' }),
      );
      const call = await value<Call>(core.dispatch('calls.openSample', undefined));
      expect(call).toMatchObject({
        isSample: true,
        title: sampleScript.title,
        transcription: 'transcribed',
        reviewedBy: 1,
      });
      expect(call.title).toMatch(/^Sample call/);
      expect(call.media.channels).toBe(2);
      expect(call.media.durationSec).toBeGreaterThan(sampleScript.lines.at(-1)!.endSec);

      // The transcript is exactly the script, line for line and time for time.
      const transcript = await value<Transcript>(core.dispatch('transcripts.get', { mediaSha256: call.media.sha256 }));
      expect(transcript.segments.map((s) => [s.text, s.startSec, s.endSec])).toEqual(
        sampleScript.lines.map((l) => [l.text, l.startSec, l.endSec]),
      );
      const rep = (await value<Person[]>(core.dispatch('people.list', undefined))).find((p) => p.id === call.repId);
      expect(rep?.name).toMatch(/\(sample\)$/);
      expect(transcript.speakers.map((s) => s.displayName)).toEqual([rep!.name, 'Dana Whitfield']);

      const annotations = await value<Annotation[]>(core.dispatch('annotations.list', { callId: call.id }));
      expect(annotations).toHaveLength(sampleScript.annotations.length);
      expect(annotations.every((a) => a.authorName.endsWith('(sample)'))).toBe(true);
      const cards = await value<CallScorecards>(
        as(core, annotations[0]!.authorId)('scorecards.forCall', { callId: call.id }),
      );
      const card = cards.mine[0]!;
      expect(card.status).toBe('submitted');
      expect(card.scores.map((s) => s.score)).toEqual([4, 3, 2, 5]);
      expect(card.scores[2]!.evidence).toHaveLength(1);

      // It is found like any call: the coach's annotation, the scorecard comment, the words on the call.
      const hits = await value<CallSearchHit[]>(core.dispatch('calls.search', { query: 'discount' }));
      expect(hits.map((h) => h.source)).toEqual(['annotation', 'scorecard_comment', 'transcript']);

      // Opening it again is the same call; from the trash it comes back.
      expect((await value<Call>(core.dispatch('calls.openSample', undefined))).id).toBe(call.id);
      await value(core.dispatch('calls.remove', { ids: [call.id] }));
      expect((await value<Call>(core.dispatch('calls.openSample', undefined))).id).toBe(call.id);
      expect((await libraryCalls(core)).map((c) => c.id)).toEqual([call.id]);

      // Removed: the call, its recording and the sample people are gone; the library is empty again.
      expect(await value(core.dispatch('calls.removeSample', undefined))).toEqual({ removed: true });
      expect(await libraryCalls(core)).toEqual([]);
      expect(await libraryCalls(core, true)).toEqual([]);
      expect(readdirSync(join(dataDir, 'media')).filter((f) => f.startsWith(call.media.sha256))).toEqual([]);
      expect((await value<Person[]>(core.dispatch('people.list', undefined))).map((p) => p.name)).toEqual([]);
      expect(await value(core.dispatch('calls.removeSample', undefined))).toEqual({ removed: false });

      // And it can be opened again afterwards.
      const again = await value<Call>(core.dispatch('calls.openSample', undefined));
      expect(again.isSample).toBe(true);
      expect(existsSync(join(dataDir, 'media', again.media.fileName))).toBe(true);
    }),
  );
});
