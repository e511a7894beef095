// Journey: integrity — a clean store verifies as untouched (chain head, count, time); a tampered copy
// (an edited payload, a deleted event) shows its findings classified, and a finding's link opens the
// event; a chain head recorded before the chain was rewritten is reported as no longer in it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { changeOneByte, deleteEvent, rewriteChainFrom } from '../src/main/testing/tamper.ts';
import { expect, test } from './fixtures.ts';
import { StartPage } from './pages/StartPage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { VerifyPage } from './pages/VerifyPage.ts';
import { DEMO_STORE } from './support/paths.ts';
import { withStore } from './support/store.ts';

const head = (file: string) => withStore(file, (db) => db.prepare('SELECT lower(hex(head_hash)) FROM ledger_head WHERE id = 1').pluck().get() as string);

function tamperedCopy(name: string, tamper: (file: string) => void): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-verify-')), name);
  fs.copyFileSync(DEMO_STORE, file);
  tamper(file);
  return file;
}

test('a clean store verifies as untouched, with its chain head, count and time taken', async ({ ledger }) => {
  const verify = new VerifyPage(ledger.page);
  await verify.open();
  // A chain head is 64 hexadecimal characters: anything else is refused before any work is done.
  await verify.expectedHead.fill('not-a-chain-head');
  await verify.start.click();
  await expect(verify.expectedHeadError).toContainText('64 hexadecimal characters');
  await expect(verify.verdict).toHaveCount(0);

  await verify.run(head(ledger.storeFile));
  await verify.expectUntouched();
  await expect(verify.chainHead).toContainText(head(ledger.storeFile));
  const events = withStore(ledger.storeFile, (db) => db.prepare('SELECT count(*) FROM events').pluck().get() as number);
  await expect(verify.eventsChecked).toHaveText(events.toLocaleString('en-US'));
  await expect(verify.duration).toHaveText(/\d+(\.\d)? (ms|s)/);
  await expect(ledger.page.getByTestId('verify-expected-head')).toHaveAttribute('data-found', 'true');
  await expect(verify.verdictTitle).toHaveText('Untouched');
  await expect(ledger.page.getByTestId('verify-caveat')).toHaveCount(0);
  await expect(verify.findings).toHaveCount(0);
  await ledger.screenshot('verify-untouched');
});

test('a tampered copy shows classified findings that link to the events; a rewritten chain misses its recorded head', async ({ ledger }) => {
  const tampered = tamperedCopy('tampered.db', (file) => {
    changeOneByte(file, 120, 'data');
    deleteEvent(file, 300);
  });
  const deleted = withStore(DEMO_STORE, (db) => db.prepare('SELECT stream_id AS streamId, version FROM events WHERE position = 300').get() as { streamId: string; version: number });
  const start = new StartPage(ledger.page);
  await start.open();
  await start.openPath(tampered);
  await expect(start.shell.storeName).toHaveText('tampered.db');

  const verify = new VerifyPage(ledger.page);
  await verify.open();
  await verify.run();
  await expect(verify.verdict).toHaveAttribute('data-ok', 'false');
  await expect(verify.verdictTitle).toContainText('this store was changed after it was recorded');
  // 120 fails its hash while linked to 119, so 119 may have been replaced too: 118 is the last vouched for.
  await expect(ledger.page.getByTestId('verify-last-good')).toHaveText('118');
  const kinds = await verify.groupKinds();
  expect(kinds.slice(0, 2)).toEqual(['edited', 'deleted']);
  await expect(verify.finding('edited', 120)).toContainText('does not match its hash');
  await expect(verify.finding('deleted', 300)).toContainText(`version ${deleted.version} of stream '${deleted.streamId}'`);
  await ledger.screenshot('verify-findings');

  // The edited event's link opens it in its stream.
  await verify.openFinding('edited', 120);
  const stream = new StreamPage(ledger.page);
  await expect(stream.detail).toHaveAttribute('data-position', '120');
  // The deleted one: the stream shows the gap where it was.
  await verify.open();
  await expect(verify.verdict).toBeVisible(); // the last verdict is kept while the store stays open
  await verify.finding('deleted', 300).getByTestId('verify-finding-stream').click();
  await stream.expectStream(deleted.streamId);
  await expect(stream.gap(deleted.version)).toContainText('no event recorded at this version');

  // A chain rewritten from the middle is consistent again: only the head recorded before reveals it.
  const recorded = head(DEMO_STORE);
  const rewritten = tamperedCopy('rewritten.db', (file) => void rewriteChainFrom(file, 12));
  await start.open();
  await start.openPath(rewritten);
  await expect(start.shell.storeName).toHaveText('rewritten.db');
  await verify.open();
  await verify.run();
  await verify.expectUntouched();
  // Without a recorded head the verdict says what it cannot rule out: exactly this rewrite.
  await expect(ledger.page.getByTestId('verify-caveat')).toContainText('cannot rule out a chain rewritten');
  // hash@position, as the CLI takes it; the previous verdict clears while the new check runs.
  await verify.expectedHead.fill(`${recorded}@${withStore(DEMO_STORE, (db) => db.prepare('SELECT max(position) FROM events').pluck().get() as number)}`);
  await verify.start.click();
  await expect(verify.verdict).toHaveAttribute('data-ok', 'false', { timeout: 60_000 });
  await verify.run(recorded);
  await expect(verify.verdict).toHaveAttribute('data-ok', 'false');
  await expect(verify.group('rewritten')).toBeVisible();
  await expect(ledger.page.getByTestId('verify-expected-head')).toHaveAttribute('data-found', 'false');
  await expect(ledger.page.getByTestId('verify-expected-head')).toContainText('not in the chain');
});
