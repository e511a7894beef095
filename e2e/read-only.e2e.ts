// Journey: read-only, provably — the audited file (a WAL-mode copy of the demo store) and its
// -wal/-shm companions are fingerprinted before a full session: browse streams, open a stream, scrub
// the state, diff, timeline, export and verify. The bytes and the folder's listing are identical
// while the session runs and after it ended; no file appeared beside the store.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileFingerprint } from '../src/main/testing/tempFiles.ts';
import { expect, test } from './fixtures.ts';
import { DiffPage } from './pages/DiffPage.ts';
import { ExportPanel } from './pages/ExportPanel.ts';
import { StatePage } from './pages/StatePage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { StreamsPage } from './pages/StreamsPage.ts';
import { TimelinePage } from './pages/TimelinePage.ts';
import { VerifyPage } from './pages/VerifyPage.ts';
import { DEMO_STORE } from './support/paths.ts';
import { findRemoveThenAdd } from './support/store.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-readonly-'));
const AUDITED = path.join(dir, 'audited.db');
fs.copyFileSync(DEMO_STORE, AUDITED);
// A WAL-mode file, as live applications leave them: the hardest case for a read-only viewer.
const db = new Database(AUDITED);
db.pragma('journal_mode = WAL');
db.close();

/** Everything that would reveal a write: each file's bytes, and what the folder holds. */
function evidence() {
  return {
    files: fileFingerprint(AUDITED),
    listing: fs.readdirSync(dir).sort(),
    stat: (({ size, mtimeMs }) => ({ size, mtimeMs }))(fs.statSync(AUDITED)),
  };
}

const before = evidence();

test.use({ storeFile: AUDITED });

test.afterAll(() => {
  // The session (server and browser) has ended: still identical, and nothing was left behind.
  expect(evidence()).toEqual(before);
});

test('a full session leaves the audited file and its folder byte for byte as they were', async ({ ledger }) => {
  const { page } = ledger;
  expect(before.listing).toEqual(['audited.db']);
  expect(before.files['-wal']).toBeNull();

  const streams = new StreamsPage(page);
  await streams.open();
  await streams.searchFor('cart-0');
  await expect(streams.rows.first()).toBeVisible();

  const stream = new StreamPage(page);
  await stream.open('cart-000001', 3);
  await stream.select(4);

  // (ground truth from the original: even a read-only better-sqlite3 open would create -wal/-shm here)
  const { streamId, from, to } = findRemoveThenAdd(DEMO_STORE);
  const state = new StatePage(page);
  await state.open(streamId, to);
  await state.press('ArrowLeft', 2);
  await state.expectVersion(to - 2);

  const diff = new DiffPage(page);
  await diff.open(streamId, from, to);
  await expect(diff.changes.first()).toBeVisible();

  const timeline = new TimelinePage(page);
  await timeline.open();
  await timeline.filter({ prefix: 'account-' });
  await expect(timeline.rows.first()).toBeVisible();

  await stream.open('cart-000001');
  const panel = new ExportPanel(ledger);
  await panel.openFrom();
  await panel.run('cart.ndjson');
  await panel.close();

  const verify = new VerifyPage(page);
  await verify.open();
  await verify.run();
  await verify.expectUntouched();

  // While the store is still open.
  expect(evidence()).toEqual(before);
});
