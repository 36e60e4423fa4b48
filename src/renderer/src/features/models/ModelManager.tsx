import { useEffect, useId, useRef, useState } from 'react';
import type { WhisperModel } from '../../../../shared/domain';
import { api } from '../../api/client';
import { reportError } from '../../app/notices';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { chooseFiles } from '../../lib/choose';
import { useModels } from './store';
import './models.css';

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

function ModelRow({ model, onDelete }: { model: WhisperModel; onDelete: (m: WhisperModel) => void }) {
  const { progress, download, pause, cancel, setDefault } = useModels();
  const live = progress[model.id];
  const total = live?.totalBytes ?? model.sizeBytes;
  const received = live?.receivedBytes ?? model.receivedBytes;
  const percent = total > 0 ? Math.min(100, Math.round((received / total) * 100)) : 0;
  const installed = model.state === 'installed';

  return (
    <li className="model-row" aria-label={model.name}>
      <label className="model-default">
        <input
          type="radio"
          name="default-model"
          checked={model.isDefault}
          disabled={!installed}
          onChange={() => void setDefault(model.id)}
          aria-label={`Use ${model.name} by default`}
        />
      </label>
      <div className="model-info">
        <strong>{model.name}</strong> <span className="model-size">{mb(model.sizeBytes)}</span>
        <p className="model-purpose">{model.purpose}</p>
        {model.error && model.state !== 'installed' && (
          <p className="model-error" role="alert">
            {model.error}
          </p>
        )}
        {(model.state === 'downloading' || model.state === 'paused') && (
          <div className="model-progress">
            <div
              className="progress"
              role="progressbar"
              aria-label={`Download of ${model.name}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
            >
              <div className="progress-fill" style={{ width: `${percent}%` }} />
            </div>
            <span>
              {model.state === 'paused' ? 'Paused' : 'Downloading'} · {mb(received)} of {mb(total)}
            </span>
          </div>
        )}
      </div>
      <div className="model-actions">
        {(model.state === 'available' || model.state === 'failed') && (
          <button
            type="button"
            className="button"
            onClick={() => void download(model.id)}
            aria-label={`Download ${model.name}`}
          >
            Download
          </button>
        )}
        {model.state === 'downloading' && (
          <button
            type="button"
            className="button"
            onClick={() => void pause(model.id)}
            aria-label={`Pause ${model.name}`}
          >
            Pause
          </button>
        )}
        {model.state === 'paused' && (
          <button
            type="button"
            className="button"
            onClick={() => void download(model.id)}
            aria-label={`Resume ${model.name}`}
          >
            Resume
          </button>
        )}
        {(model.state === 'downloading' || model.state === 'paused') && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void cancel(model.id)}
            aria-label={`Cancel download of ${model.name}`}
          >
            Cancel
          </button>
        )}
        {installed && (
          <>
            <span className="badge">Installed</span>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => onDelete(model)}
              aria-label={`Delete ${model.name}`}
            >
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
}

function ImportModelForm() {
  const importFile = useModels((s) => s.importFile);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="inline-form">
      <span>Have a ggml model file already (e.g. ggml-base.en.bin)?</span>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() =>
          void chooseFiles('model', input.current)
            .then(async (handles) => {
              if (!handles?.[0]) return;
              setBusy(true);
              await importFile(handles[0]).finally(() => setBusy(false));
            })
            .catch(reportError)
        }
      >
        {busy ? 'Checking model…' : 'Import model file…'}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".bin,.ggml"
        aria-label="Choose a whisper model file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setBusy(true);
          void importFile(file).finally(() => setBusy(false));
        }}
      />
    </div>
  );
}

function TranscriptionPreferences() {
  const { settings, updateSettings } = useModels();
  const threadsId = useId();
  if (!settings) return null;
  return (
    <div className="model-preferences">
      <label htmlFor={threadsId}>Threads per transcription</label>
      <input
        id={threadsId}
        type="number"
        min={1}
        max={64}
        value={settings.threads}
        onChange={(e) => {
          const threads = Number(e.target.value);
          if (Number.isInteger(threads) && threads >= 1) void updateSettings({ threads });
        }}
      />
      <label>
        <input
          type="checkbox"
          checked={settings.verbatim}
          onChange={(e) => void updateSettings({ verbatim: e.target.checked })}
        />
        Keep filler words (“um”, “uh”) — needed for filler-word insights, a little slower
      </label>
    </div>
  );
}

/** Settings → Transcription models: download, pause/resume, import, delete, and choose the default. */
export function ModelManager() {
  const { models, load, progressed, remove } = useModels();
  const [deleting, setDeleting] = useState<WhisperModel | null>(null);

  useEffect(() => {
    void load();
    const offProgress = api.on('models.download', progressed);
    const offChanged = api.on('models.changed', () => void load());
    return () => {
      offProgress();
      offChanged();
    };
  }, [load, progressed]);

  return (
    <section className="panel" aria-labelledby="models-heading">
      <h2 id="models-heading">Transcription models</h2>
      <p className="hint">
        Transcription runs on this computer with whisper.cpp. Larger models are more accurate and slower; the default is
        used for new calls.
      </p>
      <ul className="model-list" aria-label="Models">
        {models.map((m) => (
          <ModelRow key={m.id} model={m} onDelete={setDeleting} />
        ))}
      </ul>
      <ImportModelForm />
      <TranscriptionPreferences />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete ${deleting?.name ?? 'model'}?`}
        description="Transcripts made with it stay. You can download or import it again later."
        confirmLabel="Delete model"
        onConfirm={() => {
          if (deleting) void remove(deleting.id);
          setDeleting(null);
        }}
      />
    </section>
  );
}
