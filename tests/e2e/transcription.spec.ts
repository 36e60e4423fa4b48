import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSync } from 'subtitle';
import { makeStereoConversation } from '../main/core/transcription/helpers';
import { tinyWhisperModelPath } from '../fixtures/tiny-whisper-model';
import { ensureWhisperCli } from '../fixtures/whisper/helpers';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { LibraryPage } from './pages/LibraryPage';
import { PlayerPage } from './pages/PlayerPage';
import { TranscriptPage } from './pages/TranscriptPage';

/*
 * The real engine end to end: whisper.cpp (built at install) with a tiny
 * random-weight model the suite generates, so the words are nonsense but the
 * jobs, timings, speakers, edits, exports and search are all real.
 */
let dir: string;
test.beforeAll(() => {
  ensureWhisperCli();
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-transcribe-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('transcribe a stereo call: two speakers, seek from a word, edit, export SRT, search the library', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(180_000);
  const app = new AppPage(page);
  await app.goto(gamefilm.url + '#/settings');

  // Import the model through the model manager, as a user with a model file would.
  await page.getByLabel('Choose a whisper model file').setInputFiles(await tinyWhisperModelPath());
  await expect(page.getByRole('radio', { name: /^Use tiny-whisper.* by default$/ })).toBeChecked();

  const call = makeStereoConversation(
    dir,
    'Thanks for taking the call. What made you look at new tools this quarter?',
    'Honestly our current vendor is too slow and the renewal is coming up.',
  );
  await app.open('Library');
  const library = new LibraryPage(page);
  await library.importFiles([call.path]);
  await expect(library.row('stereo-call')).toBeVisible();
  await library.open('stereo-call');

  const transcript = new TranscriptPage(page);
  await transcript.open();
  // Queued automatically on import; wait for it to finish (progress shows while it runs).
  await expect(transcript.segments.first()).toBeVisible({ timeout: 120_000 });
  await page.getByText('Speakers (2)').click();
  const speakers = page.getByRole('list', { name: 'Speakers' }).getByRole('listitem');
  await expect(speakers).toHaveCount(2);
  await expect(speakers.first()).toHaveAccessibleName(/Left channel/);
  await expect(speakers.last()).toHaveAccessibleName(/Right channel/);

  // Click a word late in the transcript: the player jumps there.
  const player = new PlayerPage(page);
  await player.waitPainted();
  const word = transcript.panel.locator('.word').last();
  const title = (await word.getAttribute('title')) ?? '';
  const [, mm, ss] = /(\d+):(\d+)/.exec(title) ?? [];
  const expected = Number(mm) * 60 + Number(ss);
  await word.click();
  await expect.poll(async () => (await player.media()).currentTime).toBeGreaterThanOrEqual(expected - 0.01);
  expect((await player.media()).currentTime).toBeLessThan(expected + 1.5);

  // Edit the first segment, then find the edit in the SRT export.
  const firstClock = (await transcript.segments.first().getAttribute('aria-label'))!.replace('Segment at ', '');
  await transcript.editSegment(firstClock, 'They said the incumbent vendor is too slow');
  await expect(transcript.segmentAt(firstClock)).toContainText('incumbent vendor');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as SRT' }).click();
  const srt = readFileSync(await (await download).path(), 'utf8');
  const cues = parseSync(srt).filter((n) => n.type === 'cue');
  expect(cues.length).toBeGreaterThan(0);
  expect(cues.map((c) => (c.data as { text: string }).text).join('\n')).toContain('incumbent vendor');

  // Search the library for the word and land on the moment.
  await app.open('Library');
  await library.search('incumbent');
  const hits = page.getByRole('region', { name: 'Moments in calls' });
  await hits.getByRole('button', { name: /^stereo-call at / }).click();
  await player.waitPainted();
  await expect(page.getByRole('textbox', { name: 'Call title' })).toHaveValue('stereo-call');
  const segmentStart = firstClock.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
  await expect.poll(async () => (await player.media()).currentTime).toBeGreaterThanOrEqual(segmentStart);
  expect((await player.media()).currentTime).toBeLessThan(segmentStart + 1.5);
});
