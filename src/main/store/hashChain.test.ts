import fc from 'fast-check';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/tempFiles.ts';
import { canonicalJson } from './canonicalJson.ts';
import { GENESIS_HASH, chainEncoding, chainHash, chainHashHex, chainHashOfStoredBytes } from './hashChain.ts';
import { openStore } from './openStore.ts';

describe('hash chain', () => {
  const dir = tempDir();
  const file = path.join(dir, 'chain.db');
  const store = openStore(file, { readonly: false, create: true });
  store.append('cart-1', [
    { eventId: 'e1', type: 'ItemAdded', data: { sku: 'A', quantity: 1 }, metadata: { actor: 'alice' }, recordedAt: 1_700_000_000_000 },
    { eventId: 'e2', type: 'ItemRemoved', data: { sku: 'A' }, metadata: { actor: 'bob' }, recordedAt: 1_700_000_000_500 },
  ]);
  store.append('counter-1', [{ eventId: 'e3', type: 'increment', data: { amount: 5 }, recordedAt: 1_700_000_001_000 }]);
  const head = store.stats().chainHead;
  store.close();

  it('stores hash = sha256(prev_hash ‖ encoding of the fields), starting from 32 zero bytes', () => {
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT * FROM events ORDER BY position').all() as Record<string, any>[];
    let prev = GENESIS_HASH;
    for (const row of rows) {
      expect(Buffer.compare(row.prev_hash, prev)).toBe(0);
      const expected = createHash('sha256')
        .update(prev)
        .update(JSON.stringify([row.position, row.event_id, row.stream_id, row.version, row.type, row.recorded_at]) + '\n' + row.data + '\n' + row.metadata)
        .digest();
      expect(row.hash.toString('hex')).toBe(expected.toString('hex'));
      prev = row.hash;
    }
    expect(prev.toString('hex')).toBe(head);
    db.close();
  });

  it('covers every field: changing any one changes the hash', () => {
    const base = { position: 1, eventId: 'e', streamId: 's', version: 1, type: 't', recordedAtMs: 5, data: '{"a":1}', metadata: '{}' };
    const encodings = new Set([chainEncoding(base)]);
    for (const [key, value] of Object.entries({ position: 2, eventId: 'f', streamId: 'S', version: 2, type: 'T', recordedAtMs: 6, data: '{"a":2}', metadata: '{"x":1}' })) {
      encodings.add(chainEncoding({ ...base, [key]: value }));
    }
    expect(encodings.size).toBe(9);
  });

  it('is unambiguous: moving text between fields changes the encoding', () => {
    const a = chainEncoding({ position: 1, eventId: 'ab', streamId: 'c', version: 1, type: 't', recordedAtMs: 0, data: '{}', metadata: '{}' });
    const b = chainEncoding({ position: 1, eventId: 'a', streamId: 'bc', version: 1, type: 't', recordedAtMs: 0, data: '{}', metadata: '{}' });
    expect(a).not.toBe(b);
  });

  it('stores data and metadata as canonical JSON (sorted keys, no whitespace)', () => {
    const db = new Database(file, { readonly: true });
    const row = db.prepare("SELECT data, metadata FROM events WHERE event_id = 'e1'").get() as { data: string; metadata: string };
    expect(row.data).toBe('{"quantity":1,"sku":"A"}');
    expect(row.data).toBe(canonicalJson({ sku: 'A', quantity: 1 }));
    db.close();
  });

  it('a same-content store built twice has the same chain head', () => {
    const other = openStore(path.join(dir, 'chain2.db'), { readonly: false, create: true });
    other.append('cart-1', [
      { eventId: 'e1', type: 'ItemAdded', data: { quantity: 1, sku: 'A' }, metadata: { actor: 'alice' }, recordedAt: 1_700_000_000_000 },
      { eventId: 'e2', type: 'ItemRemoved', data: { sku: 'A' }, metadata: { actor: 'bob' }, recordedAt: 1_700_000_000_500 },
    ]);
    other.append('counter-1', [{ eventId: 'e3', type: 'increment', data: { amount: 5 }, recordedAt: 1_700_000_001_000 }]);
    expect(other.stats().chainHead).toBe(head);
    other.close();
  });
});

describe('canonicalJson', () => {
  it('sorts keys by code unit, drops undefined members, formats numbers like JSON', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], 'é': -0, A: 1e21, u: undefined })).toBe('{"A":1e+21,"a":[true,null,"x"],"b":1,"é":0}');
    expect(canonicalJson('line\nbreak')).toBe('"line\\nbreak"');
  });

  it('refuses what JSON cannot hold, and absurd nesting', () => {
    expect(() => canonicalJson(Infinity)).toThrow(/non-finite/);
    let deep: unknown = 1;
    for (let i = 0; i < 1500; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(/nested deeper than 1000/);
  });
});

describe('chainHash', () => {
  it('equals sha256(prev ‖ UTF-8 encoding) for small, multi-byte and oversized events', () => {
    const prev = createHash('sha256').update('prev').digest();
    for (const data of ['{}', '{"name":"é😀\\u0000"}', JSON.stringify({ big: 'x'.repeat(100_000) }), JSON.stringify({ big: '€'.repeat(30_000) })]) {
      const fields = { position: 9, eventId: 'id-ü', streamId: 'cart-1', version: 2, type: 'Thing', recordedAtMs: 1_700_000_000_000, data, metadata: '{"actor":"ö"}' };
      const expected = createHash('sha256').update(prev).update(chainEncoding(fields)).digest();
      expect(chainHash(prev, fields).equals(expected)).toBe(true);
      expect(chainHash(GENESIS_HASH, fields).equals(createHash('sha256').update(GENESIS_HASH).update(chainEncoding(fields)).digest())).toBe(true);
      expect(chainHashHex(prev.toString('hex'), fields)).toBe(expected.toString('hex'));
      // A tampered prev_hash blob of another length hashes as the bytes it holds.
      const odd = Buffer.from('0a0b0c', 'hex');
      expect(chainHashHex('0a0b0c', fields)).toBe(createHash('sha256').update(odd).update(chainEncoding(fields)).digest('hex'));
      expect(chainHashHex('', fields)).toBe(createHash('sha256').update(chainEncoding(fields)).digest('hex'));
    }
  });
});

describe('chainHashOfStoredBytes', () => {
  it('equals chainHash for the UTF-8 of any text (stores verify as before), and differs for other bytes', () => {
    const prev = createHash('sha256').update('prev').digest();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), (data, metadata) => {
        const fields = { position: 3, eventId: 'e', streamId: 's', version: 1, type: 'T', recordedAtMs: 5 };
        const text = chainHash(prev, { ...fields, data, metadata }).toString('hex');
        // Lone surrogates have no UTF-8; Buffer.from writes U+FFFD for them, as the writer's encoding does.
        expect(chainHashOfStoredBytes(prev, fields, Buffer.from(data, 'utf8'), Buffer.from(metadata, 'utf8'))).toBe(text);
      }),
      { numRuns: 500 },
    );
    const fields = { position: 3, eventId: 'e', streamId: 's', version: 1, type: 'T', recordedAtMs: 5 };
    const replacement = chainHash(prev, { ...fields, data: '"\uFFFD"', metadata: '{}' }).toString('hex');
    expect(chainHashOfStoredBytes(prev, fields, Buffer.from([0x22, 0xef, 0xbf, 0xbd, 0x22]), Buffer.from('{}'))).toBe(replacement);
    expect(chainHashOfStoredBytes(prev, fields, Buffer.from([0x22, 0xff, 0x22]), Buffer.from('{}'))).not.toBe(replacement);
  });
});

describe('chainEncoding', () => {
  it('has the header JSON.stringify gives the field array, for any field values, damaged ones included', () => {
    const field = fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.constant(-0));
    fc.assert(
      fc.property(field, field, field, field, field, field, (position, eventId, streamId, version, type, recordedAtMs) => {
        const fields = { position, eventId, streamId, version, type, recordedAtMs, data: '{}', metadata: '{}' } as any;
        expect(chainEncoding(fields)).toBe(JSON.stringify([position, eventId, streamId, version, type, recordedAtMs]) + '\n{}\n{}');
      }),
      { numRuns: 3000 },
    );
  });
});
