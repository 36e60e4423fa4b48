/**
 * Syncthing set up from Settings (issue 16), in browser mode, with a real
 * Syncthing on loopback (its own home; nothing reaches past this machine):
 * the person adds a teammate, and Settings shows the Syncthing watch — on
 * while Syncthing answers, and saying so when it stops. Skipped where
 * `syncthing` is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSyncthingBinary } from '../../src/main/core/team/syncthing';
import { startSyncthing } from '../main/core/team/syncthing-instance';
import { expect, GamefilmServer, test } from './fixtures';
import { callApi } from './media';
import { AppPage } from './pages/AppPage';
import { shoot } from './shots';

const binary = findSyncthingBinary();

test.skip(!binary, 'syncthing is not installed here (apt-get install syncthing)');

test('Add teammate starts the Syncthing watch; Settings says when Syncthing stops answering', async ({ browser }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-st-'));
  const home = join(dir, 'syncthing');
  const st = await startSyncthing(binary as string, home);
  // A teammate's Syncthing id (their Syncthing need not run).
  const generated = spawnSync(binary as string, ['generate', `--home=${join(dir, 'peer')}`, '--no-default-folder'], {
    encoding: 'utf8',
  });
  const peerId = /Device ID:\s*(\S+)/.exec(`${generated.stdout}${generated.stderr}`)?.[1];
  if (!peerId) throw new Error(`syncthing generate gave no device id: ${generated.stderr}`);
  const previous = process.env.GAMEFILM_SYNCTHING_HOME;
  // The library's server finds this Syncthing (not the machine's own) through the variable the app reads.
  process.env.GAMEFILM_SYNCTHING_HOME = home;
  const server = new GamefilmServer(join(dir, 'library'));
  await server.start();
  let stopped = false;
  try {
    const me = await callApi<{ id: string }>(server, 'people.create', { name: 'Cora Coach', role: 'coach' });
    await callApi(server, 'people.setMe', { id: me.id });
    const page = await (await browser.newContext()).newPage();
    const app = new AppPage(page);
    await app.goto(server.url);
    await app.open('Settings');
    const team = page.getByRole('region', { name: 'Team folder' });
    await team.getByLabel('Team folder (its whole path)').fill(join(dir, 'Gamefilm team'));
    await team.getByRole('button', { name: 'Join team' }).click();
    await expect(team.getByText(join(dir, 'Gamefilm team'))).toBeVisible();
    // No watch before Syncthing was set up here.
    await expect(team.getByText('Syncthing is running: teammates’ folders')).toHaveCount(0);

    await team.getByRole('button', { name: 'Look for Syncthing' }).click();
    await expect(team.getByText(st.id)).toBeVisible();
    await team.getByLabel('Teammate’s Syncthing device id').fill(peerId);
    await team.getByLabel('Their name').fill('Ray');
    await team.getByRole('button', { name: 'Add teammate' }).click();
    await expect(
      team.getByText('Syncthing is running: teammates’ folders are accepted as they offer them.'),
    ).toBeVisible({ timeout: 20_000 });
    // The form is ready for the next teammate.
    await expect(team.getByLabel('Teammate’s Syncthing device id')).toHaveValue('');
    await expect(team.getByLabel('Their name')).toHaveValue('');
    // What was stored: this device's folder shared with the teammate, in the Syncthing the app found.
    const folders = await st.client.request<Array<{ id: string; type: string; devices: Array<{ deviceID: string }> }>>(
      'GET',
      '/rest/config/folders',
    );
    expect(folders).toEqual([
      expect.objectContaining({
        type: 'sendonly',
        devices: expect.arrayContaining([expect.objectContaining({ deviceID: peerId })]),
      }),
    ]);
    await team.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shoot(page, 'team-syncthing-watching');

    await st.stop();
    stopped = true;
    await expect(team.getByText(/Syncthing does not answer.* asks again in/)).toBeVisible({ timeout: 20_000 });
    // The look taken earlier is taken again: it no longer says Syncthing is running.
    await expect(team.locator('.team-syncthing').getByRole('status')).not.toContainText('Syncthing is running.');
    await shoot(page, 'team-syncthing-down');
  } finally {
    await server.stop();
    if (!stopped) await st.stop();
    if (previous === undefined) delete process.env.GAMEFILM_SYNCTHING_HOME;
    else process.env.GAMEFILM_SYNCTHING_HOME = previous;
    rmSync(dir, { recursive: true, force: true });
  }
});
