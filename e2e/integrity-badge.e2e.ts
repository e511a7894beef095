// Journey: the open store is verified in the background. A clean store's header badge says
// "Verified" with what it cannot rule out; a tampered copy shows its findings in the header without
// anyone visiting Integrity, and the affected event is marked in its stream, its detail and the
// states that include it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { changeOneByte } from '../src/main/testing/tamper.ts';
import { expect, test } from './fixtures.ts';
import { StartPage } from './pages/StartPage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { DEMO_STORE } from './support/paths.ts';
import { withStore } from './support/store.ts';

const EDITED = 120;

test('the header badge shows the background verdict; a tampered event is marked where it is shown', async ({ ledger }) => {
  const badge = ledger.page.getByTestId('integrity-badge');
  await expect(badge).toHaveAttribute('data-status', 'verified', { timeout: 30_000 });
  await expect(badge).toContainText('Verified, no recorded head');
  await expect(badge).toHaveAttribute('title', /cannot rule out a chain rewritten \(hashes recomputed\) to its end/);

  const tampered = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-badge-')), 'tampered.db');
  fs.copyFileSync(DEMO_STORE, tampered);
  changeOneByte(tampered, EDITED, 'data');
  const edited = withStore(DEMO_STORE, (db) => db.prepare('SELECT stream_id AS streamId, version FROM events WHERE position = ?').get(EDITED) as { streamId: string; version: number });

  const start = new StartPage(ledger.page);
  await start.open();
  await start.openPath(tampered);
  await expect(start.shell.storeName).toHaveText('tampered.db');
  // Without visiting Integrity: the badge names the findings.
  await expect(badge).toHaveAttribute('data-status', 'findings', { timeout: 30_000 });
  await expect(badge).toHaveText(/^\d+ findings?$/);

  const stream = new StreamPage(ledger.page);
  await stream.shell.goto(`#/stream/${encodeURIComponent(edited.streamId)}@${edited.version}`);
  await expect(stream.detail).toHaveAttribute('data-position', String(EDITED));
  await expect(ledger.page.getByTestId('event-detail-affected')).toContainText('failed verification');
  await expect(stream.row(edited.version).getByTestId('event-affected')).toBeVisible();
  if (edited.version > 1) await expect(stream.row(edited.version - 1).getByTestId('event-affected')).toHaveCount(0);
  await ledger.screenshot('integrity-badge-findings');

  // A state that includes the event says so; one from before it does not.
  await stream.shell.goto(`#/state/${encodeURIComponent(edited.streamId)}@${edited.version}`);
  await expect(ledger.page.getByTestId('state-affected')).toContainText(`This state includes events that failed verification: v${edited.version}`);
  if (edited.version > 1) {
    await stream.shell.goto(`#/state/${encodeURIComponent(edited.streamId)}@${edited.version - 1}`);
    await expect(ledger.page.getByTestId('state-version')).toHaveText(String(edited.version - 1));
    await expect(ledger.page.getByTestId('state-affected')).toHaveCount(0);
  }
  await stream.shell.expectNoCrash();
});
