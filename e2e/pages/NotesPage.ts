// Case notes: "Add note" on an event or a state, the marks on noted events, and the Notes panel.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell.ts';

export class NotesPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly screen: Locator;
  readonly rows: Locator;
  readonly problem: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.screen = page.getByTestId('notes-screen');
    this.rows = page.getByTestId('note-row');
    this.problem = page.getByTestId('notes-problem');
  }

  /** The notes block of what is on screen (the event detail, or the state screen). */
  targetNotes(within: Locator = this.page.locator('body')): Locator {
    return within.getByTestId('target-notes');
  }

  /** "Add note" → type → "Save note", then waits until the note is listed there. */
  async addNote(text: string, within: Locator = this.page.locator('body')): Promise<void> {
    const block = this.targetNotes(within);
    await block.getByTestId('add-note').click();
    await block.getByTestId('note-text').fill(text);
    await block.getByTestId('note-save').click();
    await expect(block.getByTestId('target-note').filter({ hasText: text })).toBeVisible();
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-evidence').click();
    await this.page.getByTestId('nav-notes').click();
    await expect(this.screen).toBeVisible();
  }

  row(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }
}
