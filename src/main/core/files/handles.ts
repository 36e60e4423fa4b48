import { randomBytes } from 'node:crypto';
import type { FileHandle } from '../../../shared/files';
import { AppError } from '../../../shared/result';

/**
 * Handle → path, for the files the person chose in this run. Only the
 * shells register (Electron's main process for its dialogs and drops, browser
 * mode for uploads); the contract's methods take handles and resolve them here.
 */
export interface FileHandles {
  register(path: string): FileHandle;
  resolve(handle: FileHandle): string;
  release(handle: FileHandle): void;
}

export function createFileHandles(): FileHandles {
  const paths = new Map<FileHandle, string>();
  return {
    register(path) {
      const handle = `file_${randomBytes(16).toString('base64url')}`;
      paths.set(handle, path);
      return handle;
    },
    resolve(handle) {
      const path = paths.get(handle);
      if (!path) throw new AppError('not_found', 'That file is no longer available; choose it again.');
      return path;
    },
    release(handle) {
      paths.delete(handle);
    },
  };
}
