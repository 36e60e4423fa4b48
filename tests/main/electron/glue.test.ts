import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../../src/main/core';
import type { Result } from '../../../src/shared/result';
import { useTempDirs } from '../../helpers/tmp';
import type { FakeWebContents } from './fake-electron';
import { dialog, FakeBrowserWindow, FakeWebContents as Contents, fakeSession, ipcMain, shell } from './fake-electron';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/security';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

const { createMainWindow, lockDownAllContents, mainWindowOptions } = await import('../../../src/main/window');
const { serveAppFile } = await import('../../../src/main/app-protocol');
const { serveMediaUrl } = await import('../../../src/main/media-protocol');
const { registerIpc } = await import('../../../src/main/ipc');
const { registerFileChannel } = await import('../../../src/main/files');
const { createFileHandles } = await import('../../../src/main/core/files/handles');
const { restrictPermissions } = await import('../../../src/main/permissions');
const { appUrlMatcher } = await import('../../../src/main/trust');

const tempDir = useTempDirs();
const appUrl = 'app://gamefilm/index.html';
const isAppUrl = appUrlMatcher(null);

const senderEvent = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

beforeEach(() => {
  ipcMain.handlers.clear();
  FakeBrowserWindow.created = [];
  shell.opened = [];
});

describe('main window', () => {
  it('is created with the secure webPreferences', () => {
    const win = createMainWindow({ devUrl: null }, '/p/preload.js', isAppUrl) as unknown as FakeBrowserWindow;
    expect(win.options).toEqual(mainWindowOptions('/p/preload.js'));
    expect(win.options.webPreferences).toMatchObject({
      preload: '/p/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(win.options.webPreferences).toMatchObject({ spellcheck: false, webviewTag: false });
    expect(win.loaded).toEqual({ url: appUrl });
  });

  it('denies window.open and sends only allowlisted web links to the system browser', () => {
    const win = createMainWindow({ devUrl: null }, '/p.js', isAppUrl) as unknown as FakeBrowserWindow;
    const contents = win.webContents as FakeWebContents;
    for (const url of [
      'https://huggingface.co/ggerganov/whisper.cpp',
      'https://example.com/',
      'http://huggingface.co/',
      'https://user@huggingface.co/',
      'file:///etc/passwd',
      'smb://share/x',
    ])
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://huggingface.co/ggerganov/whisper.cpp']);
  });

  it('prevents navigation away from the app', () => {
    const win = createMainWindow({ devUrl: null }, '/p.js', isAppUrl) as unknown as FakeBrowserWindow;
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

  it('stops redirects and subframe navigation too, in every web contents the app creates', () => {
    const app = new Contents(); // any emitter stands in for `app`
    lockDownAllContents(app as never, isAppUrl);
    const contents = new Contents();
    app.emit('web-contents-created', {}, contents);
    const blocked = (name: string, url: string) => {
      const event = {
        url,
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      contents.emit(name, event, url);
      return event.prevented;
    };
    for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(blocked(name, 'https://evil.example/'), name).toBe(true);
      expect(blocked(name, 'file:///etc/passwd'), name).toBe(true);
      expect(blocked(name, `${appUrl}#/library`), name).toBe(false);
    }
    expect(blocked('will-attach-webview', appUrl)).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('app:// and media:// protocols', () => {
  it('serve the built renderer only, with the shared CSP as a header, and answer bad URLs with 400/403/404', async () => {
    const dir = tempDir();
    const rendererDir = join(dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Gamefilm</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    const index = await serveAppFile(rendererDir, 'app://gamefilm/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await (await serveAppFile(rendererDir, 'app://gamefilm/assets/app.js')).text()).toBe('console.log(1)');
    expect((await serveAppFile(rendererDir, 'app://gamefilm/%E0%A4%A')).status).toBe(400);
    // `..` is resolved inside the renderer folder: the file beside it is never reached.
    for (const path of ['..%2Fsecret.txt', '%2e%2e/%2e%2e/secret.txt', '..%5Csecret.txt'])
      expect((await serveAppFile(rendererDir, `app://gamefilm/${path}`)).status, path).toBe(404);
    expect((await serveAppFile(rendererDir, 'app://other/index.html')).status).toBe(404);
    expect((await serveAppFile(rendererDir, 'app://gamefilm/nothing.js')).status).toBe(404);
    const media = await serveMediaUrl(join(dir, 'media'), 'media://local/%E0%A4%A', null);
    expect(media.status).toBe(400);
    expect(await media.text()).toBe('');
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

describe('file handles from the main process', () => {
  it('turns dropped or chosen files into handles for the app window only; folders and relative paths are refused', async () => {
    const dir = tempDir();
    const file = join(dir, 'call.wav');
    writeFileSync(file, 'RIFF');
    const files = createFileHandles();
    registerFileChannel(ipcMain as never, files, isAppUrl);
    const register = (event: unknown, paths: unknown) =>
      ipcMain.handlers.get('files.register')!(event, paths) as Promise<Result<string[]>>;
    const granted = await register(senderEvent(appUrl), [file]);
    expect(granted.ok).toBe(true);
    if (granted.ok) expect(files.resolve(granted.value[0]!)).toBe(file);
    for (const [event, paths, code] of [
      [senderEvent('https://evil.example/'), [file], 'forbidden_sender'],
      [senderEvent(appUrl, { url: appUrl }), [file], 'forbidden_sender'],
      [senderEvent(appUrl), [dir], 'invalid_input'],
      [senderEvent(appUrl), ['call.wav'], 'invalid_input'],
      [senderEvent(appUrl), [join(dir, 'missing.wav')], 'invalid_input'],
      [senderEvent(appUrl), 'not a list', 'invalid_input'],
      [senderEvent(appUrl), [], 'invalid_input'],
    ] as const) {
      expect(await register(event, paths)).toMatchObject({ ok: false, error: { code } });
    }
  });
});

describe('file dialogs owned by the main process', () => {
  it('shows the open dialog for a purpose over the app window and answers handles and names, never paths', async () => {
    const dir = tempDir();
    const a = join(dir, 'acme call.wav');
    const b = join(dir, 'globex.mp3');
    writeFileSync(a, 'RIFF');
    writeFileSync(b, 'ID3');
    const files = createFileHandles();
    const win = createMainWindow({ devUrl: null }, '/p/preload.js', isAppUrl) as unknown as FakeBrowserWindow;
    registerFileChannel(ipcMain as never, files, isAppUrl);
    const choose = (event: unknown, input: unknown) =>
      ipcMain.handlers.get('files.choose')!(event, input) as Promise<Result<Array<{ handle: string; name: string }>>>;
    const fromApp = { ...senderEvent(appUrl), sender: win.webContents };
    dialog.shown = [];

    dialog.next = { canceled: false, filePaths: [a, b] };
    const calls = await choose(fromApp, { purpose: 'calls' });
    expect(dialog.shown[0]!.window).toBe(win);
    expect(dialog.shown[0]!.options).toMatchObject({
      title: 'Import calls',
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: 'Call recordings', extensions: expect.arrayContaining(['wav', 'mp3', 'webm', 'mov']) }],
    });
    expect(calls.ok).toBe(true);
    if (calls.ok) {
      expect(calls.value.map((c) => c.name)).toEqual(['acme call.wav', 'globex.mp3']);
      expect(calls.value.map((c) => files.resolve(c.handle))).toEqual([a, b]);
      expect(JSON.stringify(calls.value)).not.toContain(dir);
    }

    // One file, with its own filter, for a packet and a model.
    dialog.next = { canceled: false, filePaths: [a] };
    await choose(fromApp, { purpose: 'packet' });
    expect(dialog.shown[1]!.options).toMatchObject({
      properties: ['openFile'],
      filters: [{ extensions: ['gamefilm'] }],
    });
    await choose(fromApp, { purpose: 'model' });
    expect(dialog.shown[2]!.options).toMatchObject({ filters: [{ extensions: ['bin', 'ggml'] }] });

    // Cancelled: nothing chosen, nothing registered.
    dialog.next = { canceled: true, filePaths: [] };
    expect(await choose(fromApp, { purpose: 'relink' })).toEqual({ ok: true, value: [] });

    // A folder is not a file; an unknown purpose and a foreign frame get no dialog at all.
    dialog.next = { canceled: false, filePaths: [dir] };
    expect(await choose(fromApp, { purpose: 'calls' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const shown = dialog.shown.length;
    expect(await choose(fromApp, { purpose: '../etc' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await choose(fromApp, null)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await choose(senderEvent('https://evil.example/'), { purpose: 'calls' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(await choose(senderEvent(appUrl, { url: appUrl }), { purpose: 'calls' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(dialog.shown.length).toBe(shown);
  });

  it('chooses the team folder in a folder dialog that may create one, and answers its path', async () => {
    const dir = tempDir();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'x');
    const win = createMainWindow({ devUrl: null }, '/p/preload.js', isAppUrl) as unknown as FakeBrowserWindow;
    registerFileChannel(ipcMain as never, createFileHandles(), isAppUrl);
    const chooseFolder = (event: unknown) =>
      ipcMain.handlers.get('files.chooseFolder')!(event) as Promise<Result<string | null>>;
    const fromApp = { ...senderEvent(appUrl), sender: win.webContents };
    dialog.shown = [];

    dialog.next = { canceled: false, filePaths: [dir] };
    expect(await chooseFolder(fromApp)).toEqual({ ok: true, value: dir });
    expect(dialog.shown[0]!.window).toBe(win);
    expect(dialog.shown[0]!.options).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
    dialog.next = { canceled: true, filePaths: [] };
    expect(await chooseFolder(fromApp)).toEqual({ ok: true, value: null });
    // A file is not a folder; a foreign frame gets no dialog.
    dialog.next = { canceled: false, filePaths: [file] };
    expect(await chooseFolder(fromApp)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const shown = dialog.shown.length;
    expect(await chooseFolder(senderEvent('https://evil.example/'))).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(dialog.shown.length).toBe(shown);
  });
});

describe('permissions', () => {
  it('grants the microphone to an app frame only, and refuses everything else', () => {
    const session = fakeSession();
    restrictPermissions(session as never, isAppUrl);
    // The top page is always the app here: what counts is the frame that asks.
    const ask = (permission: string, requestingUrl: string, details: object = {}) => {
      let granted: boolean | undefined;
      session.requestHandler?.({ getURL: () => appUrl }, permission, (g: boolean) => (granted = g), {
        requestingUrl,
        ...details,
      });
      return granted;
    };
    expect(ask('media', `${appUrl}#/drills/x`, { mediaTypes: ['audio'] })).toBe(true);
    expect(ask('media', appUrl, { mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(ask('media', appUrl, { mediaTypes: [] })).toBe(false);
    expect(ask('media', appUrl)).toBe(false);
    expect(ask('media', 'https://evil.example/frame.html', { mediaTypes: ['audio'] })).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'midi'])
      expect(ask(p, appUrl)).toBe(false);

    // The check handler gets an origin ("app://gamefilm"), not the index URL: it must still say yes to the app.
    const check = (permission: string, origin: string, details: object) =>
      session.checkHandler?.({ getURL: () => appUrl }, permission, origin, details);
    expect(check('media', 'app://gamefilm', { mediaType: 'audio', requestingUrl: `${appUrl}#/drills` })).toBe(true);
    expect(check('media', 'app://gamefilm', { mediaType: 'audio' })).toBe(true);
    expect(check('media', 'app://gamefilm', { mediaType: 'video', requestingUrl: appUrl })).toBe(false);
    expect(check('media', 'https://evil.example', { mediaType: 'audio', requestingUrl: 'https://evil.example/' })).toBe(
      false,
    );
    expect(check('geolocation', 'app://gamefilm', { requestingUrl: appUrl })).toBe(false);
  });
});

describe('trusted app url', () => {
  it('accepts app://gamefilm and (under electron-vite dev only) the dev server origin', () => {
    const dev = appUrlMatcher('http://localhost:5173/');
    expect(dev('http://localhost:5173/#/library')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl(`${appUrl}?x=1#/a`)).toBe(true);
    expect(isAppUrl('app://gamefilm')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://user@gamefilm/index.html')).toBe(false);
    // file: is never the app, on any host (the old check ignored the host of file: URLs).
    expect(isAppUrl('file:///opt/Gamefilm/resources/app/out/renderer/index.html')).toBe(false);
    expect(isAppUrl('file://evil-host/opt/Gamefilm/resources/app/out/renderer/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });

  it('builds the dev-server switch in only for electron-vite dev, never for npm start or packaging', async () => {
    const { default: config } = await import('../../../electron.vite.config');
    const defineOf = (command: 'serve' | 'build') =>
      (config as (env: { command: string; mode: string }) => { main: { define: Record<string, string> } })({
        command,
        mode: 'production',
      }).main.define;
    expect(defineOf('serve')).toEqual({ __GAMEFILM_DEV_SERVER__: 'true' });
    expect(defineOf('build')).toEqual({ __GAMEFILM_DEV_SERVER__: 'false' });
  });
});
