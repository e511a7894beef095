import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/openStore.ts';
import { fileFingerprint, tempDir } from '../testing/tempFiles.ts';
import { writeBytesAtomically } from './pdfFile.ts';

describe('writeBytesAtomically', () => {
  const dir = tempDir('pdf-file');

  it('writes the exact bytes and reports their sha256, leaving no temporary file', () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80, 0x0a]);
    const written = writeBytesAtomically(path.join(dir, 'sub', 'r.pdf'), bytes);
    expect(fs.readFileSync(written.path)).toEqual(Buffer.from(bytes));
    expect(written).toMatchObject({ bytes: 8, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(fs.readdirSync(path.join(dir, 'sub'))).toEqual(['r.pdf']);
  });

  it('never writes over a store this process has open', () => {
    const file = path.join(dir, 'audited.db');
    openStore(file, { readonly: false, create: true }).close();
    const store = openStore(file);
    try {
      const before = fileFingerprint(file);
      expect(() => writeBytesAtomically(file, new Uint8Array([1, 2, 3]))).toThrow(/Refusing to write .* being audited/);
      expect(fileFingerprint(file)).toEqual(before);
      expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    } finally {
      store.close();
    }
  });
});
