/**
 * The player's state, shared with every feature that follows or drives playback.
 *
 * Read:    `usePlayer((s) => s.playing)`; `currentTime` is written at most ~10×/s
 *          while playing (and at once on a seek), so select what you need —
 *          e.g. `usePlayer((s) => Math.floor(s.currentTime))` re-renders once a second.
 * Drive:   `usePlayer.getState().seek(83.2)`, `.skip(-5)`, `.toggle()`, `.setRate(1.5)`, …
 *          Actions are no-ops while no call is open.
 *
 * Waveform regions (annotations draw ranges and points here):
 *
 *   const regions = useWaveformRegions(); // null until the waveform is ready
 *   useEffect(() => {
 *     if (!regions) return;
 *     const region = regions.addRegion({ id, start, end, color, content, drag: false, resize: false });
 *     const stopDragSelect = regions.enableDragSelection({ color }); // drag on the waveform creates a range
 *     const off = regions.on('region-created', (r) => { … });      // also 'region-updated', 'region-clicked'
 *     return () => { off(); stopDragSelect(); region.remove(); };
 *   }, [regions]);
 *
 * A point is a region without `end`. The instance belongs to the open call's
 * waveform and is destroyed with it: every feature removes what it added on cleanup.
 */
import { create } from 'zustand';
import type WaveSurfer from 'wavesurfer.js';
import type RegionsPlugin from 'wavesurfer.js/plugins/regions';

export type WaveformRegions = ReturnType<typeof RegionsPlugin.create>;

export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;
/** Zoom stops in pixels per second (1-2-5 steps); the whole-call fit sits below them. */
export const ZOOM_STOPS = [0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500] as const;
const MAX_ZOOM = ZOOM_STOPS[ZOOM_STOPS.length - 1] as number;

interface PlayerState {
  callId: string | null;
  /** The waveform is drawn and the controls work. */
  ready: boolean;
  currentTime: number;
  duration: number;
  playing: boolean;
  /** Kept across calls for the session, like a video editor's transport. */
  rate: number;
  volume: number;
  muted: boolean;
  /** Pixels per second; 0 = the whole call fits the width. */
  zoom: number;
  wavesurfer: WaveSurfer | null;
  regions: WaveformRegions | null;

  play: () => void;
  pause: () => void;
  toggle: () => void;
  seek: (sec: number) => void;
  skip: (deltaSec: number) => void;
  setRate: (rate: number) => void;
  setVolume: (volume: number) => void;
  toggleMute: () => void;
  zoomIn: () => void;
  zoomOut: () => void;
  zoomToFit: () => void;

  /** For the Player only. */
  attach: (callId: string, wavesurfer: WaveSurfer, regions: WaveformRegions, duration: number) => void;
  detach: (wavesurfer: WaveSurfer) => void;
}

const perCall = {
  callId: null,
  ready: false,
  currentTime: 0,
  duration: 0,
  playing: false,
  zoom: 0,
  wavesurfer: null,
  regions: null,
} satisfies Partial<PlayerState>;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export const usePlayer = create<PlayerState>((set, get) => {
  /** Applies a zoom and keeps the playhead in view, as editors do. */
  const applyZoom = (pxPerSec: number) => {
    const ws = get().wavesurfer;
    if (!ws) return;
    ws.zoom(pxPerSec);
    set({ zoom: pxPerSec });
    if (pxPerSec > 0) {
      const visibleSec = ws.getWidth() / pxPerSec;
      ws.setScrollTime(Math.max(0, ws.getCurrentTime() - visibleSec / 2));
    }
  };
  /** What the current view shows, in px/s, including the fit. */
  const effectiveZoom = () => {
    const { wavesurfer: ws, zoom, duration } = get();
    if (zoom > 0) return zoom;
    return ws && duration > 0 ? ws.getWidth() / duration : 0;
  };
  const fitZoom = () => {
    const { wavesurfer: ws, duration } = get();
    return ws && duration > 0 ? ws.getWidth() / duration : 0;
  };

  return {
    ...perCall,
    rate: 1,
    volume: 1,
    muted: false,

    play: () =>
      void get()
        .wavesurfer?.play()
        .catch(() => undefined),
    pause: () => get().wavesurfer?.pause(),
    toggle: () => (get().playing ? get().pause() : get().play()),
    seek: (sec) => {
      const { wavesurfer: ws, duration } = get();
      if (!ws) return;
      const at = clamp(sec, 0, duration || sec);
      ws.setTime(at);
      set({ currentTime: at });
    },
    skip: (delta) => get().seek((get().wavesurfer?.getCurrentTime() ?? get().currentTime) + delta),
    setRate: (rate) => {
      const r = clamp(rate, 0.5, 2);
      get().wavesurfer?.setPlaybackRate(r, true);
      set({ rate: r });
    },
    setVolume: (volume) => {
      const v = clamp(volume, 0, 1);
      get().wavesurfer?.setVolume(v);
      // Turning the volume up is the obvious way out of mute.
      if (v > 0 && get().muted) get().toggleMute();
      set({ volume: v });
    },
    toggleMute: () => {
      const muted = !get().muted;
      get().wavesurfer?.setMuted(muted);
      set({ muted });
    },
    zoomIn: () => {
      const current = effectiveZoom();
      if (!current) return;
      const next = ZOOM_STOPS.find((z) => z > current * 1.05) ?? MAX_ZOOM;
      if (next !== get().zoom) applyZoom(next);
    },
    zoomOut: () => {
      if (get().zoom === 0) return;
      const current = effectiveZoom();
      const next = [...ZOOM_STOPS].reverse().find((z) => z < current / 1.05) ?? 0;
      applyZoom(next <= fitZoom() * 1.05 ? 0 : next);
    },
    zoomToFit: () => {
      if (get().zoom !== 0) applyZoom(0);
    },

    attach: (callId, wavesurfer, regions, duration) => {
      const { rate, volume, muted } = get();
      wavesurfer.setPlaybackRate(rate, true);
      wavesurfer.setVolume(volume);
      wavesurfer.setMuted(muted);
      set({ ...perCall, callId, wavesurfer, regions, duration, currentTime: wavesurfer.getCurrentTime(), ready: true });
    },
    detach: (wavesurfer) => {
      // Only the attached waveform may detach: a stale cleanup must not close a newer call's player.
      if (get().wavesurfer === wavesurfer) set(perCall);
    },
  };
});

/** The open waveform's regions plugin, or null until it is ready (see the top of this file). */
export const useWaveformRegions = () => usePlayer((s) => s.regions);

/** For tests: back to a closed player with default transport settings. */
export const resetPlayerStore = () => usePlayer.setState({ ...perCall, rate: 1, volume: 1, muted: false });
