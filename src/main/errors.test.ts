import { describe, expect, it } from 'vitest';
import { LedgerError, redactSecrets, toErrorInfo } from './errors.ts';

describe('errors never carry a database password', () => {
  it('redacts the password of a URL anywhere in a message, also one a path join collapsed', () => {
    expect(redactSecrets('No file at /work/postgres:/auditor:s3cr3t@db:5432/shop.')).toBe('No file at /work/postgres:/auditor:***@db:5432/shop.');
    expect(redactSecrets('open postgresql://a:b@h/db and postgres://c:d@h2/db2?password=zz&sslmode=require')).toBe(
      'open postgresql://a:***@h/db and postgres://c:***@h2/db2?password=***&sslmode=require',
    );
    expect(redactSecrets('postgres://user@host/db (no password)')).toBe('postgres://user@host/db (no password)');
  });

  it('redacts messages and details of every error that crosses IPC or reaches the terminal', () => {
    const info = toErrorInfo(new LedgerError('FILE_NOT_FOUND', 'No file at postgres:/u:pw@h/d', { path: 'postgres:/u:pw@h/d', nested: { url: 'postgres://u:pw@h/d' } }));
    expect(JSON.stringify(info)).not.toContain('pw');
    expect(toErrorInfo(new Error('connect postgres://u:hunter2@h/d failed')).message).not.toContain('hunter2');
  });
});
