import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { CallScorecards } from '../../src/shared/domain';
import { makeMedia } from '../fixtures/media';
import type { GamefilmServer } from './fixtures';
import { expect, test } from './fixtures';
import { callApi, importCall } from './media';
import { AppPage } from './pages/AppPage';
import { CoachingPage } from './pages/CoachingPage';
import { PeoplePage } from './pages/PeoplePage';

const SHOTS = resolve(__dirname, '../../screenshots');
let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-backups-'));
  mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the library has stored for my scorecard on the call (not what the page shows). */
async function storedOverall(server: GamefilmServer, callId: string): Promise<number | null> {
  // The core answers for the person marked "me" (the acting person).
  const cards = await callApi<CallScorecards>(server, 'scorecards.forCall', { callId });
  return cards.mine[0]?.overallScore ?? null;
}

async function openSettings(page: Page) {
  await new AppPage(page).open('Settings');
  return page.getByRole('region', { name: 'Backups' });
}

test('a backup made by the app restores: score a call, back up, change it, restore, see the old score', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(120_000);
  const callId = await importCall(gamefilm, await makeMedia(dir, 'mp3', { durationSec: 12, name: 'Acme renewal' }));
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  await app.open('People');
  const people = new PeoplePage(page);
  await people.add('Casey Coach', 'Coach');
  await people.markMe('Casey Coach');

  const call = new CoachingPage(page);
  await call.player.open(gamefilm.url, callId);
  await call.tab('Scorecard').click();
  await call.scorecard.getByRole('button', { name: 'Start scoring' }).click();
  await call.score('Discovery Skills', 4);
  await expect.poll(() => storedOverall(gamefilm, callId)).toBe(4);

  let backups = await openSettings(page);
  await backups.getByRole('button', { name: 'Back up now' }).click();
  const manual = backups.getByRole('row').filter({ hasText: 'Backed up by hand' });
  await expect(manual).toHaveCount(1);
  await expect(manual.getByRole('cell').nth(2)).toHaveText(/\d+ (KB|MB)/);
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await backups.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `backups-${size.width}x${size.height}.png`) });
  }

  // The score changes after the backup…
  await call.player.open(gamefilm.url, callId);
  await call.tab('Scorecard').click();
  await call.score('Discovery Skills', 2);
  await expect.poll(() => storedOverall(gamefilm, callId)).toBe(2);

  // …and the backup brings the old one back.
  backups = await openSettings(page);
  await manual.getByRole('button', { name: /^Restore the backup from .* now$/ }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Restore this backup now?' });
  await expect(confirm).toContainText('kept in the “replaced” folder');
  // The app reloads itself after a restore: wait for that, or the next navigation races it.
  const reloaded = page.waitForEvent('load');
  await confirm.getByRole('button', { name: 'Restore now' }).click();
  await reloaded;
  await expect.poll(() => storedOverall(gamefilm, callId)).toBe(4);

  await call.player.open(gamefilm.url, callId);
  await call.tab('Scorecard').click();
  await expect(
    call.scorecard
      .getByRole('radiogroup', { name: 'Score for Discovery Skills' })
      .getByRole('radio', { name: '4', exact: true }),
  ).toBeChecked();
});
