import type { Kudos } from '../../../../shared/domain';
import { useRouter } from '../../app/router';
import { clock } from '../sessions/store';
import { BadgeIcon } from './BadgeIcon';

/**
 * One kudos: badge (or just the message), who gave it, and a link to what it
 * was given for — its moment in the call plays from there, an attempt opens
 * its drill.
 */
export function KudosLine({
  kudos: k,
  withRecipient = false,
  withGiver = true,
}: {
  kudos: Kudos;
  withRecipient?: boolean;
  withGiver?: boolean;
}) {
  const openCall = useRouter((s) => s.openCall);
  return (
    <>
      <span className="kudos-badge">
        <BadgeIcon icon={k.badgeIcon} /> {k.badgeName ?? 'Kudos'}
      </span>
      {withRecipient ? ` for ${k.recipientName}` : ''}
      {k.reason ? `: ${k.reason}` : ''}
      {withGiver ? <span className="hint"> — from {k.giverName}</span> : null}
      {k.callId && k.atSec !== null ? (
        <>
          {' · '}
          <button
            type="button"
            className="link-button"
            onClick={() => openCall(k.callId as string, k.atSec ?? 0)}
            aria-label={`Play ${k.callTitle ?? 'the call'} at ${clock(k.atSec)}`}
          >
            {k.callTitle ?? 'the call'} at {clock(k.atSec)}
          </button>
        </>
      ) : k.attemptId && k.drillId ? (
        <>
          {' · '}
          <a className="link-button" href={`#/drills/${encodeURIComponent(k.drillId)}`}>
            an attempt at {k.drillTitle ?? 'a drill'}
            {k.atSec ? ` (${clock(k.atSec)})` : ''}
          </a>
        </>
      ) : null}
      {k.scorecardId ? <span className="hint"> · for a scorecard</span> : null}
      {k.sessionTitle ? <span className="hint"> · {k.sessionTitle}</span> : null}
    </>
  );
}
