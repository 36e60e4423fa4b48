import { describe, expect, it } from 'vitest';
import {
  intervalAlphaFromSums,
  krippendorffAlpha,
  pairAgreement,
  spread,
  weightedScore,
} from '../../../../src/main/core/coaching/statistics';

describe('weighted score', () => {
  it('is the weighted mean of the scored criteria, weights normalized over what was scored', () => {
    // (30·4 + 25·3 + 20·5 + 25·2) / 100 = 345 / 100
    expect(
      weightedScore([
        { weight: 30, score: 4 },
        { weight: 25, score: 3 },
        { weight: 20, score: 5 },
        { weight: 25, score: 2 },
      ]),
    ).toBe(3.45);
    // Leaving one out drops its weight too: (30·4 + 20·5) / 50 = 4.4, not 220 / 100.
    expect(
      weightedScore([
        { weight: 30, score: 4 },
        { weight: 25, score: null },
        { weight: 20, score: 5 },
      ]),
    ).toBe(4.4);
    expect(weightedScore([{ weight: 1, score: null }])).toBeNull();
    // Two decimals: (1·1 + 2·2) / 3 = 1.666…
    expect(
      weightedScore([
        { weight: 1, score: 1 },
        { weight: 2, score: 2 },
      ]),
    ).toBe(1.67);
  });
});

describe('agreement per criterion', () => {
  it('counts the share of reviewer pairs within one point, and the spread', () => {
    // Pairs of [2, 3, 5]: (2,3) within, (2,5) not, (3,5) not → 1/3.
    expect(pairAgreement([2, 3, 5])).toEqual({ agreement: 1 / 3, pairs: 3 });
    expect(pairAgreement([4, 4])).toEqual({ agreement: 1, pairs: 1 });
    expect(pairAgreement([4])).toEqual({ agreement: null, pairs: 0 });
    expect(spread([2, 3, 5])).toBe(3);
    expect(spread([])).toBeNull();
    // One reviewer's score has no spread: "—", not 0 (which reads as perfect agreement).
    expect(spread([4])).toBeNull();
  });
});

describe("Krippendorff's alpha", () => {
  /**
   * Reference: K. Krippendorff (2011), "Computing Krippendorff's
   * Alpha-Reliability", Annenberg School for Communication, University of
   * Pennsylvania — the worked example with 4 observers, 12 units, values
   * 1–5 and missing data. Published results: nominal .743, ordinal .815,
   * interval .849, ratio .797.
   */
  const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
  const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
  const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
  const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
  const units = A.map((_, u) =>
    [A, B, C, D].flatMap((observer) => (observer[u] == null ? [] : [observer[u]])),
  ) as number[][];

  it("matches Krippendorff's (2011) worked example for every metric", () => {
    expect(krippendorffAlpha(units, 'nominal')).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(units, 'ordinal')).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(units, 'interval')).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(units, 'ratio')).toBeCloseTo(0.797, 3);
  });

  it('matches a small two-reviewer table computed by hand (interval)', () => {
    // Four criteria, two reviewers: (3,4) (2,2) (5,4) (1,2). n = 8 pairable values.
    // Observed: Σ over ordered within-unit pairs of (a−b)², each unit weighted 1/(2−1): 2·(1+0+1+1) = 6.
    // Expected: Σ over all ordered pairs of the 8 values of (a−b)² = 2n·Σ(v−v̄)² = 16 · 12.875 = 206.
    // α = 1 − (n−1)·6/206 = 1 − 42/206 = 82/103 ≈ 0.7961.
    expect(
      krippendorffAlpha(
        [
          [3, 4],
          [2, 2],
          [5, 4],
          [1, 2],
        ],
        'interval',
      ),
    ).toBeCloseTo(82 / 103, 12);
  });

  it('is undefined without pairs or without variation, and 1 for perfect agreement that varies', () => {
    expect(krippendorffAlpha([[3], [4]])).toBeNull();
    expect(
      krippendorffAlpha([
        [3, 3],
        [3, 3],
      ]),
    ).toBeNull();
    expect(
      krippendorffAlpha([
        [2, 2],
        [4, 4],
        [5, 5],
      ]),
    ).toBe(1);
  });
});

describe("Krippendorff's alpha from sums (what SQLite adds up for Insights)", () => {
  const sums = (units: number[][]) => {
    const pairable = units.filter((u) => u.length >= 2);
    const values = pairable.flat();
    return {
      n: values.length,
      sum: values.reduce((a, b) => a + b, 0),
      squares: values.reduce((a, b) => a + b * b, 0),
      observed: pairable.reduce((total, u) => {
        const s = u.reduce((a, b) => a + b, 0);
        const q = u.reduce((a, b) => a + b * b, 0);
        return total + (2 * u.length * q - 2 * s * s) / (u.length - 1);
      }, 0),
    };
  };

  it('equals the coincidence-matrix alpha (interval) on 200 generated tables of 1–4 reviewers', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let table = 0; table < 200; table++) {
      const units = Array.from({ length: 1 + (next() % 30) }, () =>
        Array.from({ length: 1 + (next() % 4) }, () => 1 + (next() % 5)),
      );
      const expected = krippendorffAlpha(units, 'interval');
      const got = intervalAlphaFromSums(sums(units));
      if (expected === null) expect(got).toBeNull();
      else expect(got).toBeCloseTo(expected, 12);
    }
  });

  it('is undefined with no pairable unit or no variation', () => {
    expect(intervalAlphaFromSums(sums([[3], [4]]))).toBeNull();
    expect(
      intervalAlphaFromSums(
        sums([
          [3, 3],
          [3, 3, 3],
        ]),
      ),
    ).toBeNull();
  });
});
