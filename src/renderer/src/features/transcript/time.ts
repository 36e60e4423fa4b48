/** 75.4 → "01:15"; 3725 → "1:02:05". */
export function clockLabel(sec: number): string {
  const total = Math.max(0, Math.floor(sec));
  const h = Math.floor(total / 3600);
  const m = Math.floor(total / 60) % 60;
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** "about 2 min left" — rough on purpose: whisper's pace varies window to window. */
export function etaLabel(sec: number | null): string {
  if (sec === null) return '';
  if (sec < 60) return 'less than a minute left';
  return `about ${Math.round(sec / 60)} min left`;
}

/** Index of the item whose [startSec, endSec) holds t (binary search over sorted, non-overlapping items). */
export function indexAt(items: ReadonlyArray<{ startSec: number; endSec: number }>, t: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = items[mid]!;
    if (item.startSec <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return -1;
  const item = items[found]!;
  // Between segments (silence), keep the last one highlighted only while it is still being spoken.
  return t < Math.max(item.endSec, item.startSec + 0.05) ? found : -1;
}
