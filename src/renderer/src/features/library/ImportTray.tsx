import type { ImportJob } from '../../../../shared/domain';
import { useRouter } from '../../app/router';
import { useLibrary } from './store';

const PHASE_LABELS: Record<NonNullable<ImportJob['phase']>, string> = {
  upload: 'Uploading',
  copy: 'Copying',
  probe: 'Reading',
  decode: 'Drawing waveform',
  finalize: 'Finishing',
};

function statusText(job: ImportJob): string {
  switch (job.state) {
    case 'queued':
      return 'Waiting…';
    case 'running':
      return `${job.phase ? PHASE_LABELS[job.phase] : 'Importing'} · ${Math.round(job.fraction * 100)}%`;
    case 'done':
      return 'Ready';
    default:
      return job.message ?? job.state;
  }
}

/** One row per file being imported: progress, then ready / duplicate / the reason it failed. */
export function ImportTray() {
  const { imports, cancelImport, dismissImport } = useLibrary();
  const openCall = useRouter((s) => s.openCall);
  if (imports.length === 0) return null;
  const active = imports.filter((j) => j.state === 'queued' || j.state === 'running').length;
  return (
    <section className="panel import-tray" aria-label="Imports">
      <header className="import-tray-header">
        <h2>Imports</h2>
        <span className="hint">{active ? `${active} in progress` : 'All done'}</span>
        {!active && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => imports.forEach((j) => void dismissImport(j.id))}
          >
            Clear list
          </button>
        )}
      </header>
      <ul className="import-rows">
        {imports.map((job) => {
          const busy = job.state === 'queued' || job.state === 'running';
          return (
            <li key={job.id} className={`import-row import-${job.state}`} aria-label={job.fileName}>
              <span className="import-name" title={job.fileName}>
                {job.fileName}
              </span>
              <div
                className="progress"
                role="progressbar"
                aria-label={`Import of ${job.fileName}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(job.fraction * 100)}
              >
                <div className="progress-fill" style={{ width: `${Math.round(job.fraction * 100)}%` }} />
              </div>
              <span className="import-status" role={job.state === 'failed' ? 'alert' : undefined}>
                {statusText(job)}
              </span>
              <span className="import-actions">
                {busy ? (
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => void cancelImport(job.id)}
                    aria-label={`Cancel import of ${job.fileName}`}
                  >
                    Cancel
                  </button>
                ) : (
                  <>
                    {job.callId && (
                      <button type="button" className="button button-quiet" onClick={() => openCall(job.callId!)}>
                        Open
                      </button>
                    )}
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Dismiss ${job.fileName}`}
                      onClick={() => void dismissImport(job.id)}
                    >
                      ×
                    </button>
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
