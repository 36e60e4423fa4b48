import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { FILES_CHANNEL } from '../shared/files';
import type { FileHandles } from './core/files/handles';
import { fail, ok } from '../shared/result';

/**
 * The main process turns files the person dropped or chose into opaque
 * handles. Only the preload reaches this channel (the page has no
 * ipcRenderer), and it sends only what `webUtils.getPathForFile` gives for a
 * real File from a drop or a file picker — a page cannot make one up. Each
 * path must name a regular file; a folder, a device or a relative path is refused.
 */
export function registerFileChannel(
  ipcMain: IpcMain,
  files: FileHandles,
  isAppUrl: (url: string) => boolean,
): () => void {
  ipcMain.handle(FILES_CHANNEL, async (event: IpcMainInvokeEvent, paths: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url))
      return fail('forbidden_sender', 'This request did not come from the Gamefilm window.');
    if (!Array.isArray(paths) || paths.length === 0 || paths.length > 200)
      return fail('invalid_input', 'Choose between 1 and 200 files.');
    for (const path of paths) {
      if (typeof path !== 'string' || !path || !isAbsolute(path))
        return fail('invalid_input', 'That file cannot be opened (it has no place on this computer).');
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) return fail('invalid_input', `${basename(path)} is not a file Gamefilm can open.`);
    }
    return ok((paths as string[]).map((path) => files.register(path)));
  });
  return () => ipcMain.removeHandler(FILES_CHANNEL);
}
