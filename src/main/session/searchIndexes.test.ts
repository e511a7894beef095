// The open store's sidecar index through the app: built the first time a large store is searched,
// used once ready, kept up to date by live tail, removed with "clear caches", never beside the store.
import path from 'node:path';
import { expect, it } from 'vitest';
import type { SearchResult } from '../../shared/search.ts';
import type { JobState } from '../../shared/jobs.ts';
import { writeDemoStore } from '../demo/generateDemo.ts';
import { createJobRegistry } from '../jobs/jobRegistry.ts';
import { searchStore } from '../search/search.ts';
import { openStore } from '../store/openStore.ts';
import { fileFingerprint, tempDir } from '../testing/tempFiles.ts';
import { createSearchIndexes } from './searchIndexes.ts';
import { createSession } from './session.ts';

it('builds on the first search of a large store, then answers from the index, follows appends and clears', async () => {
  const dir = tempDir('search-indexes');
  const file = path.join(dir, 'store.db');
  writeDemoStore(file, { streams: 20, events: 3000, longStreams: 0, longEvents: 2, seed: 'search-indexes' });
  const cacheDir = path.join(dir, 'cache');
  const session = createSession({ paths: { config: path.join(dir, 'config'), cache: cacheDir, exports: path.join(dir, 'exports') }, tailIntervalMs: 0 });
  const jobs = createJobRegistry();
  const indexes = createSearchIndexes({ session, jobs, cacheDir, autoIndexEvents: 1000 });
  const search = async (q: string): Promise<SearchResult> => {
    const { store } = session.require();
    return searchStore(store, { q, limit: 1000 }, { accelerator: await indexes.acceleratorFor(store) });
  };
  try {
    await session.open(file);
    const before = fileFingerprint(file);
    const first = await search('cart');
    expect(first.plan).toBe('sql'); // no index yet: a scan answers, and the build starts
    const building = jobs.list().find((j: JobState) => j.kind === 'search-index');
    expect(building).toBeDefined();
    expect((await jobs.wait(building!.id)).status).toBe('succeeded');
    expect(await indexes.status()).toMatchObject({ state: 'ready', events: session.current()!.stats.events, jobId: null });

    const indexed = await search('cart');
    expect(indexed.plan).toMatch(/index/);
    expect(indexed.total).toBe(first.total);
    expect(indexed.items.map((e) => e.position)).toEqual(first.items.map((e) => e.position));
    // Building and searching only read the audited file: it and its companions are as they were.
    expect(fileFingerprint(file)).toEqual(before);

    // Live tail: a writer appends; the next search indexes the new event first and finds it.
    const writer = openStore(file, { readonly: false });
    writer.append('zebra-1', [{ type: 'Striped', data: { note: 'a zebra-only word: quaggaish' } }]);
    writer.close();
    session.onAppended(() => {});
    await session.checkForAppends();
    const fresh = await search('quaggaish');
    expect(fresh.total).toBe(1);
    expect(fresh.plan).toMatch(/index/);
    expect((await indexes.status()).indexedUpTo).toBe(session.current()!.stats.lastPosition);

    const cleared = await indexes.clear();
    expect(cleared.bytes).toBeGreaterThan(0);
    expect((await indexes.status()).state).toBe('none');
    expect((await search('quaggaish')).plan).not.toMatch(/index/); // no index: scanned again
  } finally {
    await session.close();
  }
});
