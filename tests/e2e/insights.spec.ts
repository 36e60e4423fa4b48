import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyWhisperModelPath } from '../fixtures/tiny-whisper-model';
import { ensureWhisperCli } from '../fixtures/whisper/helpers';
import { makeStereoConversation } from '../main/core/transcription/helpers';
import type {
  Call,
  CallInsights,
  CallScorecards,
  Person,
  RubricSummary,
  Scorecard,
  Team,
  Tracker,
  Transcript,
} from '../../src/shared/domain';
import { callApi } from './media';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { shoot } from './shots';
import { LibraryPage } from './pages/LibraryPage';
import { PlayerPage } from './pages/PlayerPage';
import { TranscriptPage } from './pages/TranscriptPage';

/*
 * Conversation insights on the sample call (a real two-voice recording with
 * its exact, timed transcript): the figures need a customer side, the
 * longest monologue plays from its start, a tracker added in Settings finds
 * its phrase in an edited segment and seeks the player, and Insights exports
 * what it shows as CSV.
 */

test('call metrics follow the customer side; a tracker finds an edited phrase; Insights exports CSV', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  await page.getByRole('button', { name: 'Open the sample call' }).click();
  await expect(page.getByRole('textbox', { name: 'Call title' })).toHaveValue(/^Sample call/);
  const [call] = await callApi<Call[]>(gamefilm, 'calls.list');

  // Unmark the customer: the side figures say what they need instead of showing numbers.
  const transcript = new TranscriptPage(page);
  await transcript.open();
  await page.getByText(/^Speakers \(2\)/).click();
  const customer = page.getByRole('checkbox', { name: 'Customer' }).last();
  await customer.click(); // saved, then shown: the box follows the stored speaker
  await expect(customer).not.toBeChecked();
  await page.getByRole('tab', { name: 'Metrics' }).click();
  await expect(page.getByRole('note', { name: 'Customer side needed' })).toContainText('need a customer side');
  const table = page.getByRole('table', { name: 'Call metrics' });
  await expect(table.getByRole('row', { name: /Silence/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /Talk ratio/ })).toHaveCount(0);
  await expect(table).not.toContainText('NaN');

  // Mark it again: figures, as the core computed them.
  await transcript.open();
  await page.getByText(/^Speakers \(2\)/).click();
  await customer.click();
  await expect(customer).toBeChecked();
  await page.getByRole('tab', { name: 'Metrics' }).click();
  const stored = await callApi<CallInsights>(gamefilm, 'insights.forCall', { callId: call!.id });
  const ratio = Math.round(stored.metrics!.talkRatioRep! * 100);
  await expect(table.getByRole('row', { name: /Talk ratio/ })).toContainText(`${ratio} %`);
  await shoot(page, 'call-metrics');

  // The rep's page (it needs someone to be "me"): the same figure for them, from the same stored metrics.
  const coach = await callApi<{ id: string }>(gamefilm, 'people.create', { name: 'Cora Coach', role: 'coach' });
  await callApi(gamefilm, 'people.setMe', { id: coach.id });
  await app.open('People');
  await page.getByRole('link', { name: /^Page of Sam Rivera/ }).click();
  const figures = page.getByRole('table', { name: 'Conversation figures, recent vs earlier' });
  await expect(figures.getByRole('row', { name: /Talk ratio/ })).toContainText(`${ratio} %`);
  await expect(figures.getByRole('row', { name: /Talk ratio/ })).toContainText('no earlier calls yet');
  await shoot(page, 'rep-figures');
  await page.getByText('The calls behind these figures').click();
  await page.getByRole('list', { name: 'Calls behind the figures' }).getByRole('button', { name: call!.title }).click();
  await expect(page.getByRole('tab', { name: 'Metrics' })).toHaveAttribute('aria-selected', 'true');

  // The longest monologue plays from its start.
  const player = new PlayerPage(page);
  await player.waitPainted();
  const monologue = stored.metrics!.longestMonologue!;
  await table.getByRole('button', { name: /^Longest rep monologue/ }).click();
  await expect.poll(async () => (await player.media()).currentTime).toBeCloseTo(monologue.startSec, 1);

  // Settings: add a tracker for a phrase nobody said yet.
  await app.open('Settings');
  const add = page.getByRole('form', { name: 'Add tracker' });
  await add.getByLabel('Tracker name').fill('Rival tools');
  await add.getByLabel('Who says it').selectOption('either');
  await add.getByLabel('Phrases (comma-separated)').fill('Frobnicator, "Acme*"');
  await add.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('listitem', { name: 'Rival tools' })).toBeVisible();
  const trackers = await callApi<Tracker[]>(gamefilm, 'trackers.list');
  expect(trackers.find((t) => t.name === 'Rival tools')).toMatchObject({
    side: 'either',
    phrases: ['Frobnicator', '"Acme*"'],
  });
  await shoot(page, 'settings-trackers');

  // Edit a segment to say it; the call's Metrics tab lists the hit, and the hit seeks the player.
  await page.goBack();
  await transcript.open();
  const third = transcript.segments.nth(2);
  const clock = (await third.getAttribute('aria-label'))!.replace('Segment at ', '');
  await transcript.editSegment(clock, 'We looked at the FROBNICATOR, and at Acme too.');
  await page.getByRole('tab', { name: 'Metrics' }).click();
  const hits = page.getByRole('list', { name: 'Tracker hits' });
  const frob = hits.getByRole('button', { name: /^Rival tools: “Frobnicator”/ });
  await expect(frob).toBeVisible();
  await expect(hits.getByRole('button', { name: /^Rival tools: “"Acme\*"”/ })).toBeVisible();
  const after = await callApi<CallInsights>(gamefilm, 'insights.forCall', { callId: call!.id });
  const hit = after.hits.find((h) => h.phrase === 'Frobnicator')!;
  await frob.click();
  await expect.poll(async () => (await player.media()).currentTime).toBeCloseTo(hit.startSec, 1);

  // The library filters by the tracker.
  await app.open('Library');
  await page.getByLabel('Tracker', { exact: true }).selectOption({ label: 'Rival tools' });
  await expect(new LibraryPage(page).row(call!.title)).toBeVisible();

  // Insights: the tracker's trend over a period that holds the sample call, exported as CSV.
  await app.open('Insights');
  await page.getByLabel('From', { exact: true }).fill('2026-11-01');
  await page.getByLabel('To', { exact: true }).fill('2026-11-30');
  await page.getByLabel('Tracker', { exact: true }).selectOption({ label: 'Rival tools' });
  await expect(page.getByRole('table', { name: 'Tracker hits per rep' })).toContainText('Sam Rivera');
  await shoot(page, 'insights');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV (per period)' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split(/\r\n/);
  expect(csv[0]).toBe('tracker,period_start,calls_with_hit,calls,hits');
  expect(csv.slice(1)).toContain('Rival tools,2026-11-23,1,1,2');
});

test('the skill heatmap shows the scores two reviewers gave, apart and together; coaching activity counts them', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  await page.getByRole('button', { name: 'Open the sample call' }).click();
  await expect(page.getByRole('textbox', { name: 'Call title' })).toHaveValue(/^Sample call/);
  const [call] = await callApi<Call[]>(gamefilm, 'calls.list');
  const people = await callApi<Person[]>(gamefilm, 'people.list');
  const rep = people.find((p) => p.id === call!.repId)!;

  // A peer reviews the sample call (the sample's coach already has): two reviewers, one of each kind.
  const pia = await callApi<Person>(gamefilm, 'people.create', { name: 'Pia Peer', role: 'rep' });
  await callApi(gamefilm, 'people.setMe', { id: pia.id });
  const rubric = (await callApi<RubricSummary[]>(gamefilm, 'rubrics.list')).find(
    (r) => r.name === 'Sales Call Fundamentals',
  )!;
  const card = await callApi<Scorecard>(gamefilm, 'scorecards.start', { callId: call!.id, rubricId: rubric.id });
  for (const s of card.scores)
    await callApi(gamefilm, 'scorecards.setScore', { id: card.id, criterionId: s.criterionId, score: 2 });
  await callApi(gamefilm, 'scorecards.submit', { id: card.id });

  // What the core stored, now that Pia may see the coach's card.
  const both = await callApi<CallScorecards>(gamefilm, 'scorecards.forCall', { callId: call!.id });
  const discovery = both.groups[0]!.reveal!.criteria.find((c) => c.name === 'Discovery Skills')!;
  const given = discovery.scores.flatMap((s) => (s.score === null ? [] : [s.score]));
  expect(given).toHaveLength(2);
  const mean = (given[0]! + given[1]!) / 2;

  await app.open('Insights');
  const heatmap = page.getByRole('table', { name: 'Skill heatmap' });
  await expect(
    heatmap.getByRole('cell', { name: `${rep.name}, Discovery Skills: ${mean.toFixed(1)} from 2 scores` }),
  ).toBeVisible();
  await page.getByLabel('Scores from').first().selectOption('peer');
  await expect(heatmap.getByRole('cell', { name: `${rep.name}, Discovery Skills: 2.0 from 1 score` })).toBeVisible();
  await page.getByLabel('Scores from').first().selectOption('');

  // Every figure leads back to its calls: the cell lists both scores, and each opens the call's scorecard.
  await heatmap
    .getByRole('button', {
      name: `Show the scores behind ${rep.name}, Discovery Skills: ${mean.toFixed(1)} from 2 scores`,
    })
    .click();
  const behind = page.getByRole('list', { name: `Scores behind ${rep.name}, Discovery Skills` });
  await expect(behind.getByRole('listitem')).toHaveCount(2);
  await expect(behind).toContainText('Pia Peer (peer)');
  await shoot(page, 'insights-skill-evidence');
  await behind.getByRole('listitem').filter({ hasText: 'Pia Peer' }).getByRole('button', { name: call!.title }).click();
  await expect(page.getByRole('textbox', { name: 'Call title' })).toHaveValue(call!.title);
  await expect(page.getByRole('tab', { name: 'Scorecard' })).toHaveAttribute('aria-selected', 'true');
  await page.goBack();

  const activity = page.getByRole('table', { name: 'Coaching activity per person' });
  await expect(
    activity
      .getByRole('row', { name: /^Pia Peer/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  await expect(page.getByRole('table', { name: 'Reviewer agreement per month' })).toBeVisible();

  // One rep: their criteria over time, from the same scores.
  await page.getByRole('group', { name: 'Insights filters' }).getByLabel('Rep').selectOption(rep.id);
  await expect(page.getByRole('heading', { name: `${rep.name}: skills over time` })).toBeVisible();
  await expect(page.locator('.uplot canvas').first()).toBeVisible();
  await shoot(page, 'insights-skill-progress');
  await page.getByRole('group', { name: 'Insights filters' }).getByLabel('Rep').selectOption('');
  await shoot(page, 'insights-skills');

  // Teams: made on the People screen, chosen in Insights' filters.
  await app.open('People');
  const addTeam = page.getByRole('form', { name: 'Add a team' });
  for (const name of ['SMB East', 'Mid-market']) {
    await addTeam.getByLabel('Team name').fill(name);
    await addTeam.getByRole('button', { name: 'Add team' }).click();
    await expect(
      page.getByRole('list', { name: 'Teams' }).getByRole('listitem', { name: `Team ${name}` }),
    ).toBeVisible();
  }
  const teams = await callApi<Team[]>(gamefilm, 'people.teams');
  expect(teams.map((t) => t.name)).toEqual(['Mid-market', 'SMB East']);
  const east = teams.find((t) => t.name === 'SMB East')!;
  await page.getByLabel(`Team of ${rep.name}`).selectOption({ label: 'SMB East' });
  await expect
    .poll(async () => (await callApi<Person[]>(gamefilm, 'people.list')).find((p) => p.id === rep.id)?.teamId)
    .toBe(east.id);
  await shoot(page, 'people-teams');

  await app.open('Insights');
  const filters = page.getByRole('group', { name: 'Insights filters' });
  await filters.getByLabel('Team').selectOption({ label: 'SMB East' });
  await expect(heatmap.getByRole('rowheader', { name: rep.name })).toBeVisible();
  await shoot(page, 'insights-team');
  await expect(activity.getByRole('row', { name: /^Pia Peer/ })).toHaveCount(0);
  await expect(activity.getByRole('row', { name: new RegExp(`^${rep.name.replace(/[()]/g, '\\$&')}`) })).toHaveCount(1);
  await filters.getByLabel('Team').selectOption({ label: 'Mid-market' });
  await expect(page.getByText('No submitted scores you can see for this team’s people in this period.')).toBeVisible();
  await expect(heatmap).toHaveCount(0);
});

test('figures from a stereo call transcribed with the generated model: mark the customer, play the longest monologue', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(180_000);
  ensureWhisperCli();
  const dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-insights-'));
  try {
    const app = new AppPage(page);
    await app.goto(gamefilm.url + '#/settings');
    await page.getByLabel('Choose a whisper model file').setInputFiles(await tinyWhisperModelPath());
    await expect(page.getByRole('radio', { name: /^Use tiny-whisper.* by default$/ })).toBeChecked();
    const recording = makeStereoConversation(
      dir,
      'Thanks for taking the call. Tell me how your team reviews calls today and what is slow about it.',
      'We listen to recordings on our own. Nobody has time.',
    );
    await app.open('Library');
    const library = new LibraryPage(page);
    await library.importFiles([recording.path]);
    await library.open('stereo-call');
    const transcript = new TranscriptPage(page);
    await transcript.open();
    await expect(transcript.segments.first()).toBeVisible({ timeout: 120_000 });

    // Mark the right channel as the customer, as a coach would.
    await page.getByText(/^Speakers \(2\)/).click();
    const customer = page.getByRole('checkbox', { name: 'Customer' }).last();
    await customer.click();
    await expect(customer).toBeChecked();
    await page.getByRole('tab', { name: 'Metrics' }).click();
    const [call] = await callApi<Call[]>(gamefilm, 'calls.list');
    const stored = await callApi<CallInsights>(gamefilm, 'insights.forCall', { callId: call!.id });
    const transcribed = await callApi<Transcript>(gamefilm, 'transcripts.get', { mediaSha256: call!.media.sha256 });
    const customerId = transcribed!.speakers.find((sp) => sp.isCustomer)!.id;
    const table = page.getByRole('table', { name: 'Call metrics' });
    await expect(table).not.toContainText('NaN');
    await expect(table.getByRole('row', { name: /Silence/ })).toContainText(
      `${Math.round(stored.metrics!.silenceShare! * 100)} %`,
    );
    if (stored.metrics!.hasSides) {
      // Both channels produced speech: the side figures, and the longest monologue plays from its start.
      await expect(table.getByRole('row', { name: /Talk ratio/ })).toContainText(
        `${Math.round(stored.metrics!.talkRatioRep! * 100)} %`,
      );
      const monologue = stored.metrics!.longestMonologue!;
      const player = new PlayerPage(page);
      await player.waitPainted();
      await table.getByRole('button', { name: /^Longest rep monologue/ }).click();
      await expect.poll(async () => (await player.media()).currentTime).toBeCloseTo(monologue.startSec, 1);
    } else {
      // The random-weight model often hears nothing on one channel: the panel says which side is empty, not "mark the customer".
      const silent = transcribed!.segments.every((sg) => sg.speakerId !== customerId);
      expect(stored.sides).toBe(silent ? 'customer_silent' : 'rep_silent');
      await expect(page.getByRole('note', { name: 'Customer side needed' })).toContainText(
        silent ? "The customer's speaker has no speech" : "Every segment is on the customer's side",
      );
      await expect(table.getByRole('row', { name: /Talk ratio/ })).toHaveCount(0);
    }
    await shoot(page, 'call-metrics-generated-model');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
