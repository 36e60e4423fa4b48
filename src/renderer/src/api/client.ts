import type { Gamefilm } from '../../../shared/contract';
import { createHttpGamefilm, takeToken } from './http';

declare global {
  interface Window {
    /** Provided by the Electron preload; absent in browser mode. */
    gamefilm?: Gamefilm;
  }
}

/**
 * The renderer's only way to the backend. Under Electron it is the preload's
 * IPC bridge, in browser mode the same contract over HTTP; nothing else in
 * the renderer knows which.
 */
export const api: Gamefilm = window.gamefilm ?? createHttpGamefilm(takeToken());
