import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Call } from '../../src/shared/domain';
import { makeMedia } from '../fixtures/media';
import { expect, test } from './fixtures';
import { callApi } from './media';
import { AppPage } from './pages/AppPage';

/**
 * Browser mode keeps the page's own file inputs (their files are uploaded);
 * under Electron the same buttons ask the main process for its dialog
 * (`files.choose`, tested in tests/main/electron/glue.test.ts). Here: each
 * button opens the browser's file chooser, and what is chosen is imported.
 */
let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-choosers-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('in a browser, Import calls… and Import packet… open the page’s file chooser and take what is chosen', async ({
  page,
  gamefilm,
}) => {
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  await app.open('Library');

  const [calls] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import calls…' }).last().click(),
  ]);
  expect(calls.isMultiple()).toBe(true);
  await calls.setFiles(await makeMedia(dir, 'mp3', { durationSec: 3, name: 'Chosen call' }));
  await expect
    .poll(async () => (await callApi<Call[]>(gamefilm, 'calls.list', {})).map((c) => c.title))
    .toEqual(['Chosen call']);

  const [packet] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import packet…' }).click(),
  ]);
  expect(packet.isMultiple()).toBe(false);
  await packet.setFiles(await makeMedia(dir, 'wav', { durationSec: 1, name: 'not-a-packet' }));
  await expect(page.getByRole('dialog', { name: 'Import a review packet' }).getByRole('alert')).toContainText(
    'Your library was not changed.',
  );
});
