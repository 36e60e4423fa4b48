import type { Locator, Page } from '@playwright/test';

/** The call screen's Transcript tab. */
export class TranscriptPage {
  readonly panel: Locator;
  readonly segments: Locator;
  constructor(readonly page: Page) {
    this.panel = page.locator('section.transcript-panel');
    this.segments = page.getByRole('list', { name: 'Transcript segments' }).getByRole('listitem');
  }
  async open() {
    await this.page.getByRole('tab', { name: 'Transcript' }).click();
    await this.panel.waitFor();
  }
  segmentAt(clock: string) {
    return this.page.getByRole('listitem', { name: `Segment at ${clock}` });
  }
  async editSegment(clock: string, text: string) {
    await this.page.getByRole('button', { name: `Edit segment at ${clock}` }).click();
    const box = this.page.getByRole('textbox', { name: `Text of segment at ${clock}` });
    await box.fill(text);
    await box.press('Enter');
  }
}
