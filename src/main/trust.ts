import { APP_ORIGIN } from './app-protocol';

/**
 * Decides whether a URL is the app's own renderer: a page of
 * `app://gamefilm/`, or electron-vite's dev server origin while running
 * under `electron-vite dev` only. Everything else — file: URLs on any host,
 * other schemes, other origins — is not the app: its IPC, permission
 * requests and navigation are refused.
 */
export function appUrlMatcher(devUrl: string | null): (url: string) => boolean {
  const devOrigin = devUrl ? new URL(devUrl).origin : null;
  return (url: string) => {
    if (!url) return false;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (devOrigin && parsed.origin === devOrigin) return true;
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN && !parsed.username && !parsed.password;
  };
}
