import type { RefObject } from 'react';
import { useLayoutEffect } from 'react';

/**
 * Fitting the room's screen. The presenter view never scrolls (nobody in the
 * room can scroll it): its type shrinks with the window down to 28 px (CSS),
 * every line is clamped to a few lines (CSS), and a list that still does not
 * fit shows the lines that do and counts the rest — never a line cut in half
 * at the bottom edge.
 */

/** Which of a list's items to show: a run `[from, to)` that fits, holding `keep` if it can. */
export function fitRun(
  bottoms: readonly number[],
  tops: readonly number[],
  limit: number,
  keep = 0,
): { from: number; to: number } {
  const n = bottoms.length;
  if (n === 0) return { from: 0, to: 0 };
  const k = Math.min(Math.max(0, keep), n - 1);
  // Drop items before `keep` while `keep` itself would not fit below them.
  let from = 0;
  while (from < k && bottoms[k]! - (tops[from]! - tops[0]!) > limit) from++;
  const shift = tops[from]! - tops[0]!;
  let to = from + 1; // the first shown item always shows (clamped if it must be)
  while (to < n && bottoms[to]! - shift <= limit) to++;
  return { from, to };
}

/** Lines of `lineHeight` that fit between `top` and `limit`; at least one. */
export function linesThatFit(top: number, limit: number, lineHeight: number): number {
  return Math.max(1, Math.floor((limit - top) / lineHeight + 0.01));
}

/**
 * Keeps `list`'s items inside `box` (an element whose height the layout
 * decides: flex: 1, min-height: 0): hides the items past its bottom, clamps
 * the first one shown if even it is too tall, and answers how many were
 * hidden after the run shown.
 */
export function fitList(box: HTMLElement, list: HTMLElement, keep = 0): number {
  const items = [...list.children].filter((c): c is HTMLElement => c instanceof HTMLElement);
  for (const item of items) {
    item.hidden = false;
    item.style.removeProperty('-webkit-line-clamp');
  }
  const limit = box.getBoundingClientRect().bottom;
  const rects = items.map((i) => i.getBoundingClientRect());
  const { from, to } = fitRun(
    rects.map((r) => r.bottom),
    rects.map((r) => r.top),
    limit,
    keep,
  );
  items.forEach((item, i) => (item.hidden = i < from || i >= to));
  const first = items[from];
  if (first && first.getBoundingClientRect().bottom > limit) {
    const lineHeight = parseFloat(getComputedStyle(first).lineHeight) || 40;
    first.style.setProperty(
      '-webkit-line-clamp',
      String(linesThatFit(first.getBoundingClientRect().top, limit, lineHeight)),
    );
  }
  return items.length - to;
}

/**
 * Runs fitList after every render (the content may have changed: a line
 * captured, the playhead moved on) and whenever the box changes size. The
 * DOM is adjusted directly, outside React's state, so fitting never costs a
 * second render; `note` (optional) says how many lines were left out, with
 * `extra` more that were never rendered.
 */
export function useFitList(
  box: RefObject<HTMLElement | null>,
  list: RefObject<HTMLElement | null>,
  { keep = 0, note, extra = 0 }: { keep?: number; note?: RefObject<HTMLElement | null>; extra?: number } = {},
): void {
  useLayoutEffect(() => {
    const fit = () => {
      const boxEl = box.current;
      const listEl = list.current;
      const hidden = (boxEl && listEl ? fitList(boxEl, listEl, keep) : 0) + extra;
      const noteEl = note?.current;
      if (noteEl) {
        noteEl.hidden = hidden === 0;
        noteEl.textContent = ` · + ${hidden} earlier`;
      }
    };
    fit();
    const boxEl = box.current;
    if (!boxEl) return;
    const observer = new ResizeObserver(fit);
    observer.observe(boxEl);
    return () => observer.disconnect();
  });
}
