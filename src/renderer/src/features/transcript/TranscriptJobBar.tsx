import { useEffect, useId, useState } from 'react';
import { useRouter } from '../../app/router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { liveEtaSec } from '../../../../shared/domain';
import { etaLabel } from './time';
import { useTranscript } from './store';

/** Re-renders every second while `active`, so an estimate reads the clock, not the last report. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

/** Where the transcription stands: a Transcribe button, progress with Cancel, or a failure with Retry. */
export function TranscriptJobBar({ hasTranscript, editedCount }: { hasTranscript: boolean; editedCount: number }) {
  const { job, models, defaultModelId, transcribe, cancelJob, retryJob } = useTranscript();
  const go = useRouter((s) => s.go);
  const pickerId = useId();
  const [modelId, setModelId] = useState<string>('');
  const [confirming, setConfirming] = useState(false);
  const [replaceEdits, setReplaceEdits] = useState(false);
  const running = job?.state === 'running';
  const now = useNow(running);
  const chosen = (models.some((m) => m.id === modelId) ? modelId : '') || defaultModelId || models[0]?.id || '';

  if (job && (job.state === 'queued' || job.state === 'running')) {
    const percent = Math.round(job.progress * 100);
    const eta = running ? liveEtaSec(job.progress, job.startedAt, now) : null;
    return (
      <div className="transcript-job" role="status" aria-live="polite">
        <span>
          {job.state === 'queued' ? 'Waiting to transcribe…' : `Transcribing… ${percent} %`}
          {running ? ` · ${eta === null ? 'estimating time left' : etaLabel(eta)}` : ''}
        </span>
        <div
          className="progress"
          role="progressbar"
          aria-label="Transcription progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
        <button type="button" className="button" onClick={() => void cancelJob()}>
          Cancel transcription
        </button>
      </div>
    );
  }

  // Why the last run failed stays visible whatever else changed since (a model removed or added).
  const failure = job?.state === 'failed' && (
    <p className="transcript-error" role="alert">
      {job.error ?? 'Transcription failed.'}
    </p>
  );

  if (models.length === 0) {
    return (
      <div className="transcript-job">
        {failure}
        <span>Download or import a model in Settings first.</span>
        <button type="button" className="button" onClick={() => go('settings')}>
          Open transcription models
        </button>
      </div>
    );
  }

  const ended = job?.state === 'failed' || job?.state === 'cancelled';
  const start = () => {
    if (hasTranscript && !ended) {
      setReplaceEdits(false);
      setConfirming(true);
    } else if (ended && !modelId) {
      // Retry runs with today's default model if the one it was queued with is gone.
      void retryJob();
    } else {
      void transcribe({ modelId: chosen || undefined });
    }
  };

  return (
    <div className="transcript-job">
      {failure}
      {(models.length > 1 || !defaultModelId) && (
        <>
          <label htmlFor={pickerId}>Model</label>
          <select id={pickerId} value={chosen} onChange={(e) => setModelId(e.target.value)}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="button" className="button button-primary" onClick={start}>
        {ended ? 'Retry transcription' : hasTranscript ? 'Transcribe again' : 'Transcribe'}
      </button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Transcribe this call again?"
        description={
          editedCount > 0 ? (
            <>
              The new transcription replaces this one.{' '}
              {editedCount === 1
                ? 'The segment you corrected is kept as you wrote it.'
                : `The ${editedCount} segments you corrected are kept as you wrote them.`}
              <label className="confirm-option">
                <input type="checkbox" checked={replaceEdits} onChange={(e) => setReplaceEdits(e.target.checked)} />
                Replace my corrections too
              </label>
            </>
          ) : (
            'The new transcription replaces this one.'
          )
        }
        confirmLabel="Transcribe again"
        onConfirm={() => void transcribe({ modelId: chosen || undefined, keepEdits: !replaceEdits })}
      />
    </div>
  );
}
