import { memo, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { Speaker, TranscriptSegment } from '../../../../shared/domain';
import { clockLabel } from './time';

interface SegmentItemProps {
  segment: TranscriptSegment;
  speakers: Speaker[];
  current: boolean;
  /** Index of the word being spoken, or -1. */
  currentWord: number;
  /** Lower-cased search text to mark, or ''. */
  highlight: string;
  onSeek: (sec: number) => void;
  onEdit: (segmentId: string, text: string) => void;
  onAssign: (segmentId: string, speakerId: string) => void;
}

function marked(text: string, needle: string) {
  if (!needle) return text;
  const parts: ReactNode[] = [];
  const lower = text.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(<mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return parts;
}

/** One segment: who spoke, when (a seek button), the words (click to seek), and in-place editing. */
export const SegmentItem = memo(function SegmentItem({
  segment,
  speakers,
  current,
  currentWord,
  highlight,
  onSeek,
  onEdit,
  onAssign,
}: SegmentItemProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(segment.text);
  const at = clockLabel(segment.startSec);

  const startEditing = () => {
    setDraft(segment.text);
    setEditing(true);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      const text = draft.trim();
      if (text && text !== segment.text) onEdit(segment.id, text);
      setEditing(false);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setEditing(false);
    }
  };

  // Edited text no longer lines up with whisper's words one-to-one, but the server re-derives them.
  const words = segment.words.length > 0 ? segment.words : null;

  return (
    <li
      className={`segment${current ? ' segment-current' : ''}`}
      aria-current={current ? 'true' : undefined}
      data-segment-id={segment.id}
      aria-label={`Segment at ${at}`}
    >
      <div className="segment-meta">
        <button
          type="button"
          className="segment-time"
          onClick={() => onSeek(segment.startSec)}
          aria-label={`Play from ${at}`}
        >
          {at}
        </button>
        <select
          className="segment-speaker"
          aria-label={`Speaker of segment at ${at}`}
          value={segment.speakerId ?? ''}
          onChange={(e) => e.target.value && onAssign(segment.id, e.target.value)}
        >
          {segment.speakerId === null && <option value="">Unknown speaker</option>}
          {speakers.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName}
            </option>
          ))}
        </select>
        {segment.edited && <span className="segment-edited">edited</span>}
        {!editing && (
          <button
            type="button"
            className="button button-quiet segment-edit"
            onClick={startEditing}
            aria-label={`Edit segment at ${at}`}
          >
            Edit
          </button>
        )}
      </div>
      {editing ? (
        <textarea
          className="segment-editor"
          aria-label={`Text of segment at ${at}`}
          value={draft}
          autoFocus
          rows={2}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setEditing(false)}
        />
      ) : (
        <p className="segment-text" onDoubleClick={startEditing}>
          {highlight || !words
            ? marked(segment.text, highlight)
            : words.map((w, i) => (
                <span
                  key={i}
                  className={`word${i === currentWord ? ' word-current' : ''}`}
                  onClick={() => onSeek(w.startSec)}
                  title={`Play from ${clockLabel(w.startSec)}`}
                >
                  {w.text}{' '}
                </span>
              ))}
        </p>
      )}
    </li>
  );
});
