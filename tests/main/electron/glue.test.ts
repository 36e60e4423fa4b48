import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../../src/main/core';
import type { Result } from '../../../src/shared/result';
import { useTempDirs } from '../../helpers/tmp';
import type { FakeWebContents } from './fake-electron';
import { FakeBrowserWindow, fakeSession, ipcMain, shell } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

const { createMainWindow, mainWindowOptions } = await import('../../../src/main/window');
const { registerIpc } = await import('../../../src/main/ipc');
const { restrictPermissions } = await import('../../../src/main/permissions');
const { appUrlMatcher } = await import('../../../src/main/trust');

const tempDir = useTempDirs();
const rendererDir = '/opt/Gamefilm/resources/app/out/renderer';
const appUrl = pathToFileURL(join(rendererDir, 'index.html')).href;
const isAppUrl = appUrlMatcher(rendererDir, null);

const senderEvent = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

beforeEach(() => {
  ipcMain.handlers.clear();
  FakeBrowserWindow.created = [];
  shell.opened = [];
});

describe('main window', () => {
  it('is created with the secure webPreferences', () => {
    const win = createMainWindow(
      { devUrl: null, rendererDir },
      '/p/preload.js',
      isAppUrl,
    ) as unknown as FakeBrowserWindow;
    expect(win.options).toEqual(mainWindowOptions('/p/preload.js'));
    expect(win.options.webPreferences).toMatchObject({
      preload: '/p/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(win.loaded.file).toBe(join(rendererDir, 'index.html'));
  });

  it('denies window.open and sends web links to the system browser', () => {
    const win = createMainWindow({ devUrl: null, rendererDir }, '/p.js', isAppUrl) as unknown as FakeBrowserWindow;
    const contents = win.webContents as FakeWebContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://example.com/']);
  });

  it('prevents navigation away from the app', () => {
    const win = createMainWindow({ devUrl: null, rendererDir }, '/p.js', isAppUrl) as unknown as FakeBrowserWindow;
    const navigate = (url: string) => {
      const event = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      win.webContents.emit('will-navigate', event, url);
      return event.prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///tmp/other.html')).toBe(true);
    expect(navigate(`${appUrl}#/people`)).toBe(false);
  });
});

describe('IPC wrapper', () => {
  async function setup() {
    const core = createCore({ dataDir: tempDir(), shell: 'electron' });
    const dispatch = vi.fn(core.dispatch);
    registerIpc(ipcMain as never, dispatch, isAppUrl);
    const invoke = (channel: string, event: unknown, input: unknown) =>
      ipcMain.handlers.get(channel)!(event, input) as Promise<Result<unknown>>;
    return { core, dispatch, invoke };
  }

  it('registers one handler per contract method', async () => {
    const { core } = await setup();
    expect([...ipcMain.handlers.keys()]).toEqual(
      expect.arrayContaining(['app.info', 'people.list', 'people.create', 'people.setMe', 'settings.update']),
    );
    await core.close();
  });

  it('answers the app window with the service result', async () => {
    const { core, invoke } = await setup();
    const r = await invoke('people.create', senderEvent(`${appUrl}#/people`), { name: 'Ana', role: 'rep' });
    expect(r).toMatchObject({ ok: true, value: { name: 'Ana' } });
    await core.close();
  });

  it('refuses an unknown sender without reaching the service', async () => {
    const { core, dispatch, invoke } = await setup();
    for (const event of [
      senderEvent('https://evil.example/'),
      senderEvent('file:///tmp/evil.html'),
      senderEvent(appUrl, { url: appUrl }), // a subframe, even of our page
      { senderFrame: null },
    ]) {
      const r = await invoke('people.create', event, { name: 'Mallory', role: 'rep' });
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(core.db.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 0 });
    await core.close();
  });

  it('returns a validation error for bad input instead of reaching the service', async () => {
    const { core, invoke } = await setup();
    const r = await invoke('people.create', senderEvent(appUrl), { name: 42, role: 'rep', admin: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.db.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 0 });
    await core.close();
  });
});

describe('permissions', () => {
  it('grants the microphone to the app and refuses everything else', () => {
    const session = fakeSession();
    restrictPermissions(session as never, isAppUrl);
    const ask = (permission: string, url: string, details: object = {}) => {
      let granted: boolean | undefined;
      session.requestHandler?.({ getURL: () => url }, permission, (g: boolean) => (granted = g), details);
      return granted;
    };
    expect(ask('media', appUrl, { mediaTypes: ['audio'] })).toBe(true);
    expect(ask('media', appUrl, { mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(ask('media', 'https://evil.example/', { mediaTypes: ['audio'] })).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'midi'])
      expect(ask(p, appUrl)).toBe(false);
  });
});

describe('trusted app url', () => {
  it('accepts the built index and the dev server origin only', () => {
    const dev = appUrlMatcher(rendererDir, 'http://localhost:5173/');
    expect(dev('http://localhost:5173/#/library')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(isAppUrl(`${appUrl}?x=1#/a`)).toBe(true);
    expect(isAppUrl(appUrl.replace('index.html', 'other.html'))).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});
