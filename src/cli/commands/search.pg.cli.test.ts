// ledger search on a postgres:// URL: the same events in a Marten database and in our own store
// give the same matches (positions aside: each store numbers its own log), facets included.
import { beforeAll, expect, it } from 'vitest';
import { CONTRACT_DATA } from '../../main/adapters/readerContract.ts';
import { writeMartenStreams } from '../../main/testing/pgFixtures/marten.ts';
import { createReadonlyRole } from '../../main/testing/pgRoles.ts';
import { describePg } from '../../main/testing/pgTest.ts';
import { tempDir, tempStore } from '../../main/testing/tempFiles.ts';
import { cli } from '../testing.ts';

describePg('ledger search on a PostgreSQL URL', (ctx) => {
  const dir = tempDir('ledger-search-pg');
  let url = '';
  let file = '';
  beforeAll(async () => {
    const admin = await ctx.database('search_marten');
    await writeMartenStreams(admin, {}, CONTRACT_DATA);
    url = await createReadonlyRole(admin, { schemas: ['public'] });
    const store = tempStore(dir);
    for (const { streamId, batches } of CONTRACT_DATA) for (const batch of batches) store.append(streamId, batch);
    file = store.info.path;
  });

  const matches = async (where: string, q: string) => {
    const run = await cli('search', where, q, '--json', '--facets', '--limit', '1000');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    return { total: result.total, events: result.items.map((e: { streamId: string; version: number; type: string }) => `${e.streamId}@${e.version} ${e.type}`).sort(), types: result.facets.types };
  };

  it('free text, a type and a JSON path answer the same on both stores', async () => {
    const first = CONTRACT_DATA[0];
    const firstType = first.batches[0][0].type;
    for (const q of [first.streamId, `type:${firstType}`, `stream:${first.streamId} OR type:${firstType}`, 'has:data.sku', 'data.unitPrice>50 -name:zzz', 'apple']) {
      const [pg, own] = await Promise.all([matches(url, q), matches(file, q)]);
      expect(own.total).toBeGreaterThan(0);
      expect(pg).toEqual(own);
    }
  });
});
