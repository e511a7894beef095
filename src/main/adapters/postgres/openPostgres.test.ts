// openPostgres: the one way a database becomes a store (CLI, start argument, connection form).
import { expect, it } from 'vitest';
import { CONTRACT_DATA } from '../readerContract.ts';
import { writeEmmettPostgres } from '../../testing/pgFixtures/emmettPostgres.ts';
import { writeMartenStreams } from '../../testing/pgFixtures/marten.ts';
import { withClient } from '../../testing/pgServer.ts';
import { createReadonlyRole } from '../../testing/pgRoles.ts';
import { describePg } from '../../testing/pgTest.ts';
import { openStoreTarget } from '../openStoreTarget.ts';
import { parsePgTarget } from './target.ts';
import { openPostgres } from './openPostgres.ts';

// Sessions on the databases this test made only: other test files open stores on the same server
// at the same time, and theirs are not this test's leaks.
const countOurs = (adminUrl: string, databases: string[]) =>
  withClient(adminUrl, async (client) =>
    Number((await client.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'replay-ledger' AND datname = ANY($1)`, [databases.map((url) => decodeURIComponent(new URL(url).pathname.slice(1)))])).rows[0].n),
  );

/**
 * Our sessions left on the server once they had time to end: a backend leaves pg_stat_activity a
 * moment after its client closed (the server ends it asynchronously, as connection.test.ts waits
 * for too), so a count taken at once can see a session that is already on its way out. A session
 * still there after 5 s is a leak.
 */
async function ours(adminUrl: string, databases: string[]): Promise<number> {
  const until = Date.now() + 5000;
  for (;;) {
    const n = await countOurs(adminUrl, databases);
    if (n === 0 || Date.now() > until) return n;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describePg('opening a PostgreSQL store', (ctx) => {
  it('opens Marten and Emmett stores read-only, with the layout and the size of their tables (partitions included)', async () => {
    const marten = await ctx.database('open_marten');
    await writeMartenStreams(marten, {}, CONTRACT_DATA);
    const emmett = await ctx.database('open_emmett');
    await writeEmmettPostgres(emmett, CONTRACT_DATA);
    for (const [url, format, schemas] of [
      [marten, 'marten', ['public']],
      [emmett, 'emmett-postgres', ['public']],
    ] as const) {
      const role = await createReadonlyRole(url, { schemas: [...schemas] });
      const store = await openStoreTarget(role);
      try {
        expect(store.info).toMatchObject({ kind: 'postgres', format, readonly: true, hasIntegrityChain: false, access: 'direct' });
        expect(store.info.path).not.toContain(new URL(role).password);
        expect(store.info.sizeBytes).toBeGreaterThan(8192);
        expect(store.info.adapter).toMatch(/on PostgreSQL \d+.*read-only session as ledger_ro_/);
        expect((await store.stats()).events).toBe(CONTRACT_DATA.reduce((n, s) => n + s.batches.flat().length, 0));
      } finally {
        await store.close();
      }
    }
    expect(await ours(ctx.adminUrl, [marten, emmett])).toBe(0);
  });

  it('refuses a database with no known layout, naming its tables, and leaves nothing connected', async () => {
    const url = await ctx.database('open_other');
    await withClient(url, (client) => client.query('CREATE TABLE orders_log (id bigserial PRIMARY KEY, order_id text, seq int, kind text, payload jsonb, created_at timestamptz)'));
    await expect(openPostgres(parsePgTarget(url)!)).rejects.toMatchObject({ code: 'NOT_AN_EVENT_STORE', message: expect.stringMatching(/orders_log/) });
    expect(await ours(ctx.adminUrl, [url])).toBe(0);
  });

  it('a mapped table needs a URL: --table with a file is refused in words', async () => {
    await expect(openStoreTarget('/tmp/some.db', { table: 'public.events' })).rejects.toThrow(/give a postgres:\/\/ URL/);
  });
});
