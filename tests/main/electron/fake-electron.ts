/**
 * A small stand-in for the parts of the `electron` module the glue uses, so
 * window options, IPC registration and permission handling can be tested in
 * plain Node. It records what the glue asked for; it does not emulate Chromium.
 */
type Listener = (...args: unknown[]) => void;

class FakeEmitter {
  listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  url = '';
  sent: unknown[][] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static created: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loaded: { url?: string; file?: string; hash?: string } = {};
  bounds: { x: number; y: number; width: number; height: number } | null = null;
  fullScreen = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loaded = { url };
    return Promise.resolve();
  }
  loadFile(file: string, options?: { hash?: string }) {
    this.loaded = options?.hash ? { file, hash: options.hash } : { file };
    return Promise.resolve();
  }
  show() {}
  isDestroyed() {
    return this.destroyed;
  }
  setBounds(bounds: { x: number; y: number; width: number; height: number }) {
    this.bounds = bounds;
  }
  setFullScreen(flag: boolean) {
    this.fullScreen = flag;
  }
  /** Like a person closing the window. */
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
  static getAllWindows() {
    return FakeBrowserWindow.created;
  }
  static fromWebContents(contents: unknown) {
    return FakeBrowserWindow.created.find((w) => w.webContents === contents) ?? null;
  }
}

/** The open dialog: records what it was asked to show and answers `next` (as if the person chose those files). */
export const dialog = {
  shown: [] as Array<{ window: unknown; options: Record<string, unknown> }>,
  next: { canceled: true, filePaths: [] as string[] },
  showOpenDialog(...args: unknown[]) {
    const [window, options] = args.length === 2 ? args : [null, args[0]];
    dialog.shown.push({ window, options: options as Record<string, unknown> });
    return Promise.resolve(dialog.next);
  },
};

export const ipcMain = {
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
};

export const shell = { opened: [] as string[], openExternal: async (url: string) => void shell.opened.push(url) };

export function fakeSession() {
  return {
    requestHandler: null as null | ((...args: unknown[]) => void),
    checkHandler: null as null | ((...args: unknown[]) => boolean),
    setPermissionRequestHandler(h: (...args: unknown[]) => void) {
      this.requestHandler = h;
    },
    setPermissionCheckHandler(h: (...args: unknown[]) => boolean) {
      this.checkHandler = h;
    },
  };
}

/** Displays as `screen` reports them; tests set `displays` (the first is primary) and emit 'display-removed'. */
type FakeDisplay = { id: number; workArea: { x: number; y: number; width: number; height: number } };
class FakeScreen extends FakeEmitter {
  displays: FakeDisplay[] = [{ id: 1, workArea: { x: 0, y: 0, width: 1440, height: 900 } }];
  getAllDisplays() {
    return this.displays;
  }
  getPrimaryDisplay() {
    return this.displays[0]!;
  }
}
export const screen = new FakeScreen();

export const fakeElectron = { BrowserWindow: FakeBrowserWindow, dialog, ipcMain, shell, screen };
