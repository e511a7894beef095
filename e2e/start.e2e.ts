// Journey: the start screen — the facts of the open store, opening the demo store, opening a file
// by its path (the fixture starts with DEMO_STORE open).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { StartPage } from './pages/StartPage.ts';
import { cliJson } from './support/store.ts';
import { DEMO_STORE } from './support/paths.ts';

interface Stats {
  events: number;
  streams: number;
  schemaVersion: number;
  chainHead: string | null;
}

test('the start screen shows the facts of the open store and that it is read-only', async ({ ledger }) => {
  const start = new StartPage(ledger.page);
  await start.shell.ready();
  await start.open();
  const { stats } = cliJson<{ stats: Stats }>(['stats', ledger.storeFile]);
  await expect(start.fact('path')).toContainText(path.basename(ledger.storeFile));
  await expect(start.fact('events')).toHaveText(stats.events.toLocaleString('en-US'));
  await expect(start.fact('streams')).toHaveText(stats.streams.toLocaleString('en-US'));
  await expect(start.fact('schema')).toHaveText(String(stats.schemaVersion));
  await expect(start.fact('chain-head')).toContainText(stats.chainHead ?? '—');
  await expect(start.fact('size')).toContainText(`${fs.statSync(ledger.storeFile).size.toLocaleString('en-US')} bytes`);
  await expect(start.fact('time-range')).toContainText('→');
  await expect(start.shell.readOnlyBadge).toBeVisible();
  await expect(start.shell.storeName).toHaveText(path.basename(ledger.storeFile));
  await ledger.screenshot('start');
});

test('opens the demo store, then a store by its path, which is remembered as recent', async ({ ledger }) => {
  const start = new StartPage(ledger.page);
  await start.open();

  await start.openDemo();
  await expect(start.shell.storeName).toHaveText(/^demo-.*\.db$/, { timeout: 45_000 });
  await expect(start.fact('events')).not.toHaveText('0');

  // A copy under a new name, so the header visibly changes back.
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-open-')), 'audit-copy.db');
  fs.copyFileSync(DEMO_STORE, copy);
  await start.openPath(copy);
  await expect(start.shell.storeName).toHaveText('audit-copy.db');
  await expect(start.fact('path')).toContainText(copy);
  await expect(start.recent.filter({ hasText: copy })).toBeVisible();
  await expect(start.error).toHaveCount(0);
});
