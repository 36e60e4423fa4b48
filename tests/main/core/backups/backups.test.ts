import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/main/core';
import type { Core } from '../../../../src/main/core';
import { BACKUPS_DIR, backupFileName } from '../../../../src/main/core/backups/files';
import { latestVersion, migrate, migrations } from '../../../../src/main/core/db/migrations';
import { openDatabase } from '../../../../src/main/core/db/open';
import type { BackupInfo, Person, RestoreOutcome } from '../../../../src/shared/domain';
import { actAs } from '../../../helpers/acting';
import { useTempDirs } from '../../../helpers/tmp';
import { bundleOf, exportAndWait, importPacket, reviewedCall, value } from '../packets/helpers';

const tempDir = useTempDirs();

async function withCore(dataDir: string, run: (core: Core) => Promise<void>) {
  const core = createCore({ dataDir, shell: 'web' });
  try {
    await core.ready;
    // Restoring replaces everyone's work: the policy wants to know who acts.
    const admin = core.db.prepare("SELECT id FROM people WHERE name = 'Zed Admin'").get() as { id: string } | undefined;
    await actAs(
      core,
      admin?.id ?? (await value<Person>(core.dispatch('people.create', { name: 'Zed Admin', role: 'coach' }))).id,
    );
    await run(core);
  } finally {
    await core.close();
  }
}

const names = (core: Core) =>
  (
    core.db.prepare("SELECT name FROM people WHERE name <> 'Zed Admin' ORDER BY name, id").all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);

describe('backups', () => {
  it('takes one at start (at most daily), on demand, keeps the last N, and restores one now', async () => {
    const dataDir = tempDir();
    await withCore(dataDir, async (core) => {
      const atStart = await value<BackupInfo[]>(core.dispatch('backups.list', undefined));
      expect(atStart.map((b) => b.reason)).toEqual(['daily']);
      await value(core.dispatch('people.create', { name: 'Ana Before', role: 'rep' }));
      const manual = await value<BackupInfo>(core.dispatch('backups.create', undefined));
      expect(manual).toMatchObject({ reason: 'manual' });
      expect(manual.sizeBytes).toBeGreaterThan(0);
      const ana = (core.db.prepare("SELECT id FROM people WHERE name = 'Ana Before'").get() as { id: string }).id;
      await value(core.dispatch('people.update', { id: ana, name: 'Ana After' }));
      await value(core.dispatch('people.create', { name: 'Bo Later', role: 'rep' }));

      const outcome = await value<RestoreOutcome>(
        core.dispatch('backups.restore', { fileName: manual.fileName, when: 'now' }),
      );
      expect(outcome.when).toBe('now');
      expect(names(core)).toEqual(['Ana Before']);
      expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
      // The library it replaced is kept, whole, with the later edits.
      const [kept] = readdirSync(join(dataDir, 'replaced'));
      const aside = new Database(join(dataDir, 'replaced', kept!), { readonly: true });
      expect(
        (
          aside.prepare("SELECT name FROM people WHERE name <> 'Zed Admin' ORDER BY name").all() as Array<{
            name: string;
          }>
        ).map((r) => r.name),
      ).toEqual(['Ana After', 'Bo Later']);
      aside.close();
      // The restored library keeps working.
      await value(core.dispatch('people.create', { name: 'Cy New', role: 'rep' }));
      expect(names(core)).toEqual(['Ana Before', 'Cy New']);

      await value(core.dispatch('settings.update', { backupsToKeep: 2 }));
      for (let i = 0; i < 3; i++) await value(core.dispatch('backups.create', undefined));
      expect(await value<BackupInfo[]>(core.dispatch('backups.list', undefined))).toHaveLength(2);
    });
    // A second start within the day takes no new daily backup.
    await withCore(dataDir, async (core) => {
      const list = await value<BackupInfo[]>(core.dispatch('backups.list', undefined));
      expect(list.filter((b) => b.reason === 'daily')).toHaveLength(0);
    });
  });

  it('refuses a damaged backup and one from a newer Gamefilm, leaving the library as it was', async () => {
    await withCore(tempDir(), async (core) => {
      await value(core.dispatch('people.create', { name: 'Ana', role: 'rep' }));
      const dir = join(core.dataDir, BACKUPS_DIR);
      const damaged = backupFileName('manual', new Date(Date.UTC(2020, 0, 1)));
      writeFileSync(join(dir, damaged), Buffer.alloc(8192, 7));
      const newer = backupFileName('manual', new Date(Date.UTC(2020, 0, 2)));
      const future = new Database(join(dir, newer));
      future.pragma(`user_version = ${latestVersion() + 1}`);
      future.exec('CREATE TABLE x (a)');
      future.close();
      for (const [fileName, message] of [
        [damaged, /cannot be read|damaged/],
        [newer, /newer Gamefilm/],
        ['../gamefilm.sqlite', /not known/],
      ] as const) {
        for (const when of ['now', 'next-start'] as const) {
          const result = await core.dispatch('backups.restore', { fileName, when });
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.message).toMatch(message);
        }
      }
      expect(names(core)).toEqual(['Ana']);
      expect(existsSync(join(core.dataDir, 'replaced'))).toBe(false);
      expect(existsSync(join(core.dataDir, 'restore-pending.json'))).toBe(false);
    });
  });

  it('restores on the next start when asked to, moving the current database aside', async () => {
    const dataDir = tempDir();
    let fileName = '';
    await withCore(dataDir, async (core) => {
      await value<Person>(core.dispatch('people.create', { name: 'Ana Before', role: 'rep' }));
      fileName = (await value<BackupInfo>(core.dispatch('backups.create', undefined))).fileName;
      await value(core.dispatch('people.create', { name: 'Bo Later', role: 'rep' }));
      const outcome = await value<RestoreOutcome>(core.dispatch('backups.restore', { fileName, when: 'next-start' }));
      expect(outcome.message).toMatch(/next time Gamefilm starts/);
      expect(names(core)).toEqual(['Ana Before', 'Bo Later']);
    });
    await withCore(dataDir, async (core) => {
      expect(names(core)).toEqual(['Ana Before']);
      expect(readdirSync(join(dataDir, 'replaced')).filter((n) => n.endsWith('.sqlite'))).toHaveLength(1);
    });
  });

  it('backs up before a migration and before a packet is applied', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'gamefilm.sqlite');
    const old = new Database(file);
    migrate(old, migrations.slice(0, -1));
    old.close();
    openDatabase(file).close();
    const [before] = readdirSync(join(dataDir, BACKUPS_DIR));
    expect(before).toMatch(/-before-migration\.sqlite$/);
    const copy = new Database(join(dataDir, BACKUPS_DIR, before!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(migrations.at(-2)?.version);
    copy.close();

    const a = createCore({ dataDir: join(dataDir, 'a'), shell: 'web' });
    const b = createCore({ dataDir: join(dataDir, 'b'), shell: 'web' });
    try {
      const { call } = await reviewedCall(a, dataDir);
      const packet = bundleOf(await exportAndWait(a, { callId: call.id }));
      // Taking a packet in needs someone to be "me".
      const receiver = await b.dispatch('people.create', { name: 'Bea', role: 'coach' });
      if (receiver.ok) await b.dispatch('people.setMe', { id: (receiver.value as Person).id });
      await importPacket(b, packet);
      expect(b.backups.list().map((x) => x.reason)).toContain('before-packet');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
