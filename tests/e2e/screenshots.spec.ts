import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeMedia, makeRandomBytes, makeStereoSplit } from '../fixtures/media';
import { test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { LibraryPage } from './pages/LibraryPage';
import { PeoplePage } from './pages/PeoplePage';

/**
 * Pictures of every screen at a laptop size and a shared-screen size, written
 * to screenshots/ for a person to look at (they are not compared).
 */
const OUT = resolve(__dirname, '../../screenshots');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
const AREAS = ['Library', 'Drills', 'Sessions', 'Insights', 'People', 'Settings'];

test('screens at 1280×800 and 1920×1080, light and dark', async ({ page, gamefilm }) => {
  mkdirSync(OUT, { recursive: true });
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  await app.open('People');
  const people = new PeoplePage(page);
  await people.add('Dana Ruiz', 'Coach');
  await people.add('Sam Okafor');
  await people.markMe('Dana Ruiz');

  const media = mkdtempSync(join(tmpdir(), 'gamefilm-shots-'));
  await app.open('Library');
  const library = new LibraryPage(page);
  await library.importFiles([
    await makeMedia(media, 'mp3', { durationSec: 30, name: 'Acme discovery – first call' }),
    await makeStereoSplit(media, 'Globex renewal (dialer stereo)'),
    await makeMedia(media, 'mp4', { durationSec: 4, name: 'Initech demo recording' }),
    await makeRandomBytes(media, 'voicemail.mp3'),
  ]);
  await library.row('Initech demo recording').waitFor();
  await library.importRow('voicemail.mp3').getByRole('alert').waitFor();
  rmSync(media, { recursive: true, force: true });
  for (const theme of ['Light', 'Dark']) {
    await app.open('Settings');
    await page.getByRole('radio', { name: theme }).check();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const area of AREAS) {
        await app.open(area);
        await page.screenshot({
          path: join(OUT, `${area.toLowerCase()}-${size.width}x${size.height}-${theme.toLowerCase()}.png`),
        });
      }
      await app.open('Settings');
      await page
        .getByRole('region', { name: 'Tags and badges' })
        .screenshot({ path: join(OUT, `settings-vocabulary-${size.width}x${size.height}-${theme.toLowerCase()}.png`) });
      await app.open('Library');
      await library.open('Globex renewal (dialer stereo)');
      await page.screenshot({ path: join(OUT, `call-${size.width}x${size.height}-${theme.toLowerCase()}.png`) });
    }
  }
});
