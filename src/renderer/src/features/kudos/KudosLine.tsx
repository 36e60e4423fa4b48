import type { Kudos } from '../../../../shared/domain';
import { useRouter } from '../../app/router';
import { clock } from '../sessions/store';
import { BadgeIcon } from './BadgeIcon';

/** One kudos: badge, reason, who gave it, and a link to its moment in the call. */
export function KudosLine({ kudos: k, withRecipient = false }: { kudos: Kudos; withRecipient?: boolean }) {
  const openCall = useRouter((s) => s.openCall);
  return (
    <>
      <span className="kudos-badge">
        <BadgeIcon icon={k.badgeIcon} /> {k.badgeName}
      </span>
      {withRecipient ? ` for ${k.recipientName}` : ''}: {k.reason} <span className="hint">— from {k.giverName}</span>
      {k.callId && k.atSec !== null ? (
        <>
          {' · '}
          <button type="button" className="link-button" onClick={() => openCall(k.callId as string, k.atSec ?? 0)}>
            {k.callTitle ?? 'the call'} at {clock(k.atSec)}
          </button>
        </>
      ) : k.atSec !== null ? (
        <span className="hint"> · attempt at {clock(k.atSec)}</span>
      ) : null}
      {k.sessionTitle ? <span className="hint"> · {k.sessionTitle}</span> : null}
    </>
  );
}
