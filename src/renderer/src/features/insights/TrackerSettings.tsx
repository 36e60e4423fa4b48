import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Tracker, TrackerSide } from '../../../../shared/domain';
import { TRACKER_SIDES } from '../../../../shared/domain';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import './insights.css';

const SIDE_LABELS: Record<TrackerSide, string> = { rep: 'Rep says', customer: 'Customer says', either: 'Either side' };

/** Phrases are typed one per line or separated by commas. */
const parsePhrases = (text: string) =>
  text
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);

function TrackerForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: { name: string; side: TrackerSide; phrases: string[] };
  submitLabel: string;
  onSubmit: (input: { name: string; side: TrackerSide; phrases: string[] }) => Promise<string | null>;
  onCancel?: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(initial.name);
  const [side, setSide] = useState<TrackerSide>(initial.side);
  const [phrases, setPhrases] = useState(initial.phrases.join(', '));
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const message = await onSubmit({ name, side, phrases: parsePhrases(phrases) });
    setError(message);
    if (!message && !onCancel) {
      setName('');
      setPhrases('');
    }
  };
  return (
    <form className="tracker-editor" onSubmit={(e) => void submit(e)} aria-label={`${submitLabel} tracker`}>
      <div className="field">
        <label htmlFor={`${id}-name`}>Tracker name</label>
        <input id={`${id}-name`} value={name} required maxLength={80} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-side`}>Who says it</label>
        <select id={`${id}-side`} value={side} onChange={(e) => setSide(e.target.value as TrackerSide)}>
          {TRACKER_SIDES.map((s) => (
            <option key={s} value={s}>
              {SIDE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-phrases`}>Phrases (comma-separated)</label>
        <input
          id={`${id}-phrases`}
          value={phrases}
          placeholder="e.g. next step, follow up"
          onChange={(e) => setPhrases(e.target.value)}
        />
      </div>
      <div className="tracker-actions">
        <button type="submit" className="button button-primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="tracker-error">
          {error}
        </p>
      )}
    </form>
  );
}

function useTrackers() {
  const [trackers, setTrackers] = useState<Tracker[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => void api.trackers.list().then((r) => live && r.ok && setTrackers(r.value));
    load();
    // Read the current backlog once subscribed, so a refresh that started earlier still shows.
    const off = api.on('insights.progress', (e) => setProgress(e.finished ? null : e));
    void api.insights.backlog().then((r) => {
      if (live && r.ok && r.value.pending > 0) setProgress({ done: 0, total: r.value.pending });
    });
    const offChanged = api.on('trackers.changed', load);
    return () => {
      live = false;
      off();
      offChanged();
    };
  }, []);
  return { trackers, progress };
}

/** Settings → Keyword trackers: named phrase sets matched over every transcript. */
export function TrackerSettings() {
  const { trackers, progress } = useTrackers();
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Tracker | null>(null);
  return (
    <section className="panel" aria-labelledby="trackers-heading">
      <h2 id="trackers-heading">Keyword trackers</h2>
      <p className="hint">
        Phrases Gamefilm listens for in every transcript — whole words, any case, punctuation ignored. Each call lists
        its hits in the Metrics tab; Insights shows how often they come up.
      </p>
      {progress && (
        <p role="status" aria-live="polite">
          Checking the library for tracker phrases: {progress.done} of {progress.total} calls…
        </p>
      )}
      <ul className="tracker-rows" aria-label="Trackers">
        {trackers.map((t) =>
          editing === t.id ? (
            <li key={t.id}>
              <TrackerForm
                initial={t}
                submitLabel="Save"
                onCancel={() => setEditing(null)}
                onSubmit={async (input) => {
                  const r = await api.trackers.update({ id: t.id, ...input });
                  if (!r.ok) return r.error.message;
                  setEditing(null);
                  return null;
                }}
              />
            </li>
          ) : (
            <li key={t.id} className="tracker-row" aria-label={t.name}>
              <strong>{t.name}</strong>
              <span>{SIDE_LABELS[t.side]}</span>
              <span className="phrases" title={t.phrases.join(', ')}>
                {t.phrases.join(', ')}
              </span>
              <button type="button" className="button" aria-label={`Edit ${t.name}`} onClick={() => setEditing(t.id)}>
                Edit
              </button>
              <button type="button" className="button" aria-label={`Remove ${t.name}`} onClick={() => setRemoving(t)}>
                Remove
              </button>
            </li>
          ),
        )}
      </ul>
      <h3>Add a tracker</h3>
      <TrackerForm
        initial={{ name: '', side: 'either', phrases: [] }}
        submitLabel="Add"
        onSubmit={async (input) => {
          const r = await api.trackers.create(input);
          return r.ok ? null : r.error.message;
        }}
      />
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={`Remove the tracker “${removing?.name ?? ''}”?`}
        description="Its hits disappear from every call and from Insights. Transcripts are not changed."
        confirmLabel="Remove tracker"
        onConfirm={() => {
          if (removing) void api.trackers.remove({ id: removing.id });
          setRemoving(null);
        }}
      />
    </section>
  );
}
