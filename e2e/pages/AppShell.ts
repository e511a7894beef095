// What every screen shares: the header (open store, read-only badge, navigation) and hash links.
import { expect, type Locator, type Page } from '@playwright/test';

export class AppShell {
  readonly page: Page;
  readonly root: Locator;
  readonly storeName: Locator;
  readonly readOnlyBadge: Locator;
  /** Live tail: the Follow toggle, and the "+N new events · Refresh" offer when not following. */
  readonly follow: Locator;
  readonly liveRefresh: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('app');
    this.storeName = page.getByTestId('store-name');
    this.readOnlyBadge = page.getByTestId('readonly-badge');
    this.follow = page.getByTestId('live-follow');
    this.liveRefresh = page.getByTestId('live-refresh');
  }

  async setFollowing(on: boolean): Promise<void> {
    if ((await this.follow.getAttribute('aria-pressed')) !== String(on)) await this.follow.click();
    await expect(this.follow).toHaveAttribute('aria-pressed', String(on));
  }

  async ready(): Promise<void> {
    await expect(this.root).toBeVisible();
  }

  /** Opens a deep link such as `#/stream/<id>@3` in the running app. */
  async goto(hash: string): Promise<void> {
    await this.page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
  }

  async hash(): Promise<string> {
    return this.page.evaluate(() => window.location.hash);
  }

  async nav(where: 'start' | 'streams' | 'timeline' | 'verify'): Promise<void> {
    await this.page.getByTestId(`nav-${where}`).click();
  }

  /** No screen has fallen into its error boundary. */
  async expectNoCrash(): Promise<void> {
    await expect(this.page.getByTestId('error-boundary')).toHaveCount(0);
  }
}

export const links = {
  stream: (id: string, version?: number) => `#/stream/${encodeURIComponent(id)}${version === undefined ? '' : `@${version}`}`,
  state: (id: string, version?: number) => `#/state/${encodeURIComponent(id)}${version === undefined ? '' : `@${version}`}`,
  diff: (id: string, from: number, to: number) => `#/diff/${encodeURIComponent(id)}/${from}..${to}`,
};
