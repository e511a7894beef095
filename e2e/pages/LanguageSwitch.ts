// The header's language switch (English / 简体中文) and what tells which language the page speaks.
import { expect, type Locator, type Page } from '@playwright/test';

export type Language = 'en' | 'zh-CN';

export class LanguageSwitch {
  readonly page: Page;
  readonly select: Locator;

  constructor(page: Page) {
    this.page = page;
    this.select = page.getByTestId('language-switch');
  }

  async choose(language: Language): Promise<void> {
    await this.select.selectOption(language);
    await this.expectLanguage(language);
  }

  /** The switch shows it and the document says it (`<html lang>`, for fonts and screen readers). */
  async expectLanguage(language: Language): Promise<void> {
    await expect(this.select).toHaveValue(language);
    await expect(this.page.locator('html')).toHaveAttribute('lang', language);
  }
}
