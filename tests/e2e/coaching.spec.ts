import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { Annotation } from '../../src/shared/domain';
import { makeMedia } from '../fixtures/media';
import type { GamefilmServer } from './fixtures';
import { expect, test } from './fixtures';
import { callApi, importCall } from './media';
import { AppPage } from './pages/AppPage';
import { CoachingPage } from './pages/CoachingPage';
import { PeoplePage } from './pages/PeoplePage';
import { RepPage } from './pages/RepPage';

const SHOTS = resolve(__dirname, '../../screenshots');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-coaching-'));
  mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Adds people on the People screen and marks the first as "me". */
async function team(page: Page, server: GamefilmServer, people: Array<[string, 'Rep' | 'Coach']>) {
  const app = new AppPage(page);
  await app.goto(server.url);
  await app.open('People');
  const screen = new PeoplePage(page);
  for (const [name, role] of people) await screen.add(name, role);
  await screen.markMe(people[0]![0]);
  return screen;
}

async function becomeMe(page: Page, name: string) {
  await new AppPage(page).open('People');
  await new PeoplePage(page).markMe(name);
  await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(`You are ${name}`);
}

const openCall = async (page: Page, server: GamefilmServer, callId: string) => {
  const call = new CoachingPage(page);
  await call.player.open(server.url, callId);
  return call;
};

test('annotations: a dragged range and an M point during playback survive a reload and a crash mid-sentence', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(120_000);
  const pageErrors = collectPageErrors(page);
  const callId = await importCall(gamefilm, await makeMedia(dir, 'mp3', { durationSec: 20, name: 'Acme discovery' }));
  await team(page, gamefilm, [['Casey Coach', 'Coach']]);
  const call = await openCall(page, gamefilm, callId);
  await expect(call.tab('Annotations')).toHaveAttribute('aria-selected', 'true');

  // Drag across 20%–45% of a 20 s call: a range from about 0:04 to 0:09, its comment box focused.
  await call.dragOnWaveform(0.2, 0.45);
  const range = call.comment(/^Comment 0:0[34]–0:(09|10)$/);
  await expect(range).toBeFocused();
  await page.keyboard.type('Great reframe of the price objection');
  await expect.poll(() => call.drawnRegions()).toEqual({ ranges: 1, points: 0 });

  // M while playing: a point at the playhead, playback keeps going, the cursor is in its box.
  await call.player.clickWaveformAt(0.6);
  await call.player.playPause.click();
  await expect.poll(async () => (await call.player.media()).paused).toBe(false);
  await page.keyboard.press('m');
  const point = call.comment(/^Comment 0:1[2-4]$/);
  await expect(point).toBeFocused();
  await page.keyboard.type('Missed the budget question');
  expect((await call.player.media()).paused).toBe(false);
  await expect(point).toHaveValue('Missed the budget question');
  await expect.poll(() => call.drawnRegions()).toEqual({ ranges: 1, points: 1 });
  await call.player.playPause.click();
  await expect(call.annotations.getByRole('status')).toHaveText('All changes saved');
  await call.annotations.getByLabel(/^Tag for comment at/).selectOption({ label: 'discovery' });

  await shoot(page, 'coaching-annotations', page.getByRole('textbox', { name: 'Call title' }));

  // Reload: both are listed (in time order) and drawn.
  await page.reload();
  await call.player.waitPainted();
  await expect(call.annotationItems()).toHaveCount(2);
  await expect(call.annotationItems().nth(0).getByRole('textbox').first()).toHaveValue(
    'Great reframe of the price objection',
  );
  await expect(call.annotationItems().nth(1).getByRole('textbox').first()).toHaveValue('Missed the budget question');
  await expect.poll(() => call.drawnRegions()).toEqual({ ranges: 1, points: 1 });

  // Delete with undo.
  await call
    .annotationItems()
    .nth(0)
    .getByRole('button', { name: /^Delete annotation/ })
    .click();
  await expect(call.annotationItems()).toHaveCount(1);
  await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).click();
  await expect(call.annotationItems()).toHaveCount(2);

  // Crash mid-sentence: type, and kill the server before the save can land.
  const sentence = ' — ask it before the demo, not after';
  await point.click();
  await page.keyboard.press('End');
  await page.keyboard.type(sentence);
  await gamefilm.restart();
  await call.player.open(gamefilm.url, callId);
  await expect(point).toHaveValue(`Missed the budget question${sentence}`);
  // And the core has it, not just this page.
  await expect
    .poll(async () => (await callApi<Annotation[]>(gamefilm, 'annotations.list', { callId })).map((a) => a.body))
    .toContain(`Missed the budget question${sentence}`);
  expect(pageErrors).toEqual([]);
});

test('two reviewers score blind, the reveal shows the spread, and an action item is ticked on the rep page', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(150_000);
  const pageErrors = collectPageErrors(page);
  const callId = await importCall(gamefilm, await makeMedia(dir, 'mp3', { durationSec: 20, name: 'Globex demo' }));
  await team(page, gamefilm, [
    ['Casey Coach', 'Coach'],
    ['Pat Peer', 'Rep'],
    ['Riley Rep', 'Rep'],
  ]);
  let call = await openCall(page, gamefilm, callId);
  await page
    .getByRole('region', { name: 'Call details' })
    .getByLabel('Rep', { exact: true })
    .selectOption({ label: 'Riley Rep' });

  // Casey scores first with the default rubric.
  await call.tab('Scorecard').click();
  await expect(call.scorecard.getByLabel('Rubric')).toHaveValue(/.+/);
  await expect(call.scorecard.getByLabel('Rubric').locator('option:checked')).toHaveText('Sales Call Fundamentals');
  await call.scorecard.getByRole('button', { name: 'Start scoring' }).click();
  const casey = { 'Discovery Skills': 4, 'Value Communication': 3, 'Objection Handling': 2, 'Deal Progression': 4 };
  for (const [name, level] of Object.entries(casey)) await call.score(name, level);
  await call.player.playhead.scrollIntoViewIfNeeded();
  await call.player.clickWaveformAt(0.5);
  await call.scorecard
    .getByRole('button', { name: 'Add the playhead moment as evidence for Discovery Skills' })
    .click();
  await expect(call.scorecard.getByRole('button', { name: /^Play evidence at 0:(09|10)/ })).toBeVisible();
  await call.scorecard
    .getByLabel('Comment on Discovery Skills')
    .fill('Good open questions, but stopped at the first pain.');
  const actionText = 'Ask about budget in the first ten minutes';
  const actions = call.scorecard.getByRole('form', { name: 'Add an action item' });
  await actions.getByLabel('New action item').fill(actionText);
  await actions.getByLabel('Owner').selectOption({ label: 'Riley Rep' });
  await actions.getByRole('button', { name: 'Add' }).click();
  await expect(call.scorecard.getByRole('list', { name: 'Action items' })).toContainText(actionText);
  // Overall = (30·4 + 25·3 + 20·2 + 25·4) / 100 = 3.35 → "3.4" at one decimal.
  await expect(call.scorecard.getByLabel('Overall score')).toContainText('3.4');
  await expect(call.scorecard.getByText('All changes saved')).toBeVisible();
  await shoot(page, 'coaching-scorecard', page.getByRole('tablist', { name: 'Review' }));
  await call.scorecard.getByRole('button', { name: 'Submit' }).click();
  await expect(call.scorecard.getByText('Submitted', { exact: true })).toBeVisible();
  await expect(call.scorecard.getByRole('radio', { name: '4', exact: true }).first()).toBeDisabled();

  // Pat scores blind: knows that someone submitted, not what they gave.
  await becomeMe(page, 'Pat Peer');
  call = await openCall(page, gamefilm, callId);
  await call.tab('Calibration').click();
  await expect(call.calibration.getByRole('heading', { name: 'Blind until you submit' })).toBeVisible();
  await call.tab('Scorecard').click();
  await expect(
    call.scorecard.getByText('1 other reviewer has submitted — submit yours to see theirs', { exact: false }),
  ).toBeVisible();
  await call.scorecard.getByRole('button', { name: 'Start scoring' }).click();
  const pat = { 'Discovery Skills': 2, 'Value Communication': 3, 'Objection Handling': 4, 'Deal Progression': 4 };
  for (const [name, level] of Object.entries(pat)) await call.score(name, level);
  await expect(page.getByRole('table', { name: 'Scores by criterion' })).toHaveCount(0);
  await call.scorecard.getByRole('button', { name: 'Submit' }).click();
  await call.scorecard.getByRole('button', { name: 'Compare in Calibration' }).click();

  // The reveal: each reviewer side by side, spread per criterion, disagreements first.
  const table = call.calibration.getByRole('table', { name: 'Scores by criterion' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /Casey Coach/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /Pat Peer/ })).toBeVisible();
  expect(await call.spreadOf('Discovery Skills')).toBe('2');
  expect(await call.spreadOf('Objection Handling')).toBe('2');
  expect(await call.spreadOf('Value Communication')).toBe('0');
  expect(await call.spreadOf('Deal Progression')).toBe('0');
  const firstTwo = await table.locator('tbody tr th').allTextContents();
  expect(firstTwo.slice(0, 2).sort()).toEqual(['Discovery Skills', 'Objection Handling']);
  await expect(call.calibrationRow('Discovery Skills')).toContainText('0%');
  await expect(call.calibrationRow('Value Communication')).toContainText('100%');
  await expect(call.calibration.getByRole('group', { name: 'Agreement across criteria' })).toContainText(
    'from 8 scores on 4 criteria by 2 peer and coach reviewers',
  );
  // By hand (interval metric, 4 units × 2 coders, values 4/2, 2/4, 3/3, 4/4): D_o = 16/8 = 2,
  // D_e = 88/56 ≈ 1.571, alpha = 1 − D_o/D_e ≈ −0.27.
  await expect(call.calibration.getByRole('group', { name: 'Agreement across criteria' })).toContainText('-0.27');
  await call.calibration.getByLabel('Agreed score for Discovery Skills').selectOption('3');
  await call.calibration
    .getByLabel('Anchor note for Discovery Skills')
    .fill('A 4 needs a follow-up question on the pain.');
  await call.calibration.getByLabel('Anchor note for Discovery Skills').blur();
  await expect
    .poll(async () => {
      const data = await callApi<{
        groups: Array<{
          reveal: { criteria: Array<{ name: string; agreedScore: number | null; note: string }> } | null;
        }>;
      }>(gamefilm, 'scorecards.forCall', { callId });
      return data.groups[0]?.reveal?.criteria.find((c) => c.name === 'Discovery Skills');
    })
    .toMatchObject({ agreedScore: 3, note: 'A 4 needs a follow-up question on the pain.' });
  await shoot(page, 'coaching-calibration', page.getByRole('tablist', { name: 'Review' }));

  // The rubric in use: editing it will make version 2, and the editor says so before saving.
  await new AppPage(page).open('Rubrics');
  await page.getByRole('button', { name: /Sales Call Fundamentals/ }).click();
  const editor = page.getByRole('form', { name: 'Edit Sales Call Fundamentals' });
  await expect(editor.getByRole('note')).toContainText('used by 2 scorecards');
  await editor.getByRole('textbox', { name: 'Level 3' }).first().fill('Asks a few open questions; some follow-up.');
  await expect(editor.getByRole('button', { name: 'Save as version 2' })).toBeEnabled();
  // 4 is the floor: nothing can be removed until a fifth is added, and a blank one blocks saving.
  await expect(editor.getByRole('button', { name: 'Remove criterion Discovery Skills' })).toBeDisabled();
  await editor.getByRole('button', { name: '+ Add criterion' }).click();
  await expect(editor.getByRole('button', { name: 'Remove criterion Discovery Skills' })).toBeEnabled();
  await expect(editor.getByRole('list', { name: 'Before you can save' })).toContainText('Criterion 5 needs a name.');
  await expect(editor.getByRole('button', { name: 'Save as version 2' })).toBeDisabled();
  await editor.getByRole('button', { name: 'Discard changes' }).click();

  // Riley's page: the open action item, ticked done (by Casey, who wrote it — a peer may not), stays
  // on screen until the page is left.
  await becomeMe(page, 'Casey Coach');
  await new AppPage(page).open('People');
  await page.getByRole('link', { name: 'Page of Riley Rep' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Riley Rep' })).toBeVisible();
  const rep = new RepPage(page);
  await expect(rep.actionItem(actionText)).toBeVisible();
  await expect(rep.chart).toBeVisible();
  await rep.doneBox(actionText).check();
  await expect(rep.doneBox(actionText)).toBeChecked();
  await expect(rep.actionItem(actionText)).toContainText('Done');
  await shoot(page, 'coaching-rep', page.getByRole('heading', { level: 1, name: 'Riley Rep' }));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Riley Rep' })).toBeVisible();
  await expect(page.getByText('Nothing open.', { exact: false })).toBeVisible();
  await expect(rep.actionItem(actionText)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

/** Uncaught errors in the page (a render loop, a crash) fail the test even when the screen looks fine. */
function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Viewport screenshots at both sizes with `target` scrolled to the top (the app scrolls inside its main area). */
async function shoot(page: Page, name: string, target: Locator) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // Scroll the app's own scroller, not the window, so the frame stays put.
    await target.evaluate((el) => {
      const main = el.closest('main');
      if (main) main.scrollTop += el.getBoundingClientRect().top - main.getBoundingClientRect().top - 12;
    });
    // Let the waveform redraw at the new width before the picture is taken.
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0]);
}
