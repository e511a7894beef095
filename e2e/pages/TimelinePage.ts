// Timeline: filters (types, stream prefix, actor, time range), the plot, the global log.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell.ts';

export class TimelinePage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly rows: Locator;
  readonly plot: Locator;
  readonly total: Locator;
  readonly prefix: Locator;
  readonly actor: Locator;
  readonly from: Locator;
  readonly to: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.rows = page.getByTestId('timeline-row');
    this.plot = page.getByTestId('timeline-plot');
    this.total = page.getByTestId('timeline-total');
    this.prefix = page.getByTestId('timeline-prefix');
    this.actor = page.getByTestId('timeline-actor');
    this.from = page.getByTestId('timeline-from');
    this.to = page.getByTestId('timeline-to');
  }

  async open(): Promise<void> {
    await this.shell.nav('timeline');
    await expect(this.page.getByTestId('timeline-screen')).toBeVisible();
    await expect(this.plot).toBeVisible();
  }

  async chooseTypes(types: string[]): Promise<void> {
    await this.page.getByTestId('timeline-types').click();
    for (const type of types) await this.page.locator(`[data-testid="timeline-type-option"][data-type="${type}"]`).check();
    await this.page.keyboard.press('Escape');
  }

  async filter(fields: { prefix?: string; actor?: string; from?: string; to?: string }): Promise<void> {
    if (fields.prefix !== undefined) await this.prefix.fill(fields.prefix);
    if (fields.actor !== undefined) await this.actor.fill(fields.actor);
    if (fields.from !== undefined) await this.from.fill(fields.from);
    if (fields.to !== undefined) await this.to.fill(fields.to);
    await this.page.getByTestId('timeline-apply').click();
  }

  /** The notice before a filter that reads a whole big table (database stores). */
  scanNotice(): Locator {
    return this.page.getByTestId('scan-notice');
  }

  /** "Run it" on the scan notice. */
  async runScan(): Promise<void> {
    await this.scanNotice().getByRole('button', { name: 'Run it' }).click();
    await expect(this.scanNotice()).toHaveCount(0);
  }

  /** "Change the filter" on the scan notice: the filter stays unread and the cursor goes to a field. */
  async changeScanFilter(): Promise<void> {
    await this.scanNotice().getByRole('button', { name: 'Change the filter' }).click();
  }

  /** "Reading… N s" with Cancel, shown once a read has taken a second. */
  reading(): Locator {
    return this.page.getByTestId('timeline-reading');
  }

  /** Waits for the read progress, then presses its Cancel. */
  async cancelRead(): Promise<void> {
    await expect(this.reading()).toBeVisible({ timeout: 10_000 });
    await this.reading().getByRole('button', { name: 'Cancel' }).click();
  }

  /** The note after a cancelled read. */
  cancelledNote(): Locator {
    return this.page.getByTestId('timeline-cancelled');
  }

  /** "Run it again" on the cancelled note. */
  async runAgain(): Promise<void> {
    await this.cancelledNote().getByRole('button', { name: 'Run it again' }).click();
  }

  async expectTotal(count: number): Promise<void> {
    await expect(this.total).toHaveText(`${count.toLocaleString('en-US')} events`);
  }

  async columnValues(column: number): Promise<string[]> {
    return this.rows.evaluateAll((rows, c) => rows.map((r) => (r.children[c] as HTMLElement | undefined)?.innerText.trim() ?? ''), column);
  }
}
