// Builds better-sqlite3 for Electron's ABI into vendor/electron-sqlite/, leaving
// node_modules/better-sqlite3 (Node's ABI, used by tests and browser mode)
// untouched. The app loads this copy through better-sqlite3's `nativeBinding`
// option, so `npm test` keeps passing after `npm start` has run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const outDir = join(root, 'vendor', 'electron-sqlite');
const target = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'stamp.txt');
const wanted = `electron ${electronVersion} better-sqlite3 ${sqliteVersion}`;

if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0);

// npm tells lifecycle scripts where its bundled node-gyp is.
const nodeGyp = process.env.npm_config_node_gyp;
if (!nodeGyp) {
  console.error('Run this through npm (npm start) so node-gyp can be found.');
  process.exit(1);
}

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (one time)…`);
const work = mkdtempSync(join(tmpdir(), 'gamefilm-electron-sqlite-'));
try {
  cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${join(sqliteDir, 'build')}`) });
  const result = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    console.error(
      "\nCould not build better-sqlite3 for Electron (it needs Electron's headers from the network and a C++ toolchain).\n" +
        'The tests and browser mode do not need this build: `npm run web` runs the whole app in a browser.\n' +
        'Or build it elsewhere and set GAMEFILM_SQLITE_BINDING=/path/to/better_sqlite3.node.',
    );
    process.exit(1);
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  writeFileSync(stamp, wanted);
  console.log(`Electron build of better-sqlite3 written to ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
