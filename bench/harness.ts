/** One measured figure, always beside a bare baseline measured in the same run. */
export interface BenchRow {
  name: string;
  value: number;
  baseline: number;
  /** value / baseline: how much our path costs relative to the bare one. */
  ratio: number;
  unit: string;
  note: string;
}

export const row = (name: string, value: number, baseline: number, unit: string, note: string): BenchRow => ({
  name,
  value,
  baseline,
  ratio: baseline > 0 ? value / baseline : Number.NaN,
  unit,
  note,
});

/** Median of several timed runs, in milliseconds. */
export async function timeMedian(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
