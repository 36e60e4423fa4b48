import * as Dialog from '@radix-ui/react-dialog';
import { useRef, useState } from 'react';
import type { FileHandle } from '../../../../shared/files';
import type { MergeAction, MergeKind, PacketPreview } from '../../../../shared/packets/types';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';
import { useRouter } from '../../app/router';
import { chooseFiles } from '../../lib/choose';
import './packets.css';

const ACTION_LABELS: Record<MergeAction, string> = {
  add: 'New',
  update: 'Updated',
  conflict: 'Both kept',
  unchanged: 'Already here',
  skip: 'Left as is',
  refused: 'Refused',
};

const KIND_LABELS: Record<MergeKind, string> = {
  call: 'Call',
  drill: 'Drill',
  attempt: 'Drill attempt',
  person: 'People',
  tag: 'Tags',
  rubric: 'Rubrics',
  annotation: 'Annotations',
  reply: 'Replies',
  scorecard: 'Scorecards',
  actionItem: 'Action items',
  badge: 'Kudos badges',
  kudos: 'Kudos',
  celebration: 'Celebrations',
  transcript: 'Transcript',
};

/** Who signed the packet and whether this library knows their key: what the import's changes rest on. */
function SignerLine({ preview }: { preview: PacketPreview }) {
  const { signer } = preview;
  if (!signer) {
    return (
      <p className="packet-signer packet-unsigned">
        <strong>Unsigned</strong> (made by an older Gamefilm, or by a library with nobody marked “This is me”): only new
        items are taken from it; nothing already here changes.
      </p>
    );
  }
  return (
    <p className="packet-signer">
      Signed by <strong>{signer.name}</strong> · key <code>{signer.fingerprint}</code> ·{' '}
      {signer.keyStatus === 'known'
        ? 'known to this library as theirs.'
        : 'new to this library: the first packet signed with it; it is remembered as theirs on import.'}{' '}
      Changes to existing items are taken only where {signer.name} is their author.
    </p>
  );
}

/**
 * "Import packet…" in the library: the file is checked completely first
 * (nothing in the library changes), the preview says what will be added or
 * updated, and only then is it imported — in one go.
 */
export function ImportPacketDialog() {
  const picker = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<PacketPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null);
  const openCall = useRouter((s) => s.openCall);
  const open = busy !== null || preview !== null || error !== null;

  const close = () => {
    if (preview) void api.packets.discard({ stageId: preview.stageId });
    setPreview(null);
    setError(null);
    setBusy(null);
  };

  /** A picked File (uploaded in browser mode), or a handle from the desktop app's dialog. */
  const inspect = (file: File | FileHandle) => {
    setError(null);
    setPreview(null);
    setBusy('checking');
    void unwrap(typeof file === 'string' ? api.packets.inspect({ file }) : api.inspectPacketFile(file))
      .then(setPreview)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(null));
  };

  const changes = preview?.items.filter((i) => i.action !== 'unchanged') ?? [];

  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() =>
          void chooseFiles('packet', picker.current)
            .then((handles) => {
              if (handles?.[0]) inspect(handles[0]);
            })
            .catch(reportError)
        }
      >
        Import packet…
      </button>
      <input
        ref={picker}
        type="file"
        hidden
        accept=".gamefilm,application/zip"
        aria-label="Choose a Gamefilm packet to import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) inspect(file);
          e.target.value = '';
        }}
      />
      <Dialog.Root open={open} onOpenChange={(next) => !next && busy !== 'importing' && close()}>
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content className="dialog packet-dialog">
            <Dialog.Title className="dialog-title">Import a review packet</Dialog.Title>
            <Dialog.Description className="dialog-description">
              {busy === 'checking'
                ? 'Checking the packet (names, sizes, checksums, data) before anything changes…'
                : preview
                  ? `“${preview.title}” from ${preview.authorName ?? 'someone'}, ${preview.createdAt.slice(0, 10)}.`
                  : 'The packet could not be imported.'}
            </Dialog.Description>
            {error ? (
              <p className="packet-error" role="alert">
                {error} Your library was not changed.
              </p>
            ) : null}
            {preview ? (
              <div className="packet-preview">
                <p>
                  {preview.subjectKind === 'attempt'
                    ? preview.callAction === 'add'
                      ? `Adds the drill attempt “${preview.callTitle}”.`
                      : `Merges into your drill attempt “${preview.callTitle}”.`
                    : preview.callAction === 'add'
                      ? `Adds the call “${preview.callTitle}”.`
                      : `Merges into your call “${preview.callTitle}”.`}{' '}
                  {preview.upToDate
                    ? preview.totals.refused > 0
                      ? `Nothing in it can be taken: ${preview.totals.refused} change${preview.totals.refused === 1 ? ' was' : 's were'} refused (why is below).`
                      : 'Everything in it is already in your library.'
                    : null}
                </p>
                <SignerLine preview={preview} />
                <table className="packet-summary">
                  <caption className="visually-hidden">What importing will change</caption>
                  <thead>
                    <tr>
                      <th scope="col">What</th>
                      <th scope="col">Change</th>
                      <th scope="col">Details</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((i) => (
                      <tr key={`${i.kind}:${i.id}`} className={`packet-row packet-${i.action}`}>
                        <td>
                          <span className="packet-kind">{KIND_LABELS[i.kind]}</span> {i.label}
                        </td>
                        <td>{ACTION_LABELS[i.action]}</td>
                        <td>{i.detail ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="packet-muted">
                  {preview.totals.unchanged} item{preview.totals.unchanged === 1 ? '' : 's'} already here.
                </p>
              </div>
            ) : null}
            <div className="dialog-actions">
              <button type="button" className="button" onClick={close} disabled={busy === 'importing'}>
                {preview && !preview.upToDate ? 'Cancel' : 'Close'}
              </button>
              {preview && !preview.upToDate ? (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy !== null}
                  onClick={() => {
                    setBusy('importing');
                    void unwrap(api.packets.import({ stageId: preview.stageId }))
                      .then((result) => {
                        setPreview(null);
                        setBusy(null);
                        if (result.callId) openCall(result.callId);
                        else if (result.drillId)
                          window.location.hash = `#/drills/${encodeURIComponent(result.drillId)}`;
                      })
                      .catch((e: unknown) => {
                        setPreview(null);
                        setBusy(null);
                        setError(e instanceof Error ? e.message : String(e));
                      });
                  }}
                >
                  {busy === 'importing' ? 'Importing…' : 'Import'}
                </button>
              ) : null}
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </>
  );
}
