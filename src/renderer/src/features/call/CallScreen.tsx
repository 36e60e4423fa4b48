import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { CallTab as CallTabId } from '../../app/router';
import { reportError } from '../../app/notices';
import { useRouter } from '../../app/router';
import { chooseFiles } from '../../lib/choose';
import { EmptyState } from '../../components/EmptyState';
import { formatDuration } from '../../lib/format';
import { Player } from '../player/Player';
import { AnnotationLayer } from '../annotations/AnnotationLayer';
import { AnnotationsPanel } from '../annotations/AnnotationsPanel';
import { CalibrationPanel } from '../scorecards/CalibrationPanel';
import { ScorecardPanel } from '../scorecards/ScorecardPanel';
import { MakeDrillDialog } from '../drills/MakeDrillDialog';
import { ExportPacketDialog } from '../packets/ExportPacketDialog';
import { CallDetails } from './CallDetails';
import { CallTranscript } from './CallTranscript';
import { CallKudos } from '../kudos/CallKudos';
import { GiveKudosDialog } from '../recognition/GiveKudosDialog';
import { usePlayer } from '../player/store';
import { clock } from '../sessions/store';
import { CallMetricsPanel } from '../insights/CallMetricsPanel';
import { useCall } from './store';
import { SampleBanner } from './SampleBanner';

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
      <button
        type="button"
        className="button"
        onClick={() =>
          void chooseFiles('relink', input.current)
            .then(async (handles) => {
              if (handles?.[0]) await relink(handles[0]);
            })
            .catch(reportError)
        }
      >
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

interface CallTab {
  id: string;
  label: string;
  panel: ReactNode;
}

/**
 * The call's work areas as an ARIA tab set (arrows, Home, End move between
 * tabs). Only the chosen panel is mounted; panels save as they go, so
 * switching never loses anything. Add a tab by adding an entry.
 */
function CallTabs({ tabs, selected, onSelect }: { tabs: CallTab[]; selected: string; onSelect: (id: string) => void }) {
  const baseId = useId();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const current = tabs.find((t) => t.id === selected) ?? tabs[0];
  const onKeyDown = (e: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === current?.id);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    // Claimed here so the player's arrow keys do not seek while a tab has focus.
    e.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    if (!tab) return;
    onSelect(tab.id);
    buttons.current.get(tab.id)?.focus();
  };
  return (
    <div className="call-tabs">
      <div role="tablist" aria-label="Review" className="tab-list" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) buttons.current.set(t.id, el);
              else buttons.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={`${baseId}-${t.id}`}
            aria-selected={t.id === current?.id}
            aria-controls={`${baseId}-panel`}
            tabIndex={t.id === current?.id ? 0 : -1}
            className="tab"
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-${current?.id}`} className="tab-panel">
        {current?.panel}
      </div>
    </div>
  );
}

export function CallScreen({ callId, at, tab: openOn }: { callId: string; at: number | null; tab?: CallTabId }) {
  const { call, error, load, save } = useCall();
  const go = useRouter((s) => s.go);
  const [tab, setTab] = useState<string>(openOn ?? 'annotations');
  // A second link into the same call (another search hit) switches the tab too.
  const [linked, setLinked] = useState({ openOn, at });
  if (linked.openOn !== openOn || linked.at !== at) {
    setLinked({ openOn, at });
    if (openOn) setTab(openOn);
  }
  const showAnnotations = useCallback(() => setTab('annotations'), []);

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
        {call.status === 'missing' ? null : <MakeDrillDialog call={call} />}
        {call.status === 'missing' ? null : (
          <GiveKudosDialog
            on={() => ({ kind: 'call', callId: call.id, atSec: usePlayer.getState().currentTime })}
            what={() => `this moment (${clock(usePlayer.getState().currentTime)}) in “${call.title}”`}
            recipientId={call.repId}
            label="Kudos for this moment…"
          />
        )}
        <ExportPacketDialog subject={{ kind: 'call', call }} />
      </header>
      {call.isSample && <SampleBanner />}
      {call.status === 'missing' ? (
        <MissingFile />
      ) : (
        <Player key={call.media.sha256} call={call} startAt={at ?? call.lastPositionSec} />
      )}
      <div className="call-body">
        <div className="call-main" id="call-main-panel">
          <AnnotationLayer callId={call.id} onAdded={showAnnotations} />
          <CallTabs
            selected={tab}
            onSelect={setTab}
            tabs={[
              { id: 'annotations', label: 'Annotations', panel: <AnnotationsPanel /> },
              {
                id: 'scorecard',
                label: 'Scorecard',
                panel: <ScorecardPanel callId={call.id} onReveal={() => setTab('calibration')} />,
              },
              { id: 'calibration', label: 'Calibration', panel: <CalibrationPanel callId={call.id} /> },
              { id: 'transcript', label: 'Transcript', panel: <CallTranscript call={call} /> },
              {
                id: 'metrics',
                label: 'Metrics',
                panel: <CallMetricsPanel callId={call.id} mediaSha256={call.media.sha256} />,
              },
            ]}
          />
        </div>
        <CallDetails key={call.id} call={call} />
      </div>
      <CallKudos callId={call.id} />
    </div>
  );
}
