// The "Report…" dialog and its job: choose the range and the versions, create, get the file. In
// browser mode the report arrives as a download; in Electron main's save dialog is answered with a
// path chosen by the test (as ExportPanel does), so both projects check the same bytes.
import { expect, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LedgerSession } from '../fixtures.ts';

export class ReportPanel {
  readonly page: Page;
  readonly ledger: LedgerSession;
  readonly dialog: Locator;
  readonly create: Locator;
  readonly status: Locator;
  readonly error: Locator;

  constructor(ledger: LedgerSession) {
    this.ledger = ledger;
    this.page = ledger.page;
    this.dialog = this.page.getByTestId('report-dialog');
    this.create = this.dialog.getByTestId('report-create');
    this.status = this.dialog.getByTestId('export-status');
    this.error = this.dialog.getByTestId('report-error');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('report-open').click();
    await expect(this.dialog).toBeVisible();
  }

  async fill(fields: { from?: number; to?: number; versions?: string }): Promise<void> {
    if (fields.from !== undefined) await this.dialog.getByTestId('report-from').fill(String(fields.from));
    if (fields.to !== undefined) await this.dialog.getByTestId('report-to').fill(String(fields.to));
    if (fields.versions !== undefined) await this.dialog.getByTestId('report-versions').fill(fields.versions);
  }

  /** Creates the report and returns the written file's local path once the job succeeded. */
  async run(fileName = 'report.html'): Promise<string> {
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-report-')), fileName);
    if (this.ledger.electron) {
      await this.ledger.electron.evaluate(({ dialog }, file) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
      }, target);
      await this.create.click();
      await this.succeeded();
      return target;
    }
    const download = this.page.waitForEvent('download');
    await this.create.click();
    await this.succeeded();
    await (await download).saveAs(target);
    return target;
  }

  /** The job's outcome by its status attribute: the badge's word is in the page's language. */
  async succeeded(): Promise<void> {
    await expect(this.dialog.getByTestId('export-job')).toHaveAttribute('data-status', 'succeeded');
  }

  async close(): Promise<void> {
    await this.dialog.getByTestId('report-close').click();
    await expect(this.dialog).toBeHidden();
  }
}
