// Journey: diff two versions — the removed and the added cart lines, coloured, each linked to the
// event that made it, with the events in between; the same changes the replay engine reports.
import { expect, test } from './fixtures.ts';
import { DiffPage } from './pages/DiffPage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { cliJson, findRemoveThenAdd, withStore } from './support/store.ts';

interface Diff {
  changes: { path: string; kind: 'added' | 'removed' | 'changed'; event: { version: number } | null }[];
}

test('diffing two versions shows the removed and added lines and the events between', async ({ ledger }) => {
  const { streamId, from, to } = findRemoveThenAdd(ledger.storeFile);
  const truth = cliJson<Diff>(['diff', ledger.storeFile, '--stream', streamId, '--from', String(from), '--to', String(to)]);
  const paths = (kind: string) => truth.changes.filter((c) => c.kind === kind).map((c) => c.path);
  expect(paths('removed').length).toBeGreaterThan(0);
  expect(paths('added').length).toBeGreaterThan(0);

  // Pick the two versions on the diff tab of the stream.
  const stream = new StreamPage(ledger.page);
  await stream.open(streamId, to);
  await stream.tab('diff');
  const diff = new DiffPage(ledger.page);
  await diff.pick(from, to);

  expect(await diff.paths('removed')).toEqual(paths('removed'));
  expect(await diff.paths('added')).toEqual(paths('added'));
  expect(await diff.paths('changed')).toEqual(paths('changed'));
  await expect(diff.ofKind('removed').first().getByTestId('diff-before')).toBeVisible();
  await expect(diff.ofKind('added').first().getByTestId('diff-after')).toBeVisible();
  await expect(diff.ofKind('removed').first().getByTestId('diff-event-link')).toContainText('ItemRemoved');
  await expect(diff.ofKind('added').first().getByTestId('diff-event-link')).toContainText('ItemAdded');
  await expect(diff.between).toHaveCount(to - from);
  expect(await diff.shell.hash()).toBe(`#/diff/${encodeURIComponent(streamId)}/${from}..${to}`);
  await ledger.screenshot('diff');

  // The same range picked by time: each instant resolves to the last version recorded at or before it.
  const times = withStore(ledger.storeFile, (db) =>
    db.prepare('SELECT version, recorded_at AS t FROM events WHERE stream_id = ? AND version IN (?, ?)').all(streamId, from, to) as { version: number; t: number }[],
  );
  const at = (v: number) => new Date(times.find((r) => r.version === v)!.t).toISOString();
  await diff.shell.goto(`#/diff/${encodeURIComponent(streamId)}/0..1`);
  await diff.expectRange(0, 1);
  await diff.pickTimes(at(from), at(to));
  await diff.expectRange(from, to);

  // The change's event link opens that event.
  await diff.ofKind('removed').first().getByTestId('diff-event-link').click();
  await stream.expectSelected(from + 1);
  await expect(stream.detailType()).toHaveText('ItemRemoved');
});
