import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

/**
 * Decides whether a URL is the app's own renderer: the built index.html (any
 * hash or query), or electron-vite's dev server origin. IPC from any other
 * frame — an iframe, a page navigated elsewhere — is refused.
 */
export function appUrlMatcher(rendererDir: string, devUrl: string | null): (url: string) => boolean {
  const indexUrl = pathToFileURL(join(rendererDir, 'index.html')).href;
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
    return (
      parsed.protocol === 'file:' &&
      `${parsed.origin === 'null' ? 'file://' : parsed.origin}${parsed.pathname}` === indexUrl
    );
  };
}
