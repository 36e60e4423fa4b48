import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 300_000,
    // Native addons and child processes (ffmpeg, whisper) behave best in forked workers.
    pool: 'forks',
  },
});
