import { expect, it } from 'vitest';
import pg from 'pg';
import { describePg } from './pgTest.ts';
import { pgDump } from './pgServer.ts';

describePg('the test PostgreSQL server', (ctx) => {
  it('gives each file its own database, and pg_dump sees a change', async () => {
    const url = await ctx.database('harness');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const before = pgDump(url);
      await client.query('CREATE TABLE t (x int); INSERT INTO t VALUES (1)');
      const after = pgDump(url);
      expect(after).not.toBe(before);
      expect(pgDump(url)).toBe(after);
      expect((await client.query('SELECT current_database() AS db')).rows[0].db).toMatch(/^harness_/);
    } finally {
      await client.end();
    }
  });
});
