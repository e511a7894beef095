// The start screen: open a file by path (both modes) or the demo store, recent files, file facts.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell.ts';

export class StartPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly pathInput: Locator;
  readonly openButton: Locator;
  readonly demoButton: Locator;
  readonly error: Locator;
  readonly facts: Locator;
  readonly recent: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.pathInput = page.getByTestId('open-path-input');
    this.openButton = page.getByTestId('open-path-submit');
    this.demoButton = page.getByTestId('open-demo');
    this.error = page.getByTestId('open-error');
    this.facts = page.getByTestId('store-facts');
    this.recent = page.getByTestId('recent-store');
  }

  async open(): Promise<void> {
    await this.shell.goto('#/');
    await expect(this.page.getByTestId('start-screen')).toBeVisible();
  }

  async openPath(file: string): Promise<void> {
    await this.pathInput.fill(file);
    await this.openButton.click();
  }

  async openDemo(): Promise<void> {
    await this.demoButton.click();
  }

  fact(name: 'path' | 'format' | 'size' | 'events' | 'streams' | 'time-range' | 'schema' | 'chain-head' | 'integrity'): Locator {
    return this.facts.getByTestId(`fact-${name}`);
  }
}
