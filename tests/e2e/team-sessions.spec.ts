/**
 * What a review session and a person's page send through the team folder
 * (issue 16), in browser mode: the coach's laptop ran Monday's session on
 * Ray's call and a deal review, set the team goal and gave Ray kudos on his
 * page; Ray's library, joined to the same folder, lists both sessions as
 * received from the coach, shows their summaries read-only (the deal
 * review's checklist notes too), Ray's page shows the room's feedback and the
 * kudos, and the leaderboards show the coach's team goal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Person, ReviewSession, ReviewSessionSummary, RubricSummary } from '../../src/shared/domain';
import { makeMedia } from '../fixtures/media';
import { expect, GamefilmServer, test } from './fixtures';
import type { ServerAddress } from './media';
import { callApi, importCall } from './media';
import { AppPage } from './pages/AppPage';
import { shoot } from './shots';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-team-sessions-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Monday's session on the coach's laptop, finished, with what the room said; and kudos on Ray's page. */
async function coachRanASession(server: ServerAddress) {
  const file = await makeMedia(dir, 'ogg', { durationSec: 20, name: 'globex-session' });
  const callId = await importCall(server, file);
  const ray = await callApi<Person>(server, 'people.create', { name: 'Ray Rep', role: 'rep' });
  const cora = await callApi<Person>(server, 'people.create', { name: 'Cora Coach', role: 'coach' });
  const pat = await callApi<Person>(server, 'people.create', { name: 'Pat Peer', role: 'rep' });
  await callApi(server, 'people.setMe', { id: cora.id });
  await callApi(server, 'calls.update', { id: callId, title: 'Pricing call with Globex', repId: ray.id });
  const rubrics = await callApi<RubricSummary[]>(server, 'rubrics.list');
  let session = await callApi<ReviewSession>(server, 'sessions.create', {
    title: 'Monday game film',
    date: '2026-11-30',
    participantIds: [ray.id, cora.id, pat.id],
  });
  session = await callApi<ReviewSession>(server, 'sessions.addItem', {
    sessionId: session.id,
    kind: 'call',
    callId,
    rubricId: rubrics[0]?.id,
    timeboxSec: 600,
  });
  const item = session.items[0];
  await callApi(server, 'sessions.start', { id: session.id });
  await callApi(server, 'sessions.addFeedback', {
    sessionId: session.id,
    itemId: item?.id,
    authorId: pat.id,
    kind: 'strength',
    body: 'Held the price without apologising',
    situation: 'Globex asked for 20 % off',
    behavior: 'Restated the value and waited',
    impact: 'They moved on to the rollout plan',
  });
  await callApi(server, 'sessions.finish', { id: session.id });
  await callApi(server, 'recognition.give', { recipientId: ray.id, message: 'Your best week of calls yet' });

  // A deal review: no recording at all, only the checklist and what was said.
  let deals = await callApi<ReviewSession>(server, 'sessions.create', {
    title: 'Pipeline review',
    date: '2026-12-01',
    participantIds: [ray.id, cora.id],
  });
  deals = await callApi<ReviewSession>(server, 'sessions.addItem', {
    sessionId: deals.id,
    kind: 'deal',
    title: 'Acme renewal',
    presenterId: ray.id,
  });
  await callApi(server, 'sessions.setDealNote', {
    itemId: deals.items[0]?.id,
    topic: 'stakeholders',
    body: 'The CFO joins the next call',
  });
  await callApi(server, 'sessions.start', { id: deals.id });
  await callApi(server, 'sessions.finish', { id: deals.id });

  // This month's team goal.
  const now = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  await callApi(server, 'recognition.setTeamGoal', {
    target: 25,
    startDate: day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))),
    endDate: day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0))),
  });
  return { session, ray };
}

test('a finished session and kudos on a person’s page reach a teammate’s library, read-only there', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(120_000);
  const teamFolder = join(dir, 'Gamefilm team');
  const { session, ray } = await coachRanASession(gamefilm);
  await callApi(gamefilm, 'team.join', { folder: teamFolder, create: true });

  const repServer = new GamefilmServer(mkdtempSync(join(tmpdir(), 'gamefilm-e2e-team-sessions-rep-')));
  await repServer.start();
  try {
    await callApi(repServer, 'team.join', { folder: teamFolder, create: false });
    // The coach's device writes within seconds; the rep's reads what arrives.
    await expect
      .poll(async () => (await callApi<ReviewSessionSummary[]>(repServer, 'sessions.list')).length, {
        timeout: 30_000,
      })
      .toBe(2);
    await callApi(repServer, 'people.setMe', { id: ray.id });

    const app = new AppPage(page);
    await app.goto(repServer.url);
    await app.open('Sessions');
    const row = page.getByRole('table', { name: 'Review sessions' }).getByRole('row', { name: /Monday game film/ });
    await expect(row).toContainText('from Cora Coach');
    await shoot(page, 'team-session-list');

    await row.getByRole('link', { name: 'Monday game film' }).click();
    await expect(page.getByRole('heading', { name: 'Monday game film: summary' })).toBeVisible();
    await expect(page.getByRole('note')).toContainText('Run on Cora Coach’s device');
    await expect(page.getByRole('main')).toContainText('Held the price without apologising');
    await shoot(page, 'team-session-summary');
    // Opening its plan by address lands on the summary too: it is changed on the coach's laptop only.
    await page.evaluate((id) => (window.location.hash = `#/sessions/${id}`), session.id);
    await expect(page.getByRole('note')).toContainText('can be changed only there');

    // Ray's page: the room's feedback and the coach's kudos.
    await page.evaluate((id) => (window.location.hash = `#/people/${id}`), ray.id);
    await expect(page.getByRole('list', { name: 'Kudos received' })).toContainText('Your best week of calls yet');
    await expect(page.getByRole('main')).toContainText('Held the price without apologising');
    await page.getByRole('list', { name: 'Kudos received' }).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shoot(page, 'team-person-kudos');

    // The deal review arrived in the file about the coach: read-only, with its checklist note.
    await app.open('Sessions');
    const deal = page.getByRole('table', { name: 'Review sessions' }).getByRole('row', { name: /Pipeline review/ });
    await expect(deal).toContainText('from Cora Coach');
    await deal.getByRole('link', { name: 'Pipeline review' }).click();
    await expect(page.getByRole('heading', { name: 'Pipeline review: summary' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('Acme renewal');
    await expect(page.getByRole('main')).toContainText('The CFO joins the next call');
    await shoot(page, 'team-deal-summary');

    // The team goal the coach set is the team's here too.
    await app.open('Leaderboards');
    const goal = page.getByRole('region', { name: 'Team goal' });
    await expect(goal).toContainText('of 25 drill attempts');
    await expect(goal).toContainText('set by Cora Coach');
    await shoot(page, 'team-goal-received');
  } finally {
    await repServer.stop();
    rmSync(repServer.dataDir, { recursive: true, force: true });
  }
});
