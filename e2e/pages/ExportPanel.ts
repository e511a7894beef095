// The export dialog and its job: choose what and how, start, follow progress, get the file. In
// browser mode the file arrives as a download; in Electron main's save dialog is answered with a
// path chosen by the test, so the same journey checks the same bytes in both projects.
import { expect, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LedgerSession } from '../fixtures.ts';

export class ExportPanel {
  readonly page: Page;
  readonly ledger: LedgerSession;
  readonly dialog: Locator;
  readonly start: Locator;
  readonly job: Locator;
  readonly status: Locator;

  constructor(ledger: LedgerSession) {
    this.ledger = ledger;
    this.page = ledger.page;
    this.dialog = this.page.getByTestId('export-dialog');
    this.start = this.page.getByTestId('export-start');
    this.job = this.dialog.getByTestId('export-job');
    this.status = this.dialog.getByTestId('export-status');
  }

  async openFrom(buttonTestId = 'export-open'): Promise<void> {
    await this.page.getByTestId(buttonTestId).click();
    await expect(this.dialog).toBeVisible();
  }

  async choose(option: string): Promise<void> {
    await this.dialog.getByTestId(option).check();
  }

  async fill(testId: 'export-from' | 'export-to' | 'export-version', value: number): Promise<void> {
    await this.dialog.getByTestId(testId).fill(String(value));
  }

  /** Starts the export and returns the written file's local path once the job succeeded. */
  async run(fileName = 'export.out'): Promise<string> {
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-export-')), fileName);
    if (this.ledger.electron) {
      await this.ledger.electron.evaluate(({ dialog }, file) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
      }, target);
      await this.start.click();
      await expect(this.status).toHaveText('succeeded');
      return target;
    }
    const download = this.page.waitForEvent('download');
    await this.start.click();
    await expect(this.status).toHaveText('succeeded');
    await (await download).saveAs(target);
    return target;
  }

  /**
   * The manifest written beside the last exported file: downloaded through its link in browser mode,
   * read beside the chosen file in Electron. Returns its local path.
   */
  async manifest(file: string): Promise<string> {
    const manifest = this.dialog.getByTestId('export-manifest');
    await expect(manifest).toContainText('.manifest.json');
    if (this.ledger.electron) return `${file}.manifest.json`;
    const target = `${file}.manifest.json`;
    const download = this.page.waitForEvent('download');
    await manifest.getByTestId('export-manifest-download').click();
    await (await download).saveAs(target);
    return target;
  }

  async close(): Promise<void> {
    await this.page.getByTestId('export-close').click();
    await expect(this.dialog).toBeHidden();
  }
}
