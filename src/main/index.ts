import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { createCore } from './core';
import type { Core } from './core';
import { defaultDataDir } from './core/paths';
import { electronNativeBinding } from './native';
import { EVENT_CHANNEL } from '../shared/events';
import { registerIpc } from './ipc';
import { registerFileChannel } from './files';
import { handleAppProtocol, registerSchemes } from './app-protocol';
import { handleMediaProtocol } from './media-protocol';
import { restrictPermissions } from './permissions';
import { appUrlMatcher } from './trust';
import { createMainWindow, lockDownAllContents } from './window';
import { followDisplayRemoval, openPresenterWindow } from './presenter-window';

const rendererDir = join(__dirname, '../renderer');
const preloadPath = join(__dirname, '../preload/index.js');
// The dev server is honoured only in a build made by `electron-vite dev` (a compile-time constant):
// `npm start` and packaged builds ignore ELECTRON_RENDERER_URL, so no environment can point the window elsewhere.
const devUrl = __GAMEFILM_DEV_SERVER__ ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const isAppUrl = appUrlMatcher(devUrl);

let core: Core | null = null;

function openWindow() {
  createMainWindow({ devUrl }, preloadPath, isAppUrl);
}

app.setName('Gamefilm');
registerSchemes(protocol);
lockDownAllContents(app, isAppUrl);
if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  const [win] = BrowserWindow.getAllWindows();
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

void app.whenReady().then(() => {
  const dataDir = process.env.GAMEFILM_DATA_DIR ?? app.getPath('userData');
  core = createCore({
    dataDir: dataDir || defaultDataDir(),
    shell: 'electron',
    nativeBinding: electronNativeBinding(),
    // Built beside this file from core/insights/refresh-thread.ts (electron.vite.config.ts).
    insightsThread: { entry: join(__dirname, 'insights-refresh.js') },
    // window.open is denied in the app's windows, so a review session asks for its presenter window here.
    openPresenter: (sessionId) => openPresenterWindow({ devUrl }, preloadPath, isAppUrl, sessionId),
  });
  registerIpc(ipcMain, core.dispatch, isAppUrl);
  registerFileChannel(ipcMain, core.files, isAppUrl);
  handleAppProtocol(protocol, rendererDir);
  handleMediaProtocol(protocol, core.mediaDir);
  core.onAnyEvent((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_CHANNEL, event, payload);
  });
  restrictPermissions(session.defaultSession, isAppUrl);
  followDisplayRemoval();
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Let running imports and jobs stop cleanly before the process goes.
app.on('will-quit', (event) => {
  if (!core) return;
  event.preventDefault();
  const closing = core;
  core = null;
  void closing.close().finally(() => app.quit());
});
