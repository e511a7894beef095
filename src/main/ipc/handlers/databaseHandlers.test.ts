import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputSchemas, type DatabaseConnection, type OpenedStore, type ParsedInput } from '../../../shared/contract.ts';
import { LedgerError } from '../../errors.ts';
import { createRecentConnections, type SecretBox } from '../../session/recentConnections.ts';
import { tempDir } from '../../testing/tempFiles.ts';
import { createDatabaseHandlers, type DatabaseSession } from './databaseHandlers.ts';

/** Reversible but not clear text: enough to see the handlers never bypass the box. */
const xorBox: SecretBox = {
  available: () => true,
  encrypt: (text) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
};

const PASSWORD = 'hunter2-very-secret';

function fakeSession(fail?: LedgerError) {
  const calls: { method: string; connection: unknown }[] = [];
  const opened = { openId: 7, info: { path: 'postgres://auditor@db/orders' }, stats: {} } as unknown as OpenedStore;
  const session: DatabaseSession = {
    openDatabase: async (connection) => {
      calls.push({ method: 'open', connection });
      if (fail) throw fail;
      return opened;
    },
    testConnection: async (connection) => {
      calls.push({ method: 'test', connection });
      if (fail) throw fail;
      return { ok: true, serverVersion: 'PostgreSQL 15.8', layout: 'Marten in schema public', readOnly: true, events: 3 };
    },
    previewMapping: async (request) => {
      calls.push({ method: 'preview', connection: request });
      return { table: request.table, columns: [{ name: 'id', type: 'bigint' }], missing: [], rows: [] };
    },
  };
  return { session, calls, opened };
}

function setup(secrets: SecretBox | null, fail?: LedgerError) {
  const file = path.join(tempDir('db-handlers'), 'connections.json');
  const recent = createRecentConnections({ file, secrets });
  const fake = fakeSession(fail);
  const handlers = createDatabaseHandlers({ session: fake.session, recent });
  const contents = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
  return { ...fake, recent, handlers, contents };
}

/** Parses like dispatch does, so the tests go through the real input schemas. */
function parse<C extends keyof typeof inputSchemas>(channel: C, input: unknown): ParsedInput<C> {
  return inputSchemas[channel].parse(input) as ParsedInput<C>;
}

const form = { host: 'db.example.com', port: 5432, database: 'orders', user: 'auditor' };

describe('database handlers', () => {
  it('opens, passes the fields on without remember/recentId, and remembers without the password by default', async () => {
    const t = setup(xorBox);
    const result = await t.handlers['store/openDatabase'](parse('store/openDatabase', { ...form, password: PASSWORD, schema: 'audit', sslMode: 'require' }));
    expect(result).toBe(t.opened);
    expect(t.calls).toEqual([{ method: 'open', connection: { ...form, password: PASSWORD, schema: 'audit', sslMode: 'require' } satisfies DatabaseConnection }]);
    const list = await t.handlers['store/recentConnections'](undefined);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ ...form, schema: 'audit', hasSavedPassword: false });
    expect(t.contents()).not.toContain(PASSWORD);
  });

  it('with-password saves it encrypted and a later open by recentId uses it', async () => {
    const t = setup(xorBox);
    await t.handlers['store/openDatabase'](parse('store/openDatabase', { ...form, password: PASSWORD, remember: 'with-password' }));
    expect(t.contents()).not.toContain(PASSWORD);
    const [entry] = await t.handlers['store/recentConnections'](undefined);
    expect(entry!.hasSavedPassword).toBe(true);
    await t.handlers['store/testConnection'](parse('store/testConnection', { ...form, recentId: entry!.id }));
    await t.handlers['store/openDatabase'](parse('store/openDatabase', { ...form, recentId: entry!.id, remember: 'with-password' }));
    expect(t.calls.slice(1).map((c) => (c.connection as DatabaseConnection).password)).toEqual([PASSWORD, PASSWORD]);
    // A password typed now wins over the saved one.
    await t.handlers['store/testConnection'](parse('store/testConnection', { ...form, recentId: entry!.id, password: 'typed' }));
    expect((t.calls.at(-1)!.connection as DatabaseConnection).password).toBe('typed');
    expect(t.recent.password(entry!.id)).toBe(PASSWORD);
    // The saved password never goes to another place, even when the id of a saved entry is sent.
    for (const elsewhere of [{ host: 'attacker.example.net' }, { port: 6543 }, { database: 'other' }, { user: 'postgres' }, { schema: 'x' }]) {
      await t.handlers['store/testConnection'](parse('store/testConnection', { ...form, ...elsewhere, recentId: entry!.id }));
      expect((t.calls.at(-1)!.connection as DatabaseConnection).password).toBeUndefined();
    }
  });

  it('browser mode (no SecretBox): with-password is refused before connecting, with a clear message', async () => {
    const t = setup(null);
    expect(await t.handlers['store/passwordStorage'](undefined)).toMatchObject({ available: false });
    const attempt = t.handlers['store/openDatabase'](parse('store/openDatabase', { ...form, password: PASSWORD, remember: 'with-password' }));
    await expect(attempt).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/browser mode never saves passwords.*Nothing was opened/i) });
    expect(t.calls).toEqual([]);
    expect(t.contents()).toBe('');
    // Without asking to save it, the same connection opens and is remembered without it.
    await t.handlers['store/openDatabase'](parse('store/openDatabase', { ...form, password: PASSWORD }));
    expect(t.calls).toHaveLength(1);
    expect(t.contents()).not.toContain(PASSWORD);
  });

  it('a failed connection is not remembered and its typed error comes through unchanged', async () => {
    const error = new LedgerError('IO_ERROR', 'Password authentication failed for user "auditor".');
    const t = setup(xorBox, error);
    await expect(t.handlers['store/openDatabase'](parse('store/openDatabase', { ...form, password: PASSWORD, remember: 'with-password' }))).rejects.toBe(error);
    await expect(t.handlers['store/testConnection'](parse('store/testConnection', form))).rejects.toBe(error);
    expect(await t.handlers['store/recentConnections'](undefined)).toEqual([]);
  });

  it("remember 'no' opens without recording; forget removes an entry", async () => {
    const t = setup(null);
    await t.handlers['store/openDatabase'](parse('store/openDatabase', { ...form, remember: 'no' }));
    expect(await t.handlers['store/recentConnections'](undefined)).toEqual([]);
    await t.handlers['store/openDatabase'](parse('store/openDatabase', form));
    const [entry] = await t.handlers['store/recentConnections'](undefined);
    expect(await t.handlers['store/forgetConnection']({ id: entry!.id })).toEqual({ forgotten: true });
    expect(await t.handlers['store/forgetConnection']({ id: entry!.id })).toEqual({ forgotten: false });
    expect(await t.handlers['store/recentConnections'](undefined)).toEqual([]);
  });

  it('passes a mapping through to open and preview, and keeps named profiles', async () => {
    const t = setup(null);
    const mapping = { table: 'audit.events', map: { streamId: 'stream', version: 'seq', type: 'kind', data: 'body', time: 'at', position: 'id' } };
    await t.handlers['store/openDatabase'](parse('store/openDatabase', { ...form, mapping }));
    expect((t.calls[0]!.connection as DatabaseConnection).mapping).toEqual(mapping);
    expect((await t.handlers['store/recentConnections'](undefined))[0]!.mapping).toEqual(mapping);
    const preview = await t.handlers['store/previewMapping'](parse('store/previewMapping', { ...form, table: 'audit.events', map: { streamId: 'stream' } }));
    expect(preview.table).toBe('audit.events');
    expect(t.calls[1]!.connection).toEqual({ ...form, table: 'audit.events', map: { streamId: 'stream' } });
    await t.handlers['store/saveMappingProfile'](parse('store/saveMappingProfile', { name: ' Home-grown ', ...mapping }));
    expect((await t.handlers['store/mappingProfiles'](undefined)).map((p) => p.name)).toEqual(['Home-grown']);
    expect(await t.handlers['store/deleteMappingProfile']({ name: 'Home-grown' })).toEqual([]);
  });

  it('the input schemas refuse what the form must not send', () => {
    const bad = [
      { ...form, port: 0 },
      { ...form, port: 70_000 },
      { ...form, host: '   ' },
      { ...form, sslMode: 'allow-everything' },
      { ...form, remember: 'forever' },
      { ...form, extra: true },
      { ...form, mapping: { table: 't', map: { nonsense: 'x' } } },
      { ...form, mapping: { table: '', map: {} } },
    ];
    for (const input of bad) expect(inputSchemas['store/openDatabase'].safeParse(input).success, JSON.stringify(input)).toBe(false);
    expect(inputSchemas['store/testConnection'].safeParse({ ...form, remember: 'no' }).success).toBe(false);
    expect(inputSchemas['store/openDatabase'].safeParse({ ...form, sslMode: 'verify-full', remember: 'with-password', schema: 'public' }).success).toBe(true);
  });
});
