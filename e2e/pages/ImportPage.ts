// Import: a file path, the preview (format, fields, mapping, sample), the mapping editor, the output
// path and skip-bad option, then the job's result or its line-precise errors.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell.ts';

export type ImportTarget = 'streamId' | 'type' | 'data' | 'metadata' | 'version' | 'eventId' | 'time' | 'actor' | 'correlationId' | 'causationId';

export class ImportPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly screen: Locator;
  readonly path: Locator;
  readonly previewButton: Locator;
  readonly format: Locator;
  readonly detectedFormat: Locator;
  readonly fields: Locator;
  readonly missing: Locator;
  readonly sampleRows: Locator;
  readonly out: Locator;
  readonly skipBad: Locator;
  readonly start: Locator;
  readonly result: Locator;
  readonly failed: Locator;
  readonly badLines: Locator;
  readonly skippedLines: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.screen = page.getByTestId('import-screen');
    this.path = page.getByTestId('import-path');
    this.previewButton = page.getByTestId('import-preview');
    this.format = page.getByTestId('import-format');
    this.detectedFormat = page.getByTestId('import-detected-format');
    this.fields = page.getByTestId('import-fields');
    this.missing = page.getByTestId('import-missing');
    this.sampleRows = page.getByTestId('import-sample-row');
    this.out = page.getByTestId('import-out');
    this.skipBad = page.getByTestId('import-skip-bad');
    this.start = page.getByTestId('import-start');
    this.result = page.getByTestId('import-result');
    this.failed = page.getByTestId('import-failed');
    this.badLines = page.getByTestId('import-bad-lines-row');
    this.skippedLines = page.getByTestId('import-result-skipped-row');
  }

  /** From the Store screen, as a user gets there. */
  async open(): Promise<void> {
    await this.shell.nav('start');
    await this.page.getByTestId('start-import').click();
    await expect(this.screen).toBeVisible();
  }

  async preview(file: string): Promise<void> {
    await this.path.fill(file);
    await this.previewButton.click();
    await expect(this.detectedFormat).toBeVisible();
    await this.settled();
  }

  /** The preview answered for the latest mapping. */
  async settled(): Promise<void> {
    await expect(this.page.getByTestId('import-preview-updating')).toHaveCount(0);
  }

  mappingRow(target: ImportTarget): Locator {
    return this.page.locator(`[data-testid="import-mapping-row"][data-target="${target}"]`);
  }

  async map(target: ImportTarget, field: string): Promise<void> {
    await this.page.getByTestId(`import-map-${target}`).selectOption(field);
    await expect(this.mappingRow(target)).toHaveAttribute('data-status', 'mapped');
    await this.settled();
  }

  sampleRow(line: number): Locator {
    return this.page.locator(`[data-testid="import-sample-row"][data-line="${line}"]`);
  }

  async run(out: string, options: { skipBad?: boolean } = {}): Promise<void> {
    await this.out.fill(out);
    await this.skipBad.setChecked(options.skipBad ?? false);
    await this.start.click();
  }

  async lines(locator: Locator): Promise<{ line: number; field: string; text: string }[]> {
    return locator.evaluateAll((rows) =>
      rows.map((r) => ({ line: Number(r.getAttribute('data-line')), field: r.getAttribute('data-field') ?? '', text: (r as HTMLElement).innerText })),
    );
  }
}
