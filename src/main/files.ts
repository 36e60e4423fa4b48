import { BrowserWindow, dialog } from 'electron';
import type { IpcMain, IpcMainInvokeEvent, OpenDialogOptions } from 'electron';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { CHOOSE_CHANNEL, CHOOSE_FOLDER_CHANNEL, FILE_DIALOGS, FILE_PURPOSES, FILES_CHANNEL } from '../shared/files';
import type { ChosenFile, FilePurpose } from '../shared/files';
import type { FileHandles } from './core/files/handles';
import { fail, ok } from '../shared/result';

/**
 * The main process turns files the person dropped or chose into opaque
 * handles. Only the preload reaches this channel (the page has no
 * ipcRenderer), and it sends only what `webUtils.getPathForFile` gives for a
 * real File from a drop or a file picker — a page cannot make one up. Each
 * path must name a regular file; a folder, a device or a relative path is refused.
 * `files.choose` shows the open dialog itself (filters by purpose) and answers
 * handles with the files' names; `files.chooseFolder` shows a folder dialog for
 * the team folder and answers its path.
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
  // The main process owns the open dialogs: the page asks for a purpose and gets handles, never paths.
  ipcMain.handle(CHOOSE_CHANNEL, async (event: IpcMainInvokeEvent, input: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url))
      return fail('forbidden_sender', 'This request did not come from the Gamefilm window.');
    const purpose = (input as { purpose?: unknown } | null)?.purpose;
    if (typeof purpose !== 'string' || !(FILE_PURPOSES as readonly string[]).includes(purpose))
      return fail('invalid_input', 'Gamefilm does not know what that file is for.');
    const { title, multiple, filters } = FILE_DIALOGS[purpose as FilePurpose];
    const options: OpenDialogOptions = {
      title,
      filters,
      properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    };
    const win = BrowserWindow.fromWebContents(event.sender);
    const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    if (picked.canceled) return ok([] as ChosenFile[]);
    const chosen: ChosenFile[] = [];
    for (const path of picked.filePaths) {
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) return fail('invalid_input', `${basename(path)} is not a file Gamefilm can open.`);
      chosen.push({ handle: files.register(path), name: basename(path) });
    }
    return ok(chosen);
  });
  // The team folder: a folder dialog that may create one; the answer is the path the person chose (or null).
  ipcMain.handle(CHOOSE_FOLDER_CHANNEL, async (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url))
      return fail('forbidden_sender', 'This request did not come from the Gamefilm window.');
    const options: OpenDialogOptions = {
      title: 'Choose the team folder',
      buttonLabel: 'Use this folder',
      properties: ['openDirectory', 'createDirectory'],
    };
    const win = BrowserWindow.fromWebContents(event.sender);
    const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const path = picked.canceled ? undefined : picked.filePaths[0];
    if (!path) return ok(null);
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) return fail('invalid_input', `${basename(path)} is not a folder.`);
    return ok(path);
  });
  return () => {
    ipcMain.removeHandler(FILES_CHANNEL);
    ipcMain.removeHandler(CHOOSE_CHANNEL);
    ipcMain.removeHandler(CHOOSE_FOLDER_CHANNEL);
  };
}
