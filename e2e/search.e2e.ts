// Journey: search — type a SKU in the header box (reached with `/`), see the count the store holds,
// refine by a type facet, open a result (the SKU marked in its data) in its stream at its version,
// reload the link (same results), export the results (NDJSON of stored events; the manifest records
// the query), and a query that does not parse shows where it stopped and offers the literal search.
import fs from 'node:fs';
import { expect, test } from './fixtures.ts';
import { ExportPanel } from './pages/ExportPanel.ts';
import { SearchPage } from './pages/SearchPage.ts';
import { StreamsPage } from './pages/StreamsPage.ts';
import { cliNdjson } from './support/store.ts';

interface Written {
  position: number;
  streamId: string;
  version: number;
  type: string;
  data: unknown;
  metadata: unknown;
}

/** The brute-force answer: every event whose text holds `needle`, ignoring case. */
function containing(all: Written[], needle: string): Written[] {
  const lower = needle.toLowerCase();
  return all.filter((e) => [JSON.stringify(e.data), JSON.stringify(e.metadata), e.streamId, e.type].join('\n').toLowerCase().includes(lower));
}

test('search: a SKU, a facet, a result in its stream, the link, the export, a query that does not parse', async ({ ledger }) => {
  const { page } = ledger;
  const all = cliNdjson<Written>(['events', ledger.storeFile, '--all']);
  // A SKU several carts hold, in more than one event type.
  const skus = new Map<string, Written[]>();
  for (const e of all) {
    const sku = (e.data as { sku?: unknown })?.sku;
    if (typeof sku === 'string') skus.set(sku, [...(skus.get(sku) ?? []), e]);
  }
  const [sku] = [...skus].find(([, events]) => new Set(events.map((e) => e.type)).size > 1 && events.length >= 3) ?? [];
  expect(sku).toBeTruthy();
  const matching = containing(all, sku as string);

  const search = new SearchPage(page);
  await search.search(sku as string);
  await search.expectTotal(matching.length);
  expect(await search.query()).toBe(sku);
  await expect(search.rows.first()).toHaveAttribute('data-position', String(matching[0].position));
  await expect(page.getByTestId('timeline-plot')).toBeVisible();
  await ledger.screenshot('search-results');

  // Refine by a type facet: the query gains type:…, the count is the store's.
  const type = matching.some((e) => e.type === 'ItemAdded') ? 'ItemAdded' : matching[0].type;
  const ofType = matching.filter((e) => e.type === type);
  await expect(search.facet('type', type)).toContainText(ofType.length.toLocaleString('en-US'));
  await search.facet('type', type).click();
  await expect.poll(() => search.query()).toBe(`${sku} type:${type}`);
  await expect(search.box).toHaveValue(`${sku} type:${type}`);
  await search.expectTotal(ofType.length);

  // Open a result: the SKU is marked in its data; it opens in its stream at its version.
  await search.rows.first().click();
  await expect(search.detail).toHaveAttribute('data-position', String(ofType[0].position));
  await expect(search.marks.first()).toHaveText(sku as string);
  await expect(page.getByTestId('search-marked-data')).toContainText(`"sku": "${sku}"`);
  await ledger.screenshot('search-detail');
  const link = await search.shell.hash();
  await page.getByTestId('search-open-in-stream').click();
  await expect.poll(() => search.shell.hash()).toBe(`#/stream/${encodeURIComponent(ofType[0].streamId)}@${ofType[0].version}`);
  await expect(page.getByTestId('event-detail').first()).toHaveAttribute('data-version', String(ofType[0].version));

  // The link reproduces the search, also after a reload.
  await search.shell.goto(link);
  await search.expectTotal(ofType.length);
  await page.reload();
  await search.expectTotal(ofType.length);
  await expect(search.rows.first()).toHaveAttribute('data-position', String(ofType[0].position));

  // With the sidecar index built (in the viewer's cache), the same search answers from it, the same.
  await search.buildIndex();
  await page.reload();
  await search.expectTotal(ofType.length);
  await expect(search.plan()).toContainText('index');
  await expect(search.rows.first()).toHaveAttribute('data-position', String(ofType[0].position));

  // Export the results: the store's events, one per line; the manifest records the query.
  const panel = new ExportPanel(ledger);
  await panel.openFrom('search-export');
  const file = await panel.run('search.ndjson');
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  expect(lines.map((l) => JSON.parse(l).position)).toEqual(ofType.map((e) => e.position));
  lines.forEach((line, i) => expect(JSON.parse(line)).toEqual(all.find((e) => e.position === ofType[i].position)));
  const manifest = JSON.parse(fs.readFileSync(await panel.manifest(file), 'utf8')) as { query: { kind: string; q: string }; events: { count: number } };
  expect(manifest.query).toMatchObject({ kind: 'search', q: `${sku} type:${type}` });
  expect(manifest.events.count).toBe(ofType.length);
  await panel.close();

  // A query that does not parse: where it stopped, and the literal search offered.
  const bad = `${sku} (type:${type}`;
  await search.search(bad);
  await expect(search.problem).toBeVisible();
  await expect(search.problem).toContainText('At character');
  await expect(page.getByTestId('search-problem-query')).toContainText(bad);
  await expect(search.problem).toHaveAttribute('data-at', String(bad.indexOf('(')));
  await expect(page.getByTestId('search-problem-at')).toHaveText('(');
  await ledger.screenshot('search-problem');
  await search.literal.click();
  await expect.poll(() => search.shell.hash()).toContain('literal=1');
  await search.expectTotal(containing(all, bad).length);
  await search.shell.expectNoCrash();

  // On the streams list `/` still focuses its own filter, not the header's box.
  const streams = new StreamsPage(page);
  await streams.open();
  await page.locator('body').press('/');
  await expect(streams.search).toBeFocused();
});
