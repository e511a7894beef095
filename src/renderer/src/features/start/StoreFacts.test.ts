// The store facts as rendered for what the readers really report: a Marten database (layout,
// tables, tombstones counted apart, read-only at the server, no hash chain) and a SQLite file.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, it } from 'vitest';
import type { OpenedStore } from '../../../../shared/contract.ts';
import { openStoreTarget } from '../../../../main/adapters/openStoreTarget.ts';
import { describePg } from '../../../../main/testing/pgTest.ts';
import { archiveMartenStream, writeMartenStreams, writeMartenTombstones } from '../../../../main/testing/pgFixtures/marten.ts';
import { CONTRACT_DATA } from '../../../../main/adapters/readerContract.ts';
import { StoreFacts } from './StoreFacts.tsx';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\s+/g, ' ');

describePg('store facts of a database store', (ctx) => {
  it('shows the URL, the layout and its tables, its notes, and the tombstones hidden apart', async () => {
    const url = await ctx.database('facts_marten');
    await writeMartenStreams(url, {}, CONTRACT_DATA);
    await archiveMartenStream(url, {}, 'counter-1');
    await writeMartenTombstones(url, {}, 'cart-1', 2);
    const reader = await openStoreTarget(url);
    try {
      const store: OpenedStore = { openId: 1, info: reader.info, stats: await reader.stats() };
      const html = renderToStaticMarkup(createElement(StoreFacts, { store }));
      const shown = text(html);
      expect(html).toContain('data-kind="database"');
      expect(shown).toContain(`Database ${reader.info.path}`);
      expect(reader.info.path).not.toMatch(/:[^/@]*@/); // no password in what is shown
      expect(shown).not.toMatch(/\bPath\b|Schema version/);
      expect(shown).toContain('Layout Marten');
      for (const table of ['public.mt_events', 'public.mt_streams']) expect(shown).toContain(table);
      expect(shown).toContain('tombstone events: 2 hidden, not counted in the events above');
      for (const note of reader.info.layout!.notes) expect(shown).toContain(note);
      expect(shown).toContain("Event time Marten's timestamp");
      expect(shown).toContain('no hash chain (this layout has none) · checks and a verified copy on the Integrity screen');
      expect(shown).toContain('Read-only at the server');
      expect(shown).not.toContain('cannot change this file');
      expect(html).toContain('data-testid="facts-readonly"');
      expect(shown).toContain(`Events ${store.stats.events}`);
      expect(store.stats.events).toBe(CONTRACT_DATA.flatMap((s) => s.batches.flat()).length); // tombstones are not events
    } finally {
      await reader.close();
    }
  });
});

it('a file store keeps its path, size and schema version, and no layout facts', () => {
  const store: OpenedStore = {
    openId: 1,
    info: { path: '/audits/orders.db', format: 'ledger', adapter: 'Replay Ledger store (schema 1)', readonly: true, sizeBytes: 4096, hasIntegrityChain: true, kind: 'file' },
    stats: { format: 'ledger', schemaVersion: 1, events: 0, streams: 0, firstPosition: null, lastPosition: null, firstRecordedAt: null, lastRecordedAt: null, types: [], categories: [], chainHead: null },
  };
  const shown = text(renderToStaticMarkup(createElement(StoreFacts, { store })));
  expect(shown).toContain('Path /audits/orders.db');
  expect(shown).toContain('Size 4.00 KB');
  expect(shown).toContain('Schema version 1');
  expect(shown).toContain('Read-only: the viewer cannot change this file.');
  expect(shown).not.toMatch(/Layout|Hidden rows|Tables read|at the server/);
});
