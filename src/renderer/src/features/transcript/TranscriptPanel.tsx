import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TranscriptExportFormat } from '../../../../shared/domain';
import { EXPORT_FORMATS } from '../../../../shared/domain';
import { api } from '../../api/client';
import { SegmentItem } from './SegmentItem';
import { SpeakerEditor } from './SpeakerEditor';
import { indexAt } from './time';
import { TranscriptJobBar } from './TranscriptJobBar';
import { useTranscript } from './store';
import './transcript.css';

export interface TranscriptPanelProps {
  mediaSha256: string;
  /** Playback position in seconds. */
  currentTime: number;
  onSeek: (sec: number) => void;
  durationSec: number;
}

/**
 * The transcript beside the player: follows playback (current segment and
 * word highlighted, auto-scroll that pauses when the person scrolls), seeks
 * on click, edits in place, searches, names speakers and exports.
 */
export function TranscriptPanel({ mediaSha256, currentTime, onSeek, durationSec }: TranscriptPanelProps) {
  const { transcript, loaded, load, reloadTranscript, jobChanged, editSegment, assignSpeaker, exportAs } =
    useTranscript();
  const [query, setQuery] = useState('');
  const [follow, setFollow] = useState(true);
  const listRef = useRef<HTMLOListElement>(null);
  /** Set while we scroll the list ourselves, so our own scroll is not taken for the person's. */
  const autoScrolling = useRef(false);

  useEffect(() => {
    void load(mediaSha256);
  }, [mediaSha256, load]);

  useEffect(() => {
    const offJob = api.on('transcription.job', (job) => {
      jobChanged(job);
      if (job.mediaSha256 === mediaSha256 && job.state === 'done') void reloadTranscript();
    });
    const offTranscript = api.on('transcript.changed', (e) => {
      if (e.mediaSha256 === mediaSha256 && e.reason === 'transcribed') void reloadTranscript();
    });
    const offModels = api.on('models.changed', () => void load(mediaSha256));
    return () => {
      offJob();
      offTranscript();
      offModels();
    };
  }, [mediaSha256, jobChanged, reloadTranscript, load]);

  const segments = useMemo(() => transcript?.segments ?? [], [transcript]);
  // Positions past the end (a stale player) still highlight the last segment.
  const time = Math.min(currentTime, durationSec > 0 ? durationSec : currentTime);
  const currentIndex = indexAt(segments, time);
  const currentSegment = currentIndex >= 0 ? segments[currentIndex] : undefined;
  const currentWord = currentSegment ? indexAt(currentSegment.words, time) : -1;

  const needle = query.trim().toLowerCase();
  const visible = useMemo(
    () => (needle ? segments.filter((s) => s.text.toLowerCase().includes(needle)) : segments),
    [segments, needle],
  );

  useEffect(() => {
    if (!follow || needle || !currentSegment || !listRef.current) return;
    const item = listRef.current.querySelector<HTMLElement>(`[data-segment-id="${currentSegment.id}"]`);
    if (!item) return;
    autoScrolling.current = true;
    item.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    // Smooth scrolling fires several scroll events; stop ignoring them once it has settled.
    const done = window.setTimeout(() => (autoScrolling.current = false), 600);
    return () => window.clearTimeout(done);
  }, [follow, needle, currentSegment]);

  const onUserScroll = useCallback(() => {
    if (!autoScrolling.current) setFollow(false);
  }, []);

  const seek = useCallback(
    (sec: number) => {
      setFollow(true);
      onSeek(sec);
    },
    [onSeek],
  );
  const edit = useCallback((id: string, text: string) => void editSegment(id, text), [editSegment]);
  const assign = useCallback((id: string, speakerId: string) => void assignSpeaker(id, speakerId), [assignSpeaker]);

  return (
    <section className="transcript-panel" aria-labelledby="transcript-heading">
      <header className="transcript-header">
        <h2 id="transcript-heading">Transcript</h2>
        {transcript && (
          <div className="transcript-exports" role="group" aria-label="Export transcript">
            {EXPORT_FORMATS.map((f: TranscriptExportFormat) => (
              <button
                key={f}
                type="button"
                className="button button-quiet"
                onClick={() => void exportAs(f)}
                aria-label={`Export as ${f.toUpperCase()}`}
              >
                {f.toUpperCase()}
              </button>
            ))}
          </div>
        )}
      </header>

      {loaded && (
        <TranscriptJobBar hasTranscript={transcript !== null} editedCount={segments.filter((s) => s.edited).length} />
      )}

      {transcript && (
        <>
          <SpeakerEditor speakers={transcript.speakers} />
          <div className="transcript-tools">
            <input
              type="search"
              aria-label="Search this transcript"
              placeholder="Search this transcript"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            {needle && (
              <span role="status">
                {visible.length} {visible.length === 1 ? 'match' : 'matches'}
              </span>
            )}
            {!follow && !needle && (
              <button type="button" className="button" onClick={() => setFollow(true)}>
                Follow playback
              </button>
            )}
          </div>
          {segments.length === 0 ? (
            <p className="hint">Whisper heard no speech in this recording.</p>
          ) : (
            <ol
              ref={listRef}
              className="segment-list"
              aria-label="Transcript segments"
              onScroll={onUserScroll}
              onWheel={() => (autoScrolling.current = false)}
            >
              {visible.map((s) => (
                <SegmentItem
                  key={s.id}
                  segment={s}
                  speakers={transcript.speakers}
                  current={s.id === currentSegment?.id}
                  currentWord={s.id === currentSegment?.id ? currentWord : -1}
                  highlight={needle}
                  onSeek={seek}
                  onEdit={edit}
                  onAssign={assign}
                />
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
