// State & time travel: slider, version box, the state tree with a blame link on every field.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell, links } from './AppShell.ts';

export class StatePage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly slider: Locator;
  readonly versionInput: Locator;
  readonly shownVersion: Locator;
  readonly tree: Locator;
  readonly updating: Locator;
  /** The line saying the stream's snapshots are built (long streams only). */
  readonly snapshotsReady: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.slider = page.getByTestId('state-slider');
    this.versionInput = page.getByTestId('state-version-input');
    this.shownVersion = page.getByTestId('state-version');
    this.tree = page.getByTestId('state-tree');
    this.updating = page.getByTestId('state-updating');
    this.snapshotsReady = page.getByTestId('snapshot-ready');
  }

  async open(streamId: string, version?: number): Promise<void> {
    await this.shell.goto(links.state(streamId, version));
    await expect(this.tree).toBeVisible();
  }

  /** Waits until the tree shows the state after `version` (the fold answered and nothing is pending). */
  async expectVersion(version: number): Promise<void> {
    await expect(this.shownVersion).toHaveText(version.toLocaleString('en-US'));
    await expect(this.updating).toHaveCount(0);
  }

  /** Moves the slider with the keyboard, as a user would (arrow keys on the focused slider). */
  async press(key: 'ArrowRight' | 'ArrowLeft' | 'Home' | 'End' | 'PageUp' | 'PageDown', times = 1): Promise<void> {
    await this.slider.focus();
    for (let i = 0; i < times; i++) await this.slider.press(key);
  }

  async setVersion(version: number): Promise<void> {
    await this.versionInput.fill(String(version));
    await this.versionInput.press('Enter');
  }

  async jumpToTime(iso: string): Promise<void> {
    await this.page.getByTestId('state-time-input').fill(iso);
    await this.page.getByTestId('state-time-go').click();
  }

  /** The field at a readable path such as `$.total`. */
  field(path: string): Locator {
    return this.page.locator(`[data-testid="state-field"][data-path="${path.replace(/["\\]/g, '\\$&')}"]`);
  }

  async fieldText(path: string): Promise<string> {
    return (await this.field(path).locator('.blame-value').innerText()).trim();
  }

  /** The number as stored, where the projection declared it money (shown as an amount, stored value kept in data-stored). */
  storedAmount(path: string): Locator {
    return this.field(path).getByTestId('json-amount');
  }

  blameLink(path: string): Locator {
    return this.field(path).getByTestId('blame-link');
  }
}
