import type { Session } from 'electron';

interface RequestDetails {
  /** The URL of the frame that asked (not the top page: an iframe asks for itself). */
  requestingUrl?: string;
  mediaTypes?: string[];
}

interface CheckDetails {
  requestingUrl?: string;
  mediaType?: string;
}

/**
 * Only the microphone (for drills) is ever granted, and only to a frame
 * of the app itself; everything else is refused. A media request must name
 * its types: an empty list is not "audio only".
 */
export function restrictPermissions(session: Session, isAppUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const { requestingUrl = '', mediaTypes = [] } = details as RequestDetails;
    const audioOnly = permission === 'media' && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'audio');
    callback(audioOnly && isAppUrl(requestingUrl));
  });
  // `origin` is an origin ("app://gamefilm"), not a page URL: the matcher judges it as one.
  session.setPermissionCheckHandler((_contents, permission, origin, details) => {
    const { mediaType, requestingUrl } = details as CheckDetails;
    if (permission !== 'media' || mediaType === 'video') return false;
    return isAppUrl(requestingUrl || `${origin}/`);
  });
}
