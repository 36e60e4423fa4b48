import { callApi } from './media';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

test('the team edits its annotation tags and kudos badges in Settings', async ({ page, gamefilm }) => {
  const app = new AppPage(page);
  await app.goto(gamefilm.url + '#/settings');
  const tags = page.getByRole('list', { name: 'Annotation tags' });
  const badges = page.getByRole('list', { name: 'Kudos badges' });
  await expect(tags.getByRole('listitem')).toHaveCount(8);

  // Add, rename, recolour.
  const addTag = page.getByRole('form', { name: 'Add an annotation tag' });
  await addTag.getByLabel('New').fill('pricing');
  await addTag.getByRole('button', { name: 'Add' }).click();
  await expect(tags.getByRole('listitem', { name: 'pricing' })).toBeVisible();
  const name = page.getByRole('textbox', { name: 'Name of tag pricing' });
  await name.fill('pricing pushback');
  await name.press('Enter');
  await expect(tags.getByRole('listitem', { name: 'pricing pushback' })).toBeVisible();
  await page.getByLabel('Colour of pricing pushback').fill('#aa3366');

  // Removing asks first; Cancel keeps it.
  await page.getByRole('button', { name: 'Remove tag win' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(tags.getByRole('listitem', { name: 'win' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove tag win' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(tags.getByRole('listitem', { name: 'win' })).toHaveCount(0);

  const addBadge = page.getByRole('form', { name: 'Add a kudos badge' });
  await addBadge.getByLabel('New').fill('Closer of the week');
  await addBadge.getByRole('button', { name: 'Add' }).click();
  await expect(badges.getByRole('listitem', { name: 'Closer of the week' })).toBeVisible();
  // Badges wear icons from the shipped set (SVG), not emoji a projector may not have a font for.
  await expect(
    badges.getByRole('listitem', { name: 'Great discovery' }).locator('svg[data-icon="search"]'),
  ).toBeVisible();
  await page.getByLabel('Icon of badge Closer of the week').selectOption('trophy');
  await expect(
    badges.getByRole('listitem', { name: 'Closer of the week' }).locator('svg[data-icon="trophy"]'),
  ).toBeVisible();

  // Stored in the library, not just on screen.
  await page.reload();
  await expect(tags.getByRole('listitem', { name: 'pricing pushback' })).toBeVisible();
  const stored = await callApi<Array<{ name: string; color: string }>>(gamefilm, 'annotations.tags');
  expect(stored.find((t) => t.name === 'pricing pushback')?.color).toBe('#aa3366');
  expect(stored.map((t) => t.name)).not.toContain('win');
  const storedBadges = await callApi<Array<{ name: string; icon: string }>>(gamefilm, 'kudos.badges');
  expect(storedBadges.find((b) => b.name === 'Closer of the week')?.icon).toBe('trophy');
  expect(storedBadges.find((b) => b.name === 'Great discovery')?.icon).toBe('search');
});
