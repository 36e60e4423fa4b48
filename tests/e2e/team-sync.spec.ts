/**
 * A team library through a shared folder (issue 16), in browser mode: two
 * libraries (two core servers) join one team folder in Settings. The coach's
 * submitted scorecard reaches the rep's library and the rep's kudos reach the
 * coach's — nobody exports or imports anything. A plain temp folder stands in
 * for what Syncthing or a shared drive would replicate.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Call, KudosBadge, Person, Rubric, RubricSummary, Scorecard } from '../../src/shared/domain';
import { makeMedia } from '../fixtures/media';
import { expect, GamefilmServer, test } from './fixtures';
import type { ServerAddress } from './media';
import { callApi, importCall } from './media';
import { AppPage } from './pages/AppPage';
import { PeoplePage } from './pages/PeoplePage';
import { shoot } from './shots';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-team-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The coach's library: a call whose scorecard the coach ("me") submitted. */
async function coachLibrary(server: ServerAddress): Promise<{ call: Call; card: Scorecard }> {
  const file = await makeMedia(dir, 'ogg', { durationSec: 20, name: 'initech-team' });
  const callId = await importCall(server, file);
  const rep = await callApi<Person>(server, 'people.create', { name: 'Ray Rep', role: 'rep' });
  const coach = await callApi<Person>(server, 'people.create', { name: 'Cora Coach', role: 'coach' });
  await callApi(server, 'people.setMe', { id: coach.id });
  const call = await callApi<Call>(server, 'calls.update', {
    id: callId,
    title: 'Discovery with Initech',
    repId: rep.id,
  });
  await callApi(server, 'annotations.create', { callId, startSec: 3, body: 'Good opening question' });
  const rubrics = await callApi<RubricSummary[]>(server, 'rubrics.list');
  const rubric = await callApi<Rubric>(server, 'rubrics.get', { id: rubrics[0]?.id });
  const card = await callApi<Scorecard>(server, 'scorecards.start', { callId, rubricId: rubric.id });
  for (const s of card.scores)
    await callApi(server, 'scorecards.setScore', { id: card.id, criterionId: s.criterionId, score: 4 });
  return { call, card: await callApi<Scorecard>(server, 'scorecards.submit', { id: card.id }) };
}

async function joinInSettings(page: Page, folder: string): Promise<void> {
  await new AppPage(page).open('Settings');
  const team = page.getByRole('region', { name: 'Team folder' });
  await team.getByLabel('Team folder (its whole path)').fill(folder);
  await team.getByRole('button', { name: 'Join team' }).click();
  await expect(team.getByText(folder)).toBeVisible();
}

test('two libraries in one team folder: the coach’s scorecard and the rep’s kudos cross without export or import', async ({
  page,
  gamefilm,
  browser,
}) => {
  test.setTimeout(180_000);
  const teamFolder = join(dir, 'Gamefilm team');
  const { call, card } = await coachLibrary(gamefilm);
  const coachApp = new AppPage(page);
  await coachApp.goto(gamefilm.url);

  // Bad input first: a folder that does not exist, without "create", is refused with a sentence; nothing joins.
  await coachApp.open('Settings');
  const coachTeam = page.getByRole('region', { name: 'Team folder' });
  await coachTeam.getByLabel('Team folder (its whole path)').fill(join(dir, 'no such folder'));
  await coachTeam.getByLabel('Create it if it does not exist').uncheck();
  await coachTeam.getByRole('button', { name: 'Join team' }).click();
  await expect(coachTeam.getByRole('alert')).toContainText('There is no folder at');
  expect((await callApi<{ folder: string | null }>(gamefilm, 'team.status')).folder).toBeNull();
  await coachTeam.getByLabel('Create it if it does not exist').check();

  await joinInSettings(page, teamFolder);
  await expect(coachTeam.getByText('Cora Coach', { exact: false })).toBeVisible();
  // The coach's device writes its first change file by itself.
  await expect(coachTeam.getByText(/1 change file/)).toBeVisible({ timeout: 20_000 });

  const repServer = new GamefilmServer(mkdtempSync(join(tmpdir(), 'gamefilm-e2e-team-rep-')));
  await repServer.start();
  try {
    const repPage = await (await browser.newContext()).newPage();
    const repApp = new AppPage(repPage);
    await repApp.goto(repServer.url);
    // A new member joins with an empty library and nobody "me" yet: the team's work arrives.
    await joinInSettings(repPage, teamFolder);
    const repTeam = repPage.getByRole('region', { name: 'Team folder' });
    const coachDevice = repTeam.getByRole('row', { name: /Cora Coach/ });
    await expect(coachDevice).toContainText('No. 1', { timeout: 20_000 });
    await repTeam.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shoot(repPage, 'team-folder-rep');

    // The rep picks themselves among the people who arrived.
    await repApp.open('People');
    await new PeoplePage(repPage).markMe('Ray Rep');
    // The coach's submitted scorecard is in the rep's library (blind for Ray until he submits his own).
    const forCall = await callApi<{ groups: Array<{ reviewers: Array<{ scorecardId: string; status: string }> }> }>(
      repServer,
      'scorecards.forCall',
      { callId: call.id },
    );
    expect(forCall.groups.flatMap((g) => g.reviewers)).toEqual([
      expect.objectContaining({ scorecardId: card.id, status: 'submitted' }),
    ]);
    await repApp.open('Library');
    await expect(repPage.getByRole('row', { name: /Discovery with Initech/ })).toContainText(/reviewed by 1/i);

    // The coach has the call open; the rep gives kudos on a moment of it.
    await page.evaluate((id) => (window.location.hash = `#/calls/${encodeURIComponent(id)}`), call.id);
    await expect(page.getByLabel('Call title')).toHaveValue('Discovery with Initech');
    const ray = (await callApi<Person[]>(repServer, 'people.list')).find((p) => p.name === 'Ray Rep');
    const cora = (await callApi<Person[]>(repServer, 'people.list')).find((p) => p.name === 'Cora Coach');
    const badges = await callApi<KudosBadge[]>(repServer, 'kudos.badges');
    await callApi(repServer, 'kudos.give', {
      giverId: ray?.id,
      recipientId: cora?.id,
      badgeId: badges[0]?.id,
      reason: 'Thanks for the review, it helped',
      callId: call.id,
      atSec: 5,
    });
    // It appears on the coach's open call page by itself.
    const kudos = page.getByRole('list', { name: 'Kudos on this call' });
    await expect(kudos).toContainText('Thanks for the review, it helped', { timeout: 30_000 });
    await expect(kudos).toContainText('Ray Rep');
    await kudos.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shoot(page, 'team-kudos-arrived');

    // The coach's Settings list the rep's device, and whose it is.
    await coachApp.open('Settings');
    await expect(coachTeam.getByRole('row', { name: /Ray Rep/ })).toContainText('No. 1');
    await coachTeam.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shoot(page, 'team-folder-coach');
    // Each device wrote only into its own folder.
    expect(readdirSync(join(teamFolder, 'team')).length).toBe(2);

    // Leave (with a confirm): the library keeps everything.
    await repApp.open('Settings');
    await repTeam.getByRole('button', { name: 'Leave team…' }).click();
    await repPage.getByRole('alertdialog').getByRole('button', { name: 'Leave team' }).click();
    await expect(repTeam.getByRole('button', { name: 'Join team' })).toBeVisible();
    expect((await callApi<Array<{ id: string }>>(repServer, 'calls.list', {})).length).toBeGreaterThan(0);
  } finally {
    await repServer.stop();
    rmSync(repServer.dataDir, { recursive: true, force: true });
  }
});
