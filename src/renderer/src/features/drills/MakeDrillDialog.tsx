import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import type { Call } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';
import { clockMs } from '../../../../shared/clock';
import { formatDuration } from '../../lib/format';
import { useAnnotations } from '../annotations/store';
import { usePlayer } from '../player/store';
import { parseClock } from './format';
import './drills.css';

/**
 * "Make a drill…" on the call screen: a range of the call (a marked range, or
 * from/to times, defaulting to the next 15 s from the playhead) becomes a
 * drill whose prompt is that clip and its transcript text.
 */
export function MakeDrillDialog({ call }: { call: Call }) {
  const [open, setOpen] = useState(false);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const ranges = useAnnotations((s) => s.annotations).filter((a) => a.endSec !== null);

  const onOpenChange = (next: boolean) => {
    if (next) {
      const at = usePlayer.getState().currentTime;
      setStart(clockMs(at));
      setEnd(clockMs(Math.min(call.media.durationSec, at + 15)));
      setTitle('');
    }
    setOpen(next);
  };

  const startSec = parseClock(start);
  const endSec = parseClock(end);
  const valid = startSec !== null && endSec !== null && endSec > startSec && endSec <= call.media.durationSec + 1;

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger className="button">Make a drill…</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title className="dialog-title">Make a drill from this call</Dialog.Title>
          <Dialog.Description className="dialog-description">
            The range becomes the buyer’s prompt: its audio plays in the drill, and its transcript is the prompt text.
          </Dialog.Description>
          <form
            className="drill-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!valid) return;
              setBusy(true);
              void unwrap(
                api.drills.fromCall({
                  callId: call.id,
                  startSec: startSec,
                  endSec: Math.min(endSec, call.media.durationSec),
                  title: title.trim() || undefined,
                }),
              )
                .then((drill) => {
                  setOpen(false);
                  window.location.hash = `#/drills/${encodeURIComponent(drill.id)}`;
                })
                .catch(reportError)
                .finally(() => setBusy(false));
            }}
          >
            {ranges.length ? (
              <label className="field drill-field">
                <span>Marked range</span>
                <select
                  defaultValue=""
                  onChange={(e) => {
                    const a = ranges.find((r) => r.id === e.target.value);
                    if (!a || a.endSec === null) return;
                    setStart(clockMs(a.startSec));
                    setEnd(clockMs(a.endSec));
                  }}
                >
                  <option value="">Choose an annotated range…</option>
                  {ranges.map((a) => (
                    <option key={a.id} value={a.id}>
                      {formatDuration(a.startSec)}–{formatDuration(a.endSec ?? a.startSec)}{' '}
                      {a.body.slice(0, 40) || 'range'}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <div className="drill-editor-grid">
              <label className="field drill-field">
                <span>From (m:ss)</span>
                <input value={start} onChange={(e) => setStart(e.target.value)} inputMode="numeric" />
              </label>
              <label className="field drill-field">
                <span>To (m:ss)</span>
                <input value={end} onChange={(e) => setEnd(e.target.value)} inputMode="numeric" />
              </label>
            </div>
            <label className="field drill-field">
              <span>Drill title (optional)</span>
              <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
            </label>
            {!valid ? (
              <p className="hint" role="status">
                Choose a range inside the call ({formatDuration(call.media.durationSec)} long) that ends after it
                starts.
              </p>
            ) : null}
            <div className="dialog-actions">
              <Dialog.Close className="button">Cancel</Dialog.Close>
              <button type="submit" className="button button-primary" disabled={!valid || busy}>
                {busy ? 'Making…' : 'Make drill'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
