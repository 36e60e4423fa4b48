import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Attempt, DrillSummary, Person } from '../../src/shared/domain';
import type { Result } from '../../src/shared/result';
import { makeMedia } from '../fixtures/media';
import type { GamefilmServer } from './fixtures';
import { expect, test } from './fixtures';
import { callApi, importCall } from './media';
import { AppPage } from './pages/AppPage';
import { ControlPage, PresenterPage, SessionPlanPage } from './pages/SessionPages';

const SHOTS = resolve(__dirname, '../../screenshots');

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-sessions-'));
  mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A recorded drill answer, sent the way the drill screen sends one in browser mode. */
async function recordAttempt(server: GamefilmServer, drillId: string, file: string): Promise<Attempt> {
  const res = await fetch(`${new URL(server.url).origin}/upload?for=attempt&drill=${drillId}&name=attempt.webm`, {
    method: 'POST',
    headers: { 'x-gamefilm-token': server.token },
    body: await readFile(file),
  });
  const result = (await res.json()) as Result<Attempt>;
  if (!result.ok) throw new Error(`attempt upload: ${result.error.message}`);
  return result.value;
}

interface Legibility {
  smallestPx: number;
  smallestText: string;
  bodyMinPx: number;
  minContrast: number;
  minContrastText: string;
  textNodes: number;
}

/**
 * Walks every visible text node of the page: the smallest computed font
 * size, the smallest among body text (paragraphs, list items, definitions),
 * and the lowest contrast between a text's colour and the first opaque
 * background behind it (WCAG relative luminance).
 */
function measureLegibility(): Legibility {
  const parse = (c: string): [number, number, number, number] | null => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return null;
    const parts = m[1]!
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
  };
  const luminance = ([r, g, b]: [number, number, number, number]) => {
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const backgroundOf = (el: Element | null): [number, number, number, number] => {
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg[3] >= 1) return bg;
    }
    return [255, 255, 255, 1];
  };
  const result: Legibility = {
    smallestPx: Infinity,
    smallestText: '',
    bodyMinPx: Infinity,
    minContrast: Infinity,
    minContrastText: '',
    textNodes: 0,
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? '';
    const el = node.parentElement;
    if (!text || !el) continue;
    const style = getComputedStyle(el);
    const range = document.createRange();
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (style.visibility === 'hidden' || style.display === 'none' || rect.width === 0 || rect.height === 0) continue;
    result.textNodes++;
    const size = parseFloat(style.fontSize);
    if (size < result.smallestPx) {
      result.smallestPx = size;
      result.smallestText = text;
    }
    if (el.closest('p, li, dd') && size < result.bodyMinPx) result.bodyMinPx = size;
    const fg = parse(style.color);
    if (fg) {
      const [a, b] = [luminance(fg), luminance(backgroundOf(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < result.minContrast) {
        result.minContrast = ratio;
        result.minContrastText = text;
      }
    }
  }
  return result;
}

async function team(server: GamefilmServer) {
  const ana = await callApi<Person>(server, 'people.create', { name: 'Ana Rep', role: 'rep' });
  const ben = await callApi<Person>(server, 'people.create', { name: 'Ben Rep', role: 'rep' });
  const cy = await callApi<Person>(server, 'people.create', { name: 'Cy Coach', role: 'coach' });
  await callApi(server, 'people.setMe', { id: cy.id });
  return { ana, ben, cy };
}

async function openPresenter(page: Page): Promise<Page> {
  const [popup] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('button', { name: 'Open presenter view' }).click(),
  ]);
  await popup.setViewportSize({ width: 1920, height: 1080 });
  await popup.getByRole('main', { name: 'Presenter view' }).waitFor();
  return popup;
}

test('a review session from a template: control view drives the presenter view, capture lands in the summary and on the person page', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(180_000);
  const { ana, ben } = await team(gamefilm);
  const acme = await importCall(gamefilm, await makeMedia(dir, 'mp3', { durationSec: 24, name: 'Acme discovery' }));
  const globex = await importCall(gamefilm, await makeMedia(dir, 'mp3', { durationSec: 30, name: 'Globex demo' }));
  await callApi(gamefilm, 'calls.update', { id: acme, repId: ana.id, title: 'Acme discovery' });
  await callApi(gamefilm, 'calls.update', { id: globex, repId: ben.id, title: 'Globex demo' });
  const drills = await callApi<DrillSummary[]>(gamefilm, 'drills.list');
  const drill = drills[0]!;
  await recordAttempt(gamefilm, drill.id, await makeMedia(dir, 'webm', { durationSec: 8, name: 'answer' }));

  // Plan: the weekly template's two clips and a drill showcase, filled in on the plan page.
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  await app.open('Sessions');
  const plan = new SessionPlanPage(page);
  await plan.create('Week 12 review', 'Weekly call review');
  await plan.chooseCall(1, /Acme discovery/);
  await plan.chooseCall(2, /Globex demo/);
  await plan.chooseAttempt(3, new RegExp(drill.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(plan.item(1).getByLabel('Presenter')).toHaveValue(ana.id);
  await expect(plan.item(2).getByLabel('Presenter')).toHaveValue(ben.id);
  await plan.start();

  // Run: the presenter view in a second page follows the control page.
  const control = new ControlPage(page);
  await expect(control.currentItem()).toHaveText('1. Clip of the week');
  const presenterPage = await openPresenter(page);
  const presenter = new PresenterPage(presenterPage);
  await expect(presenter.title).toHaveText('Clip of the week');
  await expect(presenter.playing).toHaveText('❚❚ Paused');

  await control.focusPage();
  await page.keyboard.press('n');
  await expect(control.currentItem()).toHaveText('2. A moment to learn from');
  await expect(presenter.title).toHaveText('A moment to learn from');
  await expect(presenterPage.getByText('Presenting: Ben Rep')).toBeVisible();

  await control.focusPage();
  await page.keyboard.press(' ');
  await expect(presenter.playing).toHaveText('▶ Playing');
  await expect.poll(() => presenter.fraction(), { timeout: 10_000 }).toBeGreaterThan(0.05);
  await control.focusPage();
  await page.keyboard.press(' ');
  await expect(presenter.playing).toHaveText('❚❚ Paused');

  // T stops the timer; the presenter shows it stopped.
  await control.focusPage();
  await page.keyboard.press('t');
  await expect(presenterPage.getByRole('timer')).toContainText('Timer stopped');
  await page.keyboard.press('t');
  await expect(presenterPage.getByRole('timer')).not.toContainText('Timer stopped');

  // Capture: feedback shows on the room's screen as it is captured.
  await control.feedback('Strength', 'Named the budget owner in the first minute');
  await expect(presenter.feedback).toContainText('Named the budget owner in the first minute');
  await control.actionItem('Practise the pricing pause', '2026-04-03');
  await control.kudos(/Great discovery/, 'Found the real pain with one question');
  await expect(presenter.feedback).toContainText('Found the real pain with one question');

  // Reloading the presenter (or closing and reopening it) loses nothing.
  await presenterPage.reload();
  await expect(presenter.title).toHaveText('A moment to learn from');
  await expect(presenter.feedback).toContainText('Named the budget owner in the first minute');

  // Legible from the back of the room, measured in the page.
  const legibility = await presenterPage.evaluate(measureLegibility);
  console.log('presenter legibility', JSON.stringify(legibility));
  expect(legibility.textNodes).toBeGreaterThan(10);
  expect(legibility.smallestPx).toBeGreaterThanOrEqual(20);
  expect(legibility.bodyMinPx).toBeGreaterThanOrEqual(28);
  expect(legibility.minContrast).toBeGreaterThanOrEqual(7);
  const axe = await new AxeBuilder({ page: presenterPage }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await presenterPage.screenshot({ path: join(SHOTS, 'session-presenter-1920x1080.png') });
  await page.evaluate(() => document.getElementById('main')?.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, 'session-control-1280x800.png') });

  // Reloading the control view resumes at the same item.
  await page.reload();
  await expect(control.currentItem()).toHaveText('2. A moment to learn from');

  // Finish: the summary has all three, and the kudos is on Ben's page.
  await page.getByRole('button', { name: 'Finish session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Week 12 review: summary' })).toBeVisible();
  const benSummary = page.getByRole('region', { name: 'Ben Rep' });
  await expect(benSummary).toContainText('Named the budget owner in the first minute');
  await expect(benSummary).toContainText('Found the real pain with one question');
  await expect(benSummary).toContainText('presented 1');
  await expect(page.getByRole('list', { name: 'Action items' })).toContainText('Practise the pricing pause');
  await expect(page.getByRole('list', { name: 'Kudos' })).toContainText('Found the real pain with one question');
  await expect(presenter.title).toHaveText('That’s a wrap — thank you!');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export as HTML' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^week-12-review-\d{4}-\d{2}-\d{2}\.html$/);
  const html = await readFile((await download.path())!, 'utf8');
  expect(html).toContain('Practise the pricing pause');
  expect(html).toContain('Found the real pain with one question');

  await page.goto(`${new URL(gamefilm.url).origin}/#/people/${ben.id}`);
  await expect(page.getByRole('list', { name: 'Kudos received' })).toContainText(
    'Found the real pain with one question',
  );
  await page.screenshot({ path: join(SHOTS, 'session-person-kudos-1280x800.png'), fullPage: true });
});
