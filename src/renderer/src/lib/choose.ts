import type { FileHandle, FilePurpose } from '../../../shared/files';
import { api } from '../api/client';
import { unwrap } from '../api/unwrap';

/**
 * Lets the person choose files for `purpose`. Under Electron the main process
 * shows its own open dialog and answers handles (the page never sees a path);
 * in browser mode the page's file input is clicked instead, and its change
 * handler uploads what was chosen — then this answers null.
 */
export async function chooseFiles(purpose: FilePurpose, input: HTMLInputElement | null): Promise<FileHandle[] | null> {
  if (!api.chooseFiles) {
    input?.click();
    return null;
  }
  const chosen = await unwrap(api.chooseFiles(purpose));
  return chosen.map((c) => c.handle);
}
