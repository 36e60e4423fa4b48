import { useEffect, useRef, useState } from 'react';
import type { CallPeaks, SessionItem } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { clock, itemLabel } from './store';

/** The span an item plays: the clip's range, or the whole recording. */
export function itemRange(item: SessionItem): { start: number; end: number } {
  const duration = item.media?.durationSec ?? 0;
  return item.kind === 'clip' && item.startSec !== null && item.endSec !== null
    ? { start: item.startSec, end: item.endSec }
    : { start: 0, end: duration };
}

/** Bars from peaks into a canvas, in one colour; the played part is a second canvas, clipped at the playhead. */
function paint(canvas: HTMLCanvasElement, peaks: CallPeaks, color: string) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx || width === 0) return;
  ctx.scale(ratio, ratio);
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = color;
  // Mono or the louder of two channels: the room needs the shape, not the stereo split.
  const channels = peaks.channels;
  const count = channels[0]?.length ?? 0;
  const bar = 3;
  const gap = 2;
  const mid = height / 2;
  for (let x = 0; x < width; x += bar + gap) {
    const from = Math.floor((x / width) * count);
    const to = Math.max(from + 1, Math.floor(((x + bar + gap) / width) * count));
    let peak = 0;
    for (const channel of channels) for (let i = from; i < to && i < count; i++) peak = Math.max(peak, channel[i] ?? 0);
    const h = Math.max(2, peak * (height - 4));
    ctx.fillRect(x, mid - h / 2, bar, h);
  }
}

/**
 * The current item's waveform with a playhead, drawn from the peaks the
 * core cached at import (never by decoding the file in the page). The
 * presenter view and the control view both use it; the playhead is a moved
 * overlay, so following playback costs no redraw.
 */
export function ClipWaveform({ item, positionSec }: { item: SessionItem; positionSec: number }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const baseRef = useRef<HTMLCanvasElement>(null);
  const playedRef = useRef<HTMLCanvasElement>(null);
  // Peaks belong to one subject and range; a stale answer for another is never drawn.
  const subject = `${item.id}/${item.callId}/${item.attemptId}/${item.startSec}/${item.endSec}`;
  const [loaded, setLoaded] = useState<{ subject: string; peaks: CallPeaks | null; error: string | null } | null>(null);
  const peaks = loaded?.subject === subject ? loaded.peaks : null;
  const error = loaded?.subject === subject ? loaded.error : null;

  useEffect(() => {
    let live = true;
    unwrap(api.sessions.peaks({ itemId: item.id, maxBuckets: 1600 }))
      .then((p) => live && setLoaded({ subject, peaks: p, error: null }))
      .catch((e: unknown) => live && setLoaded({ subject, peaks: null, error: (e as Error).message }));
    return () => {
      live = false;
    };
  }, [subject, item.id]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box || !peaks) return;
    const draw = () => {
      const css = getComputedStyle(box);
      if (baseRef.current) paint(baseRef.current, peaks, css.getPropertyValue('--wave').trim() || '#888');
      if (playedRef.current) paint(playedRef.current, peaks, css.getPropertyValue('--wave-played').trim() || '#36f');
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(box);
    return () => observer.disconnect();
  }, [peaks]);

  const { start, end } = itemRange(item);
  const span = Math.max(0.001, end - start);
  const fraction = Math.min(1, Math.max(0, (positionSec - start) / span));
  const label = `Waveform of ${itemLabel(item)}: ${clock(positionSec - start)} of ${clock(span)}`;
  return (
    <div className="clip-wave">
      <div ref={boxRef} className="clip-wave-box" role="img" aria-label={label} data-fraction={fraction.toFixed(3)}>
        <canvas ref={baseRef} className="clip-wave-canvas" aria-hidden="true" />
        <canvas
          ref={playedRef}
          className="clip-wave-canvas"
          style={{ clipPath: `inset(0 ${((1 - fraction) * 100).toFixed(2)}% 0 0)` }}
          aria-hidden="true"
        />
        <div className="clip-wave-playhead" style={{ left: `${fraction * 100}%` }} aria-hidden="true" />
        {error ? <p className="clip-wave-error">{error}</p> : null}
      </div>
      <div className="clip-wave-times" aria-hidden="true">
        <span>{clock(start)}</span>
        <span>{clock(end)}</span>
      </div>
    </div>
  );
}
