// The Activity panel: the viewer's own log, newest first, and its chain's verdict.
import { expect, type Locator, type Page } from '@playwright/test';

export class ActivityPage {
  readonly page: Page;
  readonly screen: Locator;
  readonly entries: Locator;
  readonly verdict: Locator;

  constructor(page: Page) {
    this.page = page;
    this.screen = page.getByTestId('activity-screen');
    this.entries = page.getByTestId('activity-entry');
    this.verdict = page.getByTestId('activity-verdict');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-evidence').click();
    await this.page.getByTestId('nav-activity').click();
    await expect(this.screen).toBeVisible();
  }

  entry(action: string): Locator {
    return this.page.locator(`[data-testid="activity-entry"][data-action="${action}"]`);
  }
}
