// Needs readTableRow on the SQLite store's reader (branch i12-adapters): on this branch alone every
// drift command here fails with UNSUPPORTED; with i12-adapters merged in, all pass.
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store/openStore.ts';
import { fileFingerprint, tempDir } from '../../main/testing/tempFiles.ts';
import { cli, spawnCli } from '../testing.ts';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const MIN = 60_000;

describe('ledger drift, against a read model table in the store file', () => {
  const dir = tempDir('cli-drift');
  const file = path.join(dir, 'store.db');

  beforeAll(() => {
    const store = openStore(file, { readonly: false, create: true });
    store.append('cart-1', [
      { type: 'CartOpened', data: { customerId: 'c-42' }, metadata: { actor: 'alice' }, recordedAt: T0 },
      { type: 'ItemAdded', data: { sku: 'A', name: 'Apple', unitPrice: 100, quantity: 1 }, metadata: { actor: 'alice' }, recordedAt: T0 + 1 * MIN },
      { type: 'ItemQuantityChanged', data: { sku: 'A', quantity: 4 }, metadata: { actor: 'bob' }, recordedAt: T0 + 2 * MIN },
    ]);
    store.close();
    // Our store file is ordinary SQLite: the application keeps its read model beside the events.
    const db = new Database(file);
    db.exec(`CREATE TABLE carts (cart_id TEXT PRIMARY KEY, doc TEXT NOT NULL, total INTEGER, status TEXT)`);
    const state = { status: 'open', customerId: 'c-42', items: [{ sku: 'A', name: 'Apple', unitPrice: 100, quantity: 4 }], itemCount: 4, total: 400, checkedOutAt: null, paymentId: null };
    // The quantity change never reached the read model.
    const stale = { ...state, items: [{ ...state.items[0], quantity: 1 }], itemCount: 1, total: 100 };
    db.prepare(`INSERT INTO carts VALUES (?, ?, ?, ?)`).run('cart-1', JSON.stringify(stale), 100, 'open');
    db.prepare(`INSERT INTO carts VALUES (?, ?, ?, ?)`).run('good-1', JSON.stringify(state), 400, 'open');
    db.close();
  });

  it('lists each differing field with the event that should have set it, and exits 1', async () => {
    const before = fileFingerprint(file);
    const result = await cli('drift', file, 'cart-1', '--read-model', 'carts', '--key-column', 'cart_id', '--column', 'doc');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe("cart-1 at version 3 (projection shopping-cart) against carts row cart_id = 'cart-1', column doc");
    expect(lines[1]).toBe('Drift: 3 field(s) differ.');
    expect(lines.slice(2, 4)).toEqual(['different              $.items[sku="A"].quantity  replayed 4, read model 1', '    should have been set by v3 ItemQuantityChanged by bob at 2026-03-01 10:02:00Z (position 3)']);
    expect(result.stdout).toMatch(/^different {14}\$\.total {2}replayed 400, read model 100$/m);
    expect(fileFingerprint(file)).toEqual(before);
  });

  it('--json, several columns, --key, --at; no drift exits 0', async () => {
    const json = JSON.parse((await cli('drift', file, 'cart-1', '--read-model', 'carts', '--key-column', 'cart_id', '--column', 'total', '--column', 'status', '--json')).stdout);
    expect(json).toMatchObject({ streamId: 'cart-1', version: 3, table: 'carts', keyColumn: 'cart_id', key: 'cart-1', columns: ['total', 'status'], rowFound: true, totalFields: 1 });
    expect(json.fields).toEqual([{ path: '$.total', segments: ['total'], kind: 'different', replayed: 400, stored: 100, event: expect.objectContaining({ version: 3, type: 'ItemQuantityChanged', actor: 'bob' }) }]);
    // At version 2 the stale row was right.
    const then = await cli('drift', file, 'cart-1', '--read-model', 'carts', '--key-column', 'cart_id', '--column', 'doc', '--at', '2');
    expect(then).toMatchObject({ code: 0, stdout: expect.stringContaining('No drift: the read model matches the replayed state.') });
    const good = spawnCli('drift', file, 'cart-1', '--read-model', 'carts', '--key-column', 'cart_id', '--key', 'good-1', '--column', 'doc');
    expect(good.code).toBe(0);
  });

  it('a missing row exits 1 and says every field is missing', async () => {
    const result = await cli('drift', file, 'cart-1', '--read-model', 'carts', '--key-column', 'cart_id', '--key', 'nope', '--column', 'doc');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^No row of carts has cart_id = 'nope': all 10 replayed field\(s\) are missing\.$/m);
    expect(result.stdout).toMatch(/^missing-in-read-model {2}\$\.items\[sku="A"\]\.quantity {2}replayed 4\n {4}should have been set by v3 ItemQuantityChanged/m);
  });

  it('usage errors exit 2; unknown tables or columns are refused', async () => {
    expect(await cli('drift', file, 'cart-1', '--key-column', 'cart_id', '--column', 'doc')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--read-model TABLE/) });
    expect(await cli('drift', file, 'cart-1', '--read-model', 'carts', '--column', 'doc')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--key-column C/) });
    expect(await cli('drift', file, 'cart-1', '--read-model', 'carts', '--key-column', 'cart_id')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--column COL/) });
    expect((await cli('drift', file, 'cart-1', '--read-model', 'nope', '--key-column', 'cart_id', '--column', 'doc')).code).toBe(2);
    expect((await cli('drift', file, 'cart-1', '--read-model', 'carts', '--key-column', 'cart_id', '--column', 'nope')).code).toBe(2);
  });
});
