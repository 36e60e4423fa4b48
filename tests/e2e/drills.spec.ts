import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Drill, DrillHistory, Person } from '../../src/shared/domain';
import { tinyWhisperModelPath } from '../fixtures/tiny-whisper-model';
import { ensureWhisperCli } from '../fixtures/whisper/helpers';
import { CHROMIUM_ARGS } from './chromium';
import { expect, test } from './fixtures';
import type { GamefilmServer } from './fixtures';
import { callApi, importCall } from './media';
import { AppPage } from './pages/AppPage';
import { DrillPage } from './pages/DrillPage';

/*
 * Drills end to end with Chromium's fake microphone: it "hears" a WAV of
 * speech made here with espeak-ng (16-bit, 48 kHz mono, what Chromium reads),
 * looped, so the level meter moves and the recording has words in it.
 */
const dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-drills-'));
const micWav = join(dir, 'mic.wav');
{
  const raw = join(dir, 'mic-raw.wav');
  const say = spawnSync('espeak-ng', ['-w', raw, '--', 'I hear you on price. What are you comparing it against?']);
  if (say.status !== 0) throw new Error(`espeak-ng failed: ${String(say.stderr)}`);
  const sox = spawnSync('sox', [raw, '-r', '48000', '-b', '16', '-c', '1', micWav, 'pad', '0.2', '0.2']);
  if (sox.status !== 0) throw new Error(`sox failed: ${String(sox.stderr)}`);
}
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FAKE_DEVICE = ['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${micWav}`];

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCREENSHOTS = join(__dirname, '../../screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

async function setUpMe(gamefilm: GamefilmServer): Promise<Person> {
  const me = await callApi<Person>(gamefilm, 'people.create', { name: 'Riley Rep', role: 'rep' });
  await callApi(gamefilm, 'people.setMe', { id: me.id });
  return me;
}

const drillIdFromUrl = (url: string) => /#\/drills\/([^/?]+)/.exec(url)?.[1] ?? '';

// The fake-ui flag grants the microphone without a prompt; the denied case launches its own browser without it.
test.use({
  launchOptions: { executablePath, args: [...CHROMIUM_ARGS, ...FAKE_DEVICE, '--use-fake-ui-for-media-stream'] },
});

test.describe('with a microphone', () => {
  test('run a drill: record with a live meter, keep, transcribe, self-score; again: history and personal best', async ({
    page,
    gamefilm,
  }) => {
    test.setTimeout(240_000);
    ensureWhisperCli();
    await setUpMe(gamefilm);
    const app = new AppPage(page);
    await app.goto(gamefilm.url + '#/settings');
    await page.getByLabel('Choose a whisper model file').setInputFiles(await tinyWhisperModelPath());
    await expect(page.getByRole('radio', { name: /^Use tiny-whisper.* by default$/ })).toBeChecked();

    await app.open('Drills');
    const drills = new DrillPage(page);
    await drills.search('too expensive');
    await drills.run(/^Run .*too expensive/);
    await expect(page.getByRole('region', { name: 'Buyer prompt' })).toContainText('forty-five dollars a seat');
    const drillId = drillIdFromUrl(page.url());

    // First take: the meter moves while the fake microphone speaks.
    await drills.startAnswer();
    await expect.poll(() => drills.meterLevel(), { timeout: 10_000 }).toBeGreaterThan(20);
    await expect(page.getByRole('timer', { name: 'Time left' })).toHaveText(/^1:[23]\d$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'drill-runner-1280x800.png') });
    await page.waitForTimeout(2500); // a few seconds of answer
    await drills.stopAndKeep();

    // Transcribed by the queue (tiny model: nonsense words, real timings), then self-scored.
    await expect(page.getByRole('status', { name: 'Transcription status' })).toHaveText('Transcribed.', {
      timeout: 150_000,
    });
    await expect(page.getByRole('list', { name: 'Transcript segments' }).getByRole('listitem').first()).toBeVisible();
    await drills.selfScore(3);

    // Second take, at a bigger window, scored higher.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByRole('button', { name: 'Run it again' }).click();
    await drills.startAnswer();
    await expect.poll(() => drills.meterLevel(), { timeout: 10_000 }).toBeGreaterThan(20);
    await page.screenshot({ path: join(SCREENSHOTS, 'drill-runner-1920x1080.png') });
    await page.waitForTimeout(2000);
    await drills.stopAndKeep();
    await drills.selfScore(4);

    // The history: two attempts, the best one marked, the change since the first.
    await page.getByRole('link', { name: 'Edit and history' }).click();
    await expect(drills.attempts).toHaveCount(2);
    await expect(page.getByLabel('Personal best', { exact: true })).toHaveText('4.0');
    await expect(page.getByLabel('Improvement since the first attempt')).toHaveText('+1.0');
    await expect(page.getByRole('row', { name: 'Attempt 2' })).toContainText('★ Best');
    await expect(page.getByRole('img', { name: 'Scores over time: 3.0, 4.0' })).toBeVisible();
    await page.screenshot({ path: join(SCREENSHOTS, 'drill-history-1920x1080.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    // At this width the history sits under the scenario: show it, not the form.
    await page.getByRole('region', { name: 'History' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENSHOTS, 'drill-history-1280x800.png') });

    const history = await callApi<DrillHistory>(gamefilm, 'drills.history', { drillId });
    expect(history.attempts.map((a) => a.score)).toEqual([3, 4]);
  });

  test('make a drill from a range of a call and run it', async ({ page, gamefilm }) => {
    test.setTimeout(120_000);
    const raw = join(dir, 'objection.wav');
    spawnSync('espeak-ng', ['-w', raw, '--', 'Honestly your price is too high. Chorus quoted us less.']);
    const callId = await importCall(gamefilm, raw, { name: 'Renewal with Acme.wav' });
    // An attempt belongs to its person: someone must be "me" to record one.
    await setUpMe(gamefilm);
    // A marked range that does not start or end on a whole second.
    await callApi(gamefilm, 'annotations.create', {
      callId,
      startSec: 0.25,
      endSec: 2.75,
      body: 'The price objection',
    });
    const app = new AppPage(page);
    await app.goto(`${gamefilm.url}#/calls/${callId}`);

    await page.getByRole('button', { name: 'Make a drill…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Make a drill from this call' });
    await dialog.getByLabel('Marked range').selectOption({ index: 1 });
    await expect(dialog.getByLabel('From (m:ss)')).toHaveValue('0:00.25');
    await expect(dialog.getByLabel('To (m:ss)')).toHaveValue('0:02.75');
    await dialog.getByLabel('Drill title (optional)').fill('Acme says we cost too much');
    await dialog.getByRole('button', { name: 'Make drill' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Acme says we cost too much' })).toBeVisible();
    // Stored to the millisecond, not moved to whole seconds.
    const made = await callApi<Drill>(gamefilm, 'drills.get', { id: drillIdFromUrl(page.url()) });
    expect(made.promptClip).toMatchObject({ startSec: 0.25, endSec: 2.75 });

    await page.getByRole('link', { name: 'Run drill' }).click();
    const clip = page.getByTestId('prompt-clip');
    await expect(clip).toHaveAttribute('src', /\/media\/[0-9a-f]{64}\.wav\?token=.*#t=0\.25,2\.75$/);
    await page.getByRole('button', { name: /^▶ Play the buyer/ }).click();
    await expect.poll(() => clip.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(0.2);

    const drills = new DrillPage(page);
    await drills.startAnswer();
    await expect.poll(() => drills.meterLevel(), { timeout: 10_000 }).toBeGreaterThan(20);
    await page.waitForTimeout(1500);
    await drills.stopAndKeep();
    // MediaRecorder's WebM has no duration in its header; the kept copy does, so the player knows it at once.
    const kept = page.getByRole('region', { name: 'Your attempt' }).getByLabel('Play your attempt');
    await expect.poll(() => kept.evaluate((a: HTMLAudioElement) => a.duration)).toBeGreaterThan(0.5);
    expect(await kept.evaluate((a: HTMLAudioElement) => a.duration)).toBeLessThan(60);
    const drillId = drillIdFromUrl(page.url());
    const history = await callApi<DrillHistory>(gamefilm, 'drills.history', { drillId });
    expect(history.attempts).toHaveLength(1);
    expect(history.attempts[0]?.drillId).toBe(drillId);
  });
});

test('a denied microphone shows a clear message and saves nothing', async ({ playwright, gamefilm }) => {
  // No fake-ui flag: Chromium would ask, and the context denies the microphone.
  const browser = await playwright.chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...FAKE_DEVICE] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: [] });
    const page = await context.newPage();
    const app = new AppPage(page);
    await app.goto(gamefilm.url + '#/drills');
    const drills = new DrillPage(page);
    await drills.search('too busy');
    await drills.run(/^Run .*too busy/);
    const drillId = drillIdFromUrl(page.url());
    await page.getByRole('button', { name: 'Start answering' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Microphone unavailable');
    await expect(alert).toContainText('Nothing was recorded');
    await expect(drills.meter).toHaveCount(0);
    const history = await callApi<DrillHistory>(gamefilm, 'drills.history', { drillId });
    expect(history.attempts).toHaveLength(0);
  } finally {
    await browser.close();
  }
});
