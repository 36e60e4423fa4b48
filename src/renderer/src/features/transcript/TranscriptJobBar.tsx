import { useId, useState } from 'react';
import { useRouter } from '../../app/router';
import { etaLabel } from './time';
import { useTranscript } from './store';

/** Where the transcription stands: a Transcribe button, progress with Cancel, or a failure with Retry. */
export function TranscriptJobBar({ hasTranscript }: { hasTranscript: boolean }) {
  const { job, models, defaultModelId, transcribe, cancelJob, retryJob } = useTranscript();
  const go = useRouter((s) => s.go);
  const pickerId = useId();
  const [modelId, setModelId] = useState<string>('');
  const chosen = modelId || defaultModelId || models[0]?.id || '';

  if (job && (job.state === 'queued' || job.state === 'running')) {
    const percent = Math.round(job.progress * 100);
    return (
      <div className="transcript-job" role="status" aria-live="polite">
        <span>
          {job.state === 'queued' ? 'Waiting to transcribe…' : `Transcribing… ${percent} %`}
          {job.state === 'running' && job.etaSec !== null ? ` · ${etaLabel(job.etaSec)}` : ''}
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

  if (models.length === 0) {
    return (
      <div className="transcript-job">
        <span>Download or import a model in Settings first.</span>
        <button type="button" className="button" onClick={() => go('settings')}>
          Open transcription models
        </button>
      </div>
    );
  }

  return (
    <div className="transcript-job">
      {job?.state === 'failed' && (
        <p className="transcript-error" role="alert">
          {job.error ?? 'Transcription failed.'}
        </p>
      )}
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
      {job?.state === 'failed' || job?.state === 'cancelled' ? (
        <button type="button" className="button button-primary" onClick={() => void retryJob()}>
          Retry transcription
        </button>
      ) : (
        <button type="button" className="button button-primary" onClick={() => void transcribe(chosen || undefined)}>
          {hasTranscript ? 'Transcribe again' : 'Transcribe'}
        </button>
      )}
    </div>
  );
}
