import type { Locator, Page } from '@playwright/test';
import { PlayerPage } from './PlayerPage';

/** The call screen's review tabs: annotations, scorecard and calibration, plus the regions on the waveform. */
export class CoachingPage {
  readonly player: PlayerPage;
  readonly annotations: Locator;
  readonly scorecard: Locator;
  readonly calibration: Locator;
  constructor(readonly page: Page) {
    this.player = new PlayerPage(page);
    this.annotations = page.getByRole('region', { name: 'Annotations', exact: true });
    this.scorecard = page.getByRole('region', { name: 'Scorecard', exact: true });
    this.calibration = page.getByRole('region', { name: 'Calibration', exact: true });
  }

  tab(name: 'Annotations' | 'Scorecard' | 'Calibration') {
    return this.page.getByRole('tablist', { name: 'Review' }).getByRole('tab', { name });
  }

  /** Drags across the waveform between two fractions of its width, as a coach marks a range. */
  async dragOnWaveform(from: number, to: number) {
    const box = await this.player.playhead.boundingBox();
    if (!box) throw new Error('the waveform is not on screen');
    const y = box.y + 40;
    await this.page.mouse.move(box.x + box.width * from, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * ((from + to) / 2), y, { steps: 5 });
    await this.page.mouse.move(box.x + box.width * to, y, { steps: 5 });
    await this.page.mouse.up();
  }

  annotationItems() {
    return this.annotations
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('button', { name: /^Play from/ }) });
  }

  /** The comment box of the annotation at a moment label such as "0:04" or "0:04–0:09". */
  comment(moment: string | RegExp) {
    return this.annotations.getByRole('textbox', { name: typeof moment === 'string' ? `Comment ${moment}` : moment });
  }

  /** Regions and markers wavesurfer drew, read through its shadow root. */
  drawnRegions() {
    return this.player.playhead.evaluate((host) => {
      const root = host.querySelector(':scope > div')?.shadowRoot;
      const parts = root ? [...root.querySelectorAll('[part]')].map((el) => el.getAttribute('part') ?? '') : [];
      return {
        ranges: parts.filter((p) => p.split(' ')[0] === 'region').length,
        points: parts.filter((p) => p.split(' ')[0] === 'marker').length,
      };
    });
  }

  criterion(name: string) {
    return this.scorecard.getByRole('group', { name, exact: false }).filter({
      has: this.page.getByRole('radiogroup', { name: `Score for ${name}` }),
    });
  }

  async score(name: string, level: number) {
    await this.scorecard
      .getByRole('radiogroup', { name: `Score for ${name}` })
      .getByRole('radio', { name: String(level), exact: true })
      .check();
  }

  calibrationRow(criterion: string) {
    return this.calibration
      .getByRole('table', { name: 'Scores by criterion' })
      .getByRole('row', { name: new RegExp(`^${criterion}`) });
  }

  async spreadOf(criterion: string) {
    return (await this.calibrationRow(criterion).locator('[data-column="spread"]').textContent())?.trim();
  }
}
