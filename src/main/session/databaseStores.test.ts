// The connection form's services against a real server: test, preview a mapping, open; a failed
// open keeps the current store.
import path from 'node:path';
import { expect, it } from 'vitest';
import { CONTRACT_DATA } from '../adapters/readerContract.ts';
import { writeMappedTable } from '../testing/pgFixtures/mappedTable.ts';
import { writeMartenStreams } from '../testing/pgFixtures/marten.ts';
import { createReadonlyRole } from '../testing/pgRoles.ts';
import { describePg } from '../testing/pgTest.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { createDatabaseStores } from './databaseStores.ts';
import { createSession } from './session.ts';

const fieldsOf = (url: string) => {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port), database: u.pathname.slice(1), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
};

describePg('connection form services', (ctx) => {
  it('tests, previews and opens; a failed open leaves the open store as it was', async () => {
    const marten = await ctx.database('form_marten');
    await writeMartenStreams(marten, {}, CONTRACT_DATA);
    const mapped = await ctx.database('form_mapped');
    await writeMappedTable(mapped, CONTRACT_DATA);
    const [martenRole, mappedRole] = await Promise.all([createReadonlyRole(marten, { schemas: ['public'] }), createReadonlyRole(mapped, { schemas: ['audit'] })]);
    const dir = tempDir('form');
    const session = createSession({ paths: { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') }, tailIntervalMs: 0 });
    const stores = createDatabaseStores(session);
    try {
      expect(await stores.testConnection(fieldsOf(martenRole))).toMatchObject({ ok: true, layout: 'Marten in schema public', readOnly: true, serverVersion: expect.stringMatching(/^PostgreSQL \d+/) });
      expect(session.current()).toBeNull(); // a test opens nothing

      // A mapping in progress: the columns, what is missing, guesses; then the first rows.
      const partial = await stores.previewMapping({ ...fieldsOf(mappedRole), table: 'audit.events_log', map: { streamId: 'aggregate_id' } });
      expect(partial.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['aggregate_id', 'seq', 'event_type', 'payload', 'created_at']));
      expect(partial.missing).toEqual(expect.arrayContaining(['version', 'type', 'data', 'time', 'position']));
      expect(partial.rows).toEqual([]);
      const map = { streamId: 'aggregate_id', version: 'seq', type: 'event_type', data: 'payload', metadata: 'meta', time: 'created_at', position: 'id' } as const;
      const full = await stores.previewMapping({ ...fieldsOf(mappedRole), table: 'audit.events_log', map });
      expect(full.missing).toEqual([]);
      expect(full.rows.slice(0, 2).map((r) => [r.event?.streamId, r.event?.version, r.event?.type])).toEqual([
        ['cart-1', 1, 'ItemAdded'],
        ['cart-1', 2, 'ItemAdded'],
      ]);

      const opened = await stores.openDatabase({ ...fieldsOf(mappedRole), mapping: { table: 'audit.events_log', map } });
      expect(opened.info).toMatchObject({ kind: 'postgres', format: 'postgres-table' });
      expect(opened.stats.events).toBe(CONTRACT_DATA.reduce((n, s) => n + s.batches.flat().length, 0));

      // (The test cluster trusts local logins, so a wrong database stands in for a refused one.)
      await expect(stores.openDatabase({ ...fieldsOf(martenRole), database: 'no_such_db' })).rejects.toThrow(/There is no database 'no_such_db'/);
      expect(session.current()?.openId).toBe(opened.openId);
      expect(session.recent()).toEqual([]); // databases are remembered by the connection list, not as files
    } finally {
      await session.close();
    }
  });
});
