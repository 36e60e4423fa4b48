/**
 * A moment or a length as people read it: 83.4 → "1:23", 3725 → "1:02:05".
 * Whole seconds, rounded down (a moment at 12.6 s is "0:12", as a player
 * shows it), so a time reads the same in the app, its exports and its packets.
 */
export function clock(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** A time to the millisecond, as stored for ranges: no float noise, no rounding to whole seconds. */
export const toMs = (sec: number): number => Math.round(sec * 1000) / 1000;

/**
 * For time fields a person edits: like `clock`, with the milliseconds kept
 * when there are any (12.25 → "0:12.25", 12 → "0:12"), so a range read back
 * from a field is the range that was there.
 */
export function clockMs(sec: number): string {
  const ms = Math.round(Math.max(0, sec) * 1000);
  const fraction = ms % 1000;
  const whole = clock((ms - fraction) / 1000);
  return fraction ? `${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}` : whole;
}
