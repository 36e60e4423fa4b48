import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/main/core';
import type { Core } from '../../../../src/main/core';
import type { Person } from '../../../../src/shared/domain';
import type { Result } from '../../../../src/shared/result';
import { useTempDirs } from '../../../helpers/tmp';

const tempDir = useTempDirs();
const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

function withCore(run: (core: Core, dataDir: string) => Promise<void>) {
  return async () => {
    const dataDir = tempDir();
    const core = createCore({ dataDir, shell: 'web' });
    try {
      await run(core, dataDir);
    } finally {
      await core.close();
    }
  };
}

describe('people', () => {
  it(
    'creates, lists by name, renames and keeps UUIDv7 ids',
    withCore(async (core) => {
      const b = value<Person>(await core.dispatch('people.create', { name: 'Bea', role: 'coach' }));
      const a = value<Person>(await core.dispatch('people.create', { name: '  Al ', role: 'rep' }));
      expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(a.name).toBe('Al');
      expect(value<Person[]>(await core.dispatch('people.list', undefined)).map((p) => p.name)).toEqual(['Al', 'Bea']);
      const renamed = value<Person>(await core.dispatch('people.update', { id: b.id, name: 'Beatrice' }));
      expect(renamed).toMatchObject({ name: 'Beatrice', role: 'coach' });
    }),
  );

  it(
    '"this is me" names exactly one person and survives reopening the library',
    withCore(async (core, dataDir) => {
      const a = value<Person>(await core.dispatch('people.create', { name: 'Al', role: 'rep' }));
      const b = value<Person>(await core.dispatch('people.create', { name: 'Bea', role: 'coach' }));
      await core.dispatch('people.setMe', { id: a.id });
      const list = value<Person[]>(await core.dispatch('people.setMe', { id: b.id }));
      expect(list.filter((p) => p.isMe).map((p) => p.name)).toEqual(['Bea']);
      await core.close();
      const again = createCore({ dataDir, shell: 'web' });
      try {
        const people = value<Person[]>(await again.dispatch('people.list', undefined));
        expect(people.find((p) => p.isMe)?.id).toBe(b.id);
      } finally {
        await again.close();
      }
    }),
  );

  it(
    'remove hides a person and restore brings them back; unknown ids are not_found',
    withCore(async (core) => {
      const a = value<Person>(await core.dispatch('people.create', { name: 'Al', role: 'rep' }));
      await core.dispatch('people.setMe', { id: a.id });
      value(await core.dispatch('people.remove', { id: a.id }));
      expect(value<Person[]>(await core.dispatch('people.list', undefined))).toEqual([]);
      const back = value<Person>(await core.dispatch('people.restore', { id: a.id }));
      expect(back).toMatchObject({ name: 'Al', isMe: false });
      const missing = await core.dispatch('people.remove', { id: '01900000-0000-7000-8000-000000000000' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }),
  );

  it(
    'refuses bad input before it reaches the database',
    withCore(async (core) => {
      const cases: unknown[] = [
        { name: '', role: 'rep' },
        { name: 'X', role: 'ceo' },
        { name: 'X', role: 'rep', extra: 1 },
        { name: 'x'.repeat(121), role: 'rep' },
        null,
      ];
      for (const input of cases) {
        const r = await core.dispatch('people.create', input);
        expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
      expect(value<Person[]>(await core.dispatch('people.list', undefined))).toEqual([]);
      expect(await core.dispatch('people.nope', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }),
  );

  it(
    'settings default to the system theme and persist',
    withCore(async (core) => {
      expect(value(await core.dispatch('settings.get', undefined))).toEqual({ theme: 'system', backupsToKeep: 10, leaderboards: false });
      value(await core.dispatch('settings.update', { theme: 'dark' }));
      expect(value(await core.dispatch('settings.get', undefined))).toEqual({ theme: 'dark', backupsToKeep: 10, leaderboards: false });
      const info = value<{ libraryId: string }>(await core.dispatch('app.info', undefined));
      expect(value<{ libraryId: string }>(await core.dispatch('app.info', undefined)).libraryId).toBe(info.libraryId);
    }),
  );
});
