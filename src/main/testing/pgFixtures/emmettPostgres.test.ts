// The Emmett PostgreSQL fixture writes through Emmett's own code: these check what landed in its tables.
import { expect, it } from 'vitest';
import { CONTRACT_DATA } from '../../adapters/readerContract.ts';
import { describePg } from '../pgTest.ts';
import { archiveEmmettStream, withClient, writeEmmettCommands, writeEmmettPartition, writeEmmettPostgres } from './emmettPostgres.ts';

describePg('Emmett PostgreSQL fixture', (ctx) => {
  it('appends each batch in one transaction of its own, with the metadata Emmett stores', async () => {
    const url = await ctx.database('emmett_fixture');
    await writeEmmettPostgres(url, CONTRACT_DATA);
    const rows = await withClient(url, async (c) =>
      (
        await c.query(
          `SELECT stream_id, stream_position::int AS v, message_type, message_data, message_metadata, message_kind, transaction_id::text AS tx, partition, is_archived
           FROM emt_messages ORDER BY transaction_id, global_position`,
        )
      ).rows,
    );
    const expected = CONTRACT_DATA.flatMap((s) => s.batches.flatMap((b) => b.map((e) => ({ streamId: s.streamId, ...e }))));
    expect(rows.map((r) => [r.stream_id, r.message_type, r.message_data, r.message_metadata])).toEqual(expected.map((e) => [e.streamId, e.type, e.data, e.metadata ?? {}]));
    expect(new Set(rows.map((r) => r.message_kind))).toEqual(new Set(['E']));
    expect(new Set(rows.map((r) => r.partition))).toEqual(new Set(['emt:default']));
    // One transaction per batch: as many transaction ids as batches.
    expect(new Set(rows.map((r) => r.tx)).size).toBe(CONTRACT_DATA.reduce((n, s) => n + s.batches.length, 0));
    expect(rows.filter((r) => r.stream_id === 'cart-1').map((r) => r.v)).toEqual([1, 2, 3, 4, 5]);
  });

  it('writes commands, archived streams and other partitions the way Emmett keeps them', async () => {
    const url = await ctx.database('emmett_fixture_kinds');
    await writeEmmettPostgres(url, CONTRACT_DATA);
    await writeEmmettCommands(url, 'cart-1', [{ type: 'CheckOut', data: {} }]);
    await archiveEmmettStream(url, 'counter-1');
    await writeEmmettPartition(url, 'tenant-b', [{ streamId: 'cart-1', batches: [[{ type: 'ItemAdded', data: { sku: 'Z' } }]] }]);
    const rows = await withClient(url, async (c) =>
      (await c.query(`SELECT tableoid::regclass::text AS part, stream_id, message_kind, is_archived, partition, stream_position::int AS v FROM emt_messages ORDER BY global_position`)).rows,
    );
    expect(rows.find((r) => r.message_kind === 'C')).toMatchObject({ stream_id: 'cart-1', v: 6, part: 'emt_messages_emt_default_active' });
    expect(rows.filter((r) => r.stream_id === 'counter-1').map((r) => r.part)).toEqual(['emt_messages_emt_default_archived', 'emt_messages_emt_default_archived']);
    expect(rows.filter((r) => r.partition === 'tenant-b')).toEqual([{ part: 'emt_messages_tenant_b_active', stream_id: 'cart-1', message_kind: 'E', is_archived: false, partition: 'tenant-b', v: 1 }]);
    const streams = await withClient(url, async (c) => (await c.query(`SELECT stream_id, partition, is_archived FROM emt_streams ORDER BY stream_id, partition`)).rows);
    expect(streams).toContainEqual({ stream_id: 'counter-1', partition: 'emt:default', is_archived: true });
    expect(streams).toContainEqual({ stream_id: 'cart-1', partition: 'tenant-b', is_archived: false });
  });
});
