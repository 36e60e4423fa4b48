/** 83.4 → "1:23"; 3725 → "1:02:05". Used by the packet's HTML page, its PDF and the preview. */
export function clock(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** "1:23" or "1:23–1:40". */
export const span = (startSec: number, endSec: number | null): string =>
  endSec === null ? clock(startSec) : `${clock(startSec)}–${clock(endSec)}`;
