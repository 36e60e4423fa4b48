import * as Dialog from '@radix-ui/react-dialog';
import { useId, useState } from 'react';
import type { Person } from '../../../../shared/domain';
import { usePeople } from './store';

/**
 * "Merge…" on a person: two records of the same human become one. Nothing
 * happens until the second step confirms it, because a merge cannot be
 * undone (the other record is kept only as an alias).
 */
export function MergePeopleDialog({ alias, onClose }: { alias: Person | null; onClose: () => void }) {
  const { people, merge } = usePeople();
  const [survivorId, setSurvivorId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const selectId = useId();
  const others = people.filter((p) => p.id !== alias?.id);
  const survivor = others.find((p) => p.id === survivorId) ?? null;

  const close = () => {
    setSurvivorId('');
    setConfirming(false);
    onClose();
  };

  return (
    <Dialog.Root open={alias !== null} onOpenChange={(open) => !open && close()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title className="dialog-title">Merge {alias?.name} into…</Dialog.Title>
          <Dialog.Description className="dialog-description">
            {confirming && survivor && alias
              ? `Everything of ${alias.name} — calls, annotations, scorecards, attempts, sessions, kudos — moves to ` +
                `${survivor.name}. ${alias.name} stays only as another name for ${survivor.name}, so packets that ` +
                `mention them land on ${survivor.name}, and libraries that import your packets merge them too. ` +
                'This cannot be undone.'
              : 'For two records of the same person (added on two machines, or twice by hand). Pick the record to keep.'}
          </Dialog.Description>
          {!confirming ? (
            others.length === 0 ? (
              <p className="packet-muted">There is nobody else to merge with.</p>
            ) : (
              <div className="merge-pick">
                <label htmlFor={selectId}>Keep</label>
                <select id={selectId} value={survivorId} onChange={(e) => setSurvivorId(e.target.value)}>
                  <option value="">Choose a person…</option>
                  {others.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                      {p.isMe ? ' (me)' : ''}
                    </option>
                  ))}
                </select>
              </div>
            )
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            {confirming ? (
              <button
                type="button"
                className="button button-danger"
                onClick={() => {
                  if (alias && survivor) void merge(survivor, alias);
                  close();
                }}
              >
                Merge into {survivor?.name}
              </button>
            ) : (
              <button
                type="button"
                className="button button-primary"
                disabled={!survivor}
                onClick={() => setConfirming(true)}
              >
                Continue
              </button>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
