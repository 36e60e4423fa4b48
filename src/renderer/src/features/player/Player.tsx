import type { KeyboardEvent as ReactKeyboardEvent, ReactNode, Ref } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { Call } from '../../../../shared/domain';
import { api } from '../../api/client';
import { formatClock, spokenClock } from './format';
import { handlePlayerKey } from './keyboard';
import { ShortcutSheet } from './ShortcutSheet';
import { RATES, usePlayer } from './store';
import type { WaveformState } from './waveform';
import { LONG_CALL_SEC, mountWaveform, ROW_HEIGHT, TIMELINE_HEIGHT } from './waveform';
import './player.css';

/**
 * The call player: the recording (video frame when there is one), its
 * waveform with timeline (and a minimap for long calls), the transport and
 * the keyboard. State other features use lives in `usePlayer` (store.ts).
 *
 * `startAt` is where playback starts when the player mounts. A later change
 * that differs from the call's saved position (a `?t=` link into the call
 * already open) seeks there; the saved position itself moving as it is
 * saved must not yank the playhead back.
 */
export function Player({ call, startAt }: { call: Call; startAt: number }) {
  const { id, title } = call;
  const { fileName, hasVideo, channels, durationSec } = call.media;
  const mediaRef = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  const waveRef = useRef<HTMLDivElement>(null);
  const minimapRef = useRef<HTMLDivElement>(null);
  const [initialStart] = useState(startAt);
  const [status, setStatus] = useState<WaveformState>({ state: 'loading' });
  const [sheetOpen, setSheetOpen] = useState(false);
  const stereo = channels >= 2;
  const long = durationSec > LONG_CALL_SEC;

  useEffect(() => {
    const media = mediaRef.current;
    const container = waveRef.current;
    if (!media || !container) return;
    return mountWaveform({
      callId: id,
      media,
      container,
      minimap: minimapRef.current,
      durationSec,
      startAt: initialStart,
      onState: setStatus,
    });
  }, [id, fileName, durationSec, initialStart]);

  const lastPositionSec = call.lastPositionSec;
  useEffect(() => {
    if (startAt !== initialStart && startAt !== lastPositionSec) usePlayer.getState().seek(startAt);
  }, [startAt, initialStart, lastPositionSec]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handlePlayerKey(e, () => setSheetOpen(true))) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const src = api.mediaUrl(fileName);
  const rowHeight = stereo ? ROW_HEIGHT.stereo : ROW_HEIGHT.mono;
  return (
    <section className="panel player" aria-label="Player" data-state={status.state}>
      {hasVideo ? (
        <div className="player-video-frame">
          <video
            ref={mediaRef}
            className="player-video"
            src={src}
            preload="auto"
            playsInline
            aria-label={`Video of ${title}`}
            onClick={() => usePlayer.getState().toggle()}
          />
        </div>
      ) : (
        <audio ref={mediaRef} src={src} preload="auto" aria-label={`Recording of ${title}`} />
      )}
      {long ? (
        <div ref={minimapRef} className="player-minimap" aria-hidden="true" title="Overview: click to jump" />
      ) : null}
      <div className="player-wave" style={{ minHeight: rowHeight * (stereo ? 2 : 1) + TIMELINE_HEIGHT }}>
        {stereo ? (
          <ul className="player-channels" aria-label="Channels">
            <li style={{ top: 0 }}>Left channel</li>
            <li style={{ top: rowHeight }}>Right channel</li>
          </ul>
        ) : null}
        {stereo ? <div className="player-channel-divider" style={{ top: rowHeight }} aria-hidden="true" /> : null}
        <Playhead ref={waveRef} durationSec={durationSec} />
      </div>
      {status.state === 'error' ? (
        <p className="player-error" role="alert">
          {status.message}
        </p>
      ) : null}
      <Transport durationSec={durationSec} onShortcuts={() => setSheetOpen(true)} />
      <ShortcutSheet open={sheetOpen} onOpenChange={setSheetOpen} />
    </section>
  );
}

/**
 * The waveform's box, exposed as a slider so the playhead has a name, a value
 * and keys (arrows via the player's keyboard map; Home/End/PageUp/PageDown here).
 * wavesurfer owns everything inside it: React renders no children here.
 */
function Playhead({ ref, durationSec }: { ref: Ref<HTMLDivElement>; durationSec: number }) {
  const second = usePlayer((s) => Math.floor(s.currentTime));
  const ready = usePlayer((s) => s.ready);
  const onKeyDown = (e: ReactKeyboardEvent) => {
    const p = usePlayer.getState();
    const moves: Record<string, () => void> = {
      Home: () => p.seek(0),
      End: () => p.seek(durationSec),
      PageUp: () => p.skip(30),
      PageDown: () => p.skip(-30),
    };
    const move = moves[e.key];
    if (move && ready) {
      e.preventDefault();
      move();
    }
  };
  return (
    <div
      ref={ref}
      className="player-waveform"
      role="slider"
      tabIndex={0}
      aria-label="Playhead"
      aria-valuemin={0}
      aria-valuemax={Math.floor(durationSec)}
      aria-valuenow={second}
      aria-valuetext={`${spokenClock(second)} of ${spokenClock(durationSec)}`}
      aria-disabled={!ready || undefined}
      onKeyDown={onKeyDown}
    />
  );
}

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

const PlayIcon = () => (
  <Icon>
    <path d="M7 4.5v15l13-7.5z" fill="currentColor" />
  </Icon>
);
const PauseIcon = () => (
  <Icon>
    <path d="M6 4h4.5v16H6zM13.5 4H18v16h-4.5z" fill="currentColor" />
  </Icon>
);
const SkipIcon = ({ back }: { back?: boolean }) => (
  <Icon>
    <g transform={back ? undefined : 'translate(24 0) scale(-1 1)'}>
      <path d="M11.5 5 4 12l7.5 7V5zm8.5 0-7.5 7 7.5 7V5z" fill="currentColor" />
    </g>
  </Icon>
);
const VolumeIcon = ({ muted }: { muted: boolean }) => (
  <Icon>
    <path d="M4 9v6h4l5 4V5L8 9z" fill="currentColor" />
    {muted ? (
      <path d="m16 9 5 6m0-6-5 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    ) : (
      <path
        d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
        stroke="currentColor"
        strokeWidth="2"
        fill="none"
        strokeLinecap="round"
      />
    )}
  </Icon>
);

/** Re-renders once a second while playing, and nothing else does. */
function Clock({ durationSec }: { durationSec: number }) {
  const second = usePlayer((s) => Math.floor(s.currentTime));
  const hours = durationSec >= 3600;
  return (
    <span className="player-clock">
      <span className="visually-hidden">Position </span>
      <span data-testid="player-current-time">{formatClock(second, hours)}</span>
      <span aria-hidden="true"> / </span>
      <span className="visually-hidden"> of </span>
      <span className="player-duration">{formatClock(Math.round(durationSec), hours)}</span>
    </span>
  );
}

/** Zoom as a coach reads it: how much of the call the view shows. */
function zoomLabel(pxPerSec: number, durationSec: number): string {
  const width = usePlayer.getState().wavesurfer?.getWidth() ?? 0;
  if (pxPerSec === 0 || !width) return 'Whole call';
  const shownSec = Math.min(durationSec, width / pxPerSec);
  return shownSec >= 60 ? `${Math.round(shownSec / 60)} min view` : `${Math.max(1, Math.round(shownSec))} s view`;
}

function Transport({ durationSec, onShortcuts }: { durationSec: number; onShortcuts: () => void }) {
  const ready = usePlayer((s) => s.ready);
  const playing = usePlayer((s) => s.playing);
  const rate = usePlayer((s) => s.rate);
  const volume = usePlayer((s) => s.volume);
  const muted = usePlayer((s) => s.muted);
  const zoom = usePlayer((s) => s.zoom);
  const p = usePlayer.getState();
  return (
    <div className="player-transport" role="group" aria-label="Playback controls">
      <div className="player-buttons">
        <button
          type="button"
          className="player-button"
          aria-label="Back 10 seconds"
          title="Back 10 s (J)"
          disabled={!ready}
          onClick={() => p.skip(-10)}
        >
          <SkipIcon back />
        </button>
        <button
          type="button"
          className="player-button player-play"
          aria-label={playing ? 'Pause' : 'Play'}
          aria-keyshortcuts="Space"
          title={playing ? 'Pause (Space)' : 'Play (Space)'}
          disabled={!ready}
          onClick={() => p.toggle()}
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button
          type="button"
          className="player-button"
          aria-label="Forward 10 seconds"
          title="Forward 10 s (L)"
          disabled={!ready}
          onClick={() => p.skip(10)}
        >
          <SkipIcon />
        </button>
      </div>
      <Clock durationSec={durationSec} />
      <label className="player-field">
        <span>Speed</span>
        <select
          aria-label="Playback speed"
          value={rate}
          disabled={!ready}
          onChange={(e) => p.setRate(Number(e.target.value))}
        >
          {RATES.map((r) => (
            <option key={r} value={r}>
              {r}×
            </option>
          ))}
        </select>
      </label>
      <div className="player-volume">
        <button
          type="button"
          className="player-button"
          aria-label={muted ? 'Unmute' : 'Mute'}
          title={muted ? 'Unmute (Shift+M)' : 'Mute (Shift+M)'}
          disabled={!ready}
          onClick={() => p.toggleMute()}
        >
          <VolumeIcon muted={muted || volume === 0} />
        </button>
        <input
          type="range"
          aria-label="Volume"
          min={0}
          max={1}
          step={0.05}
          value={muted ? 0 : volume}
          aria-valuetext={`${Math.round((muted ? 0 : volume) * 100)}%`}
          disabled={!ready}
          onChange={(e) => p.setVolume(Number(e.target.value))}
        />
      </div>
      <div className="player-zoom" role="group" aria-label="Zoom">
        <button
          type="button"
          className="player-button"
          aria-label="Zoom out"
          title="Zoom out (−)"
          disabled={!ready || zoom === 0}
          onClick={() => p.zoomOut()}
        >
          <Icon>
            <path d="M5 12h14" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
          </Icon>
        </button>
        <span className="player-zoom-level">{zoomLabel(zoom, durationSec)}</span>
        <button
          type="button"
          className="player-button"
          aria-label="Zoom in"
          title="Zoom in (+)"
          disabled={!ready}
          onClick={() => p.zoomIn()}
        >
          <Icon>
            <path d="M5 12h14M12 5v14" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
          </Icon>
        </button>
        <button
          type="button"
          className="button button-quiet player-fit"
          aria-label="Fit the whole call"
          title="Whole call (0)"
          disabled={!ready || zoom === 0}
          onClick={() => p.zoomToFit()}
        >
          Fit
        </button>
      </div>
      <button
        type="button"
        className="player-button player-help"
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts="Shift+?"
        title="Keyboard shortcuts (?)"
        onClick={onShortcuts}
      >
        ?
      </button>
    </div>
  );
}
