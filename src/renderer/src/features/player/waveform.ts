/**
 * The imperative half of the player: one wavesurfer.js instance over the
 * call's media element, drawn from the peaks the core cached at import.
 *
 * wavesurfer never sees the file itself: it gets `peaks` + `duration` + the
 * media element, so it neither fetches nor decodes anything (a 2-hour call
 * decoded in the page costs seconds and a gigabyte). Playback, seeking and
 * time all come from the media element.
 */
import WaveSurfer from 'wavesurfer.js';
import MinimapPlugin from 'wavesurfer.js/plugins/minimap';
import RegionsPlugin from 'wavesurfer.js/plugins/regions';
import TimelinePlugin from 'wavesurfer.js/plugins/timeline';
import type { WaveSurferOptions } from 'wavesurfer.js';
import type { CallPeaks } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { formatClock } from './format';
import { usePlayer } from './store';

/** The bench (bench/player.bench.ts) and tests read this mark: the first frame with the waveform on it. */
export const PAINTED_MARK = 'gamefilm:waveform-painted';
/** Calls longer than this get a minimap above the waveform. */
export const LONG_CALL_SEC = 600;
/** Waveform row heights in CSS px: one row for mono, one per channel for stereo. */
export const ROW_HEIGHT = { mono: 112, stereo: 72 } as const;
export const TIMELINE_HEIGHT = 22;

/** The store hears about time ~10×/s while playing: enough for a clock and a following transcript. */
const STORE_TICK_MS = 100;
/** While playing, where the coach is gets saved this often (and at every pause, seek and close). */
const SAVE_EVERY_MS = 2000;

export type WaveformState = { state: 'loading' } | { state: 'painted' } | { state: 'error'; message: string };

export interface WaveformMount {
  callId: string;
  media: HTMLMediaElement;
  container: HTMLElement;
  /** Where the minimap goes, for long calls; null for none. */
  minimap: HTMLElement | null;
  durationSec: number;
  startAt: number;
  onState: (state: WaveformState) => void;
}

// ---- colours: read from the theme tokens so light and dark both work ----

function parseHex(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const n = Number.parseInt(m[1] as string, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `a` moved `t` of the way towards `b` (canvas fill styles cannot resolve CSS variables or color-mix). */
function mix(a: string, b: string, t: number): string {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return a;
  const c = x.map((v, i) => Math.round(v + ((y[i] as number) - v) * t));
  return `rgb(${c.join(' ')})`;
}

function themeColors() {
  const css = getComputedStyle(document.documentElement);
  const token = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const muted = token('--text-muted', '#4a5260');
  const surface = token('--surface', '#ffffff');
  const accent = token('--accent', '#1f5fd1');
  return {
    wave: mix(muted, surface, 0.45),
    progress: accent,
    cursor: token('--text', '#14171c'),
    minimapOverlay: mix(accent, surface, 0.75).replace(')', ' / 45%)'),
  };
}

function colorOptions(channels: number): Partial<WaveSurferOptions> {
  const c = themeColors();
  const rowColors = { waveColor: c.wave, progressColor: c.progress };
  return {
    ...rowColors,
    cursorColor: c.cursor,
    // One row per channel for stereo: dialer recordings put one speaker on each side.
    ...(channels >= 2 ? { splitChannels: [rowColors, rowColors] } : {}),
  };
}

// ---- timeline: label spacing that stays readable from 30 seconds to 3 hours and at every zoom ----

const NICE_SEC = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

function timelineSpacing(pxPerSec: number) {
  const pick = (minPx: number) => NICE_SEC.find((s) => s * pxPerSec >= minPx) ?? 3600;
  const tick = pick(10);
  const label = Math.max(tick, NICE_SEC.find((s) => s * pxPerSec >= 80 && s % tick === 0) ?? 3600);
  return { tick, label };
}

// ---- the mount ----

export function mountWaveform(opts: WaveformMount): () => void {
  let disposed = false;
  let teardown: (() => void) | null = null;
  opts.onState({ state: 'loading' });
  unwrap(api.calls.peaks({ id: opts.callId }))
    .then((overview) => {
      if (!disposed) teardown = build(opts, overview, () => disposed);
    })
    .catch((error: unknown) => {
      if (!disposed) opts.onState({ state: 'error', message: (error as Error).message });
    });
  return () => {
    disposed = true;
    teardown?.();
  };
}

function build(opts: WaveformMount, overview: CallPeaks, isDisposed: () => boolean): () => void {
  const { callId, media, container, startAt } = opts;
  const channels = overview.channels.length;
  const duration = opts.durationSec > 0 ? opts.durationSec : overview.durationSec;
  const regions = RegionsPlugin.create();
  const minimap = () =>
    opts.minimap && duration > LONG_CALL_SEC
      ? MinimapPlugin.create({
          container: opts.minimap,
          height: 36,
          normalize: true,
          cursorWidth: 1,
          ...colorOptions(1),
          overlayColor: themeColors().minimapOverlay,
        })
      : null;
  let minimapPlugin = minimap();

  const ws = WaveSurfer.create({
    container,
    media,
    peaks: overview.channels,
    duration,
    height: channels >= 2 ? ROW_HEIGHT.stereo : ROW_HEIGHT.mono,
    normalize: true,
    // Bars rather than a filled line: no seams where wavesurfer splits a long waveform into canvases.
    barWidth: 2,
    barGap: 1,
    barRadius: 2,
    cursorWidth: 2,
    autoScroll: true,
    autoCenter: true,
    dragToSeek: false,
    ...colorOptions(channels),
    plugins: minimapPlugin ? [regions, minimapPlugin] : [regions],
  });
  const offs: Array<() => void> = [];
  const on: typeof ws.on = (event, listener) => {
    const off = ws.on(event, listener);
    offs.push(off);
    return off;
  };

  // Timeline: rebuilt when the zoom changes how far apart labels must be.
  let timeline: ReturnType<typeof TimelinePlugin.create> | null = null;
  let timelineKey = '';
  on('redraw', () => {
    const pxPerSec = ws.getWrapper().clientWidth / duration;
    if (!(pxPerSec > 0)) return;
    const { tick, label } = timelineSpacing(pxPerSec);
    const key = `${tick}/${label}`;
    if (key === timelineKey) return;
    timelineKey = key;
    timeline?.destroy();
    timeline = ws.registerPlugin(
      TimelinePlugin.create({
        height: TIMELINE_HEIGHT,
        timeInterval: tick,
        primaryLabelInterval: label,
        secondaryLabelInterval: label,
        formatTimeCallback: (sec) => formatClock(sec, duration >= 3600),
      }),
    );
  });

  // First paint: mark the frame for the bench, tell the component.
  ws.once('redrawcomplete', () => {
    requestAnimationFrame(() => {
      if (isDisposed()) return;
      performance.mark(PAINTED_MARK, { detail: { callId, durationSec: duration } });
      opts.onState({ state: 'painted' });
    });
  });

  on('ready', () => {
    ws.setTime(Math.min(Math.max(0, startAt), duration));
    usePlayer.getState().attach(callId, ws, regions, duration);
  });
  on('error', (error) => {
    opts.onState({ state: 'error', message: `This recording cannot be played here (${error.message}).` });
  });

  // Time into the store, throttled while playing so subscribers stay cheap.
  let lastTick = 0;
  on('timeupdate', (currentTime) => {
    const now = performance.now();
    if (ws.isPlaying() && now - lastTick < STORE_TICK_MS) return;
    lastTick = now;
    usePlayer.setState({ currentTime });
  });

  // Where the coach left off.
  let savedAt = startAt;
  const savePosition = () => {
    const positionSec = Math.max(0, ws.getCurrentTime());
    if (!Number.isFinite(positionSec) || Math.abs(positionSec - savedAt) < 0.25) return;
    savedAt = positionSec;
    void api.calls.setPosition({ id: callId, positionSec });
  };
  const saveTimer = window.setInterval(() => ws.isPlaying() && savePosition(), SAVE_EVERY_MS);
  let seekSave = 0;
  on('play', () => usePlayer.setState({ playing: true }));
  on('pause', () => {
    usePlayer.setState({ playing: false, currentTime: ws.getCurrentTime() });
    savePosition();
  });
  on('finish', () => usePlayer.setState({ playing: false }));
  on('seeking', (currentTime) => {
    usePlayer.setState({ currentTime });
    window.clearTimeout(seekSave);
    seekSave = window.setTimeout(savePosition, 500);
  });

  // Zoom: the overview has ~8000 buckets for the whole call, too coarse once
  // zoomed in on a long call. Fetch the level that has ≥ 1 bucket per pixel
  // and swap it in; zooming back out returns to the overview.
  let shown = overview;
  let request = 0;
  const showPeaks = (peaks: CallPeaks) => {
    if (peaks === shown) return;
    shown = peaks;
    ws.setOptions({ peaks: peaks.channels, duration });
  };
  on('zoom', (pxPerSec) => {
    const ticket = ++request;
    usePlayer.setState({ zoom: pxPerSec });
    if (pxPerSec <= overview.bucketsPerSecond) return showPeaks(overview);
    if (shown.bucketsPerSecond >= pxPerSec) return;
    unwrap(api.calls.peaks({ id: callId, pixelsPerSecond: pxPerSec }))
      .then((finer) => {
        if (!isDisposed() && ticket === request && finer.bucketsPerSecond > shown.bucketsPerSecond) showPeaks(finer);
      })
      // The coarser waveform stays on screen and still works; nothing to tell the coach.
      .catch(() => undefined);
  });

  // Theme switches recolour the canvases (the timeline follows CSS `color` by itself).
  const themeWatch = new MutationObserver(() => {
    ws.setOptions(colorOptions(channels));
    if (minimapPlugin) {
      ws.unregisterPlugin(minimapPlugin);
      minimapPlugin = ws.registerPlugin(minimap() as NonNullable<typeof minimapPlugin>);
    }
  });
  themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  return () => {
    themeWatch.disconnect();
    window.clearInterval(saveTimer);
    window.clearTimeout(seekSave);
    savePosition();
    for (const off of offs) off();
    // wavesurfer leaves a media element it was given alone, and a detached element can keep playing.
    media.pause();
    usePlayer.getState().detach(ws);
    ws.destroy();
  };
}
