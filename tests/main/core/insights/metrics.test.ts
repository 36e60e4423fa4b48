import { describe, expect, it } from 'vitest';
import type { MetricSegment } from '../../../../src/main/core/insights/metrics';
import { computeMetrics, runsOf, unionSeconds } from '../../../../src/main/core/insights/metrics';

const seg = (startSec: number, endSec: number, side: MetricSegment['side'], text = 'word'): MetricSegment => ({
  startSec,
  endSec,
  side,
  text,
});

describe('call metrics, against hand-computed transcripts', () => {
  it('a plain discovery exchange: every figure by hand', () => {
    // 60 s call. Rep 0–10 and 22–30 and 40–45; customer 12–20 and 31–39.
    const m = computeMetrics('a', 60, [
      seg(0, 10, 'rep', 'Hi there, how is your quarter going?'), // 7 words, 1 question
      seg(12, 20, 'customer', 'Busy, honestly. We um lost two reps.'), // 7 words
      seg(22, 30, 'rep', 'What happened with them? Like, basically tell me'), // 8 words, 1 q, fillers: like, basically
      seg(31, 39, 'customer', 'They left for a competitor.'), // 5 words
      seg(40, 45, 'rep', 'Got it.'), // 2 words
    ]);
    expect(m.hasSides).toBe(true);
    // Rep talk 10 + 8 + 5 = 23 s; customer 8 + 8 = 16 s.
    expect(m.talkSecRep).toBe(23);
    expect(m.talkSecCustomer).toBe(16);
    expect(m.talkRatioRep).toBeCloseTo(23 / 39, 10);
    // Runs: rep, customer, rep, customer, rep → 4 switches in 1 minute.
    expect(m.switchesPerMinute).toBe(4);
    // Each run is one segment: longest rep run 0–10, longest customer run 12–20 (first of equals).
    expect(m.longestMonologue).toEqual({ startSec: 0, endSec: 10, durationSec: 10 });
    expect(m.longestCustomerStory).toEqual({ startSec: 12, endSec: 20, durationSec: 8 });
    // Rep answers after customer: 20→22 = 2 s, 39→40 = 1 s; mean 1.5 s.
    expect(m.patienceSec).toBe(1.5);
    expect(m.questionsRep).toBe(2);
    expect(m.questionsCustomer).toBe(0);
    expect(m.questions).toBe(2);
    // 17 rep words in 23 s of talk.
    expect(m.wpmRep).toBeCloseTo(17 / (23 / 60), 10);
    expect(m.wpmCustomer).toBeCloseTo(12 / (16 / 60), 10);
    // Rep fillers: like, basically → 2 in 23 s ("honestly", "um" are the customer's).
    expect(m.fillersPerMinuteRep).toBeCloseTo(2 / (23 / 60), 10);
    // Speech covers 39 of 60 s.
    expect(m.silenceShare).toBeCloseTo(21 / 60, 10);
  });

  it('a monologue spans consecutive rep segments; overlapping segments count once', () => {
    const m = computeMetrics('b', 120, [
      seg(0, 5, 'customer'),
      seg(6, 20, 'rep'),
      seg(18, 40, 'rep'), // overlaps the previous by 2 s
      seg(41, 70, 'rep'),
      seg(65, 72, 'customer'), // talks over the rep's end
    ]);
    expect(m.longestMonologue).toEqual({ startSec: 6, endSec: 70, durationSec: 64 });
    expect(m.talkSecRep).toBe(14 + 20 + 29); // 6–40 is 34 s, plus 41–70 = 29 s → 63
    expect(m.talkSecCustomer).toBe(5 + 7);
    // The customer's second run starts before the rep stopped: no rep answer after it; first: 5→6 = 1 s.
    expect(m.patienceSec).toBe(1);
    // Union of everything: 0–5, 6–40, 41–72 → 5 + 34 + 31 = 70 of 120 s.
    expect(m.silenceShare).toBeCloseTo(50 / 120, 10);
  });

  it('the rep talking before the customer finished is a pause of 0, not negative', () => {
    const m = computeMetrics('c', 30, [seg(0, 10, 'customer'), seg(8, 12, 'rep')]);
    expect(m.patienceSec).toBe(0);
  });

  it('unknown segments do not break a run and count only in whole-call figures', () => {
    const segments = [seg(0, 4, 'rep'), seg(4, 6, 'unknown'), seg(6, 10, 'rep'), seg(11, 15, 'customer')];
    expect(runsOf(segments)).toEqual([
      { side: 'rep', startSec: 0, endSec: 10 },
      { side: 'customer', startSec: 11, endSec: 15 },
    ]);
    const m = computeMetrics('d', 20, segments);
    expect(m.talkSecRep).toBe(8);
    // Speech: 0–10 and 11–15 → 14 of 20 s.
    expect(m.silenceShare).toBeCloseTo(6 / 20, 10);
  });

  it('one side only (mono, nobody marked as the customer): side figures are null, never a guess', () => {
    const m = computeMetrics('e', 30, [seg(0, 10, 'rep', 'So what do you think?'), seg(12, 20, 'rep')]);
    expect(m.hasSides).toBe(false);
    for (const key of [
      'talkRatioRep',
      'longestMonologue',
      'patienceSec',
      'switchesPerMinute',
      'questionsRep',
      'wpmRep',
      'fillersPerMinuteRep',
    ] as const) {
      expect(m[key], key).toBeNull();
    }
    expect(m.questions).toBe(1);
    expect(m.silenceShare).toBeCloseTo(12 / 30, 10);
  });

  it('no transcript text, zero-length segments and an empty recording give nulls, not NaN or Infinity', () => {
    const empty = computeMetrics('f', 0, []);
    expect(empty.silenceShare).toBeNull();
    expect(empty.wordsPerMinute).toBeNull();
    const zero = computeMetrics('g', 10, [seg(3, 3, 'rep', 'hello'), seg(5, 5, 'customer', 'hi')]);
    expect(zero.talkRatioRep).toBeNull();
    expect(zero.wpmRep).toBeNull();
    expect(zero.silenceShare).toBe(1);
    for (const value of Object.values(zero)) {
      if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
    }
  });

  it('a three-hour call is fine', () => {
    const segments: MetricSegment[] = [];
    for (let t = 0; t < 3 * 3600; t += 10) segments.push(seg(t, t + 8, (t / 10) % 2 === 0 ? 'rep' : 'customer'));
    const m = computeMetrics('h', 3 * 3600, segments);
    expect(m.talkRatioRep).toBeCloseTo(0.5, 10);
    expect(m.switchesPerMinute).toBeCloseTo((segments.length - 1) / 180, 10);
    expect(m.patienceSec).toBe(2);
  });

  it('unionSeconds merges touching and nested ranges', () => {
    expect(unionSeconds([seg(0, 10, 'rep'), seg(2, 3, 'rep'), seg(10, 12, 'rep'), seg(20, 21, 'rep')])).toBe(13);
  });
});
