import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { buildApi } from '../shared/contract';
import type { Gamefilm } from '../shared/contract';
import { EVENT_CHANNEL } from '../shared/events';
import type { EventMap, EventName, Subscribe } from '../shared/events';
import type { Result } from '../shared/result';
import { CHOOSE_CHANNEL, CHOOSE_FOLDER_CHANNEL, FILES_CHANNEL } from '../shared/files';
import type { ChosenFile, FileHandle } from '../shared/files';

const on: Subscribe = (event, listener) => {
  const forward = (_e: IpcRendererEvent, name: EventName, payload: unknown) => {
    if (name === event) listener(payload as EventMap[typeof event]);
  };
  ipcRenderer.on(EVENT_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  };
};

/** Real Files (dropped or picked) → handles from the main process; the page never sees a path. */
const handlesFor = (files: File[]) =>
  ipcRenderer.invoke(
    FILES_CHANNEL,
    files.map((file) => webUtils.getPathForFile(file)),
  ) as Promise<Result<FileHandle[]>>;
const withHandle = async <T>(file: File, use: (handle: FileHandle) => Promise<Result<T>>): Promise<Result<T>> => {
  const handles = await handlesFor([file]);
  return handles.ok ? use(handles.value[0]!) : handles;
};

const api = buildApi((channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>);

/** Named functions from the contract — never ipcRenderer itself. */
const gamefilm = {
  ...api,
  on,
  mediaUrl: (fileName) => `media://local/${encodeURIComponent(fileName)}`,
  // Under Electron a chosen or dropped File knows its path: the main process keeps it and answers a handle.
  importFiles: async (files) => {
    const handles = await handlesFor(files);
    return handles.ok ? api.calls.import({ files: handles.value }) : handles;
  },
  relinkFile: (callId, file) => withHandle(file, (handle) => api.calls.relink({ id: callId, file: handle })),
  importModelFile: (file) => withHandle(file, (handle) => api.models.import({ file: handle })),
  inspectPacketFile: (file) => withHandle(file, (handle) => api.packets.inspect({ file: handle })),
  // The main process shows the open dialog and keeps the paths; the page gets handles and names.
  chooseFiles: (purpose) => ipcRenderer.invoke(CHOOSE_CHANNEL, { purpose }) as Promise<Result<ChosenFile[]>>,
  chooseFolder: () => ipcRenderer.invoke(CHOOSE_FOLDER_CHANNEL) as Promise<Result<string | null>>,
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
