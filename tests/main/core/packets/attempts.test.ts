/**
 * Drill-attempt packets: the drill, the whole answer recording, its
 * transcript and its submitted scorecards travel; a fresh library gets the
 * attempt (under its own copy of a starter drill, matched by seed key), and
 * importing the same packet again changes nothing.
 */
import { readFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import { replaceTranscript, ensureSpeakers } from '../../../../src/main/core/transcription/transcript-repository';
import type { Attempt, Drill, DrillSummary, Person, RubricSummary, Scorecard } from '../../../../src/shared/domain';
import type { PacketExportJob, PacketReview } from '../../../../src/shared/packets';
import { PacketReview as ReviewSchema } from '../../../../src/shared/packets';
import { makeMedia } from '../../../fixtures/media';
import { useTempDirs } from '../../../helpers/tmp';
import {
  bundleOf,
  importPacket,
  librariesIn,
  readEntries,
  sha256,
  snapshot,
  value,
  withManifest,
  writeZip,
} from './helpers';
import { actAs, as } from '../../../helpers/acting';

const tempDir = useTempDirs();

const withLibraries = librariesIn(tempDir, 'gamefilm-attempt-packets-');

interface ScoredAttempt {
  drill: Drill;
  attempt: Attempt;
  rep: Person;
  coach: Person;
  scorecard: Scorecard;
}

/** An attempt by the rep ("me") with a transcript, a coach's submitted scorecard with an action item, and a coach's draft. */
async function scoredAttempt(core: Core, dir: string, drill: Drill): Promise<ScoredAttempt> {
  const rep = await value<Person>(core.dispatch('people.create', { name: 'Riley Rep', role: 'rep' }));
  const coach = await value<Person>(core.dispatch('people.create', { name: 'Cora Coach', role: 'coach' }));
  const manager = await value<Person>(core.dispatch('people.create', { name: 'Max Manager', role: 'admin' }));
  await value(core.dispatch('people.setMe', { id: rep.id }));
  const file = await makeMedia(dir, 'ogg', { durationSec: 4, name: `answer-${drill.id.slice(-6)}` });
  const attempt = await value<Attempt>(
    core.dispatch('drills.recordAttempt', {
      drillId: drill.id,
      bytes: new Uint8Array(await readFile(file)),
      mimeType: 'audio/ogg',
    }),
  );
  core.db.transaction(() => {
    const [speaker] = ensureSpeakers(core.db, attempt.mediaSha256, 1);
    replaceTranscript(core.db, {
      mediaSha256: attempt.mediaSha256,
      modelId: 'tiny.en',
      language: 'en',
      verbatim: false,
      jobId: null,
      segments: [
        {
          startSec: 0,
          endSec: 2,
          text: 'I hear you on price.',
          speakerId: speaker?.id ?? null,
          confidence: 0.9,
          words: [],
        },
        {
          startSec: 2,
          endSec: 4,
          text: 'What are you comparing it against?',
          speakerId: speaker?.id ?? null,
          confidence: 0.9,
          words: [],
        },
      ],
    });
  })();
  let scorecard = await value<Scorecard>(as(core, coach.id)('drills.scoreAttempt', { attemptId: attempt.id }));
  for (const [i, s] of scorecard.scores.entries()) {
    await value(
      core.dispatch('scorecards.setScore', {
        id: scorecard.id,
        criterionId: s.criterionId,
        score: (i % 5) + 1,
        comment: i === 0 ? 'Good question back' : '',
      }),
    );
  }
  await value(core.dispatch('scorecards.update', { id: scorecard.id, strengths: 'Calm under pressure' }));
  await value(
    core.dispatch('scorecards.addActionItem', { scorecardId: scorecard.id, text: 'Ask about the alternative first' }),
  );
  scorecard = await value<Scorecard>(core.dispatch('scorecards.submit', { id: scorecard.id }));
  // A draft stays home unless private things are included.
  await value(as(core, manager.id)('drills.scoreAttempt', { attemptId: attempt.id }));
  // The coach exports: a packet carries only what its exporter may see (others' drafts never).
  await actAs(core, coach.id);
  return { drill, attempt, rep, coach, scorecard };
}

async function exportAttempt(core: Core, attemptId: string): Promise<PacketExportJob> {
  const started = await value<PacketExportJob>(core.dispatch('packets.exportAttempt', { attemptId }));
  const job = await core.packets.settled(started.jobId);
  if (job.state !== 'done') throw new Error(`export ${job.state}: ${job.error ?? ''}`);
  return job;
}

async function reviewIn(path: string): Promise<PacketReview> {
  const entries = await readEntries(path);
  return ReviewSchema.parse(JSON.parse(entries.get('review.json')?.toString('utf8') ?? 'null'));
}

/** Review data with each library's own ids for seeded things (drill, rubric, versions, criteria) replaced by meaning. */
/** Each library signs with its own key: the review data is what must match. */
const withoutKeys = <T extends { people: Array<{ publicKeys: string[] }> }>(r: T): T => ({
  ...r,
  people: r.people.map((p) => ({ ...p, publicKeys: [] })),
});

function normalized(review: PacketReview) {
  const version = new Map(review.rubricVersions.map((v) => [v.id, `${v.rubricName}@${v.version}`]));
  const position = new Map(review.rubricVersions.flatMap((v) => v.criteria.map((c) => [c.id, c.position] as const)));
  const subject =
    review.subject.kind === 'attempt'
      ? {
          ...review.subject,
          drill: {
            ...review.subject.drill,
            id: review.subject.drill.seedKey ?? review.subject.drill.id,
            createdAt: review.subject.drill.seedKey ? 'seeded' : review.subject.drill.createdAt,
            updatedAt: review.subject.drill.seedKey ? 'seeded' : review.subject.drill.updatedAt,
            rubric: review.subject.drill.rubric ? { ...review.subject.drill.rubric, id: 'rubric' } : null,
          },
          attempt: { ...review.subject.attempt, drillId: 'drill' },
        }
      : review.subject;
  return {
    ...review,
    subject,
    rubricVersions: review.rubricVersions.map((v) => ({
      name: v.rubricName,
      version: v.version,
      seedKey: v.seedKey,
      criteria: v.criteria.map((c) => ({ position: c.position, name: c.name, weight: c.weight, anchors: c.anchors })),
    })),
    scorecards: review.scorecards.map((s) => ({
      ...s,
      rubricVersionId: version.get(s.rubricVersionId),
      scores: s.scores
        .map((x) => ({ ...x, criterionId: position.get(x.criterionId) }))
        .sort((p, q) => (p.criterionId ?? 0) - (q.criterionId ?? 0)),
    })),
  };
}

const seededDrill = async (core: Core): Promise<DrillSummary> => {
  const drills = await value<DrillSummary[]>(core.dispatch('drills.list', {}));
  const drill = drills.find((d) => d.seedKey && d.rubricId);
  if (!drill) throw new Error('no seeded drill');
  return drill;
};

describe('packets: drill attempts', () => {
  it('round trip: export → import into a fresh library (starter drill matched by seed key) → export again: same review data', () =>
    withLibraries(async (a, b, dir) => {
      const drill = await seededDrill(a);
      const { attempt, scorecard, rep } = await scoredAttempt(a, dir, drill);
      const first = await exportAttempt(a, attempt.id);
      expect(first).toMatchObject({ callId: null, attemptId: attempt.id });
      const entries = await readEntries(bundleOf(first));
      const sent = await reviewIn(bundleOf(first));
      expect(sent.subject.kind).toBe('attempt');
      if (sent.subject.kind !== 'attempt') return;
      expect(sent.subject.drill).toMatchObject({ id: drill.id, title: drill.title, seedKey: drill.seedKey });
      expect(sent.subject.drill.rubric?.name).toBe(drill.rubricName);
      expect(sent.subject.attempt).toMatchObject({ id: attempt.id, personId: rep.id });
      expect(sent.subject.media.file).toBe(`media/${attempt.mediaSha256}.ogg`);
      expect(entries.has(`media/${attempt.mediaSha256}.ogg`)).toBe(true);
      expect(sent.scorecards.map((s) => s.id)).toEqual([scorecard.id]); // the draft stayed home
      expect(sent.scorecards[0]?.actionItems.map((i) => i.text)).toEqual(['Ask about the alternative first']);
      expect(sent.transcript?.segments.map((s) => s.text)).toEqual([
        'I hear you on price.',
        'What are you comparing it against?',
      ]);
      expect(sent.clips).toHaveLength(1);
      const html = entries.get('review.html')?.toString('utf8') ?? '';
      expect(html).toContain('Drill prompt');
      expect(html).toContain('data:audio/ogg;base64,');
      expect(html).toContain('What are you comparing it against?');
      expect(entries.get('review.pdf')?.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const drillsBefore = await value<DrillSummary[]>(b.dispatch('drills.list', {}));
      const { preview, result } = await importPacket(b, bundleOf(first));
      expect(preview).toMatchObject({ subjectKind: 'attempt', callAction: 'add', upToDate: false });
      expect(preview.items.find((i) => i.kind === 'drill')).toMatchObject({ action: 'unchanged' });
      expect(preview.items.find((i) => i.kind === 'attempt')).toMatchObject({ action: 'add' });
      const bDrill = drillsBefore.find((d) => d.seedKey === drill.seedKey);
      expect(bDrill?.id).not.toBe(drill.id);
      expect(result).toMatchObject({
        subjectKind: 'attempt',
        callId: null,
        attemptId: attempt.id,
        drillId: bDrill?.id,
      });
      expect(await value<DrillSummary[]>(b.dispatch('drills.list', {}))).toHaveLength(drillsBefore.length);

      // In B the coach acts (and sees their own scorecard); exporting there gives the coach a key of B's own.
      await value(b.dispatch('people.setMe', { id: scorecard.reviewerId }));
      const there = await value<Attempt>(b.dispatch('drills.attempt', { id: attempt.id }));
      expect(there).toMatchObject({ drillId: bDrill?.id, personId: rep.id, mediaSha256: attempt.mediaSha256 });
      const cards = await value<Scorecard[]>(b.dispatch('drills.attemptScorecards', { attemptId: attempt.id }));
      expect(cards.map((c) => [c.id, c.status])).toEqual([[scorecard.id, 'submitted']]);

      const second = await exportAttempt(b, attempt.id);
      expect(withoutKeys(normalized(await reviewIn(bundleOf(second))))).toEqual(withoutKeys(normalized(sent)));
    }));

  it('a new drill is created with its id; re-importing the same packet changes nothing', () =>
    withLibraries(async (a, b, dir) => {
      const rubrics = await value<RubricSummary[]>(a.dispatch('rubrics.list', undefined));
      const drill = await value<Drill>(
        a.dispatch('drills.create', {
          title: 'Too expensive',
          skill: 'pricing',
          persona: { role: 'CFO', company: 'Zephyr Freight', mood: 'skeptical' },
          promptText: 'That is more than we budgeted.',
          timeLimitSec: 45,
          rubricId: rubrics[0]?.id,
          notes: 'Ask what it is compared to.',
          tags: ['price'],
        }),
      );
      const { attempt } = await scoredAttempt(a, dir, drill);
      const bundle = bundleOf(await exportAttempt(a, attempt.id));

      const { preview } = await importPacket(b, bundle);
      expect(preview.items.find((i) => i.kind === 'drill')).toMatchObject({ id: drill.id, action: 'add' });
      const copied = await value<Drill>(b.dispatch('drills.get', { id: drill.id }));
      expect(copied).toMatchObject({
        title: 'Too expensive',
        skill: 'pricing',
        persona: { role: 'CFO', company: 'Zephyr Freight', mood: 'skeptical' },
        promptText: 'That is more than we budgeted.',
        timeLimitSec: 45,
        // A starter rubric: this library's own copy of it (matched by seed key).
        rubricName: rubrics[0]?.name,
        tags: ['price'],
      });
      const bRubrics = await value<RubricSummary[]>(b.dispatch('rubrics.list', undefined));
      expect(copied.rubricId).toBe(bRubrics.find((r) => r.name === rubrics[0]?.name)?.id);

      const before = snapshot(b);
      const again = await importPacket(b, bundle);
      expect(again.preview.upToDate).toBe(true);
      expect(again.result.totals.add + again.result.totals.update).toBe(0);
      expect(snapshot(b).rows).toBe(before.rows);
      expect(snapshot(b).media).toEqual(before.media);
    }));

  it('refuses an attempt whose recording does not match its hash, leaving the library unchanged', () =>
    withLibraries(async (a, b, dir) => {
      const { attempt } = await scoredAttempt(a, dir, await seededDrill(a));
      const entries = await readEntries(bundleOf(await exportAttempt(a, attempt.id)));
      const review = JSON.parse(entries.get('review.json')?.toString('utf8') ?? '{}') as PacketReview;
      review.subject.media.sha256 = sha256(Buffer.from('some other recording'));
      entries.set('review.json', Buffer.from(JSON.stringify(review)));
      const bad = join(dir, 'wrong-hash.gamefilm');
      writeFileSync(bad, await writeZip(withManifest(entries)));

      const before = snapshot(b);
      const outcome = await (async () => {
        const inspected = await b.dispatch('packets.inspect', { file: b.files.register(bad) });
        if (!inspected.ok) return inspected;
        return b.dispatch('packets.import', { stageId: (inspected.value as { stageId: string }).stageId });
      })();
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.message).toMatch(/recording is not the one/);
      const after = snapshot(b);
      expect(after.rows).toBe(before.rows);
      expect(after.dbHash).toBe(before.dbHash);
      expect(after.media).toEqual(before.media);
    }));
});
