import { expect, it } from 'vitest';
import { CONTRACT_DATA } from '../../adapters/readerContract.ts';
import { describePg } from '../pgTest.ts';
import { withClient } from './emmettPostgres.ts';
import { writeMappedTable } from './mappedTable.ts';

describePg('mapped table fixture', (ctx) => {
  it('writes audit.events_log with its own column names, one transaction per batch', async () => {
    const url = await ctx.database('mapped_fixture');
    await writeMappedTable(url, CONTRACT_DATA, { seqBase: 0 });
    const rows = await withClient(url, async (c) =>
      (await c.query(`SELECT id::int, aggregate_id, seq, event_type, payload, meta, created_at, event_uuid FROM audit.events_log ORDER BY id`)).rows,
    );
    const expected = CONTRACT_DATA.flatMap((s) => s.batches.flat().map((e, i) => [s.streamId, i, e.type, e.data, e.metadata ?? null]));
    expect(rows.map((r) => [r.aggregate_id, r.seq, r.event_type, r.payload, r.meta])).toEqual(expected);
    expect(rows.map((r) => r.id)).toEqual(expected.map((_, i) => i + 1));
    // Events of one batch share their transaction's now(); the next batch is later.
    expect(rows[0].created_at.getTime()).toBe(rows[1].created_at.getTime());
    expect(rows[2].created_at.getTime()).toBeGreaterThan(rows[1].created_at.getTime());
    expect(new Set(rows.map((r) => r.event_uuid)).size).toBe(rows.length);
  });
});
