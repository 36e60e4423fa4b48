import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/main/core';
import type { Core } from '../../../../src/main/core';
import { replaceTranscript } from '../../../../src/main/core/transcription/transcript-repository';
import type { TranscriptionEngine } from '../../../../src/main/core/transcription/engine';
import type {
  Attempt,
  Drill,
  DrillHistory,
  DrillSummary,
  PracticePlan,
  Rubric,
  RubricSummary,
  Scorecard,
  TranscriptionJob,
  WhisperModel,
} from '../../../../src/shared/domain';
import { ffmpeg, makeSpeech } from '../../../fixtures/media';
import { tinyWhisperModelPath } from '../../../fixtures/tiny-whisper-model';
import { useTempDirs } from '../../../helpers/tmp';
import { count, insertCall, person, refused, value } from '../coaching/helpers';
import { actAs, as } from '../../../helpers/acting';

const tempDir = useTempDirs();

/** A stand-in engine: the queue, transcripts and stats are real, the words are fixed. */
const fixedEngine: TranscriptionEngine = {
  transcribe: () =>
    Promise.resolve([
      { start: 0, end: 1.5, text: ' Um, what are you comparing it against?', words: [] },
      { start: 1.5, end: 3, text: ' You know, basically the cost of waiting.', words: [] },
    ]),
};

function withCore(run: (core: Core) => Promise<void>, opts: { engine?: TranscriptionEngine } = {}) {
  return async () => {
    const core = createCore({
      dataDir: tempDir('gamefilm-drills-'),
      shell: 'web',
      transcription: opts.engine ? { engine: opts.engine } : undefined,
    });
    try {
      await run(core);
    } finally {
      await core.close();
    }
  };
}

let work = '';
let answerWebm = '';
let model = '';
beforeAll(async () => {
  // Not a per-test temp dir: these files outlive each test.
  work = mkdtempSync(join(tmpdir(), 'gamefilm-drills-media-'));
  // What MediaRecorder makes in Chromium: opus in webm, 48 kHz mono.
  const speech = await makeSpeech(work, 'I hear you on price. What are you comparing it against?');
  answerWebm = join(work, 'answer.webm');
  await ffmpeg(['-i', speech, '-ar', '48000', '-ac', '1', '-c:a', 'libopus', '-b:a', '32k', answerWebm]);
  model = await tinyWhisperModelPath();
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const drillInput = {
  title: 'Too expensive',
  skill: 'objection_handling',
  persona: { role: 'VP of Sales', company: 'Zephyr Freight', mood: 'skeptical' },
  promptText: "That's more than we expected.",
  timeLimitSec: 60,
  tags: ['price', 'late stage'],
} as const;

const mediaFiles = (core: Core) => readdirSync(core.mediaDir).sort();

async function me(core: Core, name = 'Riley Rep') {
  const rep = await person(core, name);
  await value(core.dispatch('people.setMe', { id: rep.id }));
  return rep;
}

async function recordAttempt(core: Core, drillId: string): Promise<Attempt> {
  const bytes = new Uint8Array(await readFile(answerWebm));
  return value<Attempt>(core.dispatch('drills.recordAttempt', { drillId, bytes, mimeType: 'audio/webm;codecs=opus' }));
}

/** Scores every criterion of the scorecard with `score` (or per-criterion scores) and submits it. */
async function scoreAndSubmit(core: Core, card: Scorecard, scores: number | number[]) {
  for (const [i, s] of card.scores.entries()) {
    const score = Array.isArray(scores) ? scores[i] : scores;
    if (score === undefined) continue;
    await value(core.dispatch('scorecards.setScore', { id: card.id, criterionId: s.criterionId, score }));
  }
  return value<Scorecard>(core.dispatch('scorecards.submit', { id: card.id }));
}

describe('drill starter pack', () => {
  it(
    'seeds at least 15 drills once, each with a rubric, persona and coaching notes; a deleted one stays deleted',
    withCore(async (core) => {
      const drills = await value<DrillSummary[]>(core.dispatch('drills.list', {}));
      expect(drills.length).toBeGreaterThanOrEqual(15);
      for (const d of drills) {
        expect(d.rubricName, d.title).toBeTruthy();
        expect(d.persona.role, d.title).toBeTruthy();
        expect(d.notes.length, d.title).toBeGreaterThan(100);
        expect(d.seedKey).toMatch(/^[a-z0-9-]+$/);
      }
      const skills = new Set(drills.map((d) => d.skill));
      for (const s of ['objection_handling', 'discovery_opener', 'cold_call_opener', 'pricing', 'next_step_close']) {
        expect(skills).toContain(s);
      }
      const first = drills[0] as DrillSummary;
      await value(core.dispatch('drills.remove', { id: first.id }));
      // Reopening the library (the seed runs at every start) does not bring it back or add duplicates.
      const again = createCore({ dataDir: core.dataDir, shell: 'web' });
      try {
        const live = await value<DrillSummary[]>(again.dispatch('drills.list', {}));
        expect(live).toHaveLength(drills.length - 1);
        expect(count(again, 'drills')).toBe(drills.length);
      } finally {
        await again.close();
      }
    }),
  );
});

describe('drill repository', () => {
  it(
    'creates, edits, tags, searches, and soft-deletes with undo',
    withCore(async (core) => {
      const rubrics = await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined));
      const drill = await value<Drill>(
        core.dispatch('drills.create', {
          ...drillInput,
          rubricId: rubrics[0]?.id,
          notes: 'Ask what it is compared to.',
        }),
      );
      expect(drill).toMatchObject({ title: 'Too expensive', tags: ['late stage', 'price'], promptClip: null });
      const edited = await value<Drill>(
        core.dispatch('drills.update', {
          id: drill.id,
          title: 'Price: too expensive',
          tags: ['Pricing'],
          timeLimitSec: 45,
        }),
      );
      expect(edited).toMatchObject({ title: 'Price: too expensive', tags: ['Pricing'], timeLimitSec: 45 });
      expect(edited.persona.company).toBe('Zephyr Freight');

      const search = (input: object) =>
        value<DrillSummary[]>(core.dispatch('drills.list', input)).then((ds) => ds.map((d) => d.id));
      expect(await search({ search: 'zephyr expected' })).toEqual([drill.id]);
      expect(await search({ tag: 'pricing' })).toEqual([drill.id]);
      expect(await search({ search: 'zzz-nothing' })).toEqual([]);
      expect(await value<string[]>(core.dispatch('drills.tags', undefined))).toContain('Pricing');

      await value(core.dispatch('drills.remove', { id: drill.id }));
      expect(await search({ search: 'zephyr' })).toEqual([]);
      expect(await search({ trash: true })).toEqual([drill.id]);
      await value(core.dispatch('drills.restore', { id: drill.id }));
      expect(await search({ search: 'zephyr' })).toEqual([drill.id]);
    }),
  );

  it(
    'refuses a drill with neither prompt text nor clip, a time limit out of range, and a clip past the recording',
    withCore(async (core) => {
      await refused(core.dispatch('drills.create', { ...drillInput, promptText: '' }), 'invalid_input');
      await refused(core.dispatch('drills.create', { ...drillInput, timeLimitSec: 3 }), 'invalid_input');
      const callId = insertCall(core, { durationSec: 30 });
      const sha = (core.db.prepare('SELECT media_sha256 AS s FROM calls WHERE id = ?').get(callId) as { s: string }).s;
      const message = await refused(
        core.dispatch('drills.create', { ...drillInput, promptClip: { mediaSha256: sha, startSec: 20, endSec: 40 } }),
        'invalid_input',
      );
      expect(message).toMatch(/past the end/);
    }),
  );

  it(
    'makes a drill from a range of a call: the clip is the prompt audio, overlapping transcript text the prompt',
    withCore(async (core) => {
      const callId = insertCall(core, { durationSec: 120, title: 'Renewal with Acme' });
      const sha = (core.db.prepare('SELECT media_sha256 AS s FROM calls WHERE id = ?').get(callId) as { s: string }).s;
      replaceTranscript(core.db, {
        mediaSha256: sha,
        modelId: 'test',
        language: 'en',
        verbatim: false,
        jobId: null,
        segments: [
          { startSec: 0, endSec: 10, text: 'Thanks for joining.', speakerId: null, confidence: null, words: [] },
          {
            startSec: 10,
            endSec: 18,
            text: 'Honestly, your price is too high.',
            speakerId: null,
            confidence: null,
            words: [],
          },
          { startSec: 18, endSec: 25, text: 'Chorus quoted us less.', speakerId: null, confidence: null, words: [] },
          { startSec: 25, endSec: 40, text: 'Anyway, next steps.', speakerId: null, confidence: null, words: [] },
        ],
      });
      const drill = await value<Drill>(core.dispatch('drills.fromCall', { callId, startSec: 12, endSec: 20 }));
      expect(drill.promptText).toBe('Honestly, your price is too high. Chorus quoted us less.');
      expect(drill.promptClip).toMatchObject({ mediaSha256: sha, startSec: 12, endSec: 20, callId });
      expect(drill.title).toBe('From “Renewal with Acme” at 0:12');
      expect(drill.rubricName).toBe('Sales Call Fundamentals');
      await refused(core.dispatch('drills.fromCall', { callId, startSec: 100, endSec: 130 }), 'invalid_input');
    }),
  );
});

describe('attempts', () => {
  it(
    'keeps a recorded answer (webm/opus bytes): a media row and peaks, an attempt by me, a transcription job, stats',
    withCore(
      async (core) => {
        const rep = await me(core);
        await value<WhisperModel>(core.dispatch('models.import', { file: core.files.register(model) }));
        const [drill] = await value<DrillSummary[]>(core.dispatch('drills.list', {}));
        const done = new Promise<void>((resolve) => {
          core.onAnyEvent((event, payload) => {
            if (event === 'transcription.job' && (payload as TranscriptionJob).state === 'done') resolve();
          });
        });
        const attempt = await recordAttempt(core, drill!.id);

        expect(attempt).toMatchObject({ drillId: drill!.id, personId: rep.id, personName: 'Riley Rep' });
        expect(attempt.durationSec).toBeGreaterThan(2);
        expect(['queued', 'running', 'done']).toContain(attempt.transcription);
        expect(mediaFiles(core)).toEqual([attempt.fileName, `${attempt.mediaSha256}.peaks`].sort());
        expect(count(core, 'media')).toBe(1);
        const jobs = await value<TranscriptionJob[]>(core.dispatch('jobs.list', {}));
        expect(jobs.map((j) => j.mediaSha256)).toEqual([attempt.mediaSha256]);
        // Attempts are not calls: the library stays empty.
        expect(count(core, 'calls')).toBe(0);

        await done;
        const transcribed = await value<Attempt>(core.dispatch('drills.attempt', { id: attempt.id }));
        expect(transcribed.transcription).toBe('done');
        // Fixed words: 7 + 7 = 14; fillers um, you know, basically; one question.
        expect(transcribed.stats).toMatchObject({ wordCount: 14, fillerCount: 3, questionCount: 1 });
      },
      { engine: fixedEngine },
    ),
  );

  it(
    'refuses a corrupt recording with a clear message and writes nothing',
    withCore(async (core) => {
      await me(core);
      const [drill] = await value<DrillSummary[]>(core.dispatch('drills.list', {}));
      const good = await readFile(answerWebm);
      // The webm header, then noise: what a recorder cut off mid-write leaves.
      const corrupt = new Uint8Array(Buffer.concat([good.subarray(0, 200), Buffer.alloc(4000, 0x5a)]));
      const before = mediaFiles(core);
      const message = await refused(
        core.dispatch('drills.recordAttempt', { drillId: drill!.id, bytes: corrupt }),
        'invalid_input',
      );
      expect(message).toMatch(/^The recording could not be kept: /);
      expect(mediaFiles(core)).toEqual(before);
      expect(count(core, 'attempts')).toBe(0);
      expect(count(core, 'media')).toBe(0);
      expect(readdirSync(join(core.dataDir, 'incoming'))).toEqual([]);
      // Bytes that are not bytes never reach the importer.
      await refused(core.dispatch('drills.recordAttempt', { drillId: drill!.id, bytes: [1, 2, 3] }), 'invalid_input');
      await refused(
        core.dispatch('drills.recordAttempt', { drillId: drill!.id, bytes: new Uint8Array(0) }),
        'invalid_input',
      );
    }),
  );

  it(
    'saves from a file path (browser-mode upload) and refuses an unknown drill before decoding',
    withCore(async (core) => {
      const drillId = (await value<DrillSummary[]>(core.dispatch('drills.list', {})))[0]!.id;
      // An attempt belongs to its person: with nobody set up as "me" yet, it is refused and nothing is kept.
      await expect(core.drills.saveAttemptFile(answerWebm, drillId)).rejects.toThrow(/Choose who you are/);
      expect(count(core, 'attempts')).toBe(0);
      const rep = await me(core);
      const attempt = await core.drills.saveAttemptFile(answerWebm, drillId);
      expect(attempt.personId).toBe(rep.id);
      await expect(core.drills.saveAttemptFile(answerWebm, 'not-an-id')).rejects.toThrow(/Which drill/);
      expect(existsSync(answerWebm)).toBe(true); // the caller's file is never moved
    }),
  );

  it(
    'is scored with the drill rubric (self), and the history shows personal best and improvement',
    withCore(async (core) => {
      const rep = await me(core);
      const coach = await person(core, 'Casey Coach', 'coach');
      const [drill] = await value<DrillSummary[]>(core.dispatch('drills.list', {}));
      const first = await recordAttempt(core, drill!.id);
      // Different bytes for the second attempt (the same bytes would be the same media, which is fine too).
      writeFileSync(join(work, 'answer-2.webm'), await readFile(answerWebm));
      const second = await recordAttempt(core, drill!.id);

      const selfCard = await value<Scorecard>(as(core, rep.id)('drills.scoreAttempt', { attemptId: first.id }));
      expect(selfCard).toMatchObject({
        attemptId: first.id,
        callId: null,
        reviewerKind: 'self',
        rubricName: drill!.rubricName,
      });
      // Opening it again gives the same scorecard.
      expect((await value<Scorecard>(as(core, rep.id)('drills.scoreAttempt', { attemptId: first.id }))).id).toBe(
        selfCard.id,
      );
      // Opening is not scoring: a blank card, nothing stored; a coach who only looks adds nothing either.
      expect(selfCard.stored).toBe(false);
      const looked = await value<Scorecard>(as(core, coach.id)('drills.scoreAttempt', { attemptId: first.id }));
      expect(looked).toMatchObject({ stored: false, reviewerKind: 'coach' });
      expect(core.db.prepare('SELECT count(*) AS n FROM scorecards').get()).toEqual({ n: 0 });
      await actAs(core, rep.id);
      await scoreAndSubmit(core, selfCard, 2);
      const secondCard = await value<Scorecard>(as(core, rep.id)('drills.scoreAttempt', { attemptId: second.id }));
      await scoreAndSubmit(core, secondCard, 4);
      const coachCard = await value<Scorecard>(as(core, coach.id)('drills.scoreAttempt', { attemptId: second.id }));
      expect(coachCard.reviewerKind).toBe('coach');
      await scoreAndSubmit(core, coachCard, 3);
      await refused(
        as(core, coach.id)('drills.scoreAttempt', { attemptId: first.id, reviewerKind: 'self' }),
        'invalid_input',
      );

      await actAs(core, rep.id);
      const history = await value<DrillHistory>(core.dispatch('drills.history', { drillId: drill!.id }));
      expect(history.attempts.map((a) => [a.id, a.score])).toEqual([
        [first.id, 2],
        [second.id, 3.5],
      ]);
      expect(history.personalBest).toEqual({ attemptId: second.id, score: 3.5 });
      expect(history.improvement).toBe(1.5);
      const listed = (await value<DrillSummary[]>(core.dispatch('drills.list', {}))).find((d) => d.id === drill!.id);
      expect(listed).toMatchObject({ attemptCount: 2, bestScore: 3.5 });

      // Soft delete with undo.
      await value(core.dispatch('drills.removeAttempt', { id: second.id }));
      expect(
        (await value<DrillHistory>(core.dispatch('drills.history', { drillId: drill!.id }))).attempts,
      ).toHaveLength(1);
      await value(core.dispatch('drills.restoreAttempt', { id: second.id }));
      expect(
        (await value<DrillHistory>(core.dispatch('drills.history', { drillId: drill!.id }))).attempts,
      ).toHaveLength(2);

      // A scorecard for an attempt that does not exist is refused by the database itself.
      expect(() =>
        core.db
          .prepare(
            `INSERT INTO scorecards (id, attempt_id, rubric_version_id, reviewer_id, reviewer_kind, created_at, updated_at)
             VALUES ('x', 'no-such-attempt', ?, ?, 'self', 'now', 'now')`,
          )
          .run(selfCard.rubricVersionId, rep.id),
      ).toThrow(/missing attempt/);
    }),
  );

  it(
    'keeps attempt recordings when the call trash is emptied',
    withCore(async (core) => {
      await me(core);
      const [drill] = await value<DrillSummary[]>(core.dispatch('drills.list', {}));
      const attempt = await recordAttempt(core, drill!.id);
      await value(core.dispatch('calls.emptyTrash', undefined));
      expect(mediaFiles(core)).toContain(attempt.fileName);
      expect(count(core, 'media')).toBe(1);
    }),
  );
});

describe('practice plan', () => {
  it(
    'suggests drills for the criterion where recent scores (calls and attempts) are lowest',
    withCore(async (core) => {
      const rep = await me(core);
      const rubrics = await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined));
      const fundamentals = await value<Rubric>(
        core.dispatch('rubrics.get', { id: rubrics.find((r) => r.name === 'Sales Call Fundamentals')!.id }),
      );
      const names = fundamentals.latest.criteria.map((c) => c.name);
      expect(names).toEqual(['Discovery Skills', 'Value Communication', 'Objection Handling', 'Deal Progression']);

      // A call scored by a coach: discovery 4, value 3, objections 2, progression 3.
      const coach = await person(core, 'Casey Coach', 'coach');
      const callId = insertCall(core, { repId: rep.id });
      const callCard = await value<Scorecard>(
        as(core, coach.id)('scorecards.start', { callId, rubricId: fundamentals.id }),
      );
      await scoreAndSubmit(core, callCard, [4, 3, 2, 3]);
      // A drill attempt scored by the rep: discovery 5, value 3, objections 1, progression 4.
      const drills = await value<DrillSummary[]>(core.dispatch('drills.list', {}));
      const onFundamentals = drills.find((d) => d.rubricId === fundamentals.id)!;
      await actAs(core, rep.id);
      const attempt = await recordAttempt(core, onFundamentals.id);
      const selfCard = await value<Scorecard>(as(core, rep.id)('drills.scoreAttempt', { attemptId: attempt.id }));
      await scoreAndSubmit(core, selfCard, [5, 3, 1, 4]);
      // Someone else's low scores do not count against this rep.
      const other = await person(core, 'Other Rep');
      const otherCall = insertCall(core, { repId: other.id });
      const otherCard = await value<Scorecard>(
        as(core, coach.id)('scorecards.start', { callId: otherCall, rubricId: fundamentals.id }),
      );
      await scoreAndSubmit(core, otherCard, [1, 1, 5, 1]);

      // The rep has not reviewed the call themselves, so the coach's scores of it stay blind to them:
      // their plan is built from the attempt alone.
      await actAs(core, rep.id);
      const repView = await value<PracticePlan>(core.dispatch('drills.plan', { personId: rep.id }));
      expect(repView.items.map((i) => [i.criterionName, i.recentAverage, i.sampleSize])).toEqual([
        ['Objection Handling', 1, 1],
        ['Value Communication', 3, 1],
        ['Deal Progression', 4, 1],
      ]);
      // The coach scores the attempt too and opens the rep's plan: a coach can see it, with what they may see.
      const coachOnAttempt = await value<Scorecard>(
        as(core, coach.id)('drills.scoreAttempt', { attemptId: attempt.id }),
      );
      await scoreAndSubmit(core, coachOnAttempt, [5, 3, 1, 4]);
      const plan = await value<PracticePlan>(core.dispatch('drills.plan', { personId: rep.id }));
      // Means: discovery 4.67, value 3, objections 1.33, progression 3.67 → objections is the weakest.
      expect(plan.items.map((i) => [i.criterionName, i.recentAverage, i.sampleSize])).toEqual([
        ['Objection Handling', 1.33, 3],
        ['Value Communication', 3, 3],
        ['Deal Progression', 3.67, 3],
      ]);
      const suggested = plan.items[0]!.drills;
      expect(suggested.length).toBeGreaterThan(0);
      expect(suggested.every((d) => d.rubricId === fundamentals.id && d.skill === 'objection_handling')).toBe(true);
      // "Deal Progression" shares the next-step-close skill key with drills written for other rubrics.
      const progression = plan.items[2]!.drills;
      expect(progression.map((d) => d.skill)).toEqual(['next_step_close', 'next_step_close', expect.any(String)]);
      expect(progression.slice(0, 2).every((d) => d.rubricId !== fundamentals.id)).toBe(true);

      // The other rep's plan comes from their own scores (1, 1, 5, 1): ties at 1 go by name.
      expect(
        (await value<PracticePlan>(core.dispatch('drills.plan', { personId: other.id }))).items.map(
          (i) => i.criterionName,
        ),
      ).toEqual(['Deal Progression', 'Discovery Skills', 'Value Communication']);
      // With nothing scored, there is nothing to suggest yet.
      const newcomer = await person(core, 'New Rep');
      expect((await value<PracticePlan>(core.dispatch('drills.plan', { personId: newcomer.id }))).items).toEqual([]);

      // A rep opens their own plan, never another rep's (the core refuses, whatever the page asks).
      await actAs(core, other.id);
      expect(await refused(core.dispatch('drills.plan', { personId: rep.id }), 'forbidden')).toBe(
        'A practice plan is its rep’s own: only they and a coach can open it.',
      );
      expect((await value<PracticePlan>(core.dispatch('drills.plan', { personId: other.id }))).personId).toBe(other.id);
    }),
  );
});
