import { useEffect, useRef, useState } from 'react';
import { useRouter } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { formatDuration } from '../../lib/format';
import { Player } from '../player/Player';
import { CallDetails } from './CallDetails';
import { useCall } from './store';

function CallTitle({ title, onSave }: { title: string; onSave: (title: string) => void }) {
  const [draft, setDraft] = useState(title);
  return (
    <input
      className="call-title"
      aria-label="Call title"
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => (draft.trim() && draft !== title ? onSave(draft.trim()) : setDraft(title))}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') setDraft(title);
      }}
    />
  );
}

function MissingFile() {
  const relink = useCall((s) => s.relink);
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="banner banner-warning" role="alert">
      <strong>File missing.</strong> The recording for this call is no longer in the library folder. Choose the original
      file to relink it — annotations and scores are kept.
      <button type="button" className="button" onClick={() => input.current?.click()}>
        Relink file…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="Choose the original recording"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void relink(file);
          e.target.value = '';
        }}
      />
    </div>
  );
}

export function CallScreen({ callId, at }: { callId: string; at: number | null }) {
  const { call, error, load, save } = useCall();
  const go = useRouter((s) => s.go);

  useEffect(() => {
    void load(callId);
  }, [callId, load]);

  if (error) {
    return (
      <div className="screen">
        <EmptyState
          title="This call is not in the library"
          action={
            <button type="button" className="button button-primary" onClick={() => go('library')}>
              Back to the library
            </button>
          }
        >
          {error}
        </EmptyState>
      </div>
    );
  }
  if (!call || call.id !== callId) return <div className="screen" aria-busy="true" />;

  return (
    <div className="screen screen-wide call-screen">
      <header className="call-header">
        <button type="button" className="button button-quiet" onClick={() => go('library')}>
          ← Library
        </button>
        <CallTitle key={call.title} title={call.title} onSave={(title) => void save({ title })} />
        <span className="call-facts">
          {formatDuration(call.media.durationSec)} · {call.media.channels === 2 ? 'stereo' : 'mono'}
          {call.media.hasVideo ? ' · video' : ''}
        </span>
      </header>
      {call.status === 'missing' ? (
        <MissingFile />
      ) : (
        <Player key={call.media.sha256} call={call} startAt={at ?? call.lastPositionSec} />
      )}
      <div className="call-body">
        <div className="call-main" id="call-main-panel" />
        <CallDetails key={call.id} call={call} />
      </div>
    </div>
  );
}
