import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/tempFiles.ts';
import { writeFileAtomic } from './privateFile.ts';

describe('writeFileAtomic', () => {
  const dir = tempDir('private-file');

  it('writes owner-only, whole, and leaves no temporary file', () => {
    const target = path.join(dir, 'key.pem');
    writeFileAtomic(target, 'secret\n');
    expect(fs.readFileSync(target, 'utf8')).toBe('secret\n');
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['key.pem']);
  });

  it('says it cannot write when the folder is a file, not an unexpected error from its cleanup', () => {
    const notAFolder = path.join(dir, 'plain.txt');
    fs.writeFileSync(notAFolder, 'x');
    const target = path.join(notAFolder, 'identity.json');
    expect(() => writeFileAtomic(target, '{}')).toThrow(expect.objectContaining({ code: 'IO_ERROR', message: expect.stringContaining(target), details: { path: target } }));
    expect(fs.readFileSync(notAFolder, 'utf8')).toBe('x');
  });
});
