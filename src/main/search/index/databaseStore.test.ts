// The index over a database-like reader: identity from the URL and layout (no file), positions
// with gaps and out of read order (Emmett), and a late commit below what was indexed.
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../errors.ts';
import type { EventScope, EventStoreReader, RawEvent } from '../../store/eventStore.ts';
import { tempDir } from '../../testing/tempFiles.ts';
import { openSearchIndex } from './searchIndex.ts';

function fakeDatabase(events: RawEvent[]): EventStoreReader {
  const inScope = (scope: EventScope) =>
    events.filter((e) => scope.kind === 'all' && (scope.fromPosition === undefined || e.position >= scope.fromPosition) && (scope.toPosition === undefined || e.position <= scope.toPosition));
  const reader = {
    info: { path: 'postgres://auditor@db.example/shop', format: 'emmett-postgres', adapter: 'test', readonly: true, sizeBytes: 0, hasIntegrityChain: false, kind: 'postgres', layout: { name: 'Emmett PostgreSQL', tables: ['public.emt_messages'], notes: [] } },
    async stats() {
      return { lastPosition: Math.max(0, ...events.map((e) => e.position)), chainHead: null };
    },
    async *iterateRaw(scope: EventScope) {
      const rows = inScope(scope);
      for (let i = 0; i < rows.length; i += 7) yield rows.slice(i, i + 7);
    },
    async countEvents(scope: EventScope) {
      return inScope(scope).length;
    },
    async getEvent(ref: number | string) {
      const e = events.find((x) => x.position === ref);
      if (!e) throw new LedgerError('NOT_FOUND', 'no such event');
      return { eventId: e.eventId };
    },
  };
  return reader as unknown as EventStoreReader;
}

const event = (position: number, text: string): RawEvent => ({
  position, eventId: `id-${position}`, streamId: `s-${position % 5}`, version: 1, type: 'T', recordedAt: '2026-01-01T00:00:00.000Z',
  dataText: JSON.stringify({ text }), metadataText: '{}', hash: null,
});

describe('the index over a database store', () => {
  it('maps blocks of positions with gaps and out of read order back to the right events', async () => {
    // read order is not position order, and positions leave gaps
    const events = [event(30, 'alpha'), event(10, 'bravo'), event(20, 'charlie'), ...Array.from({ length: 40 }, (_, i) => event(100 + i * 3, i === 17 ? 'needle here' : `filler ${i}`))];
    const cacheDir = tempDir('search-cache');
    const index = await openSearchIndex(fakeDatabase(events), { cacheDir });
    await index.build();
    expect(index.indexedUpTo()).toBe(100 + 39 * 3);
    const needle = (await index.candidates(['NEEDLE']))!;
    expect(needle).toContain(151);
    expect(needle).toEqual([...needle].sort((a, b) => a - b));
    expect(needle.every((p) => events.some((e) => e.position === p))).toBe(true);
    expect(await index.candidates(['bravo'])).toEqual([10, 20, 30, 100, 103, 106, 109, 112, 115, 118, 121, 124, 127, 130, 133, 136].filter((p) => p <= 136));
    await index.close();

    // the same database reopened: the index is found again (URL + layout identity, checkpoint holds)
    const again = await openSearchIndex(fakeDatabase(events), { cacheDir });
    expect(again.status()).toMatchObject({ state: 'ready', events: 43 });
    await again.close();

    // the database was reloaded under the same URL: the checkpoint event is gone, the index too
    const reloaded = await openSearchIndex(fakeDatabase(events.map((e) => ({ ...e, eventId: `new-${e.position}` }))), { cacheDir });
    expect(reloaded.status().state).toBe('none');
    await reloaded.close();
  });

  it('a late commit below indexedUpTo makes the index stale rather than blind to it', async () => {
    const events = [event(1, 'one'), event(2, 'two'), event(5, 'five')];
    const db = fakeDatabase(events);
    const index = await openSearchIndex(db, { cacheDir: tempDir('search-cache') });
    await index.build();
    events.push(event(3, 'three late'), event(6, 'six'));
    await index.update();
    expect(index.status().state).toBe('stale');
    expect(await index.candidates(['three'])).toBeNull(); // the engine scans instead of missing it
    await index.build();
    expect(index.status().state).toBe('ready');
    expect(await index.candidates(['three'])).toContain(3);
    await index.close();
  });
});
