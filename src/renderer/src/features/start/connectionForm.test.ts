import { describe, expect, it } from 'vitest';
import type { RecentConnection } from '../../../../shared/contract.ts';
import { inputSchemas } from '../../../../shared/contract.ts';
import { connectionInput, connectionRequest, editConnection, emptyConnection, emptyMapping, fromRecent, mappingFrom } from './connectionForm.ts';

const filled = { ...emptyConnection(), host: ' db.example.com ', database: 'orders', user: 'auditor' };

const recent: RecentConnection = {
  id: 'abc123',
  label: 'auditor@db:5432/orders',
  host: 'db',
  port: 6432,
  database: 'orders',
  user: 'auditor',
  schema: 'audit',
  sslMode: 'require',
  hasSavedPassword: true,
  lastOpenedAt: '2026-01-01T00:00:00.000Z',
};

describe('connection form', () => {
  it('builds a request the main process schema accepts, with the default port', () => {
    const built = connectionInput(filled);
    expect(built).toEqual({ ok: true, input: { host: 'db.example.com', port: 5432, database: 'orders', user: 'auditor' } });
    if (built.ok) expect(inputSchemas['store/openDatabase'].safeParse({ ...built.input, remember: 'no' }).success).toBe(true);
  });

  it('names the field that is wrong', () => {
    const problem = (draft: Partial<typeof filled>) => {
      const built = connectionInput({ ...filled, ...draft });
      return built.ok ? null : built.problem.field;
    };
    expect(problem({ host: '  ' })).toBe('host');
    expect(problem({ port: 'abc' })).toBe('port');
    expect(problem({ port: '70000' })).toBe('port');
    expect(problem({ port: '0' })).toBe('port');
    expect(problem({ database: '' })).toBe('database');
    expect(problem({ user: '' })).toBe('user');
    expect(problem({ port: '' })).toBeNull();
  });

  it('uses a saved password by recentId only while the place is unchanged', () => {
    const draft = fromRecent(recent, 'without-password');
    expect(draft).toMatchObject({ host: 'db', port: '6432', schema: 'audit', sslMode: 'require', remember: 'with-password', recentId: 'abc123' });
    expect(connectionInput(draft)).toMatchObject({ ok: true, input: { recentId: 'abc123' } });
    // A typed password replaces it (and is sent instead of the id).
    const typed = editConnection(draft, 'password', 'pw');
    expect(connectionInput(typed)).toMatchObject({ ok: true, input: { password: 'pw' } });
    expect((connectionInput(typed) as { input: object }).input).not.toHaveProperty('recentId');
    // Another host, port, database, user or schema is another place: no saved password goes there.
    for (const [key, value] of [['host', 'evil'], ['port', '1'], ['database', 'x'], ['user', 'y'], ['schema', 'z']] as const) {
      const moved = editConnection(draft, key, value);
      expect(moved.recentId).toBeNull();
      expect((connectionInput(moved) as { input: object }).input).not.toHaveProperty('recentId');
    }
    // SSL mode is not part of the place.
    expect(editConnection(draft, 'sslMode', 'verify-full').recentId).toBe('abc123');
  });

  it('adds the mapping only when the section is on, without empty columns', () => {
    expect(connectionRequest(filled, { ...emptyMapping(), table: 'ignored' })).toMatchObject({ ok: true, input: { host: 'db.example.com' } });
    expect((connectionRequest(filled, { ...emptyMapping(), table: 'ignored' }) as { input: object }).input).not.toHaveProperty('mapping');
    expect(connectionRequest(filled, { ...emptyMapping(), enabled: true })).toMatchObject({ ok: false, problem: { field: 'table' } });
    const mapping = mappingFrom('audit.events', { streamId: 'stream', version: ' seq ' });
    const built = connectionRequest(filled, mapping);
    expect(built).toMatchObject({ ok: true, input: { mapping: { table: 'audit.events', map: { streamId: 'stream', version: 'seq' } } } });
    if (built.ok) expect(inputSchemas['store/testConnection'].safeParse(built.input).success).toBe(true);
  });
});
