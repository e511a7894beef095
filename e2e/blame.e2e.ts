// Journey: blame — a field of the state names the event that last set it; following the link opens
// that event in the stream.
import { expect, test } from './fixtures.ts';
import { StatePage } from './pages/StatePage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { cliJson } from './support/store.ts';

const STREAM = 'cart-000001';

interface Blame {
  entries: { path: string; event: { version: number; type: string } | null }[];
}

test('following a blame link opens the event that set the field', async ({ ledger }) => {
  const blame = cliJson<Blame>(['blame', ledger.storeFile, '--stream', STREAM, '--at', '8']);
  const total = blame.entries.find((e) => e.path === '$.total');
  expect(total?.event).toBeTruthy();
  const { version, type } = total!.event!;

  const state = new StatePage(ledger.page);
  await state.open(STREAM, 8);
  await state.expectVersion(8);
  const link = state.blameLink('$.total');
  await expect(link).toHaveAttribute('data-version', String(version));
  await expect(link).toContainText(type);
  await link.click();

  const stream = new StreamPage(ledger.page);
  await stream.expectStream(STREAM);
  await stream.expectSelected(version);
  await expect(stream.detailType()).toHaveText(type);
  expect(await stream.shell.hash()).toBe(`#/stream/${STREAM}@${version}`);
});
