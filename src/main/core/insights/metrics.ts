/**
 * Conversation figures of one recording. Pure: segments and sides in,
 * figures out, so each definition is checked against hand-computed
 * transcripts (tests/main/core/insights/metrics.test.ts).
 *
 * Definitions:
 * - a segment's **side** is the customer's when its speaker is marked as the
 *   customer, the rep's when its speaker is anyone else, unknown without a
 *   speaker. A recording **has sides** when both sides speak; otherwise every
 *   side figure is null (never a guess).
 * - **talk time** of a side is the union of its segments' time ranges, so
 *   overlapping segments are not counted twice; zero-length segments add
 *   nothing. **Talk ratio** = rep talk ÷ (rep + customer talk).
 * - a **monologue** (rep) or **story** (customer) is a run of consecutive
 *   segments of one side, unknown segments skipped; it lasts from its first
 *   start to its last end. The longest of each is kept with its range.
 * - **switches per minute**: changes of side between consecutive sided
 *   segments ÷ the recording's minutes.
 * - **patience**: the mean pause between the end of the customer's run and
 *   the start of the rep's next segment (0 when the rep starts before the
 *   customer finished); null when the rep never answers the customer.
 * - **questions**, **words** and **fillers** as drills count them
 *   (drills/stats.ts); **per minute** figures divide by the side's talk
 *   time (the whole call: by all speech), null under one second of talk.
 * - **silence share** = 1 − (union of all segments ÷ recording duration).
 */
import type { CallMetrics } from '../../../shared/domain';
import { transcriptStats } from '../drills/stats';

export type Side = 'rep' | 'customer' | 'unknown';

export interface MetricSegment {
  startSec: number;
  endSec: number;
  text: string;
  side: Side;
}

interface Range {
  startSec: number;
  endSec: number;
}

/** Seconds covered by the ranges, overlaps counted once. */
export function unionSeconds(ranges: readonly Range[]): number {
  const sorted = ranges.filter((r) => r.endSec > r.startSec).sort((a, b) => a.startSec - b.startSec);
  let total = 0;
  let curStart = -1;
  let curEnd = -1;
  for (const r of sorted) {
    if (r.startSec > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = r.startSec;
      curEnd = r.endSec;
    } else if (r.endSec > curEnd) {
      curEnd = r.endSec;
    }
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

interface Run {
  side: 'rep' | 'customer';
  startSec: number;
  endSec: number;
}

/** Consecutive segments of one side, in time order; unknown segments do not break a run. */
export function runsOf(segments: readonly MetricSegment[]): Run[] {
  const runs: Run[] = [];
  for (const s of segments) {
    if (s.side === 'unknown') continue;
    const last = runs.at(-1);
    if (last && last.side === s.side) {
      last.endSec = Math.max(last.endSec, s.endSec);
    } else {
      runs.push({ side: s.side, startSec: s.startSec, endSec: s.endSec });
    }
  }
  return runs;
}

const perMinute = (count: number, seconds: number): number | null => (seconds >= 1 ? count / (seconds / 60) : null);

function longest(runs: readonly Run[], side: Run['side']) {
  let best: Run | null = null;
  for (const r of runs) {
    if (r.side !== side) continue;
    if (!best || r.endSec - r.startSec > best.endSec - best.startSec) best = r;
  }
  return best ? { startSec: best.startSec, endSec: best.endSec, durationSec: best.endSec - best.startSec } : null;
}

/** Words, fillers and questions add up segment by segment, so each side is counted once and the call is their sum. */
function counts(segments: readonly MetricSegment[]) {
  const stats = transcriptStats({ durationSec: 0, segments });
  return { words: stats.wordCount, fillers: stats.fillerCount, questions: stats.questionCount };
}

export function computeMetrics(mediaSha256: string, durationSec: number, input: readonly MetricSegment[]): CallMetrics {
  // Time order with a tiebreaker on end, so equal starts give the same runs every time.
  const segments = [...input].sort((a, b) => a.startSec - b.startSec || a.endSec - b.endSec);
  const rep = segments.filter((s) => s.side === 'rep');
  const customer = segments.filter((s) => s.side === 'customer');
  const hasSides = rep.length > 0 && customer.length > 0;

  const speechSec = unionSeconds(segments);
  const repCounts = counts(rep);
  const customerCounts = counts(customer);
  const unknownCounts = counts(segments.filter((s) => s.side === 'unknown'));
  const all = {
    words: repCounts.words + customerCounts.words + unknownCounts.words,
    fillers: repCounts.fillers + customerCounts.fillers + unknownCounts.fillers,
    questions: repCounts.questions + customerCounts.questions + unknownCounts.questions,
  };
  const silenceShare = durationSec > 0 ? Math.min(1, Math.max(0, 1 - speechSec / durationSec)) : null;

  const base: CallMetrics = {
    mediaSha256,
    durationSec,
    segmentCount: segments.length,
    hasSides,
    silenceShare,
    wordsPerMinute: perMinute(all.words, speechSec),
    fillersPerMinute: perMinute(all.fillers, speechSec),
    questions: all.questions,
    talkRatioRep: null,
    talkSecRep: null,
    talkSecCustomer: null,
    longestMonologue: null,
    longestCustomerStory: null,
    switchesPerMinute: null,
    patienceSec: null,
    questionsRep: null,
    questionsCustomer: null,
    wpmRep: null,
    wpmCustomer: null,
    fillersPerMinuteRep: null,
  };
  if (!hasSides) return base;

  const talkSecRep = unionSeconds(rep);
  const talkSecCustomer = unionSeconds(customer);
  const talk = talkSecRep + talkSecCustomer;
  const runs = runsOf(segments);
  const pauses: number[] = [];
  for (let i = 1; i < runs.length; i += 1) {
    const before = runs[i - 1]!;
    const run = runs[i]!;
    if (before.side === 'customer' && run.side === 'rep') pauses.push(Math.max(0, run.startSec - before.endSec));
  }
  return {
    ...base,
    talkRatioRep: talk > 0 ? talkSecRep / talk : null,
    talkSecRep,
    talkSecCustomer,
    longestMonologue: longest(runs, 'rep'),
    longestCustomerStory: longest(runs, 'customer'),
    switchesPerMinute: durationSec >= 1 ? (runs.length - 1) / (durationSec / 60) : null,
    patienceSec: pauses.length > 0 ? pauses.reduce((a, b) => a + b, 0) / pauses.length : null,
    questionsRep: repCounts.questions,
    questionsCustomer: customerCounts.questions,
    wpmRep: perMinute(repCounts.words, talkSecRep),
    wpmCustomer: perMinute(customerCounts.words, talkSecCustomer),
    fillersPerMinuteRep: perMinute(repCounts.fillers, talkSecRep),
  };
}
