// Journey: an Emmett store — a file written by Emmett's own library opens in place: the format is
// named, there is "no integrity chain", only the checks that need none, its streams browse and replay like ours;
// a verified copy (imported into a new store with a hash chain) opens and verifies as untouched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { StartPage } from './pages/StartPage.ts';
import { StatePage } from './pages/StatePage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { StreamsPage } from './pages/StreamsPage.ts';
import { VerifyPage } from './pages/VerifyPage.ts';
import { EMMETT_EVENT_COUNT, EMMETT_STREAMS, writeEmmettStore } from './support/emmettStore.ts';
import { withStore } from './support/store.ts';

test('an Emmett file opens in place, browses and replays, and its verified copy verifies', async ({ ledger }) => {
  const { page } = ledger;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-emmett-'));
  const file = path.join(dir, 'emmett.db');
  await writeEmmettStore(file);

  const start = new StartPage(page);
  await start.open();
  await start.openPath(file);
  await expect(start.shell.storeName).toHaveText('emmett.db');
  await expect(start.fact('format')).toContainText('Emmett SQLite event store');
  await expect(start.fact('events')).toHaveText(String(EMMETT_EVENT_COUNT));
  await expect(start.fact('integrity')).toContainText('no integrity chain');
  await expect(start.fact('chain-head')).toHaveText('—');
  await ledger.screenshot('emmett-facts');

  // Browse: every stream is listed; a cart opens with its events in order.
  const streams = new StreamsPage(page);
  await streams.open();
  await expect(streams.rows).toHaveCount(EMMETT_STREAMS.length);
  await streams.openStream('cart-emmett-1');
  const stream = new StreamPage(page);
  await stream.expectStream('cart-emmett-1');
  await expect(stream.rows).toHaveCount(4);
  await stream.select(3);
  await expect(stream.detailType()).toHaveText('ItemQuantityChanged');
  await expect(stream.detail.getByTestId('event-data')).toContainText('quantity');

  // Replay: the state after version 3 and after the last version.
  const state = new StatePage(page);
  await state.open('cart-emmett-1', 3);
  await state.expectVersion(3);
  await expect(state.tree).toContainText('Bread');
  await state.press('End');
  await state.expectVersion(4);
  await expect(page.getByTestId('state-warnings')).toHaveCount(0);

  // Integrity: no verdict without a chain; a verified copy instead.
  const verify = new VerifyPage(page);
  await verify.open();
  await expect(verify.noChain).toContainText('No integrity chain');
  await expect(verify.start).toHaveCount(0);
  // What can be checked without a chain is checked: versions, positions, summaries, read-back.
  await verify.runChecks();
  await verify.expectConsistent();
  await ledger.screenshot('emmett-chainless-checks');
  const copy = path.join(dir, 'emmett.ledger.db');
  await expect(verify.copyOut).toHaveValue(copy);
  await verify.makeVerifiedCopy(copy);
  await expect(verify.copyResult.getByTestId('verified-copy-result-events')).toHaveText(`${EMMETT_EVENT_COUNT} events`);
  const head = withStore(copy, (db) => db.prepare('SELECT lower(hex(head_hash)) FROM ledger_head').pluck().get() as string);
  await expect(verify.copyResult.getByTestId('verified-copy-result-chain-head')).toContainText(head);
  await ledger.screenshot('emmett-verified-copy');
  // The copy holds the same events, stream by stream, in order.
  const copied = withStore(copy, (db) => db.prepare('SELECT stream_id AS streamId, type FROM events ORDER BY stream_id, version').all());
  expect(copied).toEqual(
    EMMETT_STREAMS.flatMap((s) => s.events.flat().map((e) => ({ streamId: s.streamId, type: e.type }))).sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0)),
  );

  await verify.copyResult.getByTestId('verified-copy-result-open').click();
  await expect(start.shell.storeName).toHaveText('emmett.ledger.db');
  await verify.run();
  await verify.expectUntouched();
  await expect(verify.chainHead).toContainText(head);
});
