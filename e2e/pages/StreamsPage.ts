// The streams list: search (contains / starts with), category, sort, virtualized rows.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell.ts';

export class StreamsPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly search: Locator;
  readonly mode: Locator;
  readonly category: Locator;
  readonly sort: Locator;
  readonly rows: Locator;
  readonly count: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.search = page.getByTestId('streams-search');
    this.mode = page.getByTestId('streams-mode');
    this.category = page.getByTestId('streams-category');
    this.sort = page.getByTestId('streams-sort');
    this.rows = page.getByTestId('stream-row');
    this.count = page.getByTestId('streams-count');
  }

  async open(): Promise<void> {
    await this.shell.nav('streams');
    await expect(this.page.getByTestId('streams-screen')).toBeVisible();
    await expect(this.rows.first()).toBeVisible();
  }

  async searchFor(text: string, mode: 'contains' | 'prefix' = 'contains'): Promise<void> {
    await this.mode.selectOption(mode);
    await this.search.fill(text);
    // The list follows the query once the URL has it.
    await expect.poll(() => this.shell.hash()).toContain(`q=${encodeURIComponent(text)}`);
  }

  async visibleIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-stream-id') ?? ''));
  }

  row(streamId: string): Locator {
    return this.page.locator(`[data-testid="stream-row"][data-stream-id="${streamId.replace(/["\\]/g, '\\$&')}"]`);
  }

  async openStream(streamId: string): Promise<void> {
    await this.row(streamId).click();
  }
}
