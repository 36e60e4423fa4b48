import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/main/core';
import { useTempDirs } from '../../../helpers/tmp';

const tempDir = useTempDirs();

describe('file handles', () => {
  it('the contract takes handles the shell registered, never paths from the page', async () => {
    const dir = tempDir();
    const core = createCore({ dataDir: join(dir, 'lib'), shell: 'web' });
    try {
      // Taking a packet in needs someone to be "me".
      const me = await core.dispatch('people.create', { name: 'Ivy', role: 'coach' });
      if (me.ok) await core.dispatch('people.setMe', { id: (me.value as { id: string }).id });
      const secret = join(dir, 'secret.txt');
      writeFileSync(secret, 'not for the page');
      const refusals: Array<[string, unknown, RegExp]> = [
        ['calls.import', { paths: [secret] }, /files|Unrecognized/i],
        ['calls.import', { files: [secret] }, /not one you chose/],
        ['packets.inspect', { path: secret }, /file|Unrecognized/i],
        ['packets.inspect', { file: secret }, /not one you chose/],
        ['models.import', { file: '/etc/passwd' }, /not one you chose/],
        ['calls.relink', { id: '01900000-0000-7000-8000-000000000000', file: '../../etc/passwd' }, /not one you chose/],
        // Well-formed, but never registered: a page cannot guess one into existence.
        ['packets.inspect', { file: `file_${'A'.repeat(22)}` }, /no longer available; choose it again/],
      ];
      for (const [channel, input, message] of refusals) {
        const result = await core.dispatch(channel, input);
        expect(result.ok, channel).toBe(false);
        if (!result.ok) expect(result.error.message, channel).toMatch(message);
      }
      expect(core.db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 0 });

      // A registered handle resolves to its file, until it is released.
      const handle = core.files.register(secret);
      expect(handle).toMatch(/^file_[A-Za-z0-9_-]{22}$/);
      expect(core.files.resolve(handle)).toBe(secret);
      const inspected = await core.dispatch('packets.inspect', { file: handle });
      expect(inspected.ok).toBe(false);
      if (!inspected.ok) expect(inspected.error.message).toMatch(/not a complete Gamefilm packet/);
      core.files.release(handle);
      expect(() => core.files.resolve(handle)).toThrow(/choose it again/);
    } finally {
      await core.close();
    }
  });
});
