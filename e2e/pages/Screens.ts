// Every screen and panel of the app, each with the way a person reaches it and the sign that it is
// ready. The accessibility and layout journeys walk this one list, so a screen added to the app is
// checked by both once it is added here (routes.ts and the header's nav are where to look).
import { expect, type Page } from '@playwright/test';
import { AppShell, links } from './AppShell.ts';

export interface ScreenVisit {
  /** A file-name-safe name, used in messages and screenshot names. */
  name: string;
  /** CSS selector of the part to check, for dialogs and panels; the whole page otherwise. */
  scope?: string;
  open(): Promise<void>;
  /** Undoes what open() left on top (a dialog, a popover), so the next visit starts clean. */
  close?(): Promise<void>;
}

/** A cart stream of the demo store (e2e/support/paths.ts) with enough events for every view. */
const STREAM = 'cart-000001';

export class Screens {
  readonly page: Page;
  readonly shell: AppShell;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
  }

  private testId(id: string) {
    return this.page.getByTestId(id);
  }

  private async at(hash: string, ready: string): Promise<void> {
    await this.shell.goto(hash);
    await expect(this.testId(ready).first()).toBeVisible();
    await this.shell.expectNoCrash();
  }

  private async closeDialog(testId: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.testId(testId)).toBeHidden();
  }

  /** In the order a person meets them; dialogs and panels right after the screen they open from. */
  get all(): ScreenVisit[] {
    return [
      { name: 'start', open: () => this.at('#/', 'start-screen') },
      { name: 'streams', open: () => this.at('#/streams', 'stream-row') },
      { name: 'stream', open: () => this.at(links.stream(STREAM, 3), 'event-detail') },
      {
        name: 'export-dialog',
        scope: '[data-testid="export-dialog"]',
        open: async () => {
          await this.at(links.stream(STREAM, 3), 'event-detail');
          await this.testId('export-open').click();
          await expect(this.testId('export-dialog')).toBeVisible();
        },
        close: () => this.closeDialog('export-dialog'),
      },
      {
        name: 'report-dialog',
        scope: '[data-testid="report-dialog"]',
        open: async () => {
          await this.at(links.stream(STREAM, 3), 'event-detail');
          await this.testId('report-open').click();
          await expect(this.testId('report-dialog')).toBeVisible();
        },
        close: () => this.closeDialog('report-dialog'),
      },
      { name: 'state', open: () => this.at(links.state(STREAM, 3), 'state-tree') },
      { name: 'diff', open: () => this.at(links.diff(STREAM, 1, 3), 'diff-change') },
      {
        name: 'what-if',
        open: async () => {
          await this.at(`#/whatif/${encodeURIComponent(STREAM)}@3`, 'whatif-view');
          await this.testId('whatif-run').click();
          await expect(this.testId('whatif-summary')).toBeVisible();
        },
      },
      { name: 'drift', open: () => this.at(`#/drift/${encodeURIComponent(STREAM)}@3`, 'drift-view') },
      { name: 'timeline', open: () => this.at('#/timeline', 'timeline-row') },
      {
        name: 'timeline-types',
        scope: '.type-popover',
        open: async () => {
          await this.at('#/timeline', 'timeline-row');
          await this.testId('timeline-types').click();
          await expect(this.testId('timeline-type-option').first()).toBeVisible();
        },
        close: async () => {
          await this.page.keyboard.press('Escape');
          await expect(this.testId('timeline-type-option')).toHaveCount(0);
        },
      },
      {
        name: 'search',
        open: async () => {
          await this.at('#/search?q=ItemAdded', 'search-row');
          await this.testId('search-row').first().click();
          await expect(this.testId('search-detail')).toBeVisible();
        },
      },
      {
        name: 'verify',
        open: async () => {
          await this.at('#/verify', 'verify-screen');
          await this.testId('verify-start').click();
          await expect(this.testId('verify-verdict')).toBeVisible({ timeout: 60_000 });
        },
      },
      { name: 'projections', open: () => this.at('#/projections', 'projections-screen') },
      { name: 'import', open: () => this.at('#/import', 'import-screen') },
      { name: 'notes', open: () => this.at('#/notes', 'notes-screen') },
      { name: 'activity', open: () => this.at('#/activity', 'activity-screen') },
      { name: 'keys', open: () => this.at('#/keys', 'keys-screen') },
      {
        name: 'shortcuts-help',
        scope: '[data-testid="shortcuts-help"]',
        open: async () => {
          await this.at('#/streams', 'stream-row');
          await this.testId('help-button').click();
          await expect(this.testId('shortcuts-help')).toBeVisible();
        },
        close: () => this.closeDialog('shortcuts-help'),
      },
      {
        name: 'masking-panel',
        scope: '[data-testid="masking-panel"]',
        open: async () => {
          await this.at('#/streams', 'stream-row');
          await this.testId('masking-policy').click();
          await expect(this.testId('masking-panel')).toBeVisible();
        },
        close: async () => {
          await this.testId('masking-policy').click();
          await expect(this.testId('masking-panel')).toBeHidden();
        },
      },
      { name: 'unknown-route', open: () => this.at('#/no-such-screen', 'unknown-route') },
    ];
  }
}
