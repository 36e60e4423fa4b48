import * as Dialog from '@radix-ui/react-dialog';
import { Bell } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { NotificationList } from '../../../../shared/domain';
import { api } from '../../api/client';
import { formatDate } from '../../lib/format';
import { KudosLine } from '../kudos/KudosLine';
import { useMe } from '../people/store';
import { CelebrationLine } from './CelebrationLine';
import './recognition.css';

/**
 * The acting person's in-app notifications: kudos received and celebrations,
 * with an unread count. Keyed by the person where it is used, so a change of
 * "me" starts from an empty list.
 */
export function NotificationBell() {
  const me = useMe();
  const [list, setList] = useState<NotificationList | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!me) return;
    let live = true;
    const load = () => void api.recognition.notifications().then((r) => live && r.ok && setList(r.value));
    load();
    const off = api.on('notifications.changed', (e) => e.personIds.includes(me.id) && load());
    return () => {
      live = false;
      off();
    };
  }, [me]);

  if (!me || !list) return null;
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    // Seen once opened: the count clears, the items stay listed.
    if (next && list.unread > 0) void api.recognition.markRead({}).then((r) => r.ok && setList(r.value));
  };
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger
        className="button button-quiet notification-bell"
        aria-label={list.unread > 0 ? `Notifications, ${list.unread} unread` : 'Notifications'}
      >
        <Bell size="1.1em" aria-hidden="true" focusable="false" />
        {list.unread > 0 ? (
          <span className="notification-count" aria-hidden="true">
            {list.unread}
          </span>
        ) : null}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog notifications-dialog">
          <Dialog.Title className="dialog-title">Notifications</Dialog.Title>
          <Dialog.Description className="dialog-description">
            Kudos you received and milestones you reached.
          </Dialog.Description>
          {list.items.length === 0 ? (
            <p className="hint">Nothing yet.</p>
          ) : (
            <ul className="kudos-list notifications-list" aria-label="Notifications">
              {list.items.map((n) => (
                <li key={n.id} className={n.read ? undefined : 'notification-unread'}>
                  <span className="hint">{formatDate(n.at.slice(0, 10))} · </span>
                  {n.kudos ? (
                    <KudosLine kudos={n.kudos} />
                  ) : n.celebration ? (
                    <CelebrationLine celebration={n.celebration} withPerson={false} />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <div className="dialog-actions">
            <Dialog.Close className="button button-primary">Close</Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
