import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../errors.ts';
import { fileFingerprint, tempDir } from '../testing/tempFiles.ts';
import { inspectSqliteFile } from './fileChecks.ts';
import { openStore } from './openStore.ts';
import { SCHEMA_VERSION } from './schema.ts';

function openError(file: string, options = {}): LedgerError {
  try {
    openStore(file, options).close();
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError);
    return error as LedgerError;
  }
  throw new Error(`expected ${file} to fail to open`);
}

describe('openStore', () => {
  const dir = tempDir();
  const good = path.join(dir, 'good.db');
  const store = openStore(good, { readonly: false, create: true });
  for (let i = 0; i < 200; i++) store.append(`cart-${i}`, [{ type: 'ItemAdded', data: { sku: 'A', text: 'x'.repeat(500) } }]);
  store.close();

  it('gives FILE_NOT_FOUND for a missing file and does not create it', () => {
    const missing = path.join(dir, 'missing.db');
    expect(openError(missing)).toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('gives EMPTY_FILE for a 0-byte file', () => {
    const empty = path.join(dir, 'empty.db');
    fs.writeFileSync(empty, '');
    expect(openError(empty)).toMatchObject({ code: 'EMPTY_FILE', message: expect.stringMatching(/empty \(0 bytes\)/) });
  });

  it('gives NOT_SQLITE for a file that is not SQLite', () => {
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'These are my audit notes, definitely not a database.\n'.repeat(10));
    const error = openError(text);
    expect(error.code).toBe('NOT_SQLITE');
    expect(error.message).toMatch(/is not an SQLite database/);
  });

  it('gives CORRUPT for a truncated store, naming the missing bytes', () => {
    const truncated = path.join(dir, 'truncated.db');
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = openError(truncated);
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toMatch(/truncated: the database declares \d+ bytes but the file has \d+/);
    fs.writeFileSync(truncated, bytes.subarray(0, 60));
    expect(openError(truncated)).toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/shorter than an SQLite header/) });
  });

  it('a store caught mid-checkpoint (short main file, its -wal beside it) is not called truncated', () => {
    // A checkpoint writes page 1, with the new page count, before the pages after it; the -wal
    // still holds them all. Seen in CI right after Emmett closed its connection.
    const midway = path.join(dir, 'midway.db');
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(midway, bytes.subarray(0, 4096));
    expect(openError(midway).message).toMatch(/truncated/);
    fs.writeFileSync(`${midway}-wal`, Buffer.alloc(32));
    expect(() => inspectSqliteFile(midway)).not.toThrow();
  });

  it('gives CORRUPT when pages are damaged', () => {
    const damaged = path.join(dir, 'damaged.db');
    const bytes = Buffer.from(fs.readFileSync(good));
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0xa5, pageSize, pageSize * 3); // overwrite the schema's first pages with garbage
    fs.writeFileSync(damaged, bytes);
    expect(openError(damaged).code).toBe('CORRUPT');
  });

  it('gives NOT_AN_EVENT_STORE for an SQLite file with an unrelated schema, listing its tables', () => {
    const foreign = path.join(dir, 'foreign.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE orders (id INTEGER)');
    db.close();
    const error = openError(foreign);
    expect(error.code).toBe('NOT_AN_EVENT_STORE');
    expect(error.message).toMatch(/tables customers, orders/);
  });

  it('gives UNSUPPORTED_VERSION for a store written by a newer schema', () => {
    const newer = path.join(dir, 'newer.db');
    fs.copyFileSync(good, newer);
    const db = new Database(newer);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(openError(newer)).toMatchObject({ code: 'UNSUPPORTED_VERSION' });
    expect(openError(newer, { readonly: false })).toMatchObject({ code: 'UNSUPPORTED_VERSION' });
  });

  it('opens read-only by default, refuses writes, and leaves the bytes untouched', () => {
    const before = fileFingerprint(good);
    const readonly = openStore(good);
    expect(readonly.info).toMatchObject({ readonly: true, format: 'ledger', hasIntegrityChain: true });
    expect(() => readonly.append('cart-new', [{ type: 'x' }])).toThrow(expect.objectContaining({ code: 'READ_ONLY' }));
    readonly.listStreams();
    readonly.stats();
    [...readonly.iterateAll()];
    readonly.close();
    expect(fileFingerprint(good)).toEqual(before);
  });
});
