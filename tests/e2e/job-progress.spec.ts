import type { Call, Person } from '../../src/shared/domain';
import { expect, test } from './fixtures';
import { callApi } from './media';
import { AppPage } from './pages/AppPage';
import { PacketPage } from './pages/PacketPage';

/**
 * Issue 12, item 16: "Export packet…" hung at "Reading the review" when the
 * job finished before the dialog heard its events (5 of 6 runs with the
 * page's CPU throttled 20×). A progress UI now reads the job's state when it
 * subscribes (src/renderer/src/lib/jobs.ts), so a slow page still sees it end.
 */
test('a packet export is seen to finish on a page with its CPU throttled 20×', async ({ page, gamefilm }) => {
  test.setTimeout(180_000);
  const sample = await callApi<Call>(gamefilm, 'calls.openSample', {});
  // A packet is signed by its author: someone must be "me" to export one.
  const me = await callApi<Person>(gamefilm, 'people.create', { name: 'Casey Coach', role: 'coach' });
  await callApi(gamefilm, 'people.setMe', { id: me.id });
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  await page.goto(`${new URL(gamefilm.url).origin}/#/calls/${sample.id}`);
  await expect(page.getByRole('textbox', { name: 'Call title' })).toHaveValue(sample.title);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  const packets = new PacketPage(page);
  // Twice: the second export of the same call is the fast one (clips already cut).
  for (let round = 0; round < 2; round++) {
    await page.getByRole('button', { name: 'Export packet…' }).click();
    await packets.exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(packets.exportDialog.getByRole('status')).toContainText('is ready', { timeout: 90_000 });
    await expect(packets.exportDialog.getByRole('link', { name: /Download Gamefilm packet/ })).toBeVisible();
    await packets.exportDialog.getByRole('button', { name: 'Done' }).click();
    await expect(packets.exportDialog).toHaveCount(0);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
});
