import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReviewSession, SessionItem } from '../../../../shared/domain';
import { playbackPositionSec } from '../../../../shared/domain';
import { api } from '../../api/client';
import { ClipWaveform, itemRange } from './ClipWaveform';
import { sessionKeyAction } from './keys';
import { clock, useSession } from './store';

/**
 * The facilitator's transport for the item on screen: play, pause and seek
 * within the clip (or the whole call or attempt). The sound plays here, on
 * the laptop driving the room; every play, pause and seek is reported to
 * the core, which stores it and tells the presenter window where the
 * playhead is, so that window needs no audio of its own.
 *
 * (Not the call player: that one is bound to calls — their peaks, saved
 * position and whole-call keyboard map — while an item can be an attempt,
 * and Space/N/P/T belong to the session here.)
 */
export function ClipPlayer({ session, item }: { session: ReviewSession; item: SessionItem }) {
  const apply = useSession((s) => s.apply);
  const audioRef = useRef<HTMLAudioElement>(null);
  const { start, end } = itemRange(item);
  const [position, setPosition] = useState(() =>
    Math.min(end, Math.max(start, playbackPositionSec(session.playback, Date.now()))),
  );
  const [playing, setPlaying] = useState(false);
  const sessionId = session.id;

  const report = useCallback(
    (isPlaying: boolean, positionSec: number) =>
      void apply(api.sessions.setPlayback({ sessionId, playing: isPlaying, positionSec: Math.max(0, positionSec) })),
    [apply, sessionId],
  );

  // Resume where the room was: after a reload the sound is stopped, so the stored state says paused too.
  const initial = useRef({ playback: session.playback, position });
  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    const { playback, position: at } = initial.current;
    const seekThere = () => {
      audio.currentTime = at;
    };
    if (audio.readyState >= 1) seekThere();
    else audio.addEventListener('loadedmetadata', seekThere, { once: true });
    if (playback.playing) report(false, at);
    return () => audio.removeEventListener('loadedmetadata', seekThere);
  }, [report]);

  const toggle = useCallback(() => {
    const audio = audioRef.current;
    if (!audio) return;
    if (!audio.paused) return audio.pause();
    if (audio.currentTime >= end - 0.05 || audio.currentTime < start) audio.currentTime = start;
    void audio.play().catch(() => undefined);
  }, [start, end]);

  const seek = (sec: number) => {
    const audio = audioRef.current;
    if (audio) audio.currentTime = Math.min(end, Math.max(start, sec));
  };

  // Space (and K) play or pause whatever has focus, except a text field: on a
  // focused button Space must not press it too (its click comes on keyup).
  useEffect(() => {
    let swallowKeyUp = false;
    const onKey = (e: KeyboardEvent) => {
      if (sessionKeyAction(e) !== 'play') return;
      e.preventDefault();
      swallowKeyUp = e.key === ' ';
      if (!e.repeat) toggle();
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key !== ' ' || !swallowKeyUp) return;
      swallowKeyUp = false;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [toggle]);

  const media = item.media;
  if (!media) return null;
  return (
    <section className="panel" aria-label="Recording">
      <audio
        ref={audioRef}
        src={api.mediaUrl(media.fileName)}
        preload="auto"
        aria-label={`Recording of ${item.callTitle ?? item.attemptTitle ?? 'this item'}`}
        onPlay={(e) => {
          setPlaying(true);
          report(true, e.currentTarget.currentTime);
        }}
        onPause={(e) => {
          setPlaying(false);
          report(false, e.currentTarget.currentTime);
        }}
        onSeeked={(e) => {
          setPosition(e.currentTarget.currentTime);
          report(!e.currentTarget.paused, e.currentTarget.currentTime);
        }}
        onTimeUpdate={(e) => {
          const at = e.currentTarget.currentTime;
          setPosition(at);
          // A clip ends where its range ends, not where the call does.
          if (at >= end && !e.currentTarget.paused) e.currentTarget.pause();
        }}
      />
      <ClipWaveform item={item} positionSec={position} />
      <div className="control-buttons">
        <button type="button" className="button button-primary" onClick={toggle} aria-keyshortcuts="Space">
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" className="button" onClick={() => seek(position - 5)}>
          Back 5 s
        </button>
        <button type="button" className="button" onClick={() => seek(position + 5)}>
          Forward 5 s
        </button>
        <input
          type="range"
          aria-label="Position in the clip"
          aria-valuetext={`${clock(position - start)} of ${clock(end - start)}`}
          min={start}
          max={end}
          step="any"
          value={Math.min(end, Math.max(start, position))}
          onChange={(e) => seek(Number(e.target.value))}
        />
        <span className="control-clock" data-testid="clip-clock">
          {clock(position - start)} / {clock(end - start)}
        </span>
      </div>
    </section>
  );
}
