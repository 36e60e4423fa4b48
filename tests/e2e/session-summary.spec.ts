import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KudosBadge, Person, ReviewSession } from '../../src/shared/domain';
import { makeMedia } from '../fixtures/media';
import { expect, test } from './fixtures';
import { callApi, importCall } from './media';
import { AppPage } from './pages/AppPage';
import { shoot } from './shots';

/**
 * The session summary screen says what the HTML export says (issue 12,
 * item 14): Situation / Behavior / Impact, feedback each person gave as well
 * as received, and a kudos moment read the same way on the person's page and
 * in the export.
 */
let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-summary-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the summary shows SBI and feedback given and received; a kudos moment reads the same everywhere', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(120_000);
  const ana = await callApi<Person>(gamefilm, 'people.create', { name: 'Ana Rep', role: 'rep' });
  const ben = await callApi<Person>(gamefilm, 'people.create', { name: 'Ben Rep', role: 'rep' });
  const cy = await callApi<Person>(gamefilm, 'people.create', { name: 'Cy Coach', role: 'coach' });
  await callApi(gamefilm, 'people.setMe', { id: cy.id });
  const callId = await importCall(gamefilm, await makeMedia(dir, 'mp3', { durationSec: 12, name: 'Acme discovery' }));
  await callApi(gamefilm, 'calls.update', { id: callId, repId: ben.id, title: 'Acme discovery' });

  let session = await callApi<ReviewSession>(gamefilm, 'sessions.create', {
    title: 'Week 14 review',
    date: '2026-04-02',
    participantIds: [ana.id, ben.id, cy.id],
  });
  session = await callApi<ReviewSession>(gamefilm, 'sessions.addItem', {
    sessionId: session.id,
    kind: 'clip',
    callId,
    startSec: 0,
    endSec: 12,
    presenterId: ben.id,
  });
  await callApi(gamefilm, 'sessions.start', { id: session.id });
  const itemId = session.items[0]!.id;
  await callApi(gamefilm, 'sessions.addFeedback', {
    sessionId: session.id,
    itemId,
    authorId: ana.id,
    subjectId: ben.id,
    kind: 'strength',
    body: 'Held the silence after the price',
    situation: 'Buyer said the price was high',
    behavior: 'Ben waited four seconds before answering',
    impact: 'The buyer named their real budget',
  });
  await callApi(gamefilm, 'sessions.addFeedback', {
    sessionId: session.id,
    itemId,
    authorId: ben.id,
    subjectId: ana.id,
    kind: 'improvement',
    body: 'Ask for the next step before hanging up',
  });
  const [badge] = await callApi<KudosBadge[]>(gamefilm, 'kudos.badges');
  // 7.6 s: the person page rounded down (0:07), the export to the nearest second (0:08).
  await callApi(gamefilm, 'kudos.give', {
    giverId: ana.id,
    recipientId: ben.id,
    badgeId: badge!.id,
    reason: 'The pause that found the budget',
    callId,
    atSec: 7.6,
    sessionId: session.id,
    itemId,
  });
  await callApi(gamefilm, 'sessions.finish', { id: session.id });

  const app = new AppPage(page);
  await app.goto(`${gamefilm.url}#/sessions/${session.id}/summary`);
  await expect(page.getByRole('heading', { level: 1, name: 'Week 14 review: summary' })).toBeVisible();
  const benReceived = page.getByRole('list', { name: 'Feedback Ben Rep received' });
  await expect(benReceived).toContainText('Held the silence after the price');
  await expect(benReceived).toContainText('SituationBuyer said the price was high');
  await expect(benReceived).toContainText('BehaviorBen waited four seconds before answering');
  await expect(benReceived).toContainText('ImpactThe buyer named their real budget');
  await expect(benReceived).toContainText('Acme discovery at 0:07');
  // Given as well as received: Ana's feedback to Ben is listed with Ana, as hers, for Ben.
  const anaGave = page.getByRole('list', { name: 'Feedback Ana Rep gave' });
  await expect(anaGave).toContainText('Held the silence after the price — for Ben Rep');
  await expect(page.getByRole('list', { name: 'Feedback Ben Rep gave' })).toContainText(
    'Ask for the next step before hanging up — for Ana Rep',
  );
  await shoot(page, 'session-summary');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export as HTML' }).click(),
  ]);
  const html = await readFile((await download.path())!, 'utf8');
  expect(html).toContain('<dt>Situation</dt><dd>Buyer said the price was high</dd>');
  expect(html).toContain('at 0:07 in Acme discovery');
  expect(html).not.toContain('at 0:08');
  expect(html).toContain('<h4>Given</h4>');

  await page.goto(`${new URL(gamefilm.url).origin}/#/people/${ben.id}`);
  await expect(page.getByRole('list', { name: 'Kudos received' })).toContainText('Acme discovery at 0:07');
});
