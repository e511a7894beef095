// The Projections panel (the open store's projections folder, its files and load errors) and what
// user projections add to a stream's views: the origin badge, the interrupted banner, What-if and
// Drift.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell, links } from './AppShell.ts';

export class ProjectionsPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly screen: Locator;
  readonly folderInput: Locator;
  readonly setButton: Locator;
  readonly reloadButton: Locator;
  readonly folder: Locator;
  readonly watching: Locator;
  readonly problem: Locator;
  readonly error: Locator;
  readonly modules: Locator;
  /** On a stream's state, diff, what-if or drift view. */
  readonly origin: Locator;
  readonly interrupted: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.screen = page.getByTestId('projections-screen');
    this.folderInput = page.getByTestId('projection-folder-input');
    this.setButton = page.getByTestId('projection-folder-set');
    this.reloadButton = page.getByTestId('projections-reload');
    this.folder = page.getByTestId('projections-folder');
    this.watching = page.getByTestId('projections-watching');
    this.problem = page.getByTestId('projections-problem');
    this.error = page.getByTestId('projections-error');
    this.modules = page.getByTestId('projection-module');
    this.origin = page.getByTestId('projection-origin');
    this.interrupted = page.getByTestId('state-interrupted');
  }

  /** Through the header, as a person gets there. */
  async open(): Promise<void> {
    await this.page.getByTestId('nav-projections').click();
    await expect(this.screen).toBeVisible();
  }

  async setFolder(folder: string): Promise<void> {
    await this.folderInput.fill(folder);
    await this.setButton.click();
    await expect(this.page.getByTestId('projections-busy')).toHaveCount(0);
  }

  module(file: string): Locator {
    return this.page.locator(`[data-testid="projection-module"][data-file="${file.replace(/["\\]/g, '\\$&')}"]`);
  }

  moduleCell(file: string, cell: 'name' | 'version' | 'applies' | 'error' | 'error-where'): Locator {
    return this.module(file).getByTestId(`projection-module-${cell}`);
  }

  // What-if (a stream's What-if tab).
  async openWhatIf(streamId: string, version?: number): Promise<void> {
    await this.shell.goto(`#/whatif/${encodeURIComponent(streamId)}${version === undefined ? '' : `@${version}`}`);
    await expect(this.page.getByTestId('whatif-view')).toBeVisible();
  }

  async skip(version: number): Promise<void> {
    await this.page.locator(`[data-testid="whatif-skip"][data-version="${version}"]`).check();
  }

  async compare(): Promise<void> {
    await this.page.getByTestId('whatif-run').click();
    await expect(this.page.getByTestId('whatif-summary')).toBeVisible();
  }

  whatIfChange(path: string): Locator {
    return this.page.locator(`[data-testid="whatif-change"][data-path="${path.replace(/["\\]/g, '\\$&')}"]`);
  }

  // Drift (a stream's Drift tab).
  async openDrift(streamId: string): Promise<void> {
    await this.shell.goto(`#/drift/${encodeURIComponent(streamId)}`);
    await expect(this.page.getByTestId('drift-view')).toBeVisible();
  }

  async checkDrift(options: { table: string; keyColumn: string; columns: string[]; key?: string }): Promise<void> {
    await this.page.getByTestId('drift-table').selectOption(options.table);
    await this.page.getByTestId('drift-key-column').selectOption(options.keyColumn);
    if (options.key !== undefined) await this.page.getByTestId('drift-key').fill(options.key);
    for (const box of await this.page.getByTestId('drift-column').all()) {
      const wanted = options.columns.includes((await box.getAttribute('data-column')) ?? '');
      if ((await box.isChecked()) !== wanted) await box.setChecked(wanted);
    }
    await this.page.getByTestId('drift-run').click();
    await expect(this.page.getByTestId('drift-summary')).toBeVisible();
  }

  driftField(path: string): Locator {
    return this.page.locator(`[data-testid="drift-field"][data-path="${path.replace(/["\\]/g, '\\$&')}"]`);
  }
}

export { links };
