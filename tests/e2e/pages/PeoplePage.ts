import type { Locator, Page } from '@playwright/test';

export class PeoplePage {
  readonly list: Locator;
  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'People' });
  }
  row(name: string) {
    return this.list.getByRole('listitem', { name });
  }
  async add(name: string, role: 'Rep' | 'Coach' | 'Facilitator' | 'Manager' = 'Rep') {
    const form = this.page.getByRole('form', { name: 'Add a person' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Role').selectOption({ label: role });
    await form.getByRole('button', { name: 'Add person' }).click();
    await this.row(name).waitFor();
  }
  async markMe(name: string) {
    await this.row(name).getByRole('button', { name: 'This is me' }).click();
  }
}
