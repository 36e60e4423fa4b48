import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Call, Person, Transcript } from '../../src/shared/domain';
import type { Result } from '../../src/shared/result';
import { speak } from '../main/core/transcription/helpers';
import { tinyWhisperModelPath } from '../fixtures/tiny-whisper-model';
import { ensureWhisperCli } from '../fixtures/whisper/helpers';
import type { GamefilmServer } from './fixtures';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { shoot } from './shots';
import { LibraryPage } from './pages/LibraryPage';
import { TranscriptPage } from './pages/TranscriptPage';

/*
 * What a new team trips over around transcription (issue 12): the sample call
 * on an empty library (15), search over coaches' words (5), the library's
 * status column and Transcribe all (4), and corrections surviving Transcribe
 * again (2). Every step checks what the core stored, not only the screen.
 */
let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-flow-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the core has stored, asked the way the page asks. */
async function stored<T>(server: GamefilmServer, method: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${new URL(server.url).origin}/api/${method}`, {
    method: 'POST',
    headers: { 'x-gamefilm-token': server.token, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await res.json()) as Result<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

test('the sample call: opened from the empty library, found by search, marked, removed', async ({ page, gamefilm }) => {
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  await expect(page.getByRole('heading', { name: 'No calls yet' })).toBeVisible();
  await shoot(page, 'library-empty');

  await page.getByRole('button', { name: 'Open the sample call' }).click();
  await expect(page.getByRole('textbox', { name: 'Call title' })).toHaveValue(/^Sample call/);
  await expect(page.getByRole('note', { name: 'Sample call' })).toContainText('sample call that ships with Gamefilm');
  const [sample] = await stored<Call[]>(gamefilm, 'calls.list');
  expect(sample).toMatchObject({ isSample: true, transcription: 'transcribed', reviewedBy: 1 });

  // The transcript is there without any model.
  const transcript = new TranscriptPage(page);
  await transcript.open();
  await expect(transcript.segments.first()).toContainText('thanks for making time today');
  await expect(page.getByRole('button', { name: 'Transcribe again' })).toHaveCount(0); // no model: nothing to run
  await shoot(page, 'sample-call-transcript');

  // Library: marked, transcribed, reviewed by one; search finds the coach's words and the spoken ones.
  await app.open('Library');
  const library = new LibraryPage(page);
  const row = library.row(sample!.title);
  await expect(row.locator('.chip-sample')).toHaveText('Sample');
  await expect(row).toContainText('Transcribed');
  await expect(row).toContainText('Reviewed by 1');
  // Scorecard comments pass the blind rule: the sample's coach, as "me", finds their own words.
  const coach = (await stored<Person[]>(gamefilm, 'people.list')).find((p) => p.name === 'Casey Morgan (sample)');
  await stored(gamefilm, 'people.setMe', { id: coach!.id });
  await library.search('discount');
  const hits = page.getByRole('region', { name: 'Moments in calls' });
  await expect(hits.getByRole('button')).toHaveCount(3);
  await expect(hits.getByRole('button').nth(0)).toHaveAccessibleName(/Annotation by Casey Morgan \(sample\)$/);
  await expect(hits.getByRole('button').nth(1)).toHaveAccessibleName(/Scorecard comment · Objection Handling/);
  await shoot(page, 'library-search-hits');
  // A transcript hit opens the Transcript tab at that moment.
  await hits.getByRole('button', { name: /Transcript/ }).click();
  await expect(page.getByRole('tab', { name: 'Transcript' })).toHaveAttribute('aria-selected', 'true');
  await expect(transcript.segments.filter({ hasText: 'A discount helps' })).toBeVisible();

  // Remove it: asked first, then gone with its recording and its people.
  await page.getByRole('button', { name: 'Remove the sample…' }).click();
  await shoot(page, 'sample-remove-confirm');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove the sample' }).click();
  await expect(page.getByRole('heading', { name: 'No calls yet' })).toBeVisible();
  expect(await stored<Call[]>(gamefilm, 'calls.list')).toEqual([]);
  expect(await stored<Call[]>(gamefilm, 'calls.list', { trash: true })).toEqual([]);
  expect(await stored<unknown[]>(gamefilm, 'people.list')).toEqual([]);
});

test('calls imported before a model: status and filter, Transcribe all when a model arrives, corrections kept on Transcribe again', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(240_000);
  ensureWhisperCli();
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  const library = new LibraryPage(page);
  await library.importFiles([
    speak(join(dir, 'renewal-call.wav'), 'We are replacing the incumbent vendor next quarter.'),
  ]);
  const row = library.row('renewal-call');
  await expect(row).toContainText('Not transcribed');
  await expect(page.getByRole('button', { name: 'Transcribe all (1)' })).toBeVisible();
  await page.getByLabel('Status').selectOption({ label: 'Transcribed' });
  await expect(row).toHaveCount(0);
  await page.getByLabel('Status').selectOption({ label: 'Not transcribed' });
  await expect(row).toBeVisible();
  await shoot(page, 'library-status-column');

  // The first model arrives: the app offers to transcribe what waits.
  await app.open('Settings');
  await page.getByLabel('Choose a whisper model file').setInputFiles(await tinyWhisperModelPath());
  await page.getByRole('button', { name: 'Transcribe it' }).click();
  await app.open('Library');
  await page.getByLabel('Status').selectOption({ label: 'Transcribed' });
  await expect(row).toContainText('Transcribed', { timeout: 120_000 });
  const [call] = await stored<Call[]>(gamefilm, 'calls.list');
  expect(call!.transcription).toBe('transcribed');

  // Correct a segment, then Transcribe again: asked first, and the correction survives in the store.
  await library.open('renewal-call');
  const transcript = new TranscriptPage(page);
  await transcript.open();
  await expect(transcript.segments.first()).toBeVisible();
  const clock = (await transcript.segments.first().getAttribute('aria-label'))!.replace('Segment at ', '');
  await transcript.editSegment(clock, 'We are replacing the incumbent vendor');
  await expect(transcript.segmentAt(clock)).toContainText('incumbent vendor');
  await page.getByRole('button', { name: 'Transcribe again' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('The segment you corrected is kept as you wrote it.');
  await shoot(page, 'transcribe-again-confirm');
  await dialog.getByRole('button', { name: 'Transcribe again' }).click();
  await expect(page.getByRole('button', { name: 'Transcribe again' })).toBeVisible({ timeout: 120_000 });
  const after = await stored<Transcript>(gamefilm, 'transcripts.get', { mediaSha256: call!.media.sha256 });
  expect(after.segments.filter((s) => s.edited).map((s) => s.text)).toEqual(['We are replacing the incumbent vendor']);
  const jobs = await stored<Array<{ state: string }>>(gamefilm, 'jobs.list', { mediaSha256: call!.media.sha256 });
  expect(jobs.map((j) => j.state)).toEqual(['done', 'done']);
});
