// The start screen: open a file by path (both modes) or the demo store, recent files, file facts,
// and the PostgreSQL connection form (fields found by their labels, as a person finds them).
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
  readonly connection: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.pathInput = page.getByTestId('open-path-input');
    this.openButton = page.getByTestId('open-path-submit');
    this.demoButton = page.getByTestId('open-demo');
    this.error = page.getByTestId('open-error');
    this.facts = page.getByTestId('store-facts');
    this.recent = page.getByTestId('recent-store');
    this.connection = page.getByTestId('connection-card');
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

  /** Fills the connection form; fields left out keep what they show (port defaults to 5432). */
  async fillConnection(fields: ConnectionFields): Promise<void> {
    const form = this.connection;
    const text: [keyof ConnectionFields, string][] = [
      ['host', 'Host'],
      ['port', 'Port'],
      ['database', 'Database'],
      ['user', 'User'],
      ['password', 'Password'],
      ['schema', 'Schema'],
    ];
    for (const [key, label] of text) {
      const value = fields[key];
      if (value !== undefined) await form.getByLabel(label, { exact: key !== 'schema' }).fill(String(value));
    }
    if (fields.sslMode !== undefined) await form.getByLabel('SSL mode').selectOption(fields.sslMode);
    if (fields.remember !== undefined) await form.getByRole('radio', { name: REMEMBER_NAMES[fields.remember] }).check();
    if (fields.mapping) {
      const toggle = form.getByTestId('map-table-toggle');
      if (!(await toggle.isChecked())) await toggle.check();
      await form.getByLabel('Events table', { exact: true }).fill(fields.mapping.table);
      for (const [target, column] of Object.entries(fields.mapping.map)) await form.getByTestId(`map-${target}`).fill(column);
    }
  }

  async testConnection(): Promise<void> {
    await this.connection.getByRole('button', { name: 'Test connection' }).click();
    await expect(this.connection.getByTestId('connection-busy')).toHaveCount(0);
  }

  async openConnection(): Promise<void> {
    await this.connection.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(this.connection.getByTestId('connection-busy')).toHaveCount(0);
  }

  /** The test result (server, layout, access) or the error, in people's words. */
  connectionMessage(): Locator {
    return this.connection.getByTestId('connection-message');
  }

  /** A recent connection by its label (user@host:port/db …), its button fills the form. */
  recentConnection(label: string | RegExp): Locator {
    return this.connection.getByTestId('recent-connection').filter({ hasText: label });
  }

  /** One line of a successful connection test: the server, the layout found, the access. */
  connectionResult(name: 'server' | 'layout' | 'readonly' | 'events'): Locator {
    return this.connection.getByTestId(`connection-${name}`);
  }

  /** A database store's layout facts (layout name, tables, hidden rows, notes, what its time means). */
  layoutFact(name: 'layout' | 'tables' | 'hidden' | 'time-meaning' | 'notes' | 'access'): Locator {
    return this.facts.getByTestId(`fact-${name}`);
  }

  /** The layout's notes, one sentence each; and its hidden rows (each with data-count). */
  layoutNotes(): Locator {
    return this.facts.getByTestId('fact-note');
  }

  hiddenRows(): Locator {
    return this.facts.getByTestId('fact-hidden-row');
  }

  async forgetConnection(label: string | RegExp): Promise<void> {
    await this.recentConnection(label).getByRole('button', { name: /^Forget/ }).click();
  }
}

export interface ConnectionFields {
  host?: string;
  port?: number | string;
  database?: string;
  user?: string;
  password?: string;
  schema?: string;
  sslMode?: 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
  remember?: 'no' | 'without-password' | 'with-password';
  mapping?: { table: string; map: Partial<Record<'streamId' | 'version' | 'type' | 'data' | 'metadata' | 'time' | 'position' | 'eventId', string>> };
}

const REMEMBER_NAMES = {
  no: 'Don’t remember this connection',
  'without-password': 'Remember it without the password',
  'with-password': 'Remember it with the password (encrypted)',
} as const;
