import { describe, expect, it } from 'vitest';
import { LedgerError } from './errors.ts';
import { fileError } from './fileErrors.ts';

const errno = (code: string) => Object.assign(new Error(`${code}: raw text`), { code });

describe('fileError', () => {
  it('maps each errno to one code and message in people\'s words, never the raw errno text', () => {
    const cases: [string, string, RegExp][] = [
      ['ENOENT', 'FILE_NOT_FOUND', /^No file at \/x\/f\.db\.$/],
      ['ENOTDIR', 'FILE_NOT_FOUND', /^No file at \/x\/f\.db \(a part of the path is not a folder\)\.$/],
      ['ELOOP', 'IO_ERROR', /its symbolic links form a loop/],
      ['EACCES', 'IO_ERROR', /cannot be read: permission denied/],
      ['EPERM', 'IO_ERROR', /cannot be read: permission denied/],
      ['EISDIR', 'INVALID_INPUT', /is a folder, not a file/],
    ];
    for (const [code, expected, message] of cases) {
      const error = fileError(errno(code), '/x/f.db');
      expect(error, code).toMatchObject({ code: expected, message: expect.stringMatching(message), details: { path: '/x/f.db', errno: code } });
      expect(error.message, code).not.toContain('raw text');
    }
    expect(fileError(errno('EIO'), '/x/f.db')).toMatchObject({ code: 'IO_ERROR', message: 'Cannot read /x/f.db: EIO: raw text' });
    const typed = new LedgerError('CORRUPT', 'kept');
    expect(fileError(typed, '/x')).toBe(typed);
  });
});
