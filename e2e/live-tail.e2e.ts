// Journey: live tail — another process appends to the open store; the header says so without
// disturbing the screen, and a refresh shows the new events.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { StartPage } from './pages/StartPage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { DEMO_STORE } from './support/paths.ts';
import { streamVersion } from './support/store.ts';

const STREAM = 'counter-logins-0004';

test('events appended by another process are announced and shown after a refresh', async ({ ledger }) => {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-live-')), 'live.db');
  fs.copyFileSync(DEMO_STORE, copy);
  const start = new StartPage(ledger.page);
  await start.open();
  await start.openPath(copy);
  await expect(start.shell.storeName).toHaveText('live.db');

  const before = streamVersion(copy, STREAM);
  const stream = new StreamPage(ledger.page);
  await stream.open(STREAM, before);
  await stream.expectSelected(before);

  execFileSync(process.execPath, [path.join(import.meta.dirname, 'support', 'appendEvents.ts'), copy, STREAM, 'increment', '2']);
  const refresh = ledger.page.getByTestId('live-refresh');
  await expect(refresh).toHaveText(/\+2 new events/);
  // The screen stayed where it was.
  await stream.expectSelected(before);
  await expect(stream.row(before + 1)).toHaveCount(0);

  await refresh.click();
  await expect(refresh).toHaveCount(0);
  await stream.select(before + 2);
  await expect(stream.detail.getByTestId('event-data')).toContainText('appended 2');
});
