import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The drills area: the list, a drill's runner and its history. */
export class DrillPage {
  readonly meter: Locator;
  readonly attempts: Locator;
  constructor(readonly page: Page) {
    this.meter = page.getByRole('meter', { name: 'Microphone level' });
    this.attempts = page.getByRole('table', { name: 'Attempts' }).locator('tbody tr');
  }

  async search(text: string) {
    await this.page.getByRole('searchbox', { name: 'Search drills' }).fill(text);
  }

  async run(title: RegExp) {
    await this.page.getByRole('link', { name: title }).click();
    await this.page.getByRole('region', { name: 'Buyer prompt' }).waitFor();
  }

  /** Starts a take and waits until the recording (after the 3-2-1) has begun. */
  async startAnswer() {
    await this.page.getByRole('button', { name: 'Start answering' }).click();
    await expect(this.page.getByRole('timer', { name: 'Recording starts in' })).toBeVisible();
    await expect(this.meter).toBeVisible({ timeout: 10_000 });
  }

  async meterLevel(): Promise<number> {
    return Number(await this.meter.getAttribute('aria-valuenow'));
  }

  async stopAndKeep() {
    await this.page.getByRole('button', { name: 'Stop' }).click();
    await expect(this.page.getByLabel('Play back your answer')).toBeVisible();
    await this.page.getByRole('button', { name: 'Keep this attempt' }).click();
    await expect(this.page.getByText('Attempt kept.')).toBeVisible({ timeout: 30_000 });
  }

  /** Gives every criterion of the self-score the same level, then submits. */
  async selfScore(level: number) {
    const scoring = this.page.getByRole('region', { name: 'Self-score' });
    const groups = scoring.getByRole('radiogroup');
    await expect(groups.first()).toBeVisible();
    for (const group of await groups.all()) {
      await group.getByRole('radio', { name: String(level), exact: true }).check();
    }
    await expect(scoring.getByLabel('Overall score')).toHaveText(level.toFixed(1));
    await scoring.getByRole('button', { name: 'Submit score' }).click();
    await expect(scoring.getByText(/^Submitted/)).toBeVisible();
  }
}
