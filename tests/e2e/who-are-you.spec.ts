import type { Person } from '../../src/shared/domain';
import { expect, test } from './fixtures';
import { callApi } from './media';
import { AppPage } from './pages/AppPage';
import { shoot } from './shots';

/**
 * First start (issue 11): on a library where nobody is "me", the app asks in
 * the page who is using it; acting before that gets a message pointing there.
 */
test('a fresh library asks "Who are you?"; adding "Dana, coach" stores Dana as me', async ({ page, gamefilm }) => {
  // Before anyone is me, acting is refused with a message that says where to choose.
  await expect(callApi(gamefilm, 'drills.plan', { personId: '01900000-0000-7000-8000-000000000001' })).rejects.toThrow(
    /Choose who you are first \(the “Who are you\?” panel/,
  );
  await new AppPage(page).goto(gamefilm.url);
  const panel = page.getByRole('region', { name: 'Who are you?' });
  await expect(panel).toBeVisible();
  await shoot(page, 'who-are-you');
  const add = panel.getByRole('form', { name: 'Add yourself' });
  await add.getByLabel('Your name').fill('Dana');
  await add.getByLabel('Your role').selectOption({ label: 'Coach' });
  await add.getByRole('button', { name: 'Add me' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toContainText('You are Dana');
  await expect(panel).toHaveCount(0);
  const people = await callApi<Person[]>(gamefilm, 'people.list');
  expect(people.map((p) => [p.name, p.role, p.isMe])).toEqual([['Dana', 'coach', true]]);
});

test('with people already here, the panel picks one of them', async ({ page, gamefilm }) => {
  await callApi(gamefilm, 'people.create', { name: 'Ray Rep', role: 'rep' });
  await callApi(gamefilm, 'people.create', { name: 'Cora Coach', role: 'coach' });
  await new AppPage(page).goto(gamefilm.url);
  const panel = page.getByRole('region', { name: 'Who are you?' });
  await panel.getByLabel('I am').selectOption({ label: 'Ray Rep (Rep)' });
  await panel.getByRole('button', { name: 'Continue as me' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toContainText('You are Ray Rep');
  const people = await callApi<Person[]>(gamefilm, 'people.list');
  expect(people.filter((p) => p.isMe).map((p) => p.name)).toEqual(['Ray Rep']);
});
