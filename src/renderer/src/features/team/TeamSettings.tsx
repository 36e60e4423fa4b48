import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncthingInfo, TeamStatus } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import './team.css';

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
const short = (deviceId: string) => deviceId.slice(0, 8);

/**
 * Settings → Team folder. A folder a sync engine (Syncthing, a shared drive)
 * replicates between the team's machines: this device writes its person's
 * changes there and imports everyone else's, with no export or import click.
 */
export function TeamSettings() {
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const [folder, setFolder] = useState('');
  const [create, setCreate] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  const load = useCallback(() => unwrap(api.team.status()).then(setStatus, reportError), []);
  useEffect(() => {
    void load();
    const offs = [
      api.on('team.changed', () => void load()),
      api.on('team.progress', (p) => {
        setProgress(p.finished ? null : { done: p.done, total: p.total });
        if (p.finished) void load();
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [load]);

  const act = async (run: () => Promise<TeamStatus>) => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await run());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (!status) return null;
  const importing = progress ?? status.importing;
  return (
    <section className="panel team-settings" aria-labelledby="team-heading">
      <h2 id="team-heading">Team folder</h2>
      {status.folder === null ? (
        <>
          <p className="hint">
            Share reviews, scores, kudos and drills with your team without a server: choose a folder that Syncthing or a
            shared drive keeps in step between the team’s machines. This device writes its changes into its own
            subfolder there and imports everyone else’s by itself. Drafts and private notes never go there.
          </p>
          <form
            className="team-join"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => unwrap(api.team.join({ folder, create })));
            }}
          >
            <div className="field">
              <label htmlFor="team-folder">Team folder (its whole path)</label>
              <input
                id="team-folder"
                type="text"
                value={folder}
                placeholder="/home/you/Sync/Gamefilm team"
                onChange={(e) => setFolder(e.target.value)}
                aria-describedby={error ? 'team-error' : undefined}
              />
            </div>
            {api.chooseFolder && (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => {
                  const choose = api.chooseFolder;
                  if (!choose) return;
                  void unwrap(choose()).then(
                    (path) => path && setFolder(path),
                    (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
                  );
                }}
              >
                Choose folder…
              </button>
            )}
            <label className="team-create">
              <input type="checkbox" checked={create} onChange={(e) => setCreate(e.target.checked)} /> Create it if it
              does not exist
            </label>
            <button type="submit" className="button button-primary" disabled={busy || folder.trim() === ''}>
              Join team
            </button>
          </form>
          {error && (
            <p id="team-error" role="alert" className="team-error">
              {error}
            </p>
          )}
          <p className="hint">
            This device’s id: <code>{status.deviceId}</code>
          </p>
        </>
      ) : (
        <>
          <dl className="facts">
            <dt>Folder</dt>
            <dd>
              <code>{status.folder}</code>
            </dd>
            <dt>This device</dt>
            <dd>
              <code>{status.deviceId}</code>
            </dd>
            <dt>Writes as</dt>
            <dd>
              {status.writingAs ? (
                <>
                  {status.writingAs.name} <span className="hint">(key {status.writingAs.fingerprint})</span>
                </>
              ) : (
                'Nobody yet — choose who you are (People → This is me) and your changes start going to the team.'
              )}
            </dd>
            <dt>Written</dt>
            <dd>
              {status.written} change {status.written === 1 ? 'file' : 'files'}
              {status.lastWrittenAt ? `, last ${when(status.lastWrittenAt)}` : ''}
              {status.outbox > 0 ? ` · ${status.outbox} waiting to be written` : ''}
            </dd>
            {status.syncthing && (
              <>
                <dt>Syncthing</dt>
                <dd className={status.syncthing.connected ? undefined : 'team-error'}>{status.syncthing.message}</dd>
              </>
            )}
          </dl>
          {status.problem && (
            <p role="alert" className="team-error">
              {status.problem}
            </p>
          )}
          {importing && importing.total > 0 && (
            <div className="team-progress">
              <span id="team-progress-label">
                Catching up: {importing.done} of {importing.total} change files
              </span>
              <progress aria-labelledby="team-progress-label" max={importing.total} value={importing.done} />
            </div>
          )}
          <h3>Other devices</h3>
          {status.devices.length === 0 ? (
            <p className="hint">No other device has written to this folder yet (or its files have not arrived).</p>
          ) : (
            <table className="team-table">
              <caption className="visually-hidden">Devices in the team folder</caption>
              <thead>
                <tr>
                  <th scope="col">Device</th>
                  <th scope="col">People</th>
                  <th scope="col">Last change received</th>
                  <th scope="col">Waiting to import</th>
                </tr>
              </thead>
              <tbody>
                {status.devices.map((d) => (
                  <tr key={d.deviceId}>
                    <td>
                      <code title={d.deviceId}>{short(d.deviceId)}</code>
                      {d.fingerprint && <div className="hint">key {d.fingerprint}</div>}
                    </td>
                    <td>{d.people.map((p) => p.name).join(', ') || '—'}</td>
                    <td>{d.lastSeq > 0 ? `No. ${d.lastSeq}, written ${when(d.lastChangeAt)}` : 'Nothing yet'}</td>
                    <td>
                      {d.waiting}
                      {d.folderMissing && (
                        <div className="team-warning">
                          Its folder is gone from the team folder. What came from it stays here; ask the teammate to
                          share it again if that was a mistake.
                        </div>
                      )}
                      {d.conflictCopies > 0 && (
                        <div className="hint">
                          {d.conflictCopies} conflict {d.conflictCopies === 1 ? 'copy' : 'copies'} ignored (a file was
                          changed by hand on two machines).
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {status.quarantined.length > 0 && (
            <>
              <h3>Files left out</h3>
              <ul className="team-quarantine">
                {status.quarantined.map((q) => (
                  <li key={`${q.deviceId}/${q.fileName}`}>
                    <div>
                      <strong>{q.fileName}</strong> from device <code>{short(q.deviceId)}</code>
                    </div>
                    <div>{q.reason}</div>
                    <div className="hint">{q.advice}</div>
                    <button
                      type="button"
                      className="button button-quiet"
                      disabled={busy}
                      aria-label={`Try ${q.fileName} from device ${short(q.deviceId)} again`}
                      onClick={() =>
                        void act(() => unwrap(api.team.retry({ deviceId: q.deviceId, fileName: q.fileName })))
                      }
                    >
                      Try again
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="team-actions">
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void act(() => unwrap(api.team.rescan()))}
            >
              Look for changes now
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={busy}
              onClick={() => setConfirmLeave(true)}
            >
              Leave team…
            </button>
          </div>
          <SyncthingSetup watchConnected={status.syncthing?.connected ?? null} />
        </>
      )}
      <ConfirmDialog
        open={confirmLeave}
        onOpenChange={setConfirmLeave}
        title="Leave the team folder?"
        description="This device stops writing its changes to the team folder and stops importing the team’s. Everything already in your library stays; the files this device wrote stay in the folder."
        confirmLabel="Leave team"
        onConfirm={() => {
          setConfirmLeave(false);
          void act(() => unwrap(api.team.leave()));
        }}
      />
    </section>
  );
}

/**
 * Optional: let a local Syncthing replicate the team folder (Gamefilm never installs one).
 * `watchConnected`: what the live watch says; when it changes, a shown look is taken again so the two never disagree.
 */
function SyncthingSetup({ watchConnected }: { watchConnected: boolean | null }) {
  const [info, setInfo] = useState<SyncthingInfo | null>(null);
  const [peer, setPeer] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const look = async (run: () => Promise<SyncthingInfo>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      setInfo(await run());
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const shown = info !== null;
  const lastWatch = useRef(watchConnected);
  useEffect(() => {
    if (lastWatch.current === watchConnected) return;
    lastWatch.current = watchConnected;
    if (shown) void unwrap(api.team.syncthing()).then(setInfo, () => undefined);
  }, [watchConnected, shown]);
  return (
    <div className="team-syncthing">
      <h3>Syncthing</h3>
      <p className="hint">
        Syncthing copies the folder between the team’s machines directly, encrypted, with no server. Install it from
        your system’s packages or syncthing.net; Gamefilm only sets it up.
      </p>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void look(() => unwrap(api.team.syncthing()))}
      >
        Look for Syncthing
      </button>
      {info && (
        <p role="status">
          {info.message}
          {info.deviceId && (
            <>
              {' '}
              This machine’s Syncthing id (give it to your teammates): <code>{info.deviceId}</code>
            </>
          )}
        </p>
      )}
      {info?.installed && (
        <form
          className="team-join"
          onSubmit={(e) => {
            e.preventDefault();
            void look(() => unwrap(api.team.syncthingAddPeer({ syncthingDeviceId: peer, name }))).then((added) => {
              // Added: the form is ready for the next teammate.
              if (!added) return;
              setPeer('');
              setName('');
            });
          }}
        >
          <div className="field">
            <label htmlFor="team-peer-id">Teammate’s Syncthing device id</label>
            <input id="team-peer-id" type="text" value={peer} onChange={(e) => setPeer(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="team-peer-name">Their name</label>
            <input id="team-peer-name" type="text" value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <button type="submit" className="button" disabled={busy || !peer.trim() || !name.trim()}>
            Add teammate
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="team-error">
          {error}
        </p>
      )}
    </div>
  );
}
