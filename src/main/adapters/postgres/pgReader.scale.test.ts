// Scale: the stream list's first page and a stream read must not aggregate or scan the whole events
// table. Checked on every run by the plans (EXPLAIN) of the SQL the reader actually sends, on a
// bulk store; with LEDGER_PG_SCALE=1 the same on 1,000,000 events, with timings printed.
import { expect, it } from 'vitest';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { collect } from '../../store/asyncReader.ts';
import { describePg } from '../../testing/pgTest.ts';
import { generateMartenBulk } from '../../testing/pgFixtures/marten.ts';
import { recordingSession, seqScans, type PlanNode } from '../../testing/pgFixtures/layoutRows.ts';
import { martenLayout } from './layouts/marten.ts';
import { createPgReader } from './pgReader.ts';
import { connectTest } from './martenTestKit.ts';

const FULL = process.env.LEDGER_PG_SCALE === '1';

describePg('the PostgreSQL reader at scale', (pgx) => {
  it(`lists the first page of streams and reads a stream through indexes (${FULL ? '1,000,000' : '60,000'} events)`, { timeout: 600_000 }, async () => {
    const url = await pgx.database('marten_scale');
    const events = FULL ? 1_000_000 : 60_000;
    const t0 = performance.now();
    await generateMartenBulk(url, { events, streams: FULL ? 10_000 : 600, longStreamEvents: FULL ? 100_000 : 6_000 });
    const generated = performance.now() - t0;
    const session = recordingSession(await connectTest(url));
    const layout = await martenLayout(session, 'public');
    const store = createPgReader(session, layout, { path: url, format: 'marten', adapter: 'Marten', readonly: true, sizeBytes: 0, hasIntegrityChain: false, kind: 'postgres', layout: layout.facts });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const timings: Record<string, number> = { generate: generated };
    const plans: Record<string, string[]> = {};
    /** Runs `op`, then EXPLAIN ANALYZE of each SQL it sent: the time at the server and the relations it scanned whole. */
    const measure = async (name: string, op: () => Promise<unknown>) => {
      session.sent.length = 0;
      const start = performance.now();
      await op();
      timings[name] = performance.now() - start;
      plans[name] = [];
      for (const { sql, params } of session.sent) {
        const explained = await admin.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
        const plan = explained.rows[0]['QUERY PLAN'][0] as { Plan: PlanNode; 'Execution Time': number };
        timings[`${name} (server)`] = (timings[`${name} (server)`] ?? 0) + plan['Execution Time'];
        plans[name].push(...seqScans(plan.Plan));
      }
    };
    try {
      for (const sort of ['lastActivity', 'count', 'id'] as const) await measure(`listStreams ${sort}`, () => store.listStreams({ sort, limit: 100 }));
      await measure('getStream long-1', () => store.getStream('long-1'));
      await measure('readStream long-1 (1000, backward)', () => store.readStream('long-1', { direction: 'backward' }));
      await measure('versionAtTime long-1', () => store.versionAtTime('long-1', Date.UTC(2026, 0, 1) + events / 2));
      await measure('readAll first page', () => store.readAll({ limit: 1000 }));
      await measure('replay long-1 (all)', () => collect(store.replayChunks('long-1', 1, Number.MAX_SAFE_INTEGER)));
      // The floor the bench compares replay against: SELECT data … ORDER BY version, JSON.parse (pg's jsonb parser), same chunks.
      let floorRows = 0;
      for (const run of [1, 2]) {
        const floorStart = performance.now();
        const cursor = admin.query(new Cursor(`SELECT data FROM mt_events WHERE stream_id = 'long-1' ORDER BY version`));
        floorRows = 0;
        for (let rows = await cursor.read(2000); rows.length > 0; rows = await cursor.read(2000)) floorRows += rows.length;
        await cursor.close();
        timings[`floor: SELECT data ORDER BY version + JSON.parse, run ${run}`] = performance.now() - floorStart;
      }
      expect(floorRows).toBe(FULL ? 100_000 : 6_000);
      await measure('replay long-1 (all), again', () => collect(store.replayChunks('long-1', 1, Number.MAX_SAFE_INTEGER)));
      let exported = 0;
      await measure('iterateRaw all (export path)', async () => {
        for await (const chunk of store.iterateRaw({ kind: 'all' })) exported += chunk.length;
      });
      expect(exported).toBe(events);
      timings['iterateRaw all: events/s'] = exported / (timings['iterateRaw all (export path)'] / 1000);
      await measure('changeToken', () => store.changeToken());
      await measure('stats', () => store.stats());
      await measure('countEvents all', () => store.countEvents({ kind: 'all' }));
      // Index-served reads: no whole-table scan of mt_events (mt_streams is the small side).
      for (const name of Object.keys(plans).filter((n) => /listStreams|getStream|readStream|versionAtTime|readAll|replay|changeToken/.test(n))) {
        expect({ name, scans: plans[name].filter((r) => r === 'mt_events') }).toEqual({ name, scans: [] });
      }
      // Said before running: an actor filter reads the whole table (no index on user_name), one stream's range does not.
      const actorScan = await store.estimate({ actor: 'user:7' });
      expect(actorScan.wholeTableScans).toEqual([{ relation: 'public.mt_events', rows: events }]);
      expect(actorScan.matchingRows).toBeGreaterThan(0);
      expect(actorScan.matchingRows).toBeLessThan(events / 10);
      expect((await store.estimate({ fromPosition: events - 100 })).wholeTableScans).toEqual([]);
      expect((await store.getStream('long-1'))?.eventCount).toBe(FULL ? 100_000 : 6_000);
      console.log(`PostgreSQL reader over ${events} Marten events (ms):\n${Object.entries(timings).map(([k, v]) => `  ${k}: ${v.toFixed(1)}`).join('\n')}`);
    } finally {
      await admin.end();
      await store.close();
    }
  });
});
