import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Goal, Kudos, Person, ReviewSession, RubricSummary, Scorecard, WallItem } from '../../src/shared/domain';
import { makeMedia } from '../fixtures/media';
import { expect, test } from './fixtures';
import type { GamefilmServer } from './fixtures';
import { callApi, importCall } from './media';
import { AppPage } from './pages/AppPage';
import { shoot } from './shots';

/*
 * Kudos where the UI had none (a scorecard, a session's captured feedback),
 * an automatic celebration on the wall, recognition insights for a coach
 * (a rep is refused), and a rep's goals on the screen they land on.
 */
const dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-recognition-anywhere-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function team(gamefilm: GamefilmServer) {
  const cora = await callApi<Person>(gamefilm, 'people.create', { name: 'Cora Coach', role: 'coach' });
  const ray = await callApi<Person>(gamefilm, 'people.create', { name: 'Ray Rep', role: 'rep' });
  const pia = await callApi<Person>(gamefilm, 'people.create', { name: 'Pia Peer', role: 'rep' });
  await callApi(gamefilm, 'people.setMe', { id: cora.id });
  return { cora, ray, pia };
}

/** A submitted scorecard by whoever is "me", every criterion at `score`. */
async function scoreCall(gamefilm: GamefilmServer, callId: string, score: number): Promise<Scorecard> {
  const rubric = (await callApi<RubricSummary[]>(gamefilm, 'rubrics.list')).find(
    (r) => r.name === 'Sales Call Fundamentals',
  )!;
  const card = await callApi<Scorecard>(gamefilm, 'scorecards.start', { callId, rubricId: rubric.id });
  for (const s of card.scores) {
    await callApi(gamefilm, 'scorecards.setScore', { id: card.id, criterionId: s.criterionId, score });
  }
  return callApi<Scorecard>(gamefilm, 'scorecards.submit', { id: card.id });
}

test('kudos from a scorecard and from a session’s captured feedback, stored and on the wall', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(120_000);
  const { cora, ray, pia } = await team(gamefilm);
  const callId = await importCall(gamefilm, await makeMedia(dir, 'mp3', { durationSec: 12, name: 'Acme discovery' }));
  await callApi(gamefilm, 'calls.update', { id: callId, repId: ray.id, title: 'Acme discovery' });
  const card = await scoreCall(gamefilm, callId, 4);

  // The scorecard: Cora's own submitted card offers kudos for the call, to its rep.
  const app = new AppPage(page);
  await app.goto(`${gamefilm.url}#/calls/${callId}?tab=scorecard`);
  const scorecard = page.getByRole('region', { name: 'Scorecard' });
  await expect(scorecard.getByRole('button', { name: 'Kudos for this call…' })).toBeVisible();
  await shoot(page, 'scorecard-kudos');
  await scorecard.getByRole('button', { name: 'Kudos for this call…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Give kudos' });
  await expect(dialog).toContainText('the call scored on this scorecard (“Acme discovery”)');
  await expect(dialog.getByLabel('For')).toHaveValue(ray.id);
  await dialog.getByRole('radio', { name: 'Great discovery' }).check();
  await dialog.getByLabel('Message').fill('Every criterion at 4: the discovery was textbook');
  await dialog.getByRole('button', { name: 'Send kudos' }).click();
  await expect(dialog).toBeHidden();
  const onCall = await callApi<Kudos[]>(gamefilm, 'kudos.list', { callId });
  expect(onCall).toHaveLength(1);
  expect(onCall[0]).toMatchObject({
    giverId: cora.id,
    recipientId: ray.id,
    scorecardId: card.id,
    callId,
    badgeName: 'Great discovery',
    reason: 'Every criterion at 4: the discovery was textbook',
  });

  // A session: Pia's feedback on Ray's clip is captured; Cora thanks Pia for it from the captured list.
  let session = await callApi<ReviewSession>(gamefilm, 'sessions.create', {
    title: 'Friday film',
    date: today(),
    participantIds: [cora.id, ray.id, pia.id],
  });
  session = await callApi<ReviewSession>(gamefilm, 'sessions.addItem', {
    sessionId: session.id,
    kind: 'clip',
    callId,
    startSec: 0,
    endSec: 12,
    presenterId: ray.id,
  });
  const itemId = session.items[0]!.id;
  await callApi(gamefilm, 'sessions.start', { id: session.id });
  await callApi(gamefilm, 'sessions.addFeedback', {
    sessionId: session.id,
    itemId,
    authorId: pia.id,
    subjectId: ray.id,
    kind: 'strength',
    body: 'Let the buyer finish before answering',
  });
  await page.goto(`${new URL(gamefilm.url).origin}/#/sessions/${session.id}/run`);
  const captured = page.getByRole('list', { name: 'Captured' });
  await expect(captured).toContainText('Let the buyer finish before answering');
  // The notice of the kudos above goes by itself; the list is looked at without it.
  await expect(page.getByText('Kudos sent to Ray Rep.')).toBeHidden();
  await captured.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shoot(page, 'session-captured-kudos');
  await captured
    .getByRole('button', { name: 'Give kudos for the feedback: Let the buyer finish before answering' })
    .click();
  dialog = page.getByRole('dialog', { name: 'Give kudos' });
  await expect(dialog).toContainText('the feedback “Let the buyer finish before answering” in “Friday film”');
  await expect(dialog.getByLabel('For')).toHaveValue(pia.id);
  // Nothing chosen and nothing written: refused with the core's sentence, nothing stored.
  await dialog.getByRole('button', { name: 'Send kudos' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Pick a badge or write a message: empty kudos say nothing.');
  expect(await callApi<Kudos[]>(gamefilm, 'kudos.list', { sessionId: session.id })).toEqual([]);
  await dialog.getByLabel('Message').fill('That note changed how Ray handles objections');
  await dialog.getByRole('button', { name: 'Send kudos' }).click();
  await expect(dialog).toBeHidden();
  const inSession = await callApi<Kudos[]>(gamefilm, 'kudos.list', { sessionId: session.id });
  expect(inSession).toHaveLength(1);
  expect(inSession[0]).toMatchObject({
    giverId: cora.id,
    recipientId: pia.id,
    sessionId: session.id,
    itemId,
    reason: 'That note changed how Ray handles objections',
  });

  // Both on the wall, newest first.
  await app.open('Recognition');
  const wall = page.getByRole('list', { name: 'Recognition wall' });
  await expect(wall.getByRole('listitem')).toHaveCount(2);
  await expect(wall.getByRole('listitem').nth(0)).toContainText('Cora Coach → Pia Peer');
  await expect(wall.getByRole('listitem').nth(0)).toContainText('That note changed how Ray handles objections');
  await expect(wall.getByRole('listitem').nth(1)).toContainText('Cora Coach → Ray Rep');
  await expect(wall.getByRole('listitem').nth(1)).toContainText('the discovery was textbook');
});

test('recognition insights for a coach, a rep refused; an automatic celebration on the wall', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(120_000);
  const { cora, ray, pia } = await team(gamefilm);
  const callId = await importCall(gamefilm, await makeMedia(dir, 'mp3', { durationSec: 12, name: 'Globex demo' }));
  await callApi(gamefilm, 'calls.update', { id: callId, repId: ray.id, title: 'Globex demo' });
  await callApi(gamefilm, 'recognition.give', { recipientId: ray.id, message: 'Calm under pressure' });
  // Ray self-reviews his first call: a celebration the app gives by itself.
  await callApi(gamefilm, 'people.setMe', { id: ray.id });
  await scoreCall(gamefilm, callId, 3);
  await expect
    .poll(
      async () =>
        (await callApi<WallItem[]>(gamefilm, 'recognition.wall', {})).filter((i) => i.type === 'celebration').length,
    )
    .toBe(1);
  await callApi(gamefilm, 'recognition.give', { recipientId: pia.id, message: 'Thanks for the role-play' });

  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  await app.open('Recognition');
  const wall = page.getByRole('list', { name: 'Recognition wall' });
  await expect(wall.getByRole('listitem')).toHaveCount(3);
  await expect(wall).toContainText('Automatic');
  await shoot(page, 'recognition-wall-celebration');

  // A rep reading Insights gets the core's refusal, not the figures.
  await app.open('Insights');
  const section = page.getByRole('region', { name: 'Recognition' });
  await expect(section).toContainText('Recognition insights are for coaches, facilitators and admins.');
  await expect(section.getByRole('table')).toHaveCount(0);

  // The coach sees who gives, who receives, and who nobody recognised.
  await callApi(gamefilm, 'people.setMe', { id: cora.id });
  await page.reload();
  await expect(section.getByRole('list', { name: 'People nobody recognised in this period' })).toHaveText(
    'Cora Coach coach',
  );
  const perPerson = section.getByRole('table', { name: 'Recognition per person' });
  await expect(perPerson.getByRole('row', { name: /Ray Rep/ })).toContainText('Ray Rep rep111— → ——');
  await expect(perPerson.getByRole('row', { name: /Pia Peer/ })).toContainText('Pia Peer rep100');
  await expect(perPerson.getByRole('row', { name: /Cora Coach/ })).toContainText('Cora Coach coach010');
  await expect(section.locator('canvas')).toHaveCount(1);
  // The CSV is what the table shows.
  const download = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Export CSV (recognition per person)' }).click();
  const csv = await (await download).path().then((p) => import('node:fs').then((fs) => fs.readFileSync(p, 'utf8')));
  expect(csv.split('\r\n')[0]).toBe(
    'person,role,kudos_received,kudos_given,celebrations,score_before,score_now,score_change,scores_now',
  );
  expect(csv).toContain('Ray Rep,rep,1,1,1,');
  await section.evaluate((el) => el.scrollIntoView());
  await shoot(page, 'recognition-insights');
});

test('a rep lands on their goals: empty state, then a goal with live progress and a link to their page', async ({
  page,
  gamefilm,
}) => {
  const { ray } = await team(gamefilm);
  await callApi(gamefilm, 'people.setMe', { id: ray.id });
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  const home = page.getByRole('region', { name: 'Your goals: you vs your past' });
  await expect(home).toContainText('No goals yet.');
  await shoot(page, 'home-goals-empty');
  await home.getByRole('button', { name: 'Set a goal' }).click();
  await expect(page.getByRole('region', { name: 'Goals: you vs your past' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/people/${ray.id}$`));

  await callApi<Goal>(gamefilm, 'goals.create', {
    personId: ray.id,
    metric: 'drill_attempts_per_week',
    target: 3,
    startDate: today(),
    endDate: inDays(27),
  });
  await app.open('Library');
  const goals = home.getByRole('list', { name: 'Your goals' });
  await expect(goals.getByRole('listitem')).toHaveCount(1);
  await expect(goals).toContainText('Drill attempts per week');
  await expect(home.getByRole('progressbar', { name: 'Progress on Drill attempts per week' })).toHaveAttribute(
    'aria-valuenow',
    '0',
  );
  await shoot(page, 'home-goals');
  await home.getByRole('button', { name: 'Your page →' }).click();
  await expect(page).toHaveURL(new RegExp(`#/people/${ray.id}$`));

  // A coach does not get a rep's home panel.
  const coach = (await callApi<Person[]>(gamefilm, 'people.list')).find((p) => p.role === 'coach')!;
  await callApi(gamefilm, 'people.setMe', { id: coach.id });
  await app.goto(gamefilm.url);
  await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
  await expect(home).toHaveCount(0);
});
