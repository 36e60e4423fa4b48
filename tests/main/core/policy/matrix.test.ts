/**
 * The policy matrix (issue 11): every contract method that returns scores or
 * feedback about people, asked by every kind of actor (the call's rep, a
 * peer, a coach, another rep, nobody) in every state (no scorecard of their
 * own, their own draft, their own submitted), on one library where a coach
 * (Ann) submitted a scorecard on the rep's call and keeps a draft on the
 * rep's drill attempt. Nothing of Ann's scoring, nor of another actor's
 * draft, may reach an actor before they submit; Ann's draft reaches nobody.
 *
 * Markers make a leak visible whatever shape an answer has: Ann's submitted
 * scores are all 1 and her text says ANN-SUBMITTED, her draft's scores are
 * all 5 and its text says ANN-DRAFT, an actor's own scores are all 4 and
 * their text says MINE-<name>. Before an actor submits, every score-like
 * number they are shown is 4 (their own) or 0 (an improvement of nothing);
 * after, a 5 still never shows. Packets are read back from the written file.
 *
 * A method the rule table calls `scoring` without a case here fails the
 * first test, so a new method that returns scores cannot skip the matrix.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import { RULES } from '../../../../src/main/core/policy/rules';
import { writeSetting } from '../../../../src/main/core/settings/repository';
import type {
  Attempt,
  Call,
  DrillSummary,
  Person,
  ReviewSession,
  RubricSummary,
  Scorecard,
} from '../../../../src/shared/domain';
import type { PacketExportJob } from '../../../../src/shared/packets';
import type { Result } from '../../../../src/shared/result';
import { makeMedia } from '../../../fixtures/media';
import { actAs, as } from '../../../helpers/acting';
import { useTempDirs } from '../../../helpers/tmp';
import { importRecording, openCore, readEntries, value } from '../packets/helpers';

const tempDir = useTempDirs();

/** What the matrix knows about the library it asks. */
interface World {
  core: Core;
  rep: Person;
  call: Call;
  attempt: Attempt;
  drillId: string;
  sessionId: string;
  annSubmitted: Scorecard;
  annDraft: Scorecard;
}

/** What an answer is, for the leak check: the dispatch result, or the packet's review data read from its file. */
type Ask = (w: World) => Promise<unknown>;

const ask =
  (channel: string, input: (w: World) => unknown): Ask =>
  (w) =>
    w.core.dispatch(channel, input(w));

/** Exports, waits, and answers the packet's review.json (what actually left the machine). */
const exported =
  (channel: 'packets.export' | 'packets.exportAttempt', input: (w: World) => object): Ask =>
  async (w) => {
    const started = await w.core.dispatch(channel, input(w));
    if (!started.ok) return started;
    const job: PacketExportJob = await w.core.packets.settled((started.value as PacketExportJob).jobId);
    if (job.state !== 'done') return job;
    const bundle = job.files.find((f) => f.kind === 'bundle')!.path;
    return JSON.parse((await readEntries(bundle)).get('review.json')!.toString('utf8')) as unknown;
  };

const ALL_TIME = { from: '2000-01-01', to: '2999-12-31' };

/** The key of the first criterion Ann scored (a heatmap cell's column). */
const criterionKeyOf = (w: World): string =>
  (
    w.core.db.prepare('SELECT key FROM rubric_criteria WHERE id = ?').get(w.annSubmitted.scores[0]!.criterionId) as {
      key: string;
    }
  ).key;

/**
 * One or more asks per method. Keys are `domain.method`; the rule table's
 * `scoring` methods must all be here, and so must the open or room methods
 * whose answers carry scores.
 */
const MATRIX: Record<string, Ask[]> = {
  'scorecards.forCall': [ask('scorecards.forCall', (w) => ({ callId: w.call.id }))],
  'scorecards.get': [
    ask('scorecards.get', (w) => ({ id: w.annSubmitted.id })),
    ask('scorecards.get', (w) => ({ id: w.annDraft.id })),
  ],
  'scorecards.forRep': [
    ask('scorecards.forRep', (w) => ({ personId: w.rep.id })),
    // Ann's own page: the reviews she gave carry overall scores.
    ask('scorecards.forRep', (w) => ({ personId: w.annSubmitted.reviewerId })),
  ],
  'drills.attempt': [ask('drills.attempt', (w) => ({ id: w.attempt.id }))],
  'drills.attemptScorecards': [ask('drills.attemptScorecards', (w) => ({ attemptId: w.attempt.id }))],
  'drills.plan': [ask('drills.plan', (w) => ({ personId: w.rep.id }))],
  'drills.history': [
    ask('drills.history', (w) => ({ drillId: w.drillId, personId: w.rep.id })),
    ask('drills.history', (w) => ({ drillId: w.drillId })),
  ],
  'drills.list': [ask('drills.list', () => ({}))],
  'calls.search': [ask('calls.search', () => ({ query: 'ANN' })), ask('calls.search', () => ({ query: 'MINE' }))],
  'packets.export': [
    exported('packets.export', (w) => ({ callId: w.call.id, media: 'clips', transcript: 'none' })),
    exported('packets.export', (w) => ({
      callId: w.call.id,
      media: 'clips',
      transcript: 'none',
      includePrivate: true,
    })),
  ],
  'packets.exportAttempt': [
    exported('packets.exportAttempt', (w) => ({ attemptId: w.attempt.id, transcript: 'none' })),
    exported('packets.exportAttempt', (w) => ({ attemptId: w.attempt.id, transcript: 'none', includePrivate: true })),
  ],
  'sessions.summary': [ask('sessions.summary', (w) => ({ id: w.sessionId }))],
  'sessions.forPerson': [ask('sessions.forPerson', (w) => ({ personId: w.rep.id }))],
  'insights.skillHeatmap': [ask('insights.skillHeatmap', () => ALL_TIME)],
  'insights.skillProgress': [ask('insights.skillProgress', (w) => ({ repId: w.rep.id, ...ALL_TIME }))],
  'insights.skillEvidence': [
    ask('insights.skillEvidence', (w) => ({ repId: w.rep.id, criterionKey: criterionKeyOf(w), ...ALL_TIME })),
  ],
  'insights.coachingActivity': [ask('insights.coachingActivity', () => ALL_TIME)],
  'goals.forPerson': [ask('goals.forPerson', (w) => ({ personId: w.rep.id }))],
  'goals.propose': [ask('goals.propose', (w) => ({ personId: w.rep.id, metric: 'drill_attempts_per_week' }))],
  'goals.nextBestAction': [ask('goals.nextBestAction', (w) => ({ personId: w.rep.id }))],
  'recognition.boards': [
    (w) => {
      writeSetting(w.core.db, 'leaderboards', true);
      return w.core.dispatch('recognition.boards', { from: '2026-03-01', to: '2026-03-31' });
    },
  ],
  'recognition.insights': [ask('recognition.insights', () => ALL_TIME)],
};

/** Open or room methods whose answers carry scores: in the matrix although the rule table does not say `scoring`. */
const CARRY_SCORES = ['drills.history', 'drills.list', 'calls.search', 'sessions.summary', 'sessions.forPerson'];

const SCORE_KEY = /score|overall|average|mean|best|improvement|alpha|agreement|spread|value/i;

interface Leak {
  path: string;
  what: string;
}

/** Everything in an answer that came from someone else's scoring the actor may not see. */
function leaksIn(
  answer: unknown,
  opts: { submitted: boolean; otherMarkers: string[]; hiddenIds: string[]; roomRecord?: boolean },
): Leak[] {
  const found: Leak[] = [];
  const walk = (v: unknown, path: string, key: string) => {
    if (typeof v === 'string') {
      for (const m of ['ANN-DRAFT', ...(opts.submitted ? [] : ['ANN-SUBMITTED']), ...opts.otherMarkers])
        if (v.includes(m)) found.push({ path, what: `text ${m}` });
      // Who is scoring (not what they gave) is shown while blind: a reviewer's status names their card,
      // and a reviewer's page lists the reviews they gave (without the overall until the viewer submits).
      for (const id of opts.hiddenIds)
        if (v.includes(id) && !/\.(reviewers\[\d+\]\.scorecardId|reviewsGiven\[\d+\]\.id)$/.test(path))
          found.push({ path, what: `scorecard id ${id}` });
    } else if (typeof v === 'number') {
      if (!SCORE_KEY.test(key) || /count/i.test(key)) return;
      // A session's own summary is the room's record of scores said aloud (the `room` rule): it is not
      // blind. Wherever session scores leave the session (a person's page, their progress) they pass
      // the blind rule, which the scorecards.forRep case checks.
      if (/^\.value\.items\[\d+\]\.scores\[\d+\]\.mean$/.test(path) && opts.roomRecord) return;
      if (v === 5) found.push({ path, what: 'a score from Ann’s draft' });
      else if (!opts.submitted && v !== 4 && v !== 0) found.push({ path, what: `score-like ${v}` });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, key));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`, k);
    }
  };
  walk(answer, '', '');
  return found;
}

async function scoreCard(core: Core, card: Scorecard, score: number, note: string): Promise<Scorecard> {
  for (const s of card.scores)
    await value(
      core.dispatch('scorecards.setScore', { id: card.id, criterionId: s.criterionId, score, comment: note }),
    );
  await value(core.dispatch('scorecards.update', { id: card.id, strengths: `${note} strengths` }));
  await value(core.dispatch('scorecards.addActionItem', { scorecardId: card.id, text: `${note} action` }));
  return value<Scorecard>(core.dispatch('scorecards.get', { id: card.id }));
}

const ACTORS = [
  { kind: 'self (the call’s rep)', name: 'Ray', role: 'rep' },
  { kind: 'peer', name: 'Pia', role: 'rep' },
  { kind: 'coach', name: 'Kim', role: 'coach' },
  { kind: 'other rep', name: 'Otto', role: 'rep' },
] as const;

async function world(core: Core): Promise<{ w: World; actors: Record<string, Person> }> {
  const people: Record<string, Person> = {};
  for (const a of ACTORS)
    people[a.name] = await value<Person>(core.dispatch('people.create', { name: a.name, role: a.role }));
  const ann = await value<Person>(core.dispatch('people.create', { name: 'Ann', role: 'coach' }));
  const rep = people.Ray!;
  const file = await makeMedia(tempDir('gamefilm-matrix-media-'), 'ogg', { durationSec: 20, name: 'matrix-call' });
  const imported = await importRecording(core, file);
  const call = await value<Call>(
    core.dispatch('calls.update', { id: imported.id, title: 'Matrix call', repId: rep.id, callDate: '2026-03-02' }),
  );
  // A clip-worthy moment, so a packet has something to carry besides scores.
  await value(as(core, ann.id)('annotations.create', { callId: call.id, startSec: 2, endSec: 4, body: 'A moment' }));
  const rubricId = (await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined))).find(
    (r) => r.name === 'Sales Call Fundamentals',
  )!.id;

  const drill = (await value<DrillSummary[]>(core.dispatch('drills.list', {}))).find((d) => d.rubricId)!;
  await actAs(core, rep.id);
  const answer = await makeMedia(tempDir('gamefilm-matrix-media-'), 'ogg', { durationSec: 3, name: 'matrix-answer' });
  const attempt = await value<Attempt>(
    core.dispatch('drills.recordAttempt', {
      drillId: drill.id,
      bytes: new Uint8Array(await readFile(answer)),
      mimeType: 'audio/ogg',
    }),
  );

  await actAs(core, ann.id);
  const submittedCard = await value<Scorecard>(core.dispatch('scorecards.start', { callId: call.id, rubricId }));
  const annSubmitted = await scoreCard(core, submittedCard, 1, 'ANN-SUBMITTED');
  await value(core.dispatch('scorecards.submit', { id: annSubmitted.id }));
  const draftCard = await value<Scorecard>(core.dispatch('drills.scoreAttempt', { attemptId: attempt.id }));
  const annDraft = await scoreCard(core, draftCard, 5, 'ANN-DRAFT');

  const session = await value<ReviewSession>(
    core.dispatch('sessions.create', { title: 'Weekly review', date: '2026-03-03', participantIds: [ann.id, rep.id] }),
  );
  const withItems = await value<ReviewSession>(
    core.dispatch('sessions.addItem', { sessionId: session.id, kind: 'call', callId: call.id, rubricId }),
  );
  await value(core.dispatch('sessions.addItem', { sessionId: session.id, kind: 'attempt', attemptId: attempt.id }));
  // Ann also scores the call live in the session (1, like her card): the rep's page counts session
  // scores in progress, through the same blind rule.
  await value(
    core.dispatch('sessions.setScore', {
      itemId: withItems.items[0]!.id,
      reviewerId: ann.id,
      criterionId: annSubmitted.scores[0]!.criterionId,
      score: 1,
    }),
  );

  return {
    w: { core, rep, call, attempt, drillId: drill.id, sessionId: session.id, annSubmitted, annDraft },
    actors: people,
  };
}

describe('the policy matrix: actor × state × every method that returns scores or feedback', () => {
  it('has a case for every `scoring` method in the rule table, and for the open ones that carry scores', () => {
    const scoring = Object.entries(RULES).flatMap(([d, ms]) =>
      Object.entries(ms as Record<string, string>).flatMap(([m, rule]) => (rule === 'scoring' ? [`${d}.${m}`] : [])),
    );
    expect(scoring.filter((m) => !MATRIX[m])).toEqual([]);
    expect(CARRY_SCORES.filter((m) => !MATRIX[m])).toEqual([]);
    expect(Object.keys(MATRIX).sort()).toEqual([...new Set([...scoring, ...CARRY_SCORES])].sort());
  });

  it('nothing of another reviewer’s scoring leaks before the actor submits; a draft leaks to nobody', async () => {
    const core = openCore(tempDir('gamefilm-matrix-'));
    try {
      const { w, actors } = await world(core);
      const cards = new Map<string, { call: Scorecard; attempt: Scorecard }>();
      const failures: string[] = [];
      const seenAfterSubmit = new Map<string, boolean>();

      const check = async (state: 'none' | 'draft' | 'submitted') => {
        for (const a of ACTORS) {
          const actor = actors[a.name]!;
          await actAs(core, actor.id);
          const otherMarkers = ACTORS.filter((o) => o.name !== a.name && state !== 'submitted').map(
            (o) => `MINE-${o.name}`,
          );
          const hiddenIds = [w.annDraft.id, ...(state === 'submitted' ? [] : [w.annSubmitted.id])];
          for (const [method, asks] of Object.entries(MATRIX)) {
            for (const [i, run] of asks.entries()) {
              const answer = await run(w);
              const roomRecord = method === 'sessions.summary';
              for (const leak of leaksIn(answer, {
                submitted: state === 'submitted',
                otherMarkers,
                hiddenIds,
                roomRecord,
              }))
                failures.push(`${a.kind} (${state}) ${method}#${i} ${leak.path}: ${leak.what}`);
              if (state === 'submitted' && JSON.stringify(answer).includes('ANN-SUBMITTED'))
                seenAfterSubmit.set(`${a.name} ${method}`, true);
            }
          }
        }
        // Nobody is "me": scoring methods refuse, open ones show nobody's scoring.
        await actAs(core, null);
        for (const [method, asks] of Object.entries(MATRIX)) {
          for (const [i, run] of asks.entries()) {
            const answer = await run(w);
            const refusedNoActor = (answer as Result<unknown>).ok === false;
            if (RULES[method.split('.')[0] as 'scorecards'][method.split('.')[1] as 'get'] === 'scoring')
              expect([method, refusedNoActor]).toEqual([method, true]);
            for (const leak of leaksIn(answer, {
              submitted: false,
              otherMarkers: ACTORS.map((o) => `MINE-${o.name}`),
              hiddenIds: [w.annDraft.id, w.annSubmitted.id],
              roomRecord: method === 'sessions.summary',
            }))
              failures.push(`no "me" (${state}) ${method}#${i} ${leak.path}: ${leak.what}`);
          }
        }
      };

      await check('none');
      const rubricId = w.annSubmitted.rubricId;
      for (const a of ACTORS) {
        const actor = actors[a.name]!;
        await actAs(core, actor.id);
        const call = await value<Scorecard>(core.dispatch('scorecards.start', { callId: w.call.id, rubricId }));
        const attempt = await value<Scorecard>(core.dispatch('drills.scoreAttempt', { attemptId: w.attempt.id }));
        cards.set(a.name, {
          call: await scoreCard(core, call, 4, `MINE-${a.name}`),
          attempt: await scoreCard(core, attempt, 4, `MINE-${a.name}`),
        });
      }
      await check('draft');
      for (const a of ACTORS) {
        await actAs(core, actors[a.name]!.id);
        const mine = cards.get(a.name)!;
        await value(core.dispatch('scorecards.submit', { id: mine.call.id }));
        await value(core.dispatch('scorecards.submit', { id: mine.attempt.id }));
      }
      await check('submitted');

      expect(failures).toEqual([]);
      // The test can fail: once submitted, Ann's card does reach every actor on the call page, the
      // rep's page and in their packet.
      for (const a of ACTORS)
        for (const method of ['scorecards.forCall', 'scorecards.forRep', 'packets.export'])
          expect([a.name, method, seenAfterSubmit.get(`${a.name} ${method}`) ?? false]).toEqual([a.name, method, true]);
    } finally {
      await core.close();
    }
  }, 300_000);
});
