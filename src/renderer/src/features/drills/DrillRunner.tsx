import { useCallback, useEffect, useRef, useState } from 'react';
import type { Attempt, Drill } from '../../../../shared/domain';
import { DRILL_SKILL_LABELS } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { formatDuration } from '../../lib/format';
import { AttemptReview } from './AttemptReview';
import { MOOD_LABELS } from './format';
import { LevelMeter, MicrophoneError, openMicrophone, recorderMimeType, stopStream } from './recorder';

type Phase =
  | { kind: 'ready' }
  | { kind: 'countdown'; n: number }
  | { kind: 'recording' }
  | { kind: 'review'; blob: Blob; url: string }
  | { kind: 'saving'; blob: Blob; url: string }
  | { kind: 'saved'; attempt: Attempt }
  | { kind: 'mic-problem'; message: string };

/** Plays a clip of a recording: from its start, paused at its end (media fragments are only a hint to seek). */
function PromptClip({ drill }: { drill: Drill }) {
  const clip = drill.promptClip;
  const audio = useRef<HTMLAudioElement>(null);
  if (!clip) return null;
  return (
    <>
      <audio
        ref={audio}
        preload="metadata"
        src={`${api.mediaUrl(clip.fileName)}#t=${clip.startSec.toFixed(2)},${clip.endSec.toFixed(2)}`}
        onTimeUpdate={(e) => {
          if (e.currentTarget.currentTime >= clip.endSec) e.currentTarget.pause();
        }}
        aria-label="Prompt clip"
        data-testid="prompt-clip"
      />
      <button
        type="button"
        className="button"
        onClick={() => {
          const el = audio.current;
          if (!el) return;
          el.currentTime = clip.startSec;
          void el.play().catch(() => undefined);
        }}
      >
        ▶ Play the buyer ({formatDuration(clip.endSec - clip.startSec)})
      </button>
    </>
  );
}

function speak(text: string) {
  const synth = window.speechSynthesis as SpeechSynthesis | undefined;
  if (!synth) return;
  synth.cancel();
  synth.speak(new SpeechSynthesisUtterance(text));
}

/**
 * Running a drill: the buyer's prompt large enough to read from a step back,
 * spoken or played; 3-2-1; the answer recorded with a live level meter and a
 * countdown to the time limit; playback straight away; keep or retake. A
 * missing or refused microphone stops here with a message and saves nothing.
 */
export function DrillRunner({ drill, onKept }: { drill: Drill; onKept: () => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'ready' });
  const [level, setLevel] = useState(0);
  const [elapsed, setElapsed] = useState(0);
  const [saveError, setSaveError] = useState<string | null>(null);
  // Live objects of one take; released on stop, retake and unmount.
  const stream = useRef<MediaStream | null>(null);
  const meter = useRef<LevelMeter | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const timers = useRef<number[]>([]);
  const frame = useRef(0);

  const release = useCallback(() => {
    timers.current.forEach((t) => window.clearTimeout(t));
    timers.current = [];
    cancelAnimationFrame(frame.current);
    meter.current?.close();
    meter.current = null;
    stopStream(stream.current);
    stream.current = null;
  }, []);

  useEffect(
    () => () => {
      if (recorder.current?.state === 'recording') recorder.current.stop();
      release();
      window.speechSynthesis?.cancel();
    },
    [release],
  );

  // The review's object URL goes when the take does.
  const reviewUrl = phase.kind === 'review' || phase.kind === 'saving' ? phase.url : null;
  useEffect(() => (reviewUrl ? () => URL.revokeObjectURL(reviewUrl) : undefined), [reviewUrl]);

  const stop = useCallback(() => {
    if (recorder.current?.state === 'recording') recorder.current.stop();
  }, []);

  const startRecording = useCallback(
    (media: MediaStream) => {
      const mimeType = recorderMimeType();
      const rec = new MediaRecorder(media, mimeType ? { mimeType } : undefined);
      const chunks: Blob[] = [];
      rec.ondataavailable = (e) => {
        if (e.data.size > 0) chunks.push(e.data);
      };
      rec.onstop = () => {
        release();
        const blob = new Blob(chunks, { type: rec.mimeType || mimeType || 'audio/webm' });
        setLevel(0);
        setPhase({ kind: 'review', blob, url: URL.createObjectURL(blob) });
      };
      recorder.current = rec;
      const started = performance.now();
      rec.start(250);
      setElapsed(0);
      setPhase({ kind: 'recording' });
      let lastPaint = 0;
      const tick = (now: number) => {
        // Ten repaints a second is smooth enough for a meter and keeps React idle.
        if (now - lastPaint > 100) {
          lastPaint = now;
          setLevel(meter.current?.read() ?? 0);
          const sec = (now - started) / 1000;
          setElapsed(sec);
          if (sec >= drill.timeLimitSec) {
            stop();
            return;
          }
        }
        frame.current = requestAnimationFrame(tick);
      };
      frame.current = requestAnimationFrame(tick);
    },
    [drill.timeLimitSec, release, stop],
  );

  const begin = useCallback(async () => {
    setSaveError(null);
    // Ask for the microphone before the countdown, so a refusal never interrupts a take.
    let media: MediaStream;
    try {
      media = await openMicrophone();
    } catch (error) {
      setPhase({ kind: 'mic-problem', message: error instanceof MicrophoneError ? error.message : String(error) });
      return;
    }
    stream.current = media;
    meter.current = new LevelMeter(media);
    window.speechSynthesis?.cancel();
    for (const n of [3, 2, 1]) {
      timers.current.push(window.setTimeout(() => setPhase({ kind: 'countdown', n }), (3 - n) * 1000));
    }
    timers.current.push(window.setTimeout(() => startRecording(media), 3000));
  }, [startRecording]);

  const keep = useCallback(async () => {
    if (phase.kind !== 'review') return;
    setPhase({ ...phase, kind: 'saving' });
    try {
      const attempt = await unwrap(api.saveAttempt(drill.id, phase.blob));
      setPhase({ kind: 'saved', attempt });
      onKept();
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
      setPhase({ ...phase, kind: 'review' });
    }
  }, [drill.id, onKept, phase]);

  const remaining = Math.max(0, drill.timeLimitSec - elapsed);

  return (
    <div className="drill-runner">
      <section className="drill-prompt" aria-label="Buyer prompt">
        <p className="drill-persona">
          <strong>{drill.persona.role || 'Buyer'}</strong>
          {drill.persona.company ? ` · ${drill.persona.company}` : ''} · {MOOD_LABELS[drill.persona.mood]} ·{' '}
          {DRILL_SKILL_LABELS[drill.skill]}
        </p>
        <blockquote className="drill-prompt-text">
          {drill.promptText || 'Play the clip to hear what the buyer says.'}
        </blockquote>
        <div className="drill-actions">
          <PromptClip drill={drill} />
          {drill.promptText ? (
            <button type="button" className="button" onClick={() => speak(drill.promptText)}>
              Speak the prompt
            </button>
          ) : null}
          <span className="drill-muted">Time limit {formatDuration(drill.timeLimitSec)}</span>
        </div>
      </section>

      <section className="drill-stage" aria-label="Your answer" aria-live="polite">
        {phase.kind === 'ready' ? (
          <button type="button" className="button button-primary drill-big-button" onClick={() => void begin()}>
            ● Start answering
          </button>
        ) : null}

        {phase.kind === 'mic-problem' ? (
          <div className="banner banner-warning" role="alert">
            <strong>Microphone unavailable.</strong> {phase.message}
            <button type="button" className="button" onClick={() => setPhase({ kind: 'ready' })}>
              Try again
            </button>
          </div>
        ) : null}

        {phase.kind === 'countdown' ? (
          <p className="drill-countdown" role="timer" aria-label="Recording starts in">
            {phase.n}
          </p>
        ) : null}

        {phase.kind === 'recording' ? (
          <div className="drill-recording">
            <p className="drill-rec-dot">● Recording</p>
            <div
              className="drill-meter"
              role="meter"
              aria-label="Microphone level"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={level}
            >
              <div className="drill-meter-fill" style={{ width: `${level}%` }} />
            </div>
            <p className="drill-time-left" role="timer" aria-label="Time left">
              {formatDuration(Math.ceil(remaining))}
            </p>
            <button type="button" className="button button-primary drill-big-button" onClick={stop}>
              ■ Stop
            </button>
          </div>
        ) : null}

        {phase.kind === 'review' || phase.kind === 'saving' ? (
          <div className="drill-review">
            <audio className="drill-audio" controls autoPlay src={phase.url} aria-label="Play back your answer" />
            {saveError ? (
              <p className="banner banner-warning" role="alert">
                {saveError}
              </p>
            ) : null}
            <div className="drill-actions">
              <button
                type="button"
                className="button button-primary"
                disabled={phase.kind === 'saving'}
                onClick={() => void keep()}
              >
                {phase.kind === 'saving' ? 'Keeping…' : 'Keep this attempt'}
              </button>
              <button
                type="button"
                className="button"
                disabled={phase.kind === 'saving'}
                onClick={() => setPhase({ kind: 'ready' })}
              >
                Retake
              </button>
            </div>
          </div>
        ) : null}

        {phase.kind === 'saved' ? (
          <>
            <div className="drill-actions">
              <p role="status" className="drill-kept">
                Attempt kept.
              </p>
              <button type="button" className="button" onClick={() => setPhase({ kind: 'ready' })}>
                Run it again
              </button>
            </div>
            <AttemptReview attempt={phase.attempt} drill={drill} onChanged={onKept} />
          </>
        ) : null}
      </section>
    </div>
  );
}
