// Journey: opening a file that is not an SQLite database explains the problem; the store that was
// open stays open and every screen keeps working.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { StartPage } from './pages/StartPage.ts';
import { StreamsPage } from './pages/StreamsPage.ts';

test('a non-SQLite file shows a clear error and the app stays usable', async ({ ledger }) => {
  const bogus = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bogus-')), 'notes.db');
  fs.writeFileSync(bogus, 'These are meeting notes, not a database.\n'.repeat(200));

  const start = new StartPage(ledger.page);
  await start.open();
  await start.openPath(bogus);

  await expect(start.error).toBeVisible();
  await expect(start.error.getByTestId('error-view')).toHaveAttribute('data-code', 'NOT_SQLITE');
  await expect(start.error).toContainText('not an SQLite database');
  await expect(start.error).toContainText(bogus);
  // The previous store is still the open one, and says so.
  await expect(start.error).toContainText(`Still open: ${path.basename(ledger.storeFile)}`);
  await expect(start.shell.storeName).toHaveText(path.basename(ledger.storeFile));
  await ledger.screenshot('open-error');

  // A missing file is explained too.
  await start.openPath(path.join(path.dirname(bogus), 'missing.db'));
  await expect(start.error.getByTestId('error-view')).toHaveAttribute('data-code', 'FILE_NOT_FOUND');

  // Still usable: the streams list loads from the store that stayed open.
  const streams = new StreamsPage(ledger.page);
  await streams.open();
  await expect(streams.rows.first()).toBeVisible();
  await start.shell.expectNoCrash();
});
