import type { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kudos, Person, WallItem } from '../../src/shared/domain';
import { makeMedia } from '../fixtures/media';
import { expect, test } from './fixtures';
import type { GamefilmServer } from './fixtures';
import { callApi, importCall } from './media';
import { CHROMIUM_ARGS } from './chromium';
import { AppPage } from './pages/AppPage';
import { DrillPage } from './pages/DrillPage';
import { PlayerPage } from './pages/PlayerPage';
import { shoot } from './shots';

/*
 * Recognition end to end in browser mode: kudos from a moment of a call to the
 * wall, the receiver's page and back to the moment.
 */
const dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-recognition-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Chromium's fake microphone "hears" espeak-ng speech (as in drills.spec.ts), granted without a prompt.
const micWav = join(dir, 'mic.wav');
{
  const raw = join(dir, 'mic-raw.wav');
  const say = spawnSync('espeak-ng', ['-w', raw, '--', 'I hear you on price. What are you comparing it against?']);
  if (say.status !== 0) throw new Error(`espeak-ng failed: ${String(say.stderr)}`);
  const sox = spawnSync('sox', [raw, '-r', '48000', '-b', '16', '-c', '1', micWav, 'pad', '0.2', '0.2']);
  if (sox.status !== 0) throw new Error(`sox failed: ${String(sox.stderr)}`);
}
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${micWav}`,
      '--use-fake-ui-for-media-stream',
    ],
  },
});

/** Records one answer: start, let the countdown clock move twice (no fixed sleep), stop and keep. */
async function recordAnswer(page: Page, drills: DrillPage) {
  await drills.startAnswer();
  const left = page.getByRole('timer', { name: 'Time left' });
  for (let i = 0; i < 2; i++) {
    const shown = await left.textContent();
    await expect(left).not.toHaveText(shown ?? '', { timeout: 5_000 });
  }
  await drills.stopAndKeep();
}

async function team(gamefilm: GamefilmServer): Promise<{ coach: Person; rep: Person }> {
  const coach = await callApi<Person>(gamefilm, 'people.create', { name: 'Cora Coach', role: 'coach' });
  const rep = await callApi<Person>(gamefilm, 'people.create', { name: 'Ray Rep', role: 'rep' });
  await callApi(gamefilm, 'people.setMe', { id: coach.id });
  return { coach, rep };
}

test('kudos from a call moment: on the wall and the receiver’s page, and a click plays the moment', async ({
  page,
  gamefilm,
}) => {
  const { coach, rep } = await team(gamefilm);
  const callId = await importCall(gamefilm, await makeMedia(dir, 'mp3', { durationSec: 30, name: 'Acme discovery' }));
  await callApi(gamefilm, 'calls.update', { id: callId, title: 'Acme discovery', repId: rep.id });

  const player = new PlayerPage(page);
  const url = new URL(gamefilm.url);
  url.hash = `#/calls/${callId}?t=12`;
  await page.goto(url.toString());
  await player.waitPainted();
  await expect.poll(async () => (await player.media()).currentTime).toBeCloseTo(12, 0);

  await page.getByRole('button', { name: 'Kudos for this moment…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Give kudos' });
  await expect(dialog).toContainText('this moment (0:12) in “Acme discovery”');
  // The call's rep is who it is most likely for.
  await expect(dialog.getByLabel('For')).toHaveValue(rep.id);
  // Empty kudos are refused with a sentence, and nothing is stored.
  await dialog.getByRole('button', { name: 'Send kudos' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Pick a badge or write a message: empty kudos say nothing.');
  expect(await callApi<WallItem[]>(gamefilm, 'recognition.wall', {})).toEqual([]);

  await dialog.getByRole('radio', { name: 'Great discovery' }).check();
  await dialog.getByLabel('Message').fill('The budget question opened everything up');
  await dialog.getByRole('button', { name: 'Send kudos' }).click();
  await expect(dialog).toBeHidden();

  const stored = await callApi<Kudos[]>(gamefilm, 'kudos.list', { callId });
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ giverId: coach.id, recipientId: rep.id, badgeName: 'Great discovery', callId });
  expect(stored[0]!.atSec).toBeCloseTo(12, 0);

  // The wall.
  const app = new AppPage(page);
  await app.open('Recognition');
  const wall = page.getByRole('list', { name: 'Recognition wall' });
  await expect(wall.getByRole('listitem')).toHaveCount(1);
  await expect(wall).toContainText('Cora Coach → Ray Rep');
  await expect(wall).toContainText('Great discovery: The budget question opened everything up');
  await shoot(page, 'recognition-wall');

  // The receiver's page: received, with the moment.
  await page.goto(`${url.origin}/#/people/${rep.id}`);
  const received = page.getByRole('list', { name: 'Kudos received' });
  await expect(received).toContainText('The budget question opened everything up');
  await expect(received).toContainText('from Cora Coach');

  // Ray sees it in his notifications.
  await callApi(gamefilm, 'people.setMe', { id: rep.id });
  await page.reload();
  await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
  await expect(page.getByRole('list', { name: 'Notifications' })).toContainText('The budget question');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();

  // A click plays the moment.
  await page
    .getByRole('list', { name: 'Kudos received' })
    .getByRole('button', { name: 'Play Acme discovery at 0:12' })
    .click();
  await player.waitPainted();
  await expect.poll(async () => (await player.media()).currentTime).toBeCloseTo(12, 0);
});

test('two drill attempts with the fake microphone, the second better: an automatic personal-best celebration', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(120_000);
  const riley = await callApi<Person>(gamefilm, 'people.create', { name: 'Riley Rep', role: 'rep' });
  await callApi(gamefilm, 'people.setMe', { id: riley.id });
  const app = new AppPage(page);
  await app.goto(gamefilm.url + '#/drills');
  const drills = new DrillPage(page);
  await drills.search('too expensive');
  await drills.run(/^Run .*too expensive/);
  const drillId = /#\/drills\/([^/?]+)/.exec(page.url())?.[1] ?? '';
  const drill = await callApi<{ title: string }>(gamefilm, 'drills.get', { id: drillId });

  await recordAnswer(page, drills);
  await drills.selfScore(3);
  await page.getByRole('button', { name: 'Run it again' }).click();
  await recordAnswer(page, drills);
  await drills.selfScore(4);

  // The first attempt was the baseline; the second is celebrated, once, without anyone asking.
  await app.open('Recognition');
  const wall = page.getByRole('list', { name: 'Recognition wall' });
  await expect(wall.getByRole('listitem')).toHaveCount(1);
  await expect(wall).toContainText(`Automatic Riley Rep: New personal best on`);
  await expect(wall).toContainText(`New personal best on “${drill.title}”`);
  await expect(page.getByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();
  const items = await callApi<WallItem[]>(gamefilm, 'recognition.wall', {});
  expect(items.map((i) => i.type)).toEqual(['celebration']);
  expect(items[0]?.type === 'celebration' && items[0].celebration.kind).toBe('personal_best');
});

/** Ray's self-review of a call dated `callDate`, Discovery Skills at `discovery`, submitted through the contract. */
async function selfReview(gamefilm: GamefilmServer, repId: string, callDate: string, discovery: number) {
  const callId = await importCall(
    gamefilm,
    // A different length per call: the same bytes would be one recording.
    await makeMedia(dir, 'mp3', { durationSec: 5 + discovery, name: `call-${callDate}-${discovery}` }),
  );
  await callApi(gamefilm, 'calls.update', { id: callId, repId, callDate, title: `Call of ${callDate}` });
  const rubrics = await callApi<Array<{ id: string; name: string }>>(gamefilm, 'rubrics.list');
  const rubric = await callApi<{ id: string; latest: { criteria: Array<{ id: string; name: string }> } }>(
    gamefilm,
    'rubrics.get',
    { id: rubrics.find((r) => r.name === 'Sales Call Fundamentals')!.id },
  );
  const card = await callApi<{ id: string }>(gamefilm, 'scorecards.start', { callId, rubricId: rubric.id });
  const criterion = rubric.latest.criteria.find((c) => c.name === 'Discovery Skills')!;
  await callApi(gamefilm, 'scorecards.setScore', { id: card.id, criterionId: criterion.id, score: discovery });
  await callApi(gamefilm, 'scorecards.submit', { id: card.id });
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test('set a goal from the proposed target and watch its progress move after a scorecard is submitted', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(120_000);
  const ray = await callApi<Person>(gamefilm, 'people.create', { name: 'Ray Rep', role: 'rep' });
  await callApi(gamefilm, 'people.setMe', { id: ray.id });
  // His own past: two self-reviews in the last 4 weeks, Discovery at 2 and 3.
  await selfReview(gamefilm, ray.id, daysAgo(12), 2);
  await selfReview(gamefilm, ray.id, daysAgo(5), 3);

  await page.goto(`${new URL(gamefilm.url).origin}/?token=${gamefilm.token}#/people/${ray.id}`);
  const goals = page.getByRole('region', { name: 'Goals: you vs your past' });
  const form = goals.getByRole('form', { name: 'Set a goal' });
  await form.getByLabel('Measure').selectOption({ label: 'Average score on a criterion' });
  await form.getByLabel('Criterion').selectOption({ label: 'Discovery Skills' });
  await form.getByRole('button', { name: 'Propose a target' }).click();
  await expect(form.getByRole('status')).toHaveText('Your last 4 weeks: 2.5 → aim for 2.9');
  await expect(form.getByLabel('Target')).toHaveValue('2.9');
  await form.getByRole('button', { name: 'Set goal' }).click();

  const bar = goals.getByRole('progressbar', { name: 'Progress on Average on Discovery Skills' });
  await expect(bar).toHaveAttribute('aria-valuenow', '0');
  await expect(goals.getByRole('list', { name: 'Goals' })).toContainText('No data in the period yet');
  await expect(goals.getByRole('list', { name: 'Goals' })).toContainText('Your past 2.5 · now — · target 2.9');
  await shoot(page, 'person-goals');

  // A new call reviewed today: the goal's progress moves by itself, and reaching it celebrates.
  await selfReview(gamefilm, ray.id, daysAgo(0), 4);
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await expect(goals.getByRole('list', { name: 'Goals' })).toContainText('Reached');
  await expect(goals.getByRole('list', { name: 'Goals' })).toContainText('now 4.0');
  await expect
    .poll(async () =>
      (await callApi<WallItem[]>(gamefilm, 'recognition.wall', { personId: ray.id })).map(
        (i) => i.type === 'celebration' && i.celebration.kind,
      ),
    )
    .toContain('goal_reached');
});
