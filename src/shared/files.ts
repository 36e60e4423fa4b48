import { z } from 'zod';

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
