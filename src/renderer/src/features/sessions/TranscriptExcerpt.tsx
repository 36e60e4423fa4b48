import type { RefObject } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { SessionItem, Transcript } from '../../../../shared/domain';
import { api } from '../../api/client';
import { itemRange } from './ClipWaveform';
import { useFitList } from './fit';

/** How many segments the excerpt shows around the playhead: enough context, still readable from the back. */
const AROUND = 4;

/**
 * The transcript of the item's range, a few segments at a time around the
 * playhead, the current one marked. Read from the transcript the core keeps
 * for the recording; says so plainly when there is none yet.
 */
export function TranscriptExcerpt({
  item,
  positionSec,
  fitTo,
}: {
  item: SessionItem;
  positionSec: number;
  /** The box the excerpt must fit in (the presenter's panel); the current segment is the one kept. */
  fitTo: RefObject<HTMLElement | null>;
}) {
  const sha256 = item.media?.sha256 ?? null;
  const [transcript, setTranscript] = useState<Transcript | null | 'loading'>('loading');
  const list = useRef<HTMLOListElement>(null);
  const shown = excerptOf(transcript, item, positionSec);
  useFitList(fitTo, list, { keep: shown?.currentIndex ?? 0 });

  useEffect(() => {
    if (!sha256) return;
    let live = true;
    const load = () =>
      void api.transcripts.get({ mediaSha256: sha256 }).then((r) => live && setTranscript(r.ok ? r.value : null));
    load();
    const off = api.on('transcript.changed', (e) => e.mediaSha256 === sha256 && load());
    return () => {
      live = false;
      off();
    };
  }, [sha256]);

  if (!sha256) return null;
  if (transcript === 'loading') return <p className="excerpt-empty">Loading the transcript…</p>;
  if (!transcript) return <p className="excerpt-empty">No transcript for this recording yet.</p>;
  if (!shown) return <p className="excerpt-empty">Nothing was said in this part.</p>;
  const speaker = new Map(transcript.speakers.map((s) => [s.id, s.displayName]));
  return (
    <ol className="excerpt" ref={list}>
      {shown.segments.map((s) => {
        const current = s.startSec <= positionSec && positionSec < s.endSec;
        return (
          <li key={s.id} className={current ? 'excerpt-current' : undefined} aria-current={current || undefined}>
            {s.speakerId && speaker.get(s.speakerId) ? (
              <span className="excerpt-speaker">{speaker.get(s.speakerId)}: </span>
            ) : null}
            {s.text}
          </li>
        );
      })}
    </ol>
  );
}

/** The segments around the playhead (one before, the current, the next ones) and where the current one is. */
function excerptOf(transcript: Transcript | null | 'loading', item: SessionItem, positionSec: number) {
  if (!transcript || transcript === 'loading') return null;
  const { start, end } = itemRange(item);
  const inRange = transcript.segments.filter((s) => s.endSec > start && s.startSec < end);
  if (inRange.length === 0) return null;
  const at = Math.max(
    0,
    inRange.findIndex((s) => s.endSec > positionSec),
  );
  const from = Math.max(0, Math.min(at - 1, inRange.length - AROUND));
  return { segments: inRange.slice(from, from + AROUND), currentIndex: at - from };
}
