import { expect, it } from 'vitest';
import pg from 'pg';
import { withClient } from './pgServer.ts';
import { describePg } from './pgTest.ts';
import { createReadonlyRole } from './pgRoles.ts';

describePg('createReadonlyRole', (ctx) => {
  const as = withClient;
  async function sqlState(url: string, sql: string): Promise<string> {
    return as(url, async (c) => {
      try {
        await c.query(sql);
      } catch (error) {
        return (error as { code: string }).code;
      }
      return 'ok';
    });
  }

  it('can read the given schemas and nothing else, and cannot write or create anything', async () => {
    const admin = await ctx.database('roles');
    await as(admin, (c) =>
      c.query(`CREATE SCHEMA audit; CREATE TABLE audit.events (id bigserial PRIMARY KEY, body text);
               INSERT INTO audit.events (body) VALUES ('a'), ('b');
               CREATE SCHEMA other; CREATE TABLE other.secrets (x int); CREATE TABLE public.plain (x int)`),
    );
    const url = await createReadonlyRole(admin, { schemas: ['audit'] });
    expect(new URL(url).username).toMatch(/^ledger_ro_/);
    expect(await as(url, async (c) => (await c.query('SELECT body FROM audit.events ORDER BY id')).rows)).toEqual([{ body: 'a' }, { body: 'b' }]);
    const denied = '42501';
    expect(await sqlState(url, `INSERT INTO audit.events (body) VALUES ('c')`)).toBe(denied);
    expect(await sqlState(url, `UPDATE audit.events SET body = 'x'`)).toBe(denied);
    expect(await sqlState(url, `DELETE FROM audit.events`)).toBe(denied);
    expect(await sqlState(url, 'CREATE TABLE audit.mine (x int)')).toBe(denied);
    expect(await sqlState(url, 'CREATE TABLE public.mine (x int)')).toBe(denied);
    expect(await sqlState(url, 'CREATE TABLE mine (x int)')).not.toBe('ok');
    expect(await sqlState(url, 'CREATE TEMP TABLE mine (x int)')).toBe(denied);
    expect(await sqlState(url, 'CREATE SCHEMA mine')).toBe(denied);
    expect(await sqlState(url, 'SELECT * FROM other.secrets')).toBe(denied);
    expect(await sqlState(url, 'SELECT * FROM public.plain')).toBe(denied);
    // Sequences are not granted: reading their value is refused.
    expect(await sqlState(url, 'SELECT last_value FROM audit.events_id_seq')).toBe(denied);
    expect(await sqlState(url, `SELECT nextval('audit.events_id_seq')`)).toBe(denied);
    // Tables created later in the schema are readable too (default privileges).
    await as(admin, (c) => c.query('CREATE TABLE audit.later (x int); INSERT INTO audit.later VALUES (7)'));
    expect(await as(url, async (c) => (await c.query('SELECT x FROM audit.later')).rows)).toEqual([{ x: 7 }]);
  });

  it('the role holds no other privileges on the database', async () => {
    const admin = await ctx.database('roles_priv');
    await as(admin, (c) => c.query('CREATE SCHEMA s; CREATE TABLE s.t (x int)'));
    const url = await createReadonlyRole(admin, { schemas: ['s'] });
    const role = decodeURIComponent(new URL(url).username);
    const facts = await as(admin, async (c) =>
      (
        await c.query(
          `SELECT has_database_privilege($1, current_database(), 'CREATE') AS db_create,
                  has_database_privilege($1, current_database(), 'TEMP') AS db_temp,
                  has_schema_privilege($1, 'public', 'USAGE') AS public_usage,
                  has_schema_privilege($1, 's', 'CREATE') AS s_create,
                  has_table_privilege($1, 's.t', 'INSERT,UPDATE,DELETE,TRUNCATE,REFERENCES,TRIGGER') AS t_write,
                  has_table_privilege($1, 's.t', 'SELECT') AS t_select,
                  (SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls FROM pg_roles WHERE rolname = $1) AS powerful`,
          [role],
        )
      ).rows[0],
    );
    expect(facts).toEqual({ db_create: false, db_temp: false, public_usage: false, s_create: false, t_write: false, t_select: true, powerful: false });
  });
});
