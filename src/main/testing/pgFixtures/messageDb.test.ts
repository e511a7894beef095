// The Message DB fixture installs Message DB with its own script and writes with write_message.
import { expect, it } from 'vitest';
import { CONTRACT_DATA } from '../../adapters/readerContract.ts';
import { describePg } from '../pgTest.ts';
import { withClient } from './emmettPostgres.ts';
import { writeMessageDb, writeMessageDbMessages } from './messageDb.ts';

describePg('Message DB fixture', (ctx) => {
  it("installs Message DB's schema and writes every message through write_message, positions from 0", async () => {
    const url = await ctx.database('mdb_fixture');
    await writeMessageDb(url, CONTRACT_DATA);
    const { rows, version } = await withClient(url, async (c) => ({
      rows: (await c.query(`SELECT stream_name, position::int AS p, type, data, metadata, message_store.category(stream_name) AS category FROM message_store.messages ORDER BY global_position`)).rows,
      version: (await c.query('SELECT message_store.message_store_version() AS v')).rows[0].v,
    }));
    expect(version).toBe('1.3.0');
    const expected = CONTRACT_DATA.flatMap((s) => s.batches.flat().map((e, i) => ({ stream: s.streamId, p: i, ...e })));
    expect(rows.map((r) => [r.stream_name, r.p, r.type, r.data])).toEqual(expected.map((e) => [e.stream, e.p, e.type, e.data]));
    expect(rows[0].metadata).toEqual({ actor: 'alice', correlationStreamName: 'corr-1' });
    expect(rows.find((r) => r.stream_name === 'order-ünï-1').category).toBe('order');
  });

  it("rejects a write at the wrong expected version (Message DB's own check)", async () => {
    const url = await ctx.database('mdb_fixture_version');
    await writeMessageDb(url, CONTRACT_DATA.slice(0, 1));
    await expect(writeMessageDbMessages(url, [{ streamName: 'cart-1', type: 'X', data: {}, expectedVersion: 1 }])).rejects.toThrow(/Wrong expected version: 1/);
  });
});
