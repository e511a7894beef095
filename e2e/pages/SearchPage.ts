// Search: the header's box, the results screen (count, plot, facets, rows, marked detail), a parse
// problem with its position and the literal offer.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell.ts';

export class SearchPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly box: Locator;
  readonly screen: Locator;
  readonly total: Locator;
  readonly rows: Locator;
  readonly facets: Locator;
  readonly detail: Locator;
  readonly marks: Locator;
  readonly problem: Locator;
  readonly literal: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.box = page.getByTestId('header-search');
    this.screen = page.getByTestId('search-screen');
    this.total = page.getByTestId('search-total');
    this.rows = page.getByTestId('search-row');
    this.facets = page.getByTestId('search-facets');
    this.detail = page.getByTestId('search-detail');
    this.marks = this.detail.getByTestId('search-mark');
    this.problem = page.getByTestId('search-problem');
    this.literal = page.getByTestId('search-literal');
  }

  /** Types `q` into the header box (reached with `/`, as a person would) and presses Enter. */
  async search(q: string): Promise<void> {
    await this.page.locator('body').press('/');
    await expect(this.box).toBeFocused();
    await this.box.fill(q);
    await this.box.press('Enter');
    await expect(this.screen).toBeVisible();
  }

  /** The count shown once the search answered. */
  async expectTotal(count: number): Promise<void> {
    await expect(this.total).toHaveAttribute('data-total', String(count));
    await expect(this.total).toHaveText(`${count.toLocaleString('en-US')} event${count === 1 ? '' : 's'}`);
  }

  facet(kind: 'type' | 'category' | 'actor' | 'month', value: string): Locator {
    return this.facets.locator(`[data-testid="facet-value"][data-facet="${kind}"][data-value="${value}"]`);
  }

  /** Builds the sidecar search index from the results screen and waits until it is ready. */
  async buildIndex(): Promise<void> {
    const index = this.page.getByTestId('search-index');
    await this.page.getByTestId('search-index-build').click();
    await expect(index).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  }

  /** How the last search ran ('sql', 'scan', 'index+sql' …). */
  plan(): Locator {
    return this.page.getByTestId('search-plan');
  }

  /** The query in the address (#/search?q=…). */
  async query(): Promise<string | null> {
    const hash = await this.shell.hash();
    return new URLSearchParams(hash.split('?')[1] ?? '').get('q');
  }
}
