import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../errors.ts';
import { parsePgTarget, pgFieldsFromTarget, pgTargetFromFields, pgUrlFromFields, redact, schemaFromOptions, searchPathOption, splitOptions } from './target.ts';

const noEnv = { PGUSER: 'envuser' };

describe('parsePgTarget', () => {
  it('is null for file paths, so they stay files', () => {
    expect(parsePgTarget('/tmp/store.sqlite', noEnv)).toBeNull();
    expect(parsePgTarget('C:\\data\\events.db', noEnv)).toBeNull();
    expect(parsePgTarget('postgres.sqlite', noEnv)).toBeNull();
    expect(parsePgTarget('mysql://x@y/z', noEnv)).toBeNull();
  });

  it('reads user, password, host, port, database from postgres:// and postgresql://', () => {
    for (const scheme of ['postgres', 'postgresql', 'POSTGRES']) {
      const t = parsePgTarget(`${scheme}://auditor:s%40cret@db.example:6543/shop`, noEnv)!;
      expect(t).toMatchObject({ host: 'db.example', port: 6543, database: 'shop', user: 'auditor', password: 's@cret', sslMode: 'prefer' });
      expect(t.displayUrl).toBe('postgres://auditor@db.example:6543/shop');
    }
  });

  it('never puts the password in displayUrl, even when given as a parameter', () => {
    const t = parsePgTarget('postgres://auditor@db/shop?password=hunter2&sslmode=require', noEnv)!;
    expect(t.password).toBe('hunter2');
    expect(t.displayUrl).not.toContain('hunter2');
    expect(t.displayUrl).toBe('postgres://auditor@db:5432/shop?sslmode=require');
  });

  it('takes sslmode and rejects unknown ones without echoing the password', () => {
    expect(parsePgTarget('postgres://u@h/d?sslmode=verify-full', noEnv)!.sslMode).toBe('verify-full');
    expect(parsePgTarget('postgres://u@h/d?sslmode=disable', noEnv)!.sslMode).toBe('disable');
    const error = catchError(() => parsePgTarget('postgres://u:topsecret@h/d?sslmode=maybe', noEnv));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('maybe');
    expect(error.message).not.toContain('topsecret');
  });

  it('rejects parameters it does not understand, naming them', () => {
    const error = catchError(() => parsePgTarget('postgres://u:pw@h/d?target_session_attrs=any', noEnv));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain("'target_session_attrs'");
    expect(error.message).not.toContain('pw@');
  });

  it('takes the schema from options=-csearch_path%3D…', () => {
    const t = parsePgTarget('postgres://u@h/d?options=-csearch_path%3Daudit,public', noEnv)!;
    expect(t.options).toBe('-csearch_path=audit,public');
    expect(t.schema).toBe('audit');
    expect(t.displayUrl).toBe('postgres://u@h:5432/d?options=-csearch_path%3Daudit%2Cpublic');
    expect(parsePgTarget('postgres://u@h/d?options=-c%20search_path%3D%22My%5C%20Events%22', noEnv)!.schema).toBe('My Events');
    expect(parsePgTarget('postgres://u@h/d?options=--search_path%3DMixed', noEnv)!.schema).toBe('mixed');
    expect(parsePgTarget('postgres://u@h/d', noEnv)!.schema).toBeUndefined();
  });

  it('fills missing parts from libpq environment variables, as node-postgres does', () => {
    const env = { PGHOST: 'envhost', PGPORT: '7777', PGUSER: 'envuser', PGPASSWORD: 'envpw', PGDATABASE: 'envdb', PGSSLMODE: 'require', PGOPTIONS: '-csearch_path=envschema' };
    const t = parsePgTarget('postgres://', env)!;
    expect(t).toMatchObject({ host: 'envhost', port: 7777, user: 'envuser', password: 'envpw', database: 'envdb', sslMode: 'require', options: '-csearch_path=envschema', schema: 'envschema' });
    expect(parsePgTarget('postgres:///only_db', env)!).toMatchObject({ host: 'envhost', database: 'only_db' });
    // The URL wins over the environment.
    const u = parsePgTarget('postgres://me:mine@here:1/db?sslmode=disable&options=-csearch_path%3Dx', env)!;
    expect(u).toMatchObject({ host: 'here', port: 1, user: 'me', password: 'mine', database: 'db', sslMode: 'disable', schema: 'x' });
    // Without PGDATABASE the database is the user's name (node-postgres and libpq agree).
    expect(parsePgTarget('postgres://alice@h', {})!.database).toBe('alice');
  });

  it('rejects bad ports and several hosts', () => {
    expect(catchError(() => parsePgTarget('postgres://u@h:0/d', noEnv)).code).toBe('INVALID_INPUT');
    expect(catchError(() => parsePgTarget('postgres://u@h/d?port=abc', noEnv)).message).toContain('abc');
  });

  it('keeps IPv6 hosts and unix socket hosts', () => {
    expect(parsePgTarget('postgres://u@[::1]:5433/d', noEnv)!).toMatchObject({ host: '::1', port: 5433 });
    expect(parsePgTarget('postgres://u@[::1]:5433/d', noEnv)!.displayUrl).toBe('postgres://u@[::1]:5433/d');
    const socket = parsePgTarget('postgres://u@/d?host=/var/run/postgresql', noEnv)!;
    expect(socket.host).toBe('/var/run/postgresql');
    expect(parsePgTarget(socket.displayUrl, noEnv)!.host).toBe('/var/run/postgresql');
  });

  it('reads connect_timeout in seconds', () => {
    expect(parsePgTarget('postgres://u@h/d?connect_timeout=3', noEnv)!.connectTimeoutMs).toBe(3000);
    expect(parsePgTarget('postgres://u@h/d', noEnv)!.connectTimeoutMs).toBe(10_000);
  });
});

describe('connection form fields', () => {
  const fields = { host: 'db.example', port: 5432, database: 'shop', user: 'auditor', password: 'p@ss:word', schema: 'Audit Trail', sslMode: 'require' as const };

  it('round-trip through a target', () => {
    const t = pgTargetFromFields(fields, {});
    expect(t).toMatchObject({ host: 'db.example', port: 5432, database: 'shop', user: 'auditor', password: 'p@ss:word', schema: 'Audit Trail', sslMode: 'require' });
    expect(pgFieldsFromTarget(t)).toEqual(fields);
  });

  it('make a URL without the password unless asked', () => {
    const url = pgUrlFromFields(fields);
    expect(url).not.toContain('p%40ss');
    expect(parsePgTarget(url, {})!.password).toBeUndefined();
    expect(parsePgTarget(url, {})!.schema).toBe('Audit Trail');
    expect(parsePgTarget(pgUrlFromFields(fields, { withPassword: true }), {})!.password).toBe('p@ss:word');
  });
});

describe('libpq options', () => {
  it('split on unescaped whitespace', () => {
    expect(splitOptions('-c a=1  -cb=two\\ words')).toEqual(['-c', 'a=1', '-cb=two words']);
  });
  it('quote schemas that need it', () => {
    expect(searchPathOption('audit')).toBe('-csearch_path=audit');
    expect(schemaFromOptions(searchPathOption('We "Quote"'))).toBe('We "Quote"');
  });
  it('redact passwords from raw input', () => {
    expect(redact('postgres://u:secret@h/d')).toBe('postgres://u:***@h/d');
    expect(redact('postgres://u@h/d?password=secret&x=1')).toBe('postgres://u@h/d?password=***&x=1');
  });
});

function catchError(run: () => unknown): LedgerError {
  try {
    run();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected a LedgerError');
}
