import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig(({ command }) => ({
  main: {
    // The dev server URL is honoured only by a main process built for `electron-vite dev`.
    define: { __GAMEFILM_DEV_SERVER__: JSON.stringify(command === 'serve') },
    // The insights refresh runs on a worker thread: its entry is built beside the main process's.
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'insights-refresh': resolve(__dirname, 'src/main/core/insights/refresh-thread.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require node_modules: bundle everything it uses.
    build: { externalizeDeps: false, rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } } },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } } },
  },
}));
