import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { createCore } from './core';
import type { Core } from './core';
import { defaultDataDir } from './core/paths';
import { electronNativeBinding } from './native';
import { EVENT_CHANNEL } from '../shared/events';
import { registerIpc } from './ipc';
import { handleMediaProtocol, registerMediaScheme } from './media-protocol';
import { restrictPermissions } from './permissions';
import { appUrlMatcher } from './trust';
import { createMainWindow } from './window';
import { followDisplayRemoval, openPresenterWindow } from './presenter-window';

const rendererDir = join(__dirname, '../renderer');
const preloadPath = join(__dirname, '../preload/index.js');
const devUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const isAppUrl = appUrlMatcher(rendererDir, devUrl);

let core: Core | null = null;

function openWindow() {
  createMainWindow({ devUrl, rendererDir }, preloadPath, isAppUrl);
}

app.setName('Gamefilm');
registerMediaScheme(protocol);
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
    // window.open is denied in the app's windows, so a review session asks for its presenter window here.
    openPresenter: (sessionId) => openPresenterWindow({ devUrl, rendererDir }, preloadPath, isAppUrl, sessionId),
  });
  registerIpc(ipcMain, core.dispatch, isAppUrl);
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
