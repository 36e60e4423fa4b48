import { PartyPopper } from 'lucide-react';
import type { Celebration } from '../../../../shared/domain';
import { useRouter } from '../../app/router';

/** One automatic celebration: who, what, and a link to where it happened. Marked as automatic. */
export function CelebrationLine({
  celebration: c,
  withPerson = true,
}: {
  celebration: Celebration;
  withPerson?: boolean;
}) {
  const openCall = useRouter((s) => s.openCall);
  return (
    <>
      <span className="celebration-mark">
        <PartyPopper className="badge-icon" size="1.1em" aria-hidden="true" focusable="false" /> Automatic
      </span>{' '}
      {withPerson ? <strong>{c.personName}: </strong> : null}
      {c.title}
      {c.drillId ? (
        <>
          {' · '}
          <a className="link-button" href={`#/drills/${encodeURIComponent(c.drillId)}`}>
            open the drill
          </a>
        </>
      ) : c.callId ? (
        <>
          {' · '}
          <button type="button" className="link-button" onClick={() => openCall(c.callId as string)}>
            open the call
          </button>
        </>
      ) : null}
    </>
  );
}
