import type { App, BrowserWindowConstructorOptions, Event, WebContents } from 'electron';
import { BrowserWindow, shell } from 'electron';
import { APP_INDEX_URL } from './app-protocol';

/** The renderer's secure defaults; asserted by tests against a fake electron module. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Gamefilm',
    backgroundColor: '#111418',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // Chromium's spellchecker downloads dictionaries on Linux: nothing leaves the machine.
      spellcheck: false,
      webviewTag: false,
    },
  };
}

/**
 * The only web pages a link in the app may open in the system browser.
 * Anything else (another host, http:, file:, custom schemes) is dropped.
 */
export const EXTERNAL_LINK_ORIGINS: readonly string[] = ['https://huggingface.co', 'https://github.com'];

export function isAllowedExternal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && !parsed.username && EXTERNAL_LINK_ORIGINS.includes(parsed.origin);
  } catch {
    return false;
  }
}

/**
 * Locks web contents to the app: no new windows, no navigation or redirect
 * away (main frame or any subframe), no webviews. Allowed links open in the
 * user's browser instead of inside the app.
 */
export function lockDownContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const stayInApp = (event: Event, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  // will-frame-navigate covers subframes; will-navigate and will-redirect the main frame (older Electrons too).
  contents.on('will-navigate', (event, url) => stayInApp(event, url));
  contents.on('will-frame-navigate', (event) => stayInApp(event, event.url));
  contents.on('will-redirect', (event, url) => stayInApp(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Every web contents the app ever creates gets the lock-down, not only the windows we open ourselves. */
export function lockDownAllContents(app: App, isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, isAppUrl));
}

export interface RendererLocation {
  /** Dev server URL from `electron-vite dev`, or null to load the built renderer from app://. */
  devUrl: string | null;
}

/** Where a window of the app loads, with an optional hash route. */
export function rendererUrl(location: RendererLocation, hash = ''): string {
  const base = location.devUrl ?? APP_INDEX_URL;
  return hash ? `${base}#${hash}` : base;
}

export function createMainWindow(location: RendererLocation, preloadPath: string, isAppUrl: (url: string) => boolean) {
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  lockDownContents(win.webContents, isAppUrl);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl(location));
  return win;
}
