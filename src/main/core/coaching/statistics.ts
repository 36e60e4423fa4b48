/**
 * The numbers behind scorecards and calibration. Pure functions, no database,
 * so each can be checked against hand-computed values.
 */

/**
 * The overall score of a scorecard: the weighted mean of the criteria that
 * were scored, Σ(wᵢ·sᵢ) / Σ(wᵢ) over scored criteria only. Weights are
 * normalized over what was scored, so leaving a criterion unscored ("not
 * observed on this call") neither drags the score towards zero nor changes
 * the scale; null when nothing is scored. Rounded to two decimals so the
 * same scorecard always shows the same number.
 */
export function weightedScore(items: ReadonlyArray<{ weight: number; score: number | null }>): number | null {
  let sum = 0;
  let weights = 0;
  for (const { weight, score } of items) {
    if (score === null || !(weight > 0)) continue;
    sum += weight * score;
    weights += weight;
  }
  return weights > 0 ? Math.round((sum / weights) * 100) / 100 : null;
}

/**
 * max − min of the scores given; null with fewer than two, since one score
 * has nothing to differ from (a 0 would read as perfect agreement).
 */
export function spread(scores: ReadonlyArray<number>): number | null {
  return scores.length >= 2 ? Math.max(...scores) - Math.min(...scores) : null;
}

/**
 * Agreement on one criterion: the share of reviewer pairs whose scores are
 * within `tolerance` points (one, on a 1–5 scale with behavioral anchors,
 * is "the same read of the anchor"). null with fewer than two scores.
 */
export function pairAgreement(
  scores: ReadonlyArray<number>,
  tolerance = 1,
): { agreement: number | null; pairs: number } {
  let pairs = 0;
  let within = 0;
  for (let i = 0; i < scores.length; i++) {
    for (let j = i + 1; j < scores.length; j++) {
      pairs++;
      if (Math.abs((scores[i] as number) - (scores[j] as number)) <= tolerance) within++;
    }
  }
  return { agreement: pairs ? within / pairs : null, pairs };
}

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/**
 * Krippendorff's alpha, α = 1 − Dₒ/Dₑ, computed through the coincidence
 * matrix as in Krippendorff (2011), "Computing Krippendorff's
 * Alpha-Reliability". `units[u]` holds the values the coders gave unit u
 * (missing values simply absent); units with fewer than two values cannot
 * be paired and are left out.
 *
 * Gamefilm uses the interval metric: the scorecard already treats the 1–5
 * scale as evenly spaced (the overall score is a weighted mean, agreement
 * counts pairs within one point), so reliability is measured on the same
 * reading of the numbers. Ordinal distances are built from the marginal
 * frequencies of the values, which swing widely on a table as small as one
 * call's criteria × a few reviewers. Alpha, unlike ICC, also copes with a
 * reviewer leaving a criterion unscored.
 *
 * Returns null when alpha is undefined: no pairable values, or no variation
 * at all (Dₑ = 0).
 */
export function krippendorffAlpha(
  units: ReadonlyArray<ReadonlyArray<number>>,
  metric: AlphaMetric = 'interval',
): number | null {
  const pairable = units.filter((u) => u.length >= 2);
  const values = [...new Set(pairable.flat())].sort((a, b) => a - b);
  if (values.length === 0) return null;
  const index = new Map(values.map((v, i) => [v, i]));
  const size = values.length;

  // o[c][k]: coincidences of values c and k within units, each pair weighted 1/(mᵤ − 1).
  const o = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const unit of pairable) {
    const m = unit.length;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const c = index.get(unit[i] as number) as number;
        const k = index.get(unit[j] as number) as number;
        (o[c] as number[])[k] = ((o[c] as number[])[k] as number) + 1 / (m - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);

  const delta2 = (c: number, k: number): number => {
    const vc = values[c] as number;
    const vk = values[k] as number;
    switch (metric) {
      case 'nominal':
        return c === k ? 0 : 1;
      case 'interval':
        return (vc - vk) ** 2;
      case 'ratio':
        return vc + vk === 0 ? 0 : ((vc - vk) / (vc + vk)) ** 2;
      case 'ordinal': {
        const [lo, hi] = c <= k ? [c, k] : [k, c];
        let between = 0;
        for (let g = lo; g <= hi; g++) between += nc[g] as number;
        return (between - ((nc[lo] as number) + (nc[hi] as number)) / 2) ** 2;
      }
    }
  };

  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      const d = delta2(c, k);
      observed += ((o[c] as number[])[k] as number) * d;
      expected += (nc[c] as number) * (nc[k] as number) * d;
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/**
 * Krippendorff's alpha with the interval metric from sums alone, for when
 * the scores are summed where they are stored: over the pairable units
 * (two or more values), `n` values in all, their `sum` and sum of
 * `squares`, and `observed` = Σ over units of Σ over ordered pairs i ≠ j of
 * (vᵢ − vⱼ)² / (mᵤ − 1), which is (2·mᵤ·Σv² − 2·(Σv)²) / (mᵤ − 1) per unit.
 * The expected disagreement over all ordered pairs of values is
 * 2·n·Σv² − 2·(Σv)²: the same alpha as `krippendorffAlpha(units, 'interval')`.
 */
export function intervalAlphaFromSums(t: { n: number; sum: number; squares: number; observed: number }): number | null {
  if (t.n === 0) return null;
  const expected = 2 * t.n * t.squares - 2 * t.sum * t.sum;
  if (expected === 0) return null;
  return 1 - ((t.n - 1) * t.observed) / expected;
}
