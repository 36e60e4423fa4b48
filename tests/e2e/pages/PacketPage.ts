import type { Download, Locator, Page } from '@playwright/test';

/** The packet dialogs: "Export packet…" on the call screen, "Import packet…" in the library. */
export class PacketPage {
  constructor(readonly page: Page) {}

  get exportDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Export a review packet' });
  }
  get importDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Import a review packet' });
  }

  async exportPacket(options: { media?: 'clips' | 'whole' } = {}) {
    await this.page.getByRole('button', { name: 'Export packet…' }).click();
    if (options.media === 'whole') await this.exportDialog.getByLabel(/The whole recording/).check();
    await this.exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
    await this.exportDialog.getByText(/is ready/).waitFor({ timeout: 60_000 });
  }

  /** Clicks a download link in the finished export and saves the file to `path`. */
  async download(label: RegExp, path: string): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.exportDialog.getByRole('link', { name: label }).click(),
    ]);
    await download.saveAs(path);
    return download;
  }

  async inspect(path: string) {
    await this.page.getByLabel('Choose a Gamefilm packet to import').setInputFiles(path);
    await this.importDialog.waitFor();
  }

  async confirmImport() {
    await this.importDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await this.importDialog.waitFor({ state: 'detached' });
  }
}
