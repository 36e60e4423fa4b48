import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelOf, methodNames } from '../shared/contract';
import type { Result } from '../shared/result';
import { fail } from '../shared/result';

type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

/**
 * Registers every contract method on ipcMain through one wrapper: the sender
 * must be the app's own top-level frame, and the dispatcher validates input
 * against the contract's schema before any service sees it.
 */
export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, isAppUrl: (url: string) => boolean): () => void {
  const channels = methodNames().map(([domain, name]) => channelOf(domain, name));
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
        return fail('forbidden_sender', 'This request did not come from the Gamefilm window.');
      }
      return dispatch(channel, input);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
