import type { Session } from 'electron';

/** Only the microphone (for drills) is ever granted; everything else is refused. */
export function restrictPermissions(session: Session, isAppUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const audioOnly =
      permission === 'media' &&
      (details as { mediaTypes?: string[] }).mediaTypes?.every((type) => type === 'audio') === true;
    callback(audioOnly && isAppUrl(contents.getURL()));
  });
  session.setPermissionCheckHandler((_contents, permission, origin) => permission === 'media' && isAppUrl(origin));
}
