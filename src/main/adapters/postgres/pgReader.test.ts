// What the contract suite does not cover for Marten: tombstones, holes, archived streams, exact
// numbers, Guid identity, several tenants, histogram and raw export, backend cancellation.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { collect } from '../../store/asyncReader.ts';
import type { EventStoreReader } from '../../store/eventStore.ts';
import { describePg } from '../../testing/pgTest.ts';
import {
  appendMarten,
  archiveMartenStream,
  createMartenSchema,
  generateMartenBulk,
  writeMartenHole,
  writeMartenStreams,
  writeMartenTombstones,
} from '../../testing/pgFixtures/marten.ts';
import { connectTest, openMarten, readOnlyRoleUrl } from './martenTestKit.ts';
import { martenLayout } from './layouts/marten.ts';
import { createPgReader } from './pgReader.ts';
import type { PgSession } from './pgSession.ts';

/** A session wrapper that keeps the SQL sent, to EXPLAIN it. */
function recordingInto(log: { sql: string; params: unknown[] }[]) {
  return (session: PgSession): PgSession => ({
    displayUrl: session.displayUrl,
    query: (sql, params = [], options) => (log.push({ sql, params }), session.query(sql, params, options)),
    cursor: (sql, params = [], options) => (log.push({ sql, params }), session.cursor(sql, params, options)),
    close: () => session.close(),
  });
}

/** Whether `sql` can be answered without a sequential scan of mt_events (seq scans disabled, so any usable index is taken). */
async function usesIndex(url: string, sql: string, params: unknown[]): Promise<boolean> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('SET enable_seqscan = off');
    const plan = (await admin.query(`EXPLAIN ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
    return !/Seq Scan on mt_events/.test(plan);
  } finally {
    await admin.end();
  }
}

const ev = (type: string, data: Record<string, unknown>, actor?: string) => ({ type, data, metadata: actor ? { actor } : undefined });

describePg('the PostgreSQL reader over Marten', (pgx) => {
  describe('tombstones, holes, archived streams, exact numbers', () => {
    let store: EventStoreReader;
    let tombstones: number[] = [];
    let hole = 0;

    it('opens a store with all of them', async () => {
      const url = await pgx.database('marten_quirks');
      await writeMartenStreams(url, {}, [
        { streamId: 'cart-1', batches: [[ev('ItemAdded', { sku: 'A' }, 'alice')], [ev('ItemAdded', { sku: 'B' }, 'bob')]] },
        { streamId: 'account-1', batches: [[ev('AccountOpened', { owner: 'ada' })]] },
      ]);
      tombstones = await writeMartenTombstones(url, {}, 'cart-1', 2);
      hole = await writeMartenHole(url, {}, 'cart-1');
      await appendMarten(url, {}, [
        { streamId: 'cart-1', events: [ev('ItemAdded', { sku: 'C' })] },
        { streamId: 'big-1', events: [{ type: 'Priced', data: {}, dataText: '{"big": 12345678901234567890, "exact": 0.1000000000000000055511151231257827, "scale": 1.10}' }] },
      ]);
      await archiveMartenStream(url, {}, 'account-1');
      // Headers beside the metadata columns, one of them shadowing user_name.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`UPDATE mt_events SET headers = '{"actor": "shadow", "trace": "t-1", "n": 12345678901234567890}' WHERE stream_id = 'cart-1' AND version = 1`);
      await admin.query(`UPDATE mt_events SET headers = '[1, 2]', causation_id = 'cause-"1"' WHERE stream_id = 'cart-1' AND version = 2`);
      await admin.end();
      store = await openMarten(await readOnlyRoleUrl(url, 'public'));
    });

    it('hides tombstones from every read and counts them apart', async () => {
      expect(store.info.layout?.hiddenRows).toEqual([{ what: 'tombstone events', count: 2 }]);
      const all = await collect(store.iterateAll());
      expect(all.map((e) => e.type)).toEqual(['ItemAdded', 'ItemAdded', 'AccountOpened', 'ItemAdded', 'Priced']);
      expect((await store.stats()).events).toBe(5);
      expect((await store.stats()).types.map((t) => t.type)).not.toContain('tombstone');
      expect((await store.listStreams({ sort: 'id' })).items.map((s) => s.streamId)).toEqual(['account-1', 'big-1', 'cart-1']);
      expect(await store.getStream('mt_tombstone')).toBeNull();
      await expect(store.getEvent(tombstones[0])).rejects.toThrow(/no event at position/);
      expect(await store.countEvents({ kind: 'all' })).toBe(5);
      expect((await store.histogram({}, 5)).types).not.toContain('tombstone');
    });

    it('keeps versions contiguous across holes and tombstones; positions show the gap', async () => {
      const cart = await store.readStream('cart-1');
      expect(cart.items.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(cart.items[2].position).toBeGreaterThan(hole);
      expect(cart.items[2].position - cart.items[1].position).toBeGreaterThan(3);
      expect(await store.getStream('cart-1')).toMatchObject({ version: 3, eventCount: 3, firstPosition: cart.items[0].position, lastPosition: cart.items[2].position });
      await expect(store.getEvent(hole)).rejects.toThrow(/no event/);
    });

    it("folds Marten's metadata columns and headers into one object, the columns winning", async () => {
      const [first, second] = (await store.readStream('cart-1')).items;
      expect(first.metadata).toEqual({ actor: 'alice', trace: 't-1', n: 12345678901234567000 });
      expect(first.numbersAsWritten?.metadata).toEqual({ '/n': '12345678901234567890' });
      expect(second.metadata).toEqual({ headers: [1, 2], actor: 'bob', causationId: 'cause-"1"' });
      const [raw] = await collect(store.iterateRaw({ kind: 'stream', streamId: 'cart-1', toVersion: 1 }));
      expect(raw.metadataText.match(/"actor"/g)).toHaveLength(1);
      expect((await store.readAll({ actor: 'alice' })).items).toHaveLength(1);
      expect((await store.readAll({ causationId: 'cause-"1"' })).items.map((e) => e.version)).toEqual([2]);
    });

    it('marks archived streams and keeps them visible', async () => {
      expect(await store.getStream('account-1')).toMatchObject({ archived: true, eventCount: 1 });
      expect((await store.getStream('cart-1'))?.archived).toBeUndefined();
      expect((await store.readStream('account-1')).items).toHaveLength(1);
    });

    it('returns numbers exactly as stored in jsonb', async () => {
      const [event] = (await store.readStream('big-1')).items;
      expect(event.numbersAsWritten?.data).toMatchObject({ '/big': '12345678901234567890', '/exact': '0.1000000000000000055511151231257827', '/scale': '1.10' });
      const [raw] = await collect(store.iterateRaw({ kind: 'stream', streamId: 'big-1' }));
      expect(raw.dataText).toContain('12345678901234567890');
      expect(raw.hash).toBeNull();
    });

    it('draws a histogram and exports raw events of the filtered log', async () => {
      const histogram = await store.histogram({ types: ['ItemAdded'] }, 4);
      expect(histogram.total).toBe(3);
      expect(histogram.types).toEqual(['ItemAdded']);
      expect(histogram.buckets.reduce((sum, b) => sum + b.counts[0], 0)).toBe(3);
      const raw = await collect(store.iterateRaw({ kind: 'all', actor: 'bob' }));
      expect(raw.map((r) => JSON.parse(r.metadataText))).toEqual([{ headers: [1, 2], actor: 'bob', causationId: 'cause-"1"' }]);
      expect(await store.versionAtTime('cart-1', Date.parse('2999-01-01'))).toBe(3);
      expect(await store.versionAtTime('cart-1', 0)).toBe(0);
      await expect(store.versionAtTime('nope', 0)).rejects.toThrow(/no stream/);
      await store.close();
    });
  });

  it('reads Guid stream identity: uuid ids, a hidden tombstone stream, a non-uuid id is simply absent', async () => {
    const url = await pgx.database('marten_guid');
    const options = { identity: 'guid' as const };
    const [a, b] = ['0f8fad5b-d9cb-469f-a165-70867728950e', '7c9e6679-7425-40de-944b-e07fc1f90ae7'];
    await writeMartenStreams(url, options, [
      { streamId: a, batches: [[ev('Opened', { n: 1 }, 'ada')], [ev('Closed', { n: 2 })]] },
      { streamId: b, batches: [[ev('Opened', { n: 3 })]] },
    ]);
    await writeMartenTombstones(url, options, a, 1);
    const log: { sql: string; params: unknown[] }[] = [];
    const store = await openMarten(await readOnlyRoleUrl(url, 'public'), 'public', recordingInto(log));
    try {
      expect((await store.listStreams({ sort: 'count' })).items.map((s) => [s.streamId, s.eventCount])).toEqual([
        [a, 2],
        [b, 1],
      ]);
      expect((await store.readStream(a)).items.map((e) => [e.streamId, e.version, e.type])).toEqual([
        [a, 1, 'Opened'],
        [a, 2, 'Closed'],
      ]);
      expect(await store.getStream('cart-1')).toBeNull();
      await expect(store.readStream('not-a-uuid')).rejects.toThrow(/no stream/);
      expect((await store.stats()).streams).toBe(2);
      expect(store.info.layout?.notes.join(' ')).toMatch(/Guid/);
      expect((await collect(store.replayChunks(a, 1, 2))).map((e) => e.actor)).toEqual(['ada', null]);
      // The uuid column is compared as uuid, so the (stream_id, version) index serves a stream read.
      log.length = 0;
      await store.readStream(b);
      expect(await usesIndex(url, log[0].sql, log[0].params)).toBe(true);
    } finally {
      await store.close();
    }
  });

  for (const identity of ['string', 'guid'] as const) {
    it(`shows streams of several tenants as 'tenant/id' and reads each tenant's own events (${identity} identity)`, async () => {
      const url = await pgx.database(`marten_tenants_${identity}`);
      const options = { conjoined: true, identity };
      const id = identity === 'guid' ? '0f8fad5b-d9cb-469f-a165-70867728950e' : 'cart-1';
      await writeMartenStreams(url, options, [
        { streamId: id, tenantId: 'tenant-a', batches: [[ev('ItemAdded', { sku: 'A' })]] },
        { streamId: id, tenantId: 'tenant-b', batches: [[ev('ItemAdded', { sku: 'B' })], [ev('ItemRemoved', { sku: 'B' })]] },
      ]);
      await writeMartenTombstones(url, options, id, 1, 'tenant-b');
      const log: { sql: string; params: unknown[] }[] = [];
      const store = await openMarten(await readOnlyRoleUrl(url, 'public'), 'public', recordingInto(log));
      try {
        expect((await store.listStreams({ sort: 'id' })).items.map((s) => [s.streamId, s.version, s.category])).toEqual([
          [`tenant-a/${id}`, 1, 'tenant'],
          [`tenant-b/${id}`, 2, 'tenant'],
        ]);
        const b = await store.readStream(`tenant-b/${id}`);
        expect(b.items.map((e) => e.data)).toEqual([{ sku: 'B' }, { sku: 'B' }]);
        expect(b.items[0].metadata).toEqual({ tenantId: 'tenant-b' });
        expect(await store.getStream(id)).toBeNull();
        expect(await store.getStream(`tenant-c/${id}`)).toBeNull();
        expect(await store.countEvents({ kind: 'stream', streamId: `tenant-a/${id}` })).toBe(1);
        expect((await store.readAll({ streamPrefix: 'tenant-b/' })).items).toHaveLength(2);
        expect((await store.stats()).streams).toBe(2);
        expect(store.info.layout?.notes.join(' ')).toMatch(/tenant\/id/);
        expect(store.info.layout?.hiddenRows).toEqual([{ what: 'tombstone events', count: 1 }]);
        // 'tenant/id' is split into (tenant_id, stream_id) for the index, not compared as a concatenation.
        log.length = 0;
        await store.readStream(`tenant-a/${id}`);
        expect(await usesIndex(url, log[0].sql, log[0].params)).toBe(true);
      } finally {
        await store.close();
      }
    });
  }

  it('cancels the backend query when a long iteration is aborted', async () => {
    const url = await pgx.database('marten_cancel');
    await generateMartenBulk(url, { events: 20_000, streams: 10 });
    const auditorUrl = await readOnlyRoleUrl(url, 'public');
    const store = await openMarten(auditorUrl);
    // The writer holds a lock the reader's SELECT must wait for: the read is then running at the
    // server, and only a backend cancel (not dropping the promise) frees that backend.
    const locker = new pg.Client({ connectionString: url });
    const watcher = new pg.Client({ connectionString: url });
    await Promise.all([locker.connect(), watcher.connect()]);
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE mt_events IN ACCESS EXCLUSIVE MODE');
      const controller = new AbortController();
      const reading = collect(store.iterateAll({}, { signal: controller.signal }));
      const role = new URL(auditorUrl).username;
      const waiting = async () =>
        (await watcher.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND state = 'active' AND wait_event_type = 'Lock'`, [role])).rows[0].n;
      for (let i = 0; i < 100 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await waiting()).toBe(1);
      controller.abort();
      await expect(reading).rejects.toThrow(/cancelled/);
      for (let i = 0; i < 100 && (await waiting()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await waiting()).toBe(0);
      await locker.query('COMMIT');
      expect(await store.countEvents({ kind: 'all' })).toBe(20_000);
    } finally {
      await locker.end();
      await watcher.end();
      await store.close();
    }
  });

  it('refuses a table that is not Marten, naming the missing column', async () => {
    const url = await pgx.database('marten_not');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('CREATE TABLE mt_events (seq_id bigint, data jsonb); CREATE TABLE mt_streams (id text)');
    await admin.end();
    await expect(openMarten(url)).rejects.toMatchObject({ code: 'NOT_AN_EVENT_STORE', message: expect.stringMatching(/public\.mt_events has no column 'id'/) });
  });

  it('pages a read order other than position order (a layout globalOrder) without skipping or repeating', async () => {
    const url = await pgx.database('marten_order');
    // Writer clocks out of position order: positions 1..4 at times 3, 1, 4, 2.
    const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n));
    await createMartenSchema(url, {});
    await appendMarten(url, {}, [3, 1, 4, 2].map((n) => ({ streamId: `s-${n}`, events: [ev('E', { n })], timestamp: at(n) })));
    const session = await connectTest(url);
    const layout = { ...(await martenLayout(session, 'public')), globalOrder: ['e.timestamp', 'e.seq_id'] };
    const store = createPgReader(session, layout, { path: url, format: 'marten', adapter: 'Marten', readonly: true, sizeBytes: 0, hasIntegrityChain: false });
    try {
      const order = (await collect(store.iterateAll())).map((e) => (e.data as { n: number }).n);
      expect(order).toEqual([1, 2, 3, 4]);
      const paged: number[] = [];
      let next: number | null = null;
      do {
        const page: Awaited<ReturnType<typeof store.readAll>> = await store.readAll({ limit: 1, ...(next === null ? {} : { fromPosition: next }) });
        paged.push(...page.items.map((e) => (e.data as { n: number }).n));
        next = page.next;
      } while (next !== null);
      expect(paged).toEqual([1, 2, 3, 4]);
      const from = (await store.readAll({ limit: 2 })).next!;
      expect((await collect(store.iterateAll({ fromPosition: from }))).map((e) => (e.data as { n: number }).n)).toEqual([3, 4]);
      expect(await store.countEvents({ kind: 'all', fromPosition: from })).toBe(2);
    } finally {
      await store.close();
    }
  });
});
