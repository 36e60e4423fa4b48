import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeLongMp3, makeMedia, makeStereoSplit } from '../fixtures/media';
import { expect, test } from './fixtures';
import { importCall, setTheme } from './media';
import { PlayerPage } from './pages/PlayerPage';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-player-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('plays, seeks, zooms, changes speed and comes back where it left off', async ({ page, gamefilm }) => {
  const monoId = await importCall(gamefilm, await makeMedia(dir, 'mp3', { durationSec: 20, name: 'Acme discovery' }));
  const stereoId = await importCall(gamefilm, await makeStereoSplit(dir, 'Globex dialer'));
  const player = new PlayerPage(page);
  // The page must never fetch the recording to decode it: only the media element reads it.
  const mediaFetches: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/media/') && r.resourceType() !== 'media') mediaFetches.push(r.url());
  });
  await player.open(gamefilm.url, monoId);

  // The cached peaks are on the canvas: one row, plenty of painted pixels.
  await expect.poll(() => player.paintedPixelsPerRow()).toEqual([expect.any(Number)]);
  expect((await player.paintedPixelsPerRow())[0]).toBeGreaterThan(1000);
  await expect(player.playhead).toHaveAttribute('aria-valuemax', '20');
  const axe = await new AxeBuilder({ page }).include('section[aria-label="Player"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Space plays (a real key press is the user gesture autoplay rules ask for).
  await page.keyboard.press('Space');
  await expect(player.playPause).toHaveAccessibleName('Pause');
  await expect.poll(async () => (await player.media()).currentTime).toBeGreaterThan(0.5);
  await page.keyboard.press('k');
  await expect(player.playPause).toHaveAccessibleName('Play');

  // Typing in a field is typing, not transport control.
  const title = page.getByRole('textbox', { name: 'Call title' });
  await title.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('l');
  expect((await player.media()).paused).toBe(true);
  await page.keyboard.press('Escape');
  await title.blur();

  // Clicking the waveform seeks there; arrows skip.
  await player.clickWaveformAt(0.75);
  await expect.poll(async () => (await player.media()).currentTime).toBeCloseTo(15, 0);
  await expect(player.currentTime).toHaveText(/^0:1[45]$/);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await player.media()).currentTime).toBeCloseTo(10, 0);
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(async () => (await player.media()).currentTime).toBeCloseTo(20, 0);
  await page.keyboard.press('j');
  await expect.poll(async () => (await player.media()).currentTime).toBeCloseTo(10, 0);

  // Speed reaches the media element.
  await player.speed.selectOption('1.5');
  await expect.poll(async () => (await player.media()).playbackRate).toBe(1.5);

  // Zoom: + makes the waveform wider than its box; the whole-call button brings it back.
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect
    .poll(async () => (await player.waveformWidths()).scrollWidth)
    .toBeGreaterThan((await player.waveformWidths()).clientWidth * 1.5);
  await page.getByRole('button', { name: 'Fit the whole call' }).click();
  await expect
    .poll(async () => (await player.waveformWidths()).scrollWidth)
    .toBe((await player.waveformWidths()).clientWidth);

  // The shortcut sheet.
  await page.keyboard.press('Shift+Slash');
  await expect(player.shortcuts).toBeVisible();
  await expect(player.shortcuts.getByRole('row', { name: /Back 10 seconds/ })).toContainText('J');
  await page.keyboard.press('Escape');
  await expect(player.shortcuts).toBeHidden();

  // Where the coach left off survives a reload (saved on seek and pause).
  await player.clickWaveformAt(0.6);
  await expect.poll(async () => (await player.media()).currentTime).toBeCloseTo(12, 0);
  const left = (await player.media()).currentTime;
  await page.waitForResponse((r) => r.url().endsWith('/api/calls.setPosition'));
  await page.reload();
  await player.waitPainted();
  await expect.poll(async () => (await player.media()).currentTime).toBeCloseTo(left, 0);
  await expect(player.currentTime).toHaveText(`0:${String(Math.floor(left)).padStart(2, '0')}`);

  // A stereo call: one labelled row per channel, each painted.
  await player.open(gamefilm.url, stereoId);
  await expect(player.region.getByText('Left channel')).toBeVisible();
  await expect(player.region.getByText('Right channel')).toBeVisible();
  await expect.poll(() => player.paintedPixelsPerRow()).toHaveLength(2);
  const [leftRow, rightRow] = await player.paintedPixelsPerRow();
  expect(leftRow).toBeGreaterThan(500);
  expect(rightRow).toBeGreaterThan(500);
  expect(mediaFetches).toEqual([]);
});

test('a video call shows its picture and plays', async ({ page, gamefilm }) => {
  const videoId = await importCall(gamefilm, await makeMedia(dir, 'mp4', { durationSec: 6, name: 'Initech demo' }));
  const player = new PlayerPage(page);
  await player.open(gamefilm.url, videoId);
  const video = player.region.locator('video');
  await expect(video).toBeVisible();
  await expect.poll(async () => (await player.media()).readyState).toBeGreaterThanOrEqual(2);
  expect((await player.media()).videoWidth).toBeGreaterThan(0);
  await player.playPause.click();
  await expect.poll(async () => (await player.media()).currentTime).toBeGreaterThan(0.3);
});

const SHOTS = resolve(__dirname, '../../screenshots');

test('call screen at 1280×800 and 1920×1080, light and dark', async ({ page, gamefilm }) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const calls = {
    long: await importCall(gamefilm, await makeLongMp3(dir, 25 * 60, 'Umbrella negotiation')),
    stereo: await importCall(gamefilm, await makeStereoSplit(dir, 'Globex renewal (dialer stereo)')),
    video: await importCall(gamefilm, await makeMedia(dir, 'mp4', { durationSec: 6, name: 'Initech demo recording' })),
  };
  const player = new PlayerPage(page);
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(gamefilm, theme);
    for (const size of [
      { width: 1280, height: 800 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      for (const [name, id] of Object.entries(calls)) {
        await player.open(gamefilm.url, id);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        if (name === 'long') {
          await player.clickWaveformAt(0.4);
          await page.keyboard.press('+');
        }
        await page.screenshot({ path: join(SHOTS, `player-${name}-${size.width}x${size.height}-${theme}.png`) });
        if (name === 'long') {
          await page.keyboard.press('Shift+Slash');
          await expect(player.shortcuts).toBeVisible();
          await page.screenshot({ path: join(SHOTS, `player-shortcuts-${size.width}x${size.height}-${theme}.png`) });
          await page.keyboard.press('Escape');
        }
      }
    }
  }
});
