import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../main/core';
import { defaultDataDir } from '../main/core/paths';
import { startWebServer } from './server';

/** `npm run web -- --port N --data-dir DIR`: the whole app in a browser, served on loopback. */
async function main() {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, got "${values.port}"`);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());

  const core = createCore({
    dataDir,
    shell: 'web',
    // Browser mode runs the TypeScript source: the refresh thread loads it through tsx's require hook too.
    insightsThread: {
      entry: resolve(__dirname, '../main/core/insights/refresh-thread.ts'),
      preload: require.resolve('tsx/cjs'),
    },
  });
  const web = await startWebServer({ core, staticDir: resolve(__dirname, '../../out/renderer'), port });
  console.log(`Gamefilm is running at ${web.url}`);
  console.error(`Library: ${dataDir}`);

  const stop = () => {
    void web
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Gamefilm could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
