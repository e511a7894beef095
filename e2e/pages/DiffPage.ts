// Diff: the version picker, the coloured change list with event links, the events in between.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell, links } from './AppShell.ts';

export class DiffPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly view: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly compare: Locator;
  readonly changes: Locator;
  readonly between: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.view = page.getByTestId('diff-view');
    this.from = page.getByTestId('diff-from');
    this.to = page.getByTestId('diff-to');
    this.compare = page.getByTestId('diff-compare');
    this.changes = page.getByTestId('diff-change');
    this.between = page.getByTestId('diff-between-event');
  }

  async open(streamId: string, from: number, to: number): Promise<void> {
    await this.shell.goto(links.diff(streamId, from, to));
    await this.expectRange(from, to);
  }

  async pick(from: number, to: number): Promise<void> {
    await this.from.fill(String(from));
    await this.to.fill(String(to));
    await this.compare.click();
    await this.expectRange(from, to);
  }

  /** Picks the two sides by time (ISO-8601, UTC). */
  async pickTimes(from: string, to: string): Promise<void> {
    await this.page.getByTestId('diff-mode-times').click();
    await this.page.getByTestId('diff-from-time').fill(from);
    await this.page.getByTestId('diff-to-time').fill(to);
    await this.compare.click();
  }

  async expectRange(from: number, to: number): Promise<void> {
    await expect(this.view).toHaveAttribute('data-from', String(from));
    await expect(this.view).toHaveAttribute('data-to', String(to));
    await expect(this.page.getByTestId('diff-summary')).toBeVisible();
  }

  ofKind(kind: 'added' | 'removed' | 'changed'): Locator {
    return this.page.locator(`[data-testid="diff-change"][data-kind="${kind}"]`);
  }

  async paths(kind: 'added' | 'removed' | 'changed'): Promise<string[]> {
    return this.ofKind(kind).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path') ?? ''));
  }
}
