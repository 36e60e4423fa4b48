import type { Locator, Page } from '@playwright/test';

export class LibraryPage {
  readonly table: Locator;
  readonly imports: Locator;
  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Calls' });
    this.imports = page.getByRole('region', { name: 'Imports' });
  }
  /** Picks files through the same input the "Import calls…" button opens. */
  async importFiles(paths: string[]) {
    await this.page.getByLabel('Choose call recordings to import').setInputFiles(paths);
  }
  importRow(fileName: string) {
    return this.imports.getByRole('listitem', { name: fileName });
  }
  row(title: string) {
    return this.table.getByRole('row', { name: title });
  }
  async open(title: string) {
    await this.row(title).getByRole('button', { name: title, exact: true }).click();
    await this.page.getByRole('textbox', { name: 'Call title' }).waitFor();
  }
  async search(text: string) {
    await this.page.getByRole('searchbox', { name: 'Search calls' }).fill(text);
  }
}
