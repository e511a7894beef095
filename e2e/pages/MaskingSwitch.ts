// The header's masking switch and the event detail's "Show unmasked" action.
import { expect, type Locator, type Page } from '@playwright/test';

export class MaskingSwitch {
  readonly page: Page;
  readonly toggle: Locator;
  readonly eventData: Locator;
  readonly eventDetail: Locator;
  readonly showUnmasked: Locator;
  readonly unmaskedBanner: Locator;

  constructor(page: Page) {
    this.page = page;
    this.toggle = page.getByTestId('masking-switch');
    this.eventDetail = page.getByTestId('event-detail');
    this.eventData = page.getByTestId('event-data');
    this.showUnmasked = page.getByTestId('show-unmasked');
    this.unmaskedBanner = page.getByTestId('unmasked-banner');
  }

  async set(on: boolean): Promise<void> {
    if ((await this.toggle.getAttribute('aria-pressed')) !== String(on)) await this.toggle.click();
    await expect(this.toggle).toHaveAttribute('aria-pressed', String(on));
  }

  async openEvent(position: number): Promise<void> {
    await this.page.evaluate((h) => {
      window.location.hash = h;
    }, `#/event/${position}`);
    await expect(this.eventDetail).toHaveAttribute('data-position', String(position));
  }
}
