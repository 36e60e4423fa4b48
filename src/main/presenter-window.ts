import type { BrowserWindowConstructorOptions, Display } from 'electron';
import { BrowserWindow, screen } from 'electron';
import type { RendererLocation } from './window';
import { lockDownContents, mainWindowOptions, rendererUrl } from './window';

/** The room's screen: any display that is not the laptop's own (primary) one, else the primary. */
export function presenterDisplay(displays: Display[], primary: Display): Display {
  return displays.find((d) => d.id !== primary.id) ?? primary;
}

/**
 * The presenter window: the same locked-down page as the main window, sized
 * to the chosen display. On a second display it goes full screen (the room
 * sees only the presenter view); alone on the laptop it is a normal window.
 */
export function presenterWindowOptions(
  preloadPath: string,
  display: Display,
  own: boolean,
): BrowserWindowConstructorOptions {
  const { x, y, width, height } = display.workArea;
  return {
    ...mainWindowOptions(preloadPath),
    title: 'Gamefilm — presenter view',
    x,
    y,
    width,
    height,
    minWidth: 640,
    minHeight: 360,
    fullscreen: own,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
  };
}

let presenter: BrowserWindow | null = null;

/**
 * Shows a session's presenter view, on the second display when there is one.
 * One presenter window at a time: asking again re-points it at the session.
 * Closing it loses nothing — the session's state lives in the core.
 */
export function openPresenterWindow(
  location: RendererLocation,
  preloadPath: string,
  isAppUrl: (url: string) => boolean,
  sessionId: string,
): BrowserWindow {
  const hash = `/present/${encodeURIComponent(sessionId)}`;
  const load = (win: BrowserWindow) => {
    void win.loadURL(rendererUrl(location, hash));
  };
  if (presenter && !presenter.isDestroyed()) {
    load(presenter);
    presenter.show();
    return presenter;
  }
  const primary = screen.getPrimaryDisplay();
  const display = presenterDisplay(screen.getAllDisplays(), primary);
  const win = new BrowserWindow(presenterWindowOptions(preloadPath, display, display.id !== primary.id));
  presenter = win;
  lockDownContents(win.webContents, isAppUrl);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (presenter === win) presenter = null;
  });
  load(win);
  return win;
}

/**
 * Unplugging the room's screen must not strand the presenter view off-screen:
 * bring it back, windowed, onto the laptop's display.
 */
export function followDisplayRemoval(): void {
  screen.on('display-removed', () => {
    const win = presenter;
    if (!win || win.isDestroyed()) return;
    const primary = screen.getPrimaryDisplay();
    win.setFullScreen(false);
    win.setBounds(primary.workArea);
  });
}
