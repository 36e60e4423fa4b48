import type { Locator, Page } from '@playwright/test';

/** A person's page: open action items, progress chart, scorecards, calls. */
export class RepPage {
  readonly actionItems: Locator;
  readonly chart: Locator;
  constructor(readonly page: Page) {
    this.actionItems = page.getByRole('list', { name: 'Open action items' });
    this.chart = page.getByRole('img', { name: /Score per criterion over/ });
  }
  actionItem(text: string) {
    return this.actionItems.getByRole('listitem').filter({ hasText: text });
  }
  doneBox(text: string) {
    return this.page.getByRole('checkbox', { name: `Done: ${text}` });
  }
}
