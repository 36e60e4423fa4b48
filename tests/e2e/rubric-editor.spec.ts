import type { Rubric, RubricSummary } from '../../src/shared/domain';
import { expect, test } from './fixtures';
import { callApi } from './media';
import { AppPage } from './pages/AppPage';
import { shoot } from './shots';

/**
 * Issue 12, item 1: the weight input's `step` made the browser refuse 1 and
 * 30/25/20/25, so no rubric could be saved. These tests submit the form and
 * read back what the core stored.
 */
test('an anchor edited on a rubric in use is saved as version 2, weights untouched', async ({ page, gamefilm }) => {
  // The sample call's submitted scorecard puts Sales Call Fundamentals in use.
  await callApi(gamefilm, 'calls.openSample', {});
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  await app.open('Rubrics');
  await page.getByRole('button', { name: /Sales Call Fundamentals/ }).click();
  const editor = page.getByRole('form', { name: 'Edit Sales Call Fundamentals' });
  await expect(editor.getByRole('note')).toContainText('used by 1 scorecard');
  const weights = editor.getByRole('spinbutton', { name: 'Weight' });
  await expect(weights).toHaveCount(4);
  const shipped = await weights.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  for (const input of await weights.all()) {
    expect(await input.evaluate((i) => (i as HTMLInputElement).checkValidity())).toBe(true);
  }
  await editor.getByRole('textbox', { name: 'Level 3' }).first().fill('Asks a few open questions; some follow-up.');
  await shoot(page, 'rubric-editor');
  await editor.getByRole('button', { name: 'Save as version 2' }).click();

  await expect
    .poll(async () => {
      const [summary] = (await callApi<RubricSummary[]>(gamefilm, 'rubrics.list')).filter(
        (r) => r.name === 'Sales Call Fundamentals',
      );
      return summary?.latestVersion;
    })
    .toBe(2);
  const id = (await callApi<RubricSummary[]>(gamefilm, 'rubrics.list')).find(
    (r) => r.name === 'Sales Call Fundamentals',
  )!.id;
  const stored = await callApi<Rubric>(gamefilm, 'rubrics.get', { id });
  expect(stored.latest.criteria[0]!.anchors[2]).toBe('Asks a few open questions; some follow-up.');
  expect(stored.latest.criteria.map((c) => String(c.weight))).toEqual(shipped);
  expect(stored.versions.map((v) => v.version)).toEqual([2, 1]);
  // The reloaded screen says the same.
  await page.reload();
  await app.open('Rubrics');
  await page.getByRole('button', { name: /Sales Call Fundamentals/ }).click();
  await expect(page.getByRole('region', { name: 'Versions' })).toContainText('Version 2');
  await expect(
    page.getByRole('form', { name: 'Edit Sales Call Fundamentals' }).getByRole('textbox', { name: 'Level 3' }).first(),
  ).toHaveValue('Asks a few open questions; some follow-up.');
});

test('a new rubric with the default weight of 1 and one of 2.25 is created', async ({ page, gamefilm }) => {
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  await app.open('Rubrics');
  await page.getByRole('button', { name: '+ New rubric' }).click();
  const editor = page.getByRole('form', { name: 'New rubric' });
  await editor.getByRole('textbox', { name: 'Rubric name' }).fill('Renewal calls');
  const criteria = editor.getByRole('group');
  await expect(criteria).toHaveCount(4);
  for (let i = 0; i < 4; i++) {
    const c = criteria.nth(i);
    await c.getByRole('textbox', { name: 'Name' }).fill(`Skill ${i + 1}`);
    for (let level = 1; level <= 5; level++) {
      await c.getByRole('textbox', { name: `Level ${level}` }).fill(`Skill ${i + 1} at level ${level}`);
    }
  }
  await expect(criteria.nth(0).getByRole('spinbutton', { name: 'Weight' })).toHaveValue('1');
  await criteria.nth(3).getByRole('spinbutton', { name: 'Weight' }).fill('2.25');
  await editor.getByRole('button', { name: 'Create rubric' }).click();
  await expect
    .poll(async () => (await callApi<RubricSummary[]>(gamefilm, 'rubrics.list')).map((r) => r.name))
    .toContain('Renewal calls');
  const id = (await callApi<RubricSummary[]>(gamefilm, 'rubrics.list')).find((r) => r.name === 'Renewal calls')!.id;
  const stored = await callApi<Rubric>(gamefilm, 'rubrics.get', { id });
  expect(stored.latest.criteria.map((c) => c.weight)).toEqual([1, 1, 1, 2.25]);
  expect(stored.latest.criteria[3]!.anchors[4]).toBe('Skill 4 at level 5');
});

test('Ctrl+6 and Ctrl+7 follow the sidebar: Rubrics, then Settings', async ({ page, gamefilm }) => {
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  const order = await app.nav.getByRole('link').allTextContents();
  expect(order.slice(5, 7)).toEqual(['Rubrics', 'Settings']);
  await page.keyboard.press('Control+6');
  await expect(page.getByRole('heading', { level: 1, name: 'Rubrics' })).toBeVisible();
  await page.keyboard.press('Control+7');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(app.area('Rubrics')).toHaveAttribute('title', 'Rubrics (Ctrl+6)');
});
