import { contextBridge, ipcRenderer } from 'electron';
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

/** Named functions from the contract — never ipcRenderer itself. */
const gamefilm = {
  ...buildApi((channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>),
  on,
} satisfies Gamefilm;

contextBridge.exposeInMainWorld('gamefilm', gamefilm);
