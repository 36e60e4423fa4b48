import { EmptyState } from '../../components/EmptyState';
import { AnnotationItem } from './AnnotationItem';
import type { SaveState } from './store';
import { useAnnotations } from './store';
import './coaching.css';

const SAVE_TEXT: Record<SaveState, string> = {
  saved: 'All changes saved',
  saving: 'Saving…',
  unsaved: 'Not saved yet — retrying (kept on this device meanwhile)',
};

export function SaveIndicator({ state }: { state: SaveState }) {
  return (
    <span className={`save-indicator save-${state}`} role="status" aria-live="polite">
      {SAVE_TEXT[state]}
    </span>
  );
}

/** The call's annotations, sorted by time, beside the player. */
export function AnnotationsPanel() {
  const { annotations, tags, loaded, saveState } = useAnnotations();
  return (
    <section className="annotations" aria-label="Annotations">
      <div className="coaching-toolbar">
        <p className="hint">
          Press <kbd>M</kbd> to comment at the playhead, or drag across the waveform to mark a range.
        </p>
        <SaveIndicator state={saveState} />
      </div>
      {loaded && annotations.length === 0 ? (
        <EmptyState title="No annotations yet">
          Play the call and press M when something matters — playback keeps going while you type.
        </EmptyState>
      ) : (
        <ol className="annotation-list" aria-label="Annotations by time">
          {annotations.map((a) => (
            <AnnotationItem key={a.id} annotation={a} tags={tags} />
          ))}
        </ol>
      )}
    </section>
  );
}
