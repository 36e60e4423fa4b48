import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { PeoplePage } from './pages/PeoplePage';

test('create a person, mark them as me, and find them after a reload', async ({ page, gamefilm }) => {
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  // The token is taken out of the address bar once the page has it.
  expect(page.url()).not.toContain('token=');
  await expect(page.getByRole('heading', { name: 'No calls yet' })).toBeVisible();

  await app.open('People');
  await expect(page.getByRole('heading', { name: 'No people yet' })).toBeVisible();
  const people = new PeoplePage(page);
  await people.add('Dana Ruiz', 'Coach');
  await people.add('Sam Okafor', 'Rep');
  await people.markMe('Dana Ruiz');
  await expect(people.row('Dana Ruiz').getByLabel('Dana Ruiz is me')).toBeVisible();
  await expect(app.nav).toContainText('You are Dana Ruiz');

  await page.reload();
  await expect(people.row('Dana Ruiz')).toBeVisible();
  await expect(people.row('Dana Ruiz').getByLabel('Dana Ruiz is me')).toBeVisible();
  await expect(people.row('Sam Okafor').getByRole('combobox', { name: 'Role of Sam Okafor' })).toHaveValue('rep');

  // And it is in the real SQLite file: a restarted server reads it back.
  await gamefilm.restart();
  await page.goto(gamefilm.url + '#/people');
  await expect(people.row('Dana Ruiz').getByLabel('Dana Ruiz is me')).toBeVisible();
});

test('removing a person asks first and can be undone', async ({ page, gamefilm }) => {
  const app = new AppPage(page);
  await app.goto(gamefilm.url + '#/people');
  const people = new PeoplePage(page);
  await people.add('Temp Person');
  await people.row('Temp Person').getByRole('button', { name: 'Remove Temp Person' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove Temp Person?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(people.row('Temp Person')).toBeVisible();

  await people.row('Temp Person').getByRole('button', { name: 'Remove Temp Person' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(people.row('Temp Person')).toHaveCount(0);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(people.row('Temp Person')).toBeVisible();
});

test('a request without the token is refused', async ({ request, gamefilm }) => {
  const base = `http://127.0.0.1:${gamefilm.port}`;
  const res = await request.post(`${base}/api/people.create`, { data: { name: 'Mallory', role: 'rep' } });
  expect(res.status()).toBe(401);
  const list = await request.post(`${base}/api/people.list`, { headers: { 'x-gamefilm-token': gamefilm.token } });
  expect(await list.json()).toEqual({ ok: true, value: [] });
});

test('theme can be switched and keyboard focus is visible', async ({ page, gamefilm }) => {
  const app = new AppPage(page);
  await app.goto(gamefilm.url + '#/settings');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).toBe('solid');
});
