import { useCallback, useEffect, useState } from 'react';
import type { BackupInfo } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError, useNotices } from '../../app/notices';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useSettings } from './store';

const REASONS: Record<BackupInfo['reason'], string> = {
  daily: 'Daily',
  manual: 'Backed up by hand',
  'before-migration': 'Before an update',
  'before-packet': 'Before a packet import',
};

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function size(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The library's backups: taken at start (daily), before updates and packet
 * imports, or by hand. Restoring replaces the library at once (the page
 * reloads) or on the next start; the replaced library is kept, never deleted.
 */
export function BackupsSettings() {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<BackupInfo | null>(null);
  const { settings, setBackupsToKeep } = useSettings();
  const show = useNotices((s) => s.show);

  const load = useCallback(() => unwrap(api.backups.list()).then(setBackups, reportError), []);
  useEffect(() => {
    void unwrap(api.backups.list()).then(setBackups, reportError);
  }, []);

  const backUpNow = async () => {
    setBusy(true);
    try {
      const made = await unwrap(api.backups.create());
      show({ kind: 'info', text: `Backed up (${size(made.sizeBytes)}).` });
      await load();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const restore = async (backup: BackupInfo, at: 'now' | 'next-start') => {
    setBusy(true);
    try {
      const outcome = await unwrap(api.backups.restore({ fileName: backup.fileName, when: at }));
      // Every screen's data changed under it: start the page afresh.
      if (outcome.when === 'now') window.location.reload();
      else show({ kind: 'info', text: outcome.message }, 15000);
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="backups-heading">
      <h2 id="backups-heading">Backups</h2>
      <p className="hint">
        Gamefilm backs up the library when it starts (once a day), before an update changes it and before a packet is
        imported. Recordings are never rewritten, so a backup of the library’s database is a backup of everything.
      </p>
      <div className="backups-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void backUpNow()}>
          Back up now
        </button>
        <label>
          Keep the last{' '}
          <input
            type="number"
            min={1}
            max={100}
            value={settings.backupsToKeep}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 100) void setBackupsToKeep(n);
            }}
          />{' '}
          backups
        </label>
      </div>
      {backups && backups.length === 0 && <p>No backups yet.</p>}
      {backups && backups.length > 0 && (
        <table className="backups-table">
          <caption className="visually-hidden">Backups of the library, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Why</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.fileName}>
                <td>{when(b.createdAt)}</td>
                <td>{REASONS[b.reason]}</td>
                <td>{size(b.sizeBytes)}</td>
                <td className="backups-restore">
                  <button
                    type="button"
                    className="button button-quiet"
                    disabled={busy}
                    aria-label={`Restore the backup from ${when(b.createdAt)} now`}
                    onClick={() => setConfirm(b)}
                  >
                    Restore now
                  </button>
                  <button
                    type="button"
                    className="button button-quiet"
                    disabled={busy}
                    aria-label={`Restore the backup from ${when(b.createdAt)} on the next start`}
                    onClick={() => void restore(b, 'next-start')}
                  >
                    On next start
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(open) => !open && setConfirm(null)}
        title="Restore this backup now?"
        description={
          confirm
            ? `The library goes back to how it was on ${when(confirm.createdAt)}. The current library is kept in the “replaced” folder of the library’s folder, not deleted.`
            : ''
        }
        confirmLabel="Restore now"
        onConfirm={() => {
          if (confirm) void restore(confirm, 'now');
          setConfirm(null);
        }}
      />
    </section>
  );
}
