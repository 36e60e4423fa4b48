import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import { createCore } from '../../../../src/main/core';
import { createInsightsWorker } from '../../../../src/main/core/insights/service';
import { findPhrases, matchTracker, phraseTokens, tokens } from '../../../../src/main/core/insights/trackers';
import type { CallInsights, Person, Team, Tracker, TrackerTrend } from '../../../../src/shared/domain';
import type { Result } from '../../../../src/shared/result';
import { addTranscribedCall } from './helpers';

async function value<T>(pending: Promise<Result<unknown>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('tracker matching', () => {
  it('whole words, any case, punctuation and accents ignored', () => {
    const phrases = phraseTokens(['next steps', 'price', 'café']);
    expect(findPhrases('NEXT-STEPS? Sure.', phrases)).toEqual([{ phraseIndex: 0, at: 0 }]);
    expect(findPhrases('The pricing is fine', phrases)).toEqual([]); // not a whole word
    expect(findPhrases('What is the price, roughly? The PRICE!', phrases).length).toBe(2);
    expect(findPhrases('Meet at the cafe', phrases)).toEqual([{ phraseIndex: 2, at: 3 }]);
    expect(tokens('We don\'t — (really) "NEAR" *stuff*')).toEqual(['we', 'dont', 'really', 'near', 'stuff']);
  });

  it('phrases with FTS or regex syntax are plain words', () => {
    const phrases = phraseTokens(['"budget*"', 'a NEAR b', '(legal)']);
    expect(findPhrases('our budget is set', phrases)).toEqual([{ phraseIndex: 0, at: 1 }]);
    expect(findPhrases('a near b', phrases)).toEqual([{ phraseIndex: 1, at: 0 }]);
    expect(findPhrases('ask legal first', phrases)).toEqual([{ phraseIndex: 2, at: 1 }]);
  });

  it('sides: a rep tracker ignores the customer; without a customer side it matches all, marked unknown', () => {
    const tracker = { id: 't', name: 'Next steps', side: 'rep' as const, phrases: ['next step'] };
    const sided = [
      { id: 's1', startSec: 1, endSec: 2, text: 'What is the next step?', side: 'customer' as const },
      { id: 's2', startSec: 3, endSec: 4, text: 'The next step is a demo.', side: 'rep' as const },
    ];
    expect(matchTracker(tracker, sided).map((h) => [h.segmentId, h.side])).toEqual([['s2', 'rep']]);
    const mono = sided.map((s) => ({ ...s, side: 'unknown' as const }));
    expect(matchTracker(tracker, mono).map((h) => [h.segmentId, h.side])).toEqual([
      ['s1', 'unknown'],
      ['s2', 'unknown'],
    ]);
  });
});

describe('stored figures and tracker hits follow the transcript', () => {
  let dir: string;
  let core: Core;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gamefilm-insights-'));
    core = createCore({ dataDir: dir, shell: 'web' });
  });
  afterEach(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const addCall = (sha256: string, segments: Array<[number, number, 0 | 1, string]>, callDate?: string) =>
    addTranscribedCall(core.db, sha256, segments, callDate);

  const sha = (c: string) => c.repeat(64);

  it('marking the customer recomputes the figures; editing a segment finds a tracker phrase in it', async () => {
    const { callId, speakers } = addCall(sha('a'), [
      [0, 10, 0, 'Thanks for the time today.'],
      [12, 20, 1, 'Sure, we are comparing tools.'],
      [21, 30, 0, 'Great. Let us book a next meeting.'],
    ]);
    let insights = await value<CallInsights>(core.dispatch('insights.forCall', { callId }));
    expect(insights.metrics?.hasSides).toBe(false);
    expect(insights.comparisons.find((c) => c.key === 'talkRatioRep')?.needsSides).toBe(true);

    await value(core.dispatch('transcripts.updateSpeaker', { speakerId: speakers[1]!.id, isCustomer: true }));
    insights = await value<CallInsights>(core.dispatch('insights.forCall', { callId }));
    expect(insights.metrics?.hasSides).toBe(true);
    expect(insights.metrics?.talkRatioRep).toBeCloseTo(19 / 27, 10);
    expect(insights.comparisons.find((c) => c.key === 'longestMonologueSec')?.moment).toEqual({
      startSec: 0,
      endSec: 10,
      durationSec: 10,
    });
    expect(insights.hits).toEqual([]);

    const tracker = await value<Tracker>(
      core.dispatch('trackers.create', { name: 'Rival tools', side: 'customer', phrases: ['Gong', 'other vendors'] }),
    );
    const segment = core.db
      .prepare('SELECT id FROM transcript_segments WHERE media_sha256 = ? AND start_sec = 12')
      .get(sha('a')) as { id: string };
    await value(core.dispatch('transcripts.updateSegment', { segmentId: segment.id, text: 'We also looked at GONG.' }));
    insights = await value<CallInsights>(core.dispatch('insights.forCall', { callId }));
    expect(insights.hits).toEqual([
      {
        trackerId: tracker.id,
        trackerName: 'Rival tools',
        segmentId: segment.id,
        startSec: 12,
        phrase: 'Gong',
        side: 'customer',
      },
    ]);
  });

  it('a changed tracker is re-evaluated over the library; trends count calls and hits per period and rep', async () => {
    const first = addCall(
      sha('b'),
      [
        [0, 5, 0, 'What is your budget?'],
        [6, 9, 1, 'Budget is tight, the budget.'],
      ],
      '2026-11-02',
    );
    addCall(
      sha('c'),
      [
        [0, 5, 0, 'Hello.'],
        [6, 9, 1, 'No money talk.'],
      ],
      '2026-11-10',
    );
    const tracker = await value<Tracker>(
      core.dispatch('trackers.create', { name: 'Money', side: 'either', phrases: ['budget'] }),
    );
    const trends = async () =>
      (
        await value<TrackerTrend[]>(
          core.dispatch('insights.trackerTrends', { from: '2026-11-01', to: '2026-11-30', trackerId: tracker.id }),
        )
      )[0]!;
    await waitForCurrentFigures();
    let t = await trends();
    // Weeks start on Monday: 2 Nov and 9 Nov 2026. "budget" three times in the first call.
    expect(t.byPeriod).toEqual([
      { period: '2026-11-02', calls: 1, hits: 3, callsInPeriod: 1 },
      { period: '2026-11-09', calls: 0, hits: 0, callsInPeriod: 1 },
    ]);
    // The "team" filter: only the calls of the team's reps (a team with one rep on the first call).
    const ray = await value<Person>(core.dispatch('people.create', { name: 'Ray', role: 'rep' }));
    const east = await value<Team>(core.dispatch('people.createTeam', { name: 'SMB East' }));
    await value(core.dispatch('people.update', { id: ray.id, teamId: east.id }));
    core.db.prepare('UPDATE calls SET rep_id = ? WHERE id = ?').run(ray.id, first.callId);
    const [team] = await value<TrackerTrend[]>(
      core.dispatch('insights.trackerTrends', {
        from: '2026-11-01',
        to: '2026-11-30',
        trackerId: tracker.id,
        teamId: east.id,
      }),
    );
    expect(team!.byPeriod.map((p) => [p.period, p.hits, p.callsInPeriod])).toEqual([['2026-11-02', 3, 1]]);
    expect(team!.byRep.map((r) => [r.repName, r.hits])).toEqual([['Ray', 3]]);
    await value(
      core.dispatch('trackers.update', { id: tracker.id, name: 'Money', side: 'either', phrases: ['money'] }),
    );
    await waitForCurrentFigures();
    t = await trends();
    expect(t.byPeriod.map((p) => [p.period, p.calls, p.hits])).toEqual([
      ['2026-11-02', 0, 0],
      ['2026-11-09', 1, 1],
    ]);
  });

  it('refuses a tracker with nothing to listen for, a phrase of only symbols, or a taken name', async () => {
    const refused = async (input: object) => {
      const r = await core.dispatch('trackers.create', input as never);
      return r.ok ? 'accepted' : r.error.message;
    };
    expect(await refused({ name: 'Empty', side: 'rep', phrases: [] })).toMatch(/at least one phrase/);
    expect(await refused({ name: 'Symbols', side: 'rep', phrases: ['"*()"'] })).toMatch(/no letters or digits/);
    expect(await refused({ name: 'pricing', side: 'rep', phrases: ['x'] })).toMatch(/already exists/);
    const count = core.db.prepare('SELECT count(*) AS n FROM trackers').get() as { n: number };
    expect(count.n).toBe(6); // the shipped ones only
  });

  it('a library larger than one turn’s window: every recording gets its figures and hit counts, progress ends at its total', async () => {
    // The core's own worker finishes its run first (it has nothing to do but look), so the counts below are this worker's.
    const coreFinished = new Promise<void>((resolve) => {
      const off = core.onAnyEvent((name, payload) => {
        if (name === 'insights.progress' && (payload as { finished: boolean }).finished) {
          off();
          resolve();
        }
      });
    });
    addCall(sha('e'), [[0, 5, 0, 'Hello.']]);
    const tracker = await value<Tracker>(
      core.dispatch('trackers.create', { name: 'Money', side: 'either', phrases: ['budget'] }),
    );
    await coreFinished;
    // 1,100 recordings: more than two of the worker's 500-recording windows.
    const recordings = Array.from({ length: 1_100 }, (_, i) => i.toString(16).padStart(64, '0'));
    core.db.transaction(() => {
      recordings.forEach((sha256, i) =>
        addCall(sha256, [
          [0, 5, 0, i % 3 === 0 ? 'What is the budget? The budget.' : 'Hello there.'],
          [6, 9, 1, 'Fine.'],
        ]),
      );
    })();
    const events: Array<{ done: number; total: number; finished: boolean }> = [];
    await new Promise<void>((resolve) => {
      const worker = createInsightsWorker(core.db, (event, payload) => {
        if (event !== 'insights.progress') return;
        const p = payload as { done: number; total: number; finished: boolean };
        events.push(p);
        if (p.finished) {
          worker.close();
          resolve();
        }
      });
      worker.kick();
    });
    const count = (q: string) => (core.db.prepare(q).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM call_metrics')).toBe(1_101);
    expect(count(`SELECT count(*) AS n FROM tracker_scans WHERE tracker_id = '${tracker.id}'`)).toBe(1_101);
    // The stored count is the hits found: twice in every third recording.
    expect(count(`SELECT sum(hits) AS n FROM tracker_scans WHERE tracker_id = '${tracker.id}'`)).toBe(
      count(`SELECT count(*) AS n FROM tracker_hits WHERE tracker_id = '${tracker.id}'`),
    );
    expect(count(`SELECT sum(hits) AS n FROM tracker_scans WHERE tracker_id = '${tracker.id}'`)).toBe(734);
    expect(events.at(-1)).toEqual({ done: 1_100, total: 1_100, finished: true });
    expect(events.filter((e) => !e.finished).every((e) => e.done <= e.total)).toBe(true);
    expect((await value<{ pending: number }>(core.dispatch('insights.backlog', {}))).pending).toBe(0);
  });

  async function waitForCurrentFigures() {
    for (;;) {
      const b = await value<{ pending: number }>(core.dispatch('insights.backlog', {}));
      if (b.pending === 0) return;
      await new Promise((r) => setImmediate(r));
    }
  }
});
