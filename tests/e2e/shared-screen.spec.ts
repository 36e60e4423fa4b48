import type { Page } from '@playwright/test';
import type { Annotation, Call, Person, ReviewSession, Transcript } from '../../src/shared/domain';
import type { GamefilmServer } from './fixtures';
import { expect, test } from './fixtures';
import { callApi } from './media';
import { AppPage } from './pages/AppPage';
import { shoot } from './shots';

/** The shared screen (issue 12, items 9–11): the presenter view and the control view in the room. */

const LONG =
  'Named the budget owner in the first minute, then asked what a late rollout would cost the support team each week, and waited through the silence until the customer put a number on it themselves';

/** The sample call in a running session, with the maximum the room's screen is asked to show. */
async function fullSession(server: GamefilmServer) {
  const call = await callApi<Call>(server, 'calls.openSample', {});
  const coach = await callApi<Person>(server, 'people.create', { name: 'Cy Coach', role: 'coach' });
  const rep = await callApi<Person>(server, 'people.create', { name: 'Ana Rep', role: 'rep' });
  await callApi(server, 'people.setMe', { id: coach.id });
  await callApi(server, 'calls.update', { id: call.id, repId: rep.id });
  // A long transcript excerpt: the clip's first segments rewritten at length.
  const transcript = await callApi<Transcript>(server, 'transcripts.get', { mediaSha256: call.media.sha256 });
  for (const segment of transcript.segments.slice(0, 4)) {
    await callApi(server, 'transcripts.updateSegment', { segmentId: segment.id, text: `${segment.text} ${LONG}.` });
  }
  let session = await callApi<ReviewSession>(server, 'sessions.create', {
    title: 'Week 12 review: discovery and pricing objections across the mid-market team',
    date: '2026-03-27',
    participantIds: [coach.id, rep.id],
  });
  session = await callApi<ReviewSession>(server, 'sessions.addItem', {
    sessionId: session.id,
    kind: 'clip',
    title: 'A moment to learn from: the price objection and how the next step was agreed before the end of the call',
    callId: call.id,
    startSec: 0,
    endSec: Math.min(60, call.media.durationSec),
    presenterId: rep.id,
    facilitatorId: coach.id,
    reviewerIds: [coach.id],
  });
  session = await callApi<ReviewSession>(server, 'sessions.start', { id: session.id });
  const itemId = session.items[0]!.id;
  for (let i = 1; i <= 5; i++) {
    await callApi(server, 'sessions.addFeedback', {
      sessionId: session.id,
      itemId,
      authorId: coach.id,
      kind: i % 2 ? 'strength' : 'improvement',
      body: `${i}. ${LONG}`,
    });
  }
  const [badge] = await callApi<Array<{ id: string }>>(server, 'kudos.badges');
  await callApi(server, 'kudos.give', {
    giverId: coach.id,
    recipientId: rep.id,
    badgeId: badge!.id,
    reason: 'Held the silence after the price',
    sessionId: session.id,
    itemId,
  });
  return { session, call, coach, rep };
}

async function openPresenterDirectly(page: Page, server: GamefilmServer, sessionId: string) {
  await new AppPage(page).goto(server.url);
  await page.goto(`${new URL(server.url).origin}/#/present/${sessionId}`);
  await page.getByRole('main', { name: 'Presenter view' }).locator('.presenter-title').waitFor();
}

const ROOM_SIZES = [
  { width: 1280, height: 720 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 1920, height: 1200 },
];

test('the presenter view fits every 16:9 and 16:10 screen from 1280×720 with the maximum content, text ≥ 28 px', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(120_000);
  const { session } = await fullSession(gamefilm);
  await openPresenterDirectly(page, gamefilm, session.id);
  const feedback = page.getByRole('list', { name: 'Feedback on this item' });
  // The newest line first: the kudos, its badge drawn as an icon.
  await expect(feedback.getByRole('listitem').first()).toContainText('Held the silence after the price');
  await expect(feedback.getByRole('listitem').first().locator('svg[data-icon="search"]')).toBeVisible();
  await expect(page.locator('.excerpt li').first()).toContainText('Named the budget owner');
  for (const size of ROOM_SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const fit = await page.evaluate(() => {
      let smallest = Infinity;
      let smallestText = '';
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        const text = node.textContent?.trim() ?? '';
        if (!el || !text || el.closest('[hidden]')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        const px = parseFloat(getComputedStyle(el).fontSize);
        if (px < smallest) [smallest, smallestText] = [px, text];
      }
      // Everything shown ends inside the window (nothing cut off at the bottom edge).
      const shown = [...document.querySelectorAll('.presenter li, .presenter h1, .presenter p')].filter(
        (el) => !el.closest('[hidden]') && el.getBoundingClientRect().height > 0,
      );
      const lowest = Math.max(...shown.map((el) => el.getBoundingClientRect().bottom));
      return {
        scrollHeight: document.documentElement.scrollHeight,
        innerHeight: window.innerHeight,
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        lowest,
        smallest,
        smallestText,
        feedbackShown: [...document.querySelectorAll('.presenter-feedback > li')].filter(
          (li) => !li.closest('[hidden]') && !(li as HTMLElement).hidden,
        ).length,
      };
    });
    const where = `${size.width}×${size.height}`;
    expect(fit.scrollHeight, `page height at ${where}`).toBeLessThanOrEqual(fit.innerHeight);
    expect(fit.scrollWidth, `page width at ${where}`).toBeLessThanOrEqual(fit.innerWidth);
    expect(fit.lowest, `lowest text at ${where}`).toBeLessThanOrEqual(fit.innerHeight);
    expect(fit.smallest, `smallest text at ${where}: “${fit.smallestText}”`).toBeGreaterThanOrEqual(28);
    // The newest line is always on screen; what does not fit is counted, not cut.
    expect(fit.feedbackShown, `feedback lines at ${where}`).toBeGreaterThanOrEqual(1);
    if (fit.feedbackShown < 6) await expect(page.getByText(`+ ${6 - fit.feedbackShown} earlier`)).toBeVisible();
  }
  await shoot(page, 'presenter-full');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: 'screenshots/presenter-full-1280x720.png' });
});

/** A running session of three clips of the sample call, opened in the control view. */
async function threeClips(page: Page, server: GamefilmServer) {
  const { session, call, coach, rep } = await fullSession(server);
  for (const [startSec, endSec] of [
    [10, 20],
    [20, 30],
  ]) {
    await callApi(server, 'sessions.addItem', {
      sessionId: session.id,
      kind: 'clip',
      title: `Clip from ${startSec} s`,
      callId: call.id,
      startSec,
      endSec,
      presenterId: rep.id,
    });
  }
  await new AppPage(page).goto(server.url);
  await page.goto(`${new URL(server.url).origin}/#/sessions/${session.id}/run`);
  await expect(page.locator('#current-item-heading')).toContainText('1. A moment to learn from');
  return { session, call, coach, rep };
}

const stored = (server: GamefilmServer, id: string) => callApi<ReviewSession>(server, 'sessions.get', { id });

test('control view keys work whatever has focus, except typing; a focused Next → never double-steps', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(120_000);
  const { session } = await threeClips(page, gamefilm);
  const heading = page.locator('#current-item-heading');
  const next = page.getByRole('button', { name: 'Next →' });

  // Click "Next →" (it keeps focus), then Space: play/pause, not a second step.
  await next.click();
  await expect(heading).toContainText('2. Clip from 10 s');
  await expect(next).toBeFocused();
  await page.keyboard.press(' ');
  await expect.poll(async () => (await stored(gamefilm, session.id)).playback.playing).toBe(true);
  await page.keyboard.press(' ');
  await expect.poll(async () => (await stored(gamefilm, session.id)).playback.playing).toBe(false);
  await expect(heading).toContainText('2. Clip from 10 s');
  const afterSpace = await stored(gamefilm, session.id);
  expect(afterSpace.currentItemId).toBe(afterSpace.items[1]!.id);

  // PageUp with the focused button: one step back, not two.
  await page.keyboard.press('PageUp');
  await expect(heading).toContainText('1. A moment to learn from');

  // In a capture field: typing N types an n; PageDown still moves on; Escape leaves the field.
  const body = page.getByLabel('What was said');
  await body.click();
  await page.keyboard.type('Nice pause');
  await expect(body).toHaveValue('Nice pause');
  await expect(heading).toContainText('1. A moment to learn from');
  await page.keyboard.press('PageDown');
  await expect(heading).toContainText('2. Clip from 10 s');
  await page.keyboard.press('Escape');
  await expect(body).not.toBeFocused();
  await page.keyboard.press('n');
  await expect(heading).toContainText('3. Clip from 20 s');
  const live = await stored(gamefilm, session.id);
  expect(live.currentItemId).toBe(live.items[2]!.id);

  // N on the last item: nothing moves and no alert per press.
  for (let i = 0; i < 3; i++) await page.keyboard.press('n');
  await expect(heading).toContainText('3. Clip from 20 s');
  await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('alert')).toHaveCount(0);
});

test('presenter opened on its own, a blocked pop-up, whose call it is, flicking, clips from annotated moments', async ({
  page,
  browser,
  gamefilm,
}) => {
  test.setTimeout(120_000);
  const origin = new URL(gamefilm.url).origin;
  // The pop-up blocker says no to every window.open.
  await page.addInitScript(() => {
    window.open = () => null;
  });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const { session, call } = await threeClips(page, gamefilm);

  // Whose call it is, in the control view.
  await expect(page.locator('.control-subject')).toHaveText(`“${call.title}” · Ana Rep’s call`);

  // The presenter address on its own (another browser, no token): a clear way forward.
  const elsewhere = await browser.newContext();
  const alone = await elsewhere.newPage();
  await alone.goto(`${origin}/#/present/${session.id}`);
  await expect(alone.getByRole('alert')).toContainText('opened on its own');
  await expect(alone.getByRole('alert')).toContainText('Copy presenter link');
  await expect(alone.getByText('Missing or wrong access token')).toHaveCount(0);
  await shoot(alone, 'presenter-alone');

  // The blocked pop-up: a message and the link to copy, which opens the presenter anywhere.
  await page.getByRole('button', { name: 'Open presenter view' }).click();
  const blocked = page.getByRole('alert').filter({ hasText: 'blocked the presenter window' });
  await expect(blocked).toBeVisible();
  await blocked.getByRole('button', { name: 'Copy presenter link' }).click();
  await expect(blocked.getByRole('status')).toHaveText('Copied.');
  await shoot(page, 'control-popup-blocked');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain(`#/present/${session.id}`);
  await alone.goto(link);
  await expect(alone.getByRole('heading', { level: 1 })).toContainText('A moment to learn from');
  await expect(alone.locator('.presenter-subject')).toHaveText(`“${call.title}” · Ana Rep’s call`);
  await elsewhere.close();

  // Flicking past the second item in under a second: it is not covered.
  await page.locator('#main').focus();
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(page.locator('#current-item-heading')).toContainText('3. Clip from 20 s');
  const live = await stored(gamefilm, session.id);
  expect(live.items.map((i) => i.coveredAt !== null)).toEqual([true, false, true]);

  // A planned session: the clip's start and end come from one of the call's annotated moments.
  const annotations = await callApi<Annotation[]>(gamefilm, 'annotations.list', { callId: call.id });
  const range = annotations.find((a) => a.endSec !== null)!;
  const planned = await callApi<ReviewSession>(gamefilm, 'sessions.create', { title: 'Next week', date: '2026-04-03' });
  await callApi(gamefilm, 'sessions.addItem', {
    sessionId: planned.id,
    kind: 'clip',
    callId: call.id,
    startSec: 0,
    endSec: 60,
  });
  await page.goto(`${origin}/#/sessions/${planned.id}`);
  const moment = page.getByLabel('Clip of an annotated moment');
  await expect(moment.locator('option')).toHaveCount(annotations.length + 1);
  await moment.selectOption({ value: range.id });
  await expect
    .poll(async () => {
      const item = (await stored(gamefilm, planned.id)).items[0]!;
      return [item.startSec, item.endSec];
    })
    .toEqual([range.startSec, range.endSec]);
  await shoot(page, 'session-plan-moments');
});
