// One stream's events: the virtualized table, the event detail, related events, tabs.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell, links } from './AppShell.ts';

export class StreamPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly title: Locator;
  readonly rows: Locator;
  readonly detail: Locator;
  readonly gotoVersion: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.title = page.getByTestId('stream-title');
    this.rows = page.getByTestId('event-row');
    this.detail = page.getByTestId('event-detail');
    this.gotoVersion = page.getByTestId('goto-version');
  }

  async open(streamId: string, version?: number): Promise<void> {
    await this.shell.goto(links.stream(streamId, version));
    await this.expectStream(streamId);
  }

  async expectStream(streamId: string): Promise<void> {
    await expect(this.page.getByTestId('stream-frame')).toHaveAttribute('data-stream-id', streamId);
    await expect(this.rows.first()).toBeVisible();
  }

  row(version: number): Locator {
    return this.page.locator(`[data-testid="event-row"][data-version="${version}"]`);
  }

  /** A version with no event (a gap in the stream, e.g. a deleted event). */
  gap(version: number): Locator {
    return this.page.locator(`[data-testid="event-gap"][data-version="${version}"]`);
  }

  async select(version: number): Promise<void> {
    await this.row(version).click();
    await this.expectSelected(version);
  }

  async expectSelected(version: number): Promise<void> {
    await expect(this.detail).toHaveAttribute('data-version', String(version));
    await expect(this.row(version)).toHaveAttribute('aria-selected', 'true');
  }

  detailType(): Locator {
    return this.page.getByTestId('event-detail-type');
  }

  async tab(name: 'events' | 'state' | 'diff'): Promise<void> {
    await this.page.getByTestId(`tab-${name}`).click();
  }
}
