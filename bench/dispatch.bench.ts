import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/main/core';
import type { BenchRow } from './harness';
import { row, timeMedian } from './harness';

/**
 * What the contract costs: creating a person through the dispatcher (zod
 * validation, handler, Result) vs a bare prepared INSERT on the same kind of
 * database, in the same run.
 */
export async function benchDispatch(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gamefilm-bench-'));
  const N = 2000;
  try {
    const core = createCore({ dataDir: join(dir, 'core'), shell: 'web' });
    const bare = new Database(join(dir, 'bare.sqlite'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = NORMAL');
    bare.exec(`CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT, role TEXT, created_at TEXT, updated_at TEXT)`);
    const insert = bare.prepare(`INSERT INTO people VALUES (?, ?, 'rep', ?, ?)`);
    let i = 0;
    const baseline = await timeMedian(5, () => {
      for (let k = 0; k < N; k++, i++) insert.run(`id-${i}`, `Person ${i}`, 'now', 'now');
    });
    const ours = await timeMedian(5, async () => {
      for (let k = 0; k < N; k++) await core.dispatch('people.create', { name: `Person ${k}`, role: 'rep' });
    });
    await core.close();
    bare.close();
    return [
      row(
        'people.create ×2000 via contract',
        ours,
        baseline,
        'ms',
        'dispatch = zod validation + repository + read-back; baseline = bare prepared INSERT',
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
