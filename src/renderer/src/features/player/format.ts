/** `m:ss`, or `h:mm:ss` when the call is an hour or longer (pass `withHours` so both clocks line up). */
export function formatClock(sec: number, withHours = sec >= 3600): string {
  const s = Math.max(0, Math.floor(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return withHours ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/** Spoken form for screen readers: "1 hour 2 minutes 3 seconds". */
export function spokenClock(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const parts: Array<[number, string]> = [
    [Math.floor(s / 3600), 'hour'],
    [Math.floor((s % 3600) / 60), 'minute'],
    [s % 60, 'second'],
  ];
  const said = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`);
  return said.length ? said.join(' ') : '0 seconds';
}
