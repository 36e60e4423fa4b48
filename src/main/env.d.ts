/** True only in the main process built by `electron-vite dev` (see electron.vite.config.ts). */
declare const __GAMEFILM_DEV_SERVER__: boolean;
