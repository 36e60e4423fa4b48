import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { KudosOn } from '../../../../shared/contract/recognition';
import type { Id, KudosBadge } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { useNotices } from '../../app/notices';
import { BadgeIcon } from '../kudos/BadgeIcon';
import { useMe, usePeople } from '../people/store';
import './recognition.css';

export interface GiveKudosProps {
  /** What the kudos is given from; a function is read when the dialog opens (the playhead, say). */
  on: KudosOn | null | (() => KudosOn | null);
  /** Who it is most likely for (the call's rep, the attempt's owner, the page's person). */
  recipientId?: Id | null;
  /** Says what the kudos is for, in the dialog ("this moment at 1:23"). */
  what: string | (() => string);
  label?: string;
  /** The trigger's accessible name, when its visible label is short. */
  ariaLabel?: string;
  className?: string;
}

/**
 * Kudos from anywhere: the giver is "me", the receiver anyone else in the
 * team; a badge from the team's set, a message, or both. The core refuses
 * the rest with a sentence, shown here.
 */
export function GiveKudosDialog({
  on,
  recipientId = null,
  what,
  label = 'Give kudos…',
  ariaLabel,
  className = 'button',
}: GiveKudosProps) {
  const me = useMe();
  const people = usePeople((s) => s.people);
  const [open, setOpen] = useState(false);
  const [badges, setBadges] = useState<KudosBadge[]>([]);
  const [to, setTo] = useState<Id | ''>('');
  const [badgeId, setBadgeId] = useState<Id | ''>('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [subject, setSubject] = useState<KudosOn | null>(null);
  const [whatText, setWhatText] = useState('');
  const ids = { to: useId(), message: useId() };

  useEffect(() => {
    if (!open) return;
    void unwrap(api.kudos.badges()).then(setBadges, () => setBadges([]));
  }, [open]);

  const others = people.filter((p) => p.id !== me?.id);
  const openDialog = (next: boolean) => {
    if (next) {
      setSubject(typeof on === 'function' ? on() : on);
      setWhatText(typeof what === 'function' ? what() : what);
      setTo(recipientId && recipientId !== me?.id ? recipientId : '');
      setBadgeId('');
      setMessage('');
      setError(null);
    }
    setOpen(next);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!to) {
      setError('Choose who the kudos are for.');
      return;
    }
    const result = await api.recognition.give({ recipientId: to, badgeId: badgeId || null, message, on: subject });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setOpen(false);
    useNotices.getState().show({ kind: 'info', text: `Kudos sent to ${result.value.recipientName}.` }, 4000);
  };

  return (
    <Dialog.Root open={open} onOpenChange={openDialog}>
      <Dialog.Trigger className={className} aria-label={ariaLabel} disabled={!me}>
        {label}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog kudos-dialog">
          <Dialog.Title className="dialog-title">Give kudos</Dialog.Title>
          <Dialog.Description className="dialog-description">
            From {me?.name ?? 'you'}, for {whatText}.
          </Dialog.Description>
          <form onSubmit={(e) => void submit(e)} className="kudos-form">
            <label htmlFor={ids.to}>For</label>
            <select id={ids.to} value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">Choose a teammate…</option>
              {others.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <fieldset className="kudos-badge-picker">
              <legend>Badge (optional)</legend>
              <label className="kudos-badge-choice">
                <input
                  type="radio"
                  name="kudos-badge"
                  value=""
                  checked={badgeId === ''}
                  onChange={() => setBadgeId('')}
                />
                No badge
              </label>
              {badges.map((b) => (
                <label key={b.id} className="kudos-badge-choice">
                  <input
                    type="radio"
                    name="kudos-badge"
                    value={b.id}
                    checked={badgeId === b.id}
                    onChange={() => setBadgeId(b.id)}
                  />
                  <BadgeIcon icon={b.icon} /> {b.name}
                </label>
              ))}
            </fieldset>
            <label htmlFor={ids.message}>Message</label>
            <textarea
              id={ids.message}
              value={message}
              maxLength={280}
              rows={3}
              placeholder="What exactly was good?"
              onChange={(e) => setMessage(e.target.value)}
            />
            {error ? (
              <p role="alert" className="kudos-error">
                {error}
              </p>
            ) : null}
            <div className="dialog-actions">
              <Dialog.Close className="button button-quiet" type="button">
                Cancel
              </Dialog.Close>
              <button type="submit" className="button button-primary">
                Send kudos
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
