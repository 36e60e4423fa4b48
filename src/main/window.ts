import type { BrowserWindowConstructorOptions, WebContents } from 'electron';
import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';

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
      spellcheck: true,
    },
  };
}

/**
 * Locks a window to the app: no new windows, no navigation away. Links to
 * the web open in the user's browser instead of inside the app.
 */
export function lockDownContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface RendererLocation {
  /** Dev server URL from electron-vite, or null to load the built file. */
  devUrl: string | null;
  rendererDir: string;
}

export function createMainWindow(location: RendererLocation, preloadPath: string, isAppUrl: (url: string) => boolean) {
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  lockDownContents(win.webContents, isAppUrl);
  win.once('ready-to-show', () => win.show());
  if (location.devUrl) void win.loadURL(location.devUrl);
  else void win.loadFile(join(location.rendererDir, 'index.html'));
  return win;
}
