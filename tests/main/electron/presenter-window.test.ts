import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeWebContents } from './fake-electron';
import { FakeBrowserWindow, screen } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

const { followDisplayRemoval, openPresenterWindow } = await import('../../../src/main/presenter-window');
const { appUrlMatcher } = await import('../../../src/main/trust');

const isAppUrl = appUrlMatcher(null);
const laptop = { id: 1, workArea: { x: 0, y: 0, width: 1440, height: 900 } };
const projector = { id: 7, workArea: { x: 1440, y: 0, width: 1920, height: 1080 } };

const open = (sessionId: string, devUrl: string | null = null) =>
  openPresenterWindow({ devUrl }, '/p/preload.js', isAppUrl, sessionId) as unknown as FakeBrowserWindow;

beforeEach(() => {
  // Close any presenter window a previous test left open, so each test starts with none.
  for (const win of FakeBrowserWindow.created) if (!win.destroyed) win.close();
  FakeBrowserWindow.created = [];
  screen.displays = [laptop];
  screen.listeners.clear();
});

describe('presenter window', () => {
  it('goes full screen on the second display when there is one', () => {
    screen.displays = [laptop, projector];
    const win = open('0190a5e0-0000-7000-8000-000000000001');
    expect(win.options).toMatchObject({ x: 1440, y: 0, width: 1920, height: 1080, fullscreen: true });
    expect(win.loaded).toEqual({ url: 'app://gamefilm/index.html#/present/0190a5e0-0000-7000-8000-000000000001' });
  });

  it('is a normal window on the laptop when it is the only display', () => {
    const win = open('s1');
    expect(win.options).toMatchObject({ x: 0, y: 0, width: 1440, height: 900, fullscreen: false });
  });

  it('is as locked down as the main window', () => {
    const win = open('s1');
    expect(win.options.webPreferences).toMatchObject({
      preload: '/p/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    const contents = win.webContents as FakeWebContents;
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
  });

  it('reuses one window, and opens a new one after it was closed', () => {
    const first = open('s1');
    expect(open('s2')).toBe(first);
    expect(first.loaded.url).toBe('app://gamefilm/index.html#/present/s2');
    expect(FakeBrowserWindow.created).toHaveLength(1);
    first.close();
    expect(open('s2')).not.toBe(first);
    expect(FakeBrowserWindow.created).toHaveLength(2);
  });

  it('follows the dev server in development', () => {
    const win = open('s1', 'http://localhost:5173/');
    expect(win.loaded).toEqual({ url: 'http://localhost:5173/#/present/s1' });
  });

  it('comes back to the laptop when the room screen is unplugged', () => {
    screen.displays = [laptop, projector];
    followDisplayRemoval();
    const win = open('s1');
    screen.displays = [laptop];
    screen.emit('display-removed');
    expect(win.fullScreen).toBe(false);
    expect(win.bounds).toEqual(laptop.workArea);
  });
});
