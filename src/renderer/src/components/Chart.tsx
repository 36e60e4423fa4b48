import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
}

/** Colour-blind-safe (Okabe–Ito), in an order that keeps neighbours apart. */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

const DAY = 86_400;
/**
 * Tick steps for the time axis: whole days and up. Every series here is per
 * day or coarser, and uPlot's own steps would label a short range in hours
 * ("12am 12pm") that no point can fall between.
 */
const DAY_INCRS = [1, 2, 7, 14, 30, 91, 182, 365].map((d) => d * DAY);

/**
 * A time-series line chart (uPlot: canvas, fast at tens of thousands of
 * points, no network). Decorative for assistive technology: every chart is
 * paired with a table holding the same numbers, which is what a screen reader
 * reads and what a person copies.
 */
export function LineChart({
  title,
  x,
  series,
  yLabel,
  height = 240,
  xRange,
  yRange,
}: {
  title: string;
  /** Unix seconds, ascending. */
  x: number[];
  series: ChartSeries[];
  yLabel: string;
  height?: number;
  /** Fixed ranges (a period's first and last day, 0–100 %), so one point is not stretched over years. */
  xRange?: [number, number];
  yRange?: [number, number];
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const styles = getComputedStyle(el);
    const ink = styles.getPropertyValue('--text').trim() || '#14171c';
    const grid = styles.getPropertyValue('--border').trim() || '#d5d9e0';
    const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    const plot = new uPlot(
      {
        title,
        width: Math.max(280, el.clientWidth),
        height,
        series: [
          {},
          ...series.map((s, i) => ({
            label: s.label,
            stroke: SERIES_COLOURS[i % SERIES_COLOURS.length],
            width: 2,
            points: { show: true, size: 6 },
            // Different dashes as well as colours, so lines differ without colour vision.
            dash: i % 3 === 0 ? undefined : i % 3 === 1 ? [8, 4] : [2, 3],
          })),
        ],
        axes: [
          { ...axis, incrs: DAY_INCRS },
          { ...axis, label: yLabel, size: 60 },
        ],
        scales: {
          x: xRange ? { time: true, range: () => xRange } : { time: true },
          ...(yRange ? { y: { range: () => yRange } } : {}),
        },
        legend: { live: false },
      },
      [x, ...series.map((s) => s.values)],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [title, x, series, yLabel, height, xRange, yRange]);
  return <div ref={box} className="chart-box" aria-hidden="true" />;
}
