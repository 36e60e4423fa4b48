import { z } from 'zod';
import { IMPORTABLE_EXTENSIONS } from './domain/calls';

/**
 * An opaque name for a file the person chose (dialog, drop, upload). The page
 * never hands the core a path: only the main process (or browser mode's upload
 * route) turns a chosen file into a handle, so a compromised page cannot make
 * the app read an arbitrary file.
 */
export const FileHandle = z.string().regex(/^file_[A-Za-z0-9_-]{22}$/, 'That file is not one you chose.');
export type FileHandle = z.infer<typeof FileHandle>;

/** Electron only: the preload hands the main process the paths of Files the person dropped or chose. */
export const FILES_CHANNEL = 'files.register';

/** Electron only: the main process shows an open dialog for one of these purposes and answers handles. */
export const CHOOSE_CHANNEL = 'files.choose';
/**
 * Electron only: the main process shows a folder dialog (the team folder) and
 * answers the folder's path, or null when cancelled. A folder the person chose
 * is theirs to name on screen; the core still checks it before joining.
 */
export const CHOOSE_FOLDER_CHANNEL = 'files.chooseFolder';

export const FILE_PURPOSES = ['calls', 'relink', 'model', 'packet'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/** A file the person chose in the main process's dialog: its handle, and its name to show. */
export interface ChosenFile {
  handle: FileHandle;
  name: string;
}

const RECORDINGS = [...IMPORTABLE_EXTENSIONS];

/** Each dialog's title, whether it takes several files, and the kinds it offers (the same as the page's file inputs). */
export const FILE_DIALOGS: Record<
  FilePurpose,
  { title: string; multiple: boolean; filters: Array<{ name: string; extensions: string[] }> }
> = {
  calls: { title: 'Import calls', multiple: true, filters: [{ name: 'Call recordings', extensions: RECORDINGS }] },
  relink: {
    title: 'Choose the original recording',
    multiple: false,
    filters: [{ name: 'Call recordings', extensions: RECORDINGS }],
  },
  model: {
    title: 'Import a whisper model',
    multiple: false,
    filters: [{ name: 'ggml models', extensions: ['bin', 'ggml'] }],
  },
  packet: {
    title: 'Import a review packet',
    multiple: false,
    filters: [{ name: 'Gamefilm packets', extensions: ['gamefilm'] }],
  },
};
