// Journey: time travel — the slider moves through versions and the state tree follows, matching the
// replay engine's answer from the CLI.
import { expect, test } from './fixtures.ts';
import { StatePage } from './pages/StatePage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { cliJson, withStore } from './support/store.ts';

const STREAM = 'cart-000001';

interface State {
  version: number;
  state: { itemCount: number; total: number; status: string; items: unknown[] };
}

test('moving the slider changes the state to the state at that version', async ({ ledger }) => {
  const stream = new StreamPage(ledger.page);
  await stream.open(STREAM, 2);
  await stream.tab('state');

  const state = new StatePage(ledger.page);
  await state.expectVersion(2);
  const atTwo = cliJson<State>(['state', ledger.storeFile, '--stream', STREAM, '--at', '2']);
  // The cart declares its total in cents: shown as an amount, the stored number kept beside it.
  await expect(state.storedAmount('$.total')).toHaveAttribute('data-stored', String(atTwo.state.total));

  // Arrow keys on the slider, as a user would.
  await state.press('ArrowRight', 3);
  await state.expectVersion(5);
  const atFive = cliJson<State>(['state', ledger.storeFile, '--stream', STREAM, '--at', '5']);
  expect(atFive.state.total).not.toBe(atTwo.state.total);
  await expect(state.storedAmount('$.total')).toHaveAttribute('data-stored', String(atFive.state.total));
  await expect(state.field('$.itemCount').locator('.blame-value')).toHaveText(String(atFive.state.itemCount));
  expect(await state.shell.hash()).toBe(`#/state/${STREAM}@5`);

  // Jump to an instant: the state of the last version recorded at or before it.
  const { t } = withStore(ledger.storeFile, (db) => db.prepare('SELECT recorded_at AS t FROM events WHERE stream_id = ? AND version = 3').get(STREAM) as { t: number });
  await state.jumpToTime(new Date(t + 1).toISOString());
  await state.expectVersion(3);

  // The version box jumps anywhere; End goes to the latest version.
  await state.setVersion(1);
  await state.expectVersion(1);
  await expect(state.storedAmount('$.total')).toHaveAttribute('data-stored', '0');
  await expect(state.storedAmount('$.total')).toHaveText('0.00');
  await state.press('End');
  const latest = cliJson<State>(['state', ledger.storeFile, '--stream', STREAM]);
  await state.expectVersion(latest.version);
  await expect(state.field('$.status').locator('.blame-value')).toHaveText(JSON.stringify(latest.state.status));
  await ledger.screenshot('state');
});

test('a long stream has its snapshots built first; every version then replays from the nearest one', async ({ ledger }) => {
  const LONG = 'cart-wholesale-001';
  const state = new StatePage(ledger.page);
  await state.open(LONG, 2_777);
  await expect(state.snapshotsReady).toContainText('Snapshot every 500 events, up to v3,000');
  await state.expectVersion(2_777);
  await expect(ledger.page.getByText('from snapshot v2,500')).toBeVisible();
  const expected = cliJson<State>(['state', ledger.storeFile, '--stream', LONG, '--at', '2777']);
  await expect(state.storedAmount('$.total')).toHaveAttribute('data-stored', String(expected.state.total));

  await state.setVersion(1_234);
  await state.expectVersion(1_234);
  await expect(ledger.page.getByText('from snapshot v1,000')).toBeVisible();
  await ledger.screenshot('state-long-stream');
});
