import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is compiled twice: for Node (tests, browser mode; in
 * node_modules) and for Electron's ABI (the app; built by
 * scripts/electron-abi.mjs into vendor/electron-sqlite). The app points the
 * addon at its own build so the two never overwrite each other.
 */
export function electronNativeBinding(): string | undefined {
  const candidates = [
    process.env.GAMEFILM_SQLITE_BINDING,
    join(process.resourcesPath ?? '', 'better_sqlite3.node'),
    join(__dirname, '../../vendor/electron-sqlite/better_sqlite3.node'),
  ];
  return candidates.find((file): file is string => !!file && existsSync(file));
}
