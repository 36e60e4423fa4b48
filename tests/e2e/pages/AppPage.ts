import type { Locator, Page } from '@playwright/test';

/** The app frame: navigation between areas, and the notifications region. */
export class AppPage {
  readonly nav: Locator;
  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
  }
  async goto(url: string) {
    await this.page.goto(url);
    await this.nav.waitFor();
  }
  area(name: string) {
    return this.nav.getByRole('link', { name, exact: true });
  }
  async open(name: string) {
    await this.area(name).click();
    await this.page.getByRole('heading', { level: 1, name }).waitFor();
  }
}
