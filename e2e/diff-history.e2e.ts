// Journey: who touched a field. A cart line that support removed and that came back later is not
// hidden behind the last event: the diff lists every event that changed each path in the range,
// and the state screen's field history lists every event that ever set a field.
import { expect, test } from './fixtures.ts';
import { DiffPage } from './pages/DiffPage.ts';
import { StatePage } from './pages/StatePage.ts';
import { cliJson, withStore } from './support/store.ts';

interface HistoryEntry {
  event: { version: number };
  kind: string;
}
interface Diff {
  changes: { path: string; historyCount: number; history: HistoryEntry[] }[];
  reverted: { path: string; history: HistoryEntry[] }[];
}

/** A cart line removed at `removedAt` and added again at `addedAt`, with nothing in between for its sku. */
function removedThenReadded(file: string): { streamId: string; sku: string; removedAt: number; addedAt: number } {
  return withStore(file, (db) => {
    const row = db
      .prepare(
        `SELECT r.stream_id AS streamId, json_extract(r.data, '$.sku') AS sku, r.version AS removedAt, min(a.version) AS addedAt
           FROM events r JOIN events a ON a.stream_id = r.stream_id AND a.version > r.version
                AND a.type = 'ItemAdded' AND json_extract(a.data, '$.sku') = json_extract(r.data, '$.sku')
          WHERE r.type = 'ItemRemoved' AND r.stream_id LIKE 'cart-%' AND r.version > 1
          GROUP BY r.position ORDER BY r.position LIMIT 1`,
      )
      .get() as { streamId: string; sku: string; removedAt: number; addedAt: number } | undefined;
    if (!row) throw new Error('The demo store has no cart line removed and added again');
    return row;
  });
}

test('the diff shows every event that changed a path, and the state screen a field’s whole history', async ({ ledger }) => {
  const { streamId, sku, removedAt, addedAt } = removedThenReadded(ledger.storeFile);
  const from = removedAt - 1;
  const truth = cliJson<Diff>(['diff', ledger.storeFile, '--stream', streamId, '--from', String(from), '--to', String(addedAt)]);
  const line = `$.items[sku=${JSON.stringify(sku)}]`;
  const about = [...truth.changes, ...truth.reverted].filter((c) => c.path === line || c.path.startsWith(`${line}.`));
  expect(about.length).toBeGreaterThan(0);

  const diff = new DiffPage(ledger.page);
  await diff.open(streamId, from, addedAt);
  // Whether the line came back changed or unchanged, its removal at removedAt is on screen.
  const rows = ledger.page.locator(`[data-path^=${JSON.stringify(line)}]`).filter({ has: ledger.page.getByTestId('diff-history') });
  await expect(rows.first()).toBeVisible();
  const history = rows.first().getByTestId('diff-history');
  await expect(history).toHaveAttribute('open', '');
  await expect(history.locator(`[data-testid="history-entry"][data-version="${removedAt}"]`)).toHaveAttribute('data-kind', 'removed');
  await expect(history.locator(`[data-testid="history-entry"][data-version="${addedAt}"]`)).toHaveAttribute('data-kind', 'added');
  // The CLI (--json) reports the same history.
  expect(about.some((c) => [removedAt, addedAt].every((v) => c.history.some((h) => h.event.version === v)))).toBe(true);
  await ledger.screenshot('diff-history');

  // State screen: the line's quantity, clicked, lists every event that ever set it.
  const state = new StatePage(ledger.page);
  await state.open(streamId, addedAt);
  const field = ledger.page.locator(`[data-testid="state-field"][data-path=${JSON.stringify(`${line}.quantity`)}]`);
  await field.getByTestId('field-history-button').click();
  const panel = ledger.page.getByTestId('field-history');
  await expect(panel.getByTestId('field-history-path')).toHaveText(`${line}.quantity`);
  await expect(panel.locator(`[data-testid="history-entry"][data-version="${removedAt}"]`)).toHaveAttribute('data-kind', 'removed');
  await expect(panel.locator(`[data-testid="history-entry"][data-version="${addedAt}"]`)).toHaveAttribute('data-kind', 'added');
  const versions = await panel.getByTestId('history-entry').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-version'))));
  expect(versions).toEqual([...versions].sort((a, b) => a - b));
  expect(versions[0]).toBeLessThan(removedAt); // it was set before support removed it
  await ledger.screenshot('field-history');
  // Each entry links to its event.
  await panel.locator(`[data-testid="history-entry"][data-version="${removedAt}"]`).getByTestId('history-event-link').click();
  await expect.poll(() => state.shell.hash()).toBe(`#/stream/${encodeURIComponent(streamId)}@${removedAt}`);
});
