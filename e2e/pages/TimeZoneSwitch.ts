// The header's clock switch: UTC (default) or the reader's local zone.
import { expect, type Locator, type Page } from '@playwright/test';

export type TimeMode = 'utc' | 'local';

export class TimeZoneSwitch {
  readonly page: Page;
  readonly select: Locator;

  constructor(page: Page) {
    this.page = page;
    this.select = page.getByTestId('time-zone-switch');
  }

  async choose(mode: TimeMode): Promise<void> {
    await this.select.selectOption(mode);
    await expect(this.select).toHaveValue(mode);
  }

  async expectMode(mode: TimeMode): Promise<void> {
    await expect(this.select).toHaveValue(mode);
  }
}
