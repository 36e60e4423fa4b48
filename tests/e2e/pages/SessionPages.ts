import type { Locator, Page } from '@playwright/test';

/** The Sessions area: the list with its "New session" form, and one session's plan. */
export class SessionPlanPage {
  constructor(readonly page: Page) {}
  async create(title: string, template: string) {
    const form = this.page.getByRole('region', { name: 'New session' });
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Template').selectOption({ label: template });
    await form.getByRole('button', { name: 'Create session' }).click();
    await this.page.getByRole('heading', { level: 1, name: title }).waitFor();
  }
  item(n: number): Locator {
    return this.page.getByRole('list', { name: 'Agenda' }).getByRole('listitem', { name: new RegExp(`^Item ${n}:`) });
  }
  async chooseCall(n: number, title: RegExp) {
    const select = this.item(n).getByLabel('Call', { exact: true });
    const label = await select.locator('option').filter({ hasText: title }).first().textContent();
    await select.selectOption({ label: label ?? '' });
    await this.item(n).getByLabel('Clip starts at').waitFor();
  }
  async chooseAttempt(n: number, drill: RegExp) {
    const drills = this.item(n).getByLabel('Drill', { exact: true });
    const label = await drills.locator('option').filter({ hasText: drill }).first().textContent();
    await drills.selectOption({ label: label ?? '' });
    const attempts = this.item(n).getByLabel('Attempt', { exact: true });
    await attempts.locator('option').nth(1).waitFor({ state: 'attached' });
    await attempts.selectOption({ index: 1 });
  }
  async start() {
    await this.page.getByRole('button', { name: 'Start session' }).click();
    await this.page.getByRole('button', { name: 'Finish session' }).waitFor();
  }
}

/** The facilitator's control view while a session runs. */
export class ControlPage {
  readonly agenda: Locator;
  readonly captured: Locator;
  constructor(readonly page: Page) {
    this.agenda = page.getByRole('navigation', { name: 'Agenda' });
    this.captured = page.getByRole('list', { name: 'Captured' });
  }
  currentItem(): Locator {
    return this.page.locator('#current-item-heading');
  }
  /** Takes focus off any button, so keys reach the session (a focused button keeps its Space). */
  async focusPage() {
    await this.page.locator('#main').focus();
  }
  async feedback(kind: 'Strength' | 'Improvement', text: string) {
    const form = this.page.getByRole('form', { name: /^Feedback/ });
    await form.getByLabel(kind).check();
    await form.getByLabel('What was said').fill(text);
    await form.getByRole('button', { name: 'Capture feedback' }).click();
    await this.captured.getByText(text).waitFor();
  }
  async actionItem(text: string, dueDate: string) {
    const form = this.page.getByRole('form', { name: 'Action item' });
    await form.getByLabel('To do').fill(text);
    await form.getByLabel('Due').fill(dueDate);
    await form.getByRole('button', { name: 'Add action item' }).click();
    await this.captured.getByText(text).waitFor();
  }
  async kudos(badge: RegExp, reason: string) {
    const form = this.page.getByRole('form', { name: /^Kudos/ });
    const select = form.getByLabel('Badge');
    const label = await select.locator('option').filter({ hasText: badge }).first().textContent();
    await select.selectOption({ label: label ?? '' });
    await form.getByLabel('Why').fill(reason);
    await form.getByRole('button', { name: 'Give kudos' }).click();
    await this.captured.getByText(reason).waitFor();
  }
}

/** The presenter view (the room's screen). */
export class PresenterPage {
  readonly main: Locator;
  readonly title: Locator;
  readonly playing: Locator;
  readonly wave: Locator;
  readonly feedback: Locator;
  constructor(readonly page: Page) {
    this.main = page.getByRole('main', { name: 'Presenter view' });
    this.title = page.getByRole('heading', { level: 1 });
    this.playing = page.locator('.presenter-playing');
    this.wave = page.getByRole('img', { name: /^Waveform of/ });
    this.feedback = page.getByRole('list', { name: 'Feedback on this item' });
  }
  async fraction(): Promise<number> {
    return Number(await this.wave.getAttribute('data-fraction'));
  }
}
