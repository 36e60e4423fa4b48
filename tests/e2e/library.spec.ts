import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeMedia, makeRandomBytes } from '../fixtures/media';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { LibraryPage } from './pages/LibraryPage';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-media-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('import two calls, see progress then ready, and a corrupt file’s reason', async ({ page, gamefilm }) => {
  const first = await makeMedia(dir, 'mp3', { durationSec: 20, name: 'Acme discovery call' });
  const second = await makeMedia(dir, 'm4a', { durationSec: 8, name: 'Globex renewal' });
  const corrupt = await makeRandomBytes(dir, 'broken recording.mp3');
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  const library = new LibraryPage(page);
  await expect(page.getByRole('heading', { name: 'No calls yet' })).toBeVisible();

  await library.importFiles([first, second]);
  for (const name of ['Acme discovery call.mp3', 'Globex renewal.m4a']) {
    const row = library.importRow(name);
    await expect(row.getByRole('progressbar')).toBeVisible();
    await expect(row).toContainText('Ready');
    await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  }
  await expect(library.row('Acme discovery call')).toBeVisible();
  await expect(library.row('Globex renewal')).toContainText('0:08');
  await expect(library.row('Globex renewal')).toContainText('Not transcribed');

  await library.importFiles([corrupt]);
  await expect(library.importRow('broken recording.mp3').getByRole('alert')).toHaveText(
    /not an audio or video file|damaged or incomplete/,
  );
  await expect(library.table.getByRole('row')).toHaveCount(3); // header + two calls

  // The same file again is a duplicate and adds nothing.
  await library.importFiles([first]);
  await expect(library.importRow('Acme discovery call.mp3').last()).toContainText('Already in the library');
  await expect(library.table.getByRole('row')).toHaveCount(3);
});

test('search, filter, sort, trash with undo, and empty the trash', async ({ page, gamefilm }) => {
  const a = await makeMedia(dir, 'wav', { durationSec: 3, name: 'Initech pricing pushback' });
  const b = await makeMedia(dir, 'ogg', { durationSec: 5, name: 'Umbrella cold call' });
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  const library = new LibraryPage(page);
  await library.importFiles([a, b]);
  await expect(library.row('Umbrella cold call')).toBeVisible();
  await expect(library.row('Initech pricing pushback')).toBeVisible();

  // Set metadata on one call from its screen; it saves as it goes.
  await library.open('Umbrella cold call');
  await page.getByLabel('Call type').selectOption({ label: 'Cold call' });
  await page.getByLabel('Customer / account').fill('Umbrella Corp');
  await page.getByLabel('Tags').fill('outbound, Q4');
  await page.getByLabel('Tags').press('Enter');
  await page.getByRole('button', { name: '← Library' }).click();

  await library.search('umbrella');
  await expect(library.table.getByRole('row')).toHaveCount(2);
  await expect(library.row('Umbrella cold call')).toContainText('Cold call');
  await expect(library.row('Umbrella cold call')).toContainText('Q4');
  await library.search('');
  await page.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Cold call' });
  await expect(library.table.getByRole('row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(library.table.getByRole('row')).toHaveCount(3);

  await page.getByRole('button', { name: 'Title' }).click();
  await expect(library.table.getByRole('row').nth(1)).toHaveAccessibleName('Umbrella cold call');
  await page.getByRole('button', { name: 'Title' }).click();
  await expect(library.table.getByRole('row').nth(1)).toHaveAccessibleName('Initech pricing pushback');

  await page.getByRole('button', { name: 'Move Initech pricing pushback to the trash' }).click();
  await expect(library.row('Initech pricing pushback')).toHaveCount(0);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(library.row('Initech pricing pushback')).toBeVisible();

  await page.getByRole('button', { name: 'Move Initech pricing pushback to the trash' }).click();
  await page.getByRole('button', { name: 'Trash', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Trash' })).toBeVisible();
  await expect(library.row('Initech pricing pushback')).toBeVisible();
  await page.getByRole('button', { name: 'Empty trash' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Empty trash' }).click();
  await expect(page.getByRole('heading', { name: 'The trash is empty' })).toBeVisible();
  await page.getByRole('button', { name: '← Back to library' }).click();
  await expect(library.table.getByRole('row')).toHaveCount(2);
});

test('a call whose file was deleted shows "File missing" and can be relinked', async ({ page, gamefilm }) => {
  const src = await makeMedia(dir, 'flac', { durationSec: 3, name: 'Hooli demo' });
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  const library = new LibraryPage(page);
  await library.importFiles([src]);
  await expect(library.row('Hooli demo')).toContainText('Not transcribed');
  const { readdirSync, renameSync } = await import('node:fs');
  const mediaDir = join(gamefilm.dataDir, 'media');
  const file = readdirSync(mediaDir).find((f) => f.endsWith('.flac'))!;
  renameSync(join(mediaDir, file), join(dir, 'moved.flac'));

  await library.row('Hooli demo').getByRole('button', { name: 'Hooli demo', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('File missing');
  await page.getByLabel('Choose the original recording').setInputFiles(join(dir, 'moved.flac'));
  await expect(page.getByRole('alert').filter({ hasText: 'File missing' })).toHaveCount(0);
  await page.getByRole('button', { name: '← Library' }).click();
  await expect(library.row('Hooli demo')).toContainText('Not transcribed');
});
