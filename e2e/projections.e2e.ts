// Journey: the team's own projection — write a folder with a *.projection.js module for carts, set
// it in the Projections panel, see the custom state on a cart; break the file (evolve throws on one
// event type) and see the state interrupted at that event, naming its type, version and the
// module's line; fix the file and see the view update by itself (hot reload, no page reload). Then
// what-if (skip an event: the first divergence is that event) and drift (a stored read model that
// disagrees with the replayed state, each field with the event that should have set it).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { ProjectionsPage } from './pages/ProjectionsPage.ts';
import { StatePage } from './pages/StatePage.ts';
import { DEMO_STORE } from './support/paths.ts';
import { cliJson, withStore } from './support/store.ts';

const STREAM = 'cart-000001';
const FILE = 'audit.projection.js';

/** The module, line by line: the line that adds a cart line is line 7 (the broken file throws there). */
function moduleSource(options: { broken?: boolean; revision?: number } = {}): string {
  return [
    '// The audit team’s view of a cart: how many lines were ever added.',
    'export default {',
    "  name: 'audit-cart', version: 1,",
    "  appliesTo: { categories: ['cart'] },",
    `  initialState: () => ({ auditedBy: 'team-module', revision: ${options.revision ?? 1}, lines: 0 }),`,
    '  evolve(state, event) {',
    options.broken
      ? "    if (event.type === 'ItemAdded') throw new Error('lines are frozen for the audit');"
      : "    if (event.type === 'ItemAdded') return { ...state, lines: state.lines + 1 };",
    '    return state;',
    '  },',
    '};',
    '',
  ].join('\n');
}

function addedVersions(store: string): number[] {
  return withStore(store, (db) => db.prepare("SELECT version FROM events WHERE stream_id = ? AND type = 'ItemAdded' ORDER BY version").pluck().all(STREAM) as number[]);
}

test('a projection module of a folder: custom state, interrupted at the event that broke it, fixed by saving the file', async ({ ledger }) => {
  const { page } = ledger;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-projections-'));
  test.info().annotations.push({ type: 'folder', description: folder });
  fs.writeFileSync(path.join(folder, FILE), moduleSource());
  const added = addedVersions(ledger.storeFile);
  expect(added.length).toBeGreaterThan(1);
  const streamVersion = (cliJson<{ version: number }>(['state', ledger.storeFile, '--stream', STREAM])).version;

  const panel = new ProjectionsPage(page);
  await panel.open();
  await expect(panel.folder).toContainText('No folder');
  await panel.setFolder(folder);
  await expect(panel.folder).toContainText(folder);
  await expect(panel.watching).toBeVisible();
  await expect(panel.moduleCell(FILE, 'name')).toHaveText('audit-cart');
  await expect(panel.moduleCell(FILE, 'version')).toHaveText('1');
  await expect(panel.moduleCell(FILE, 'applies')).toContainText('cart');
  await expect(panel.module(FILE)).toHaveAttribute('data-loaded', 'true');
  await ledger.screenshot('projections-panel');

  // The cart's state comes from the module: fields only it produces, and its origin is named.
  const state = new StatePage(page);
  await state.open(STREAM);
  await state.expectVersion(streamVersion);
  await expect(panel.origin).toHaveAttribute('data-origin', 'module');
  await expect(panel.origin).toContainText(`audit-cart v1 · ${FILE}`);
  await expect(state.field('$.auditedBy').locator('.blame-value')).toHaveText('"team-module"');
  await expect(state.field('$.lines').locator('.blame-value')).toHaveText(String(added.length));

  // From here on the page must never reload: hot reload updates the open view in place.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  // Broken: evolve throws on ItemAdded. The view says where it stopped and shows the last good state.
  fs.writeFileSync(path.join(folder, FILE), moduleSource({ broken: true }));
  await expect(panel.interrupted).toBeVisible();
  await expect(panel.interrupted).toHaveAttribute('data-version', String(added[0]));
  await expect(panel.interrupted).toContainText(`Interrupted at v${added[0]} by ItemAdded:`);
  await expect(page.getByTestId('state-interrupted-message')).toContainText('lines are frozen for the audit');
  await expect(page.getByTestId('state-interrupted-where')).toHaveText(new RegExp(`^${FILE.replace(/\./g, '\\.')}:7(:\\d+)?$`));
  await expect(state.field('$.lines').locator('.blame-value')).toHaveText('0');
  await expect(page.getByTestId('state-interrupted-link')).toHaveAttribute('href', `#/stream/${STREAM}@${added[0]}`);
  await ledger.screenshot('projections-interrupted');

  // Fixed (a new revision): the banner goes, the tree shows the new module's state.
  fs.writeFileSync(path.join(folder, FILE), moduleSource({ revision: 2 }));
  await expect(panel.interrupted).toHaveCount(0);
  await expect(state.field('$.revision').locator('.blame-value')).toHaveText('2');
  await expect(state.field('$.lines').locator('.blame-value')).toHaveText(String(added.length));
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // What-if: leave out the first ItemAdded; the states differ in lines and diverge at that event.
  await panel.openWhatIf(STREAM);
  await panel.skip(added[0]);
  await panel.compare();
  await expect(page.getByTestId('whatif-divergence')).toHaveAttribute('data-version', String(added[0]));
  await expect(panel.whatIfChange('$.lines').getByTestId('whatif-a')).toContainText(String(added.length));
  await expect(panel.whatIfChange('$.lines').getByTestId('whatif-b')).toContainText(String(added.length - 1));
  await ledger.screenshot('projections-whatif');

  // Back in the panel, the file is listed with its new content. A file saved with a syntax error
  // appears by itself (hot reload), with why it did not load and its line; the other still works.
  await panel.open();
  await expect(panel.module(FILE)).toHaveAttribute('data-loaded', 'true');
  const TYPO = 'typo.projection.js';
  fs.writeFileSync(path.join(folder, TYPO), ["export default {", "  name: 'typo', version: 1,", '  evolve(state, event) { return state +; },', '};', ''].join('\n'));
  await expect(panel.module(TYPO)).toHaveAttribute('data-loaded', 'false');
  await expect(panel.moduleCell(TYPO, 'error')).toBeVisible();
  await expect(panel.moduleCell(TYPO, 'error-where')).toHaveText(/(^|:|line )3(:\d+)?$/);
  await expect(panel.module(FILE)).toHaveAttribute('data-loaded', 'true');
  await ledger.screenshot('projections-load-error');

  // A folder that is not there is refused, and the one in use stays.
  await panel.setFolder(path.join(folder, 'not-there'));
  await expect(panel.error).toBeVisible();
  await expect(panel.folder).toContainText(folder);
  fs.rmSync(folder, { recursive: true, force: true });
});

// A copy of the demo store with a read model beside its events: the cart's state as a JSON row, one
// field off (as a projector that missed an event would leave it).
const driftDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-drift-'));
const DRIFT_STORE = path.join(driftDir, 'with-read-model.db');

test.describe('drift', () => {
  test.use({ storeFile: DRIFT_STORE });
  test.beforeAll(() => {
    fs.copyFileSync(DEMO_STORE, DRIFT_STORE);
    const replayed = cliJson<{ state: { total: number } & Record<string, unknown> }>(['state', DRIFT_STORE, '--stream', STREAM]).state;
    const db = new Database(DRIFT_STORE);
    db.exec('CREATE TABLE cart_read_models (cart_id TEXT PRIMARY KEY, state JSON NOT NULL)');
    db.prepare('INSERT INTO cart_read_models VALUES (?, ?)').run(STREAM, JSON.stringify({ ...replayed, total: replayed.total + 100 }));
    db.close();
  });
  test.afterAll(() => fs.rmSync(driftDir, { recursive: true, force: true }));

  test('a stored read model that disagrees with the replay: the field, both values and the event that should have set it', async ({ ledger }) => {
    const blame = cliJson<{ entries: { path: string; value: unknown; event: { version: number } | null }[] }>(['blame', ledger.storeFile, '--stream', STREAM]);
    const total = blame.entries.find((e) => e.path === '$.total');
    expect(total?.event).toBeTruthy();

    const panel = new ProjectionsPage(ledger.page);
    await panel.openDrift(STREAM);
    await panel.checkDrift({ table: 'cart_read_models', keyColumn: 'cart_id', columns: ['state'] });
    await expect(ledger.page.getByTestId('drift-field')).toHaveCount(1);
    const field = panel.driftField('$.total');
    await expect(field).toHaveAttribute('data-kind', 'different');
    await expect(field.getByTestId('drift-replayed')).toContainText(String(total?.value));
    await expect(field.getByTestId('drift-stored')).toContainText(String(Number(total?.value) + 100));
    await expect(field.getByTestId('drift-event-link')).toHaveAttribute('data-version', String(total?.event?.version));
    await ledger.screenshot('projections-drift');
  });
});
