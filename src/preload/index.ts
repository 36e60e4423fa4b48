import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { buildApi } from '../shared/contract';
import type { Gamefilm } from '../shared/contract';
import { EVENT_CHANNEL } from '../shared/events';
import type { EventMap, EventName, Subscribe } from '../shared/events';
import type { Result } from '../shared/result';

const on: Subscribe = (event, listener) => {
  const forward = (_e: IpcRendererEvent, name: EventName, payload: unknown) => {
    if (name === event) listener(payload as EventMap[typeof event]);
  };
  ipcRenderer.on(EVENT_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  };
};

const api = buildApi((channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>);

/** Named functions from the contract — never ipcRenderer itself. */
const gamefilm = {
  ...api,
  on,
  mediaUrl: (fileName) => `media://local/${encodeURIComponent(fileName)}`,
  // Under Electron a chosen or dropped File knows its path; the core copies from there.
  importFiles: (files) => api.calls.import({ paths: files.map((file) => webUtils.getPathForFile(file)) }),
  relinkFile: (callId, file) => api.calls.relink({ id: callId, path: webUtils.getPathForFile(file) }),
  importModelFile: (file) => api.models.import({ path: webUtils.getPathForFile(file) }),
  inspectPacketFile: (file) => api.packets.inspect({ path: webUtils.getPathForFile(file) }),
  // The desktop app shows exported packets by their path (in the library's exports folder).
  exportUrl: () => null,
  // A recording made in the page has no path: its bytes cross IPC (structured clone carries a Uint8Array).
  saveAttempt: async (drillId, recording) =>
    api.drills.recordAttempt({
      drillId,
      bytes: new Uint8Array(await recording.arrayBuffer()),
      mimeType: recording.type,
    }),
} satisfies Gamefilm;

contextBridge.exposeInMainWorld('gamefilm', gamefilm);
