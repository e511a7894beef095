import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoreAppended } from '../../shared/contract.ts';
import { openStore } from '../store/openStore.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { createSession } from './session.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import type { StoreStats } from '../../shared/types.ts';

const paths = (dir: string) => ({ config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') });

describe('session', () => {
  it('notices appends made by another connection (live tail)', async () => {
    const dir = tempDir('session');
    const file = path.join(dir, 'live.db');
    const writer = openStore(file, { readonly: false, create: true });
    writer.append('cart-1', [{ type: 'ItemAdded', data: { sku: 'A', quantity: 1, unitPrice: 1 } }]);
    const session = createSession({ paths: paths(dir), tailIntervalMs: 50 });
    await session.open(file);
    const seen: StoreAppended[] = [];
    session.onAppended((change) => seen.push(change));
    writer.append('cart-1', [{ type: 'ItemRemoved', data: { sku: 'A' } }, { type: 'ItemAdded', data: { sku: 'B', quantity: 1, unitPrice: 2 } }]);
    const started = Date.now();
    while (seen.length === 0 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ previous: { events: 1, lastPosition: 1 }, stats: { events: 3, lastPosition: 3 } });
    // The open store reads the new events, and replay sees them.
    expect((await session.require().store.readStream('cart-1')).items).toHaveLength(3);
    expect((await session.require().engine.stateAt('cart-1', { version: 3 })).state).toMatchObject({ itemCount: 1, total: 2 });
    session.dispose();
    await session.close();
    writer.close();
  });

  it('follows appends to a WAL-mode file that had to be read from a private snapshot', async () => {
    const dir = tempDir('session');
    const file = path.join(dir, 'wal-at-rest.db');
    const writer = openStore(file, { readonly: false, create: true });
    writer.append('counter-1', [{ type: 'increment', data: { amount: 1 } }]);
    writer.close();
    // Leave the file in WAL mode at rest, as other tools do: viewing it must not create -wal/-shm.
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.close();
    const session = createSession({ paths: paths(dir), tailIntervalMs: 50 });
    const opened = await session.open(file);
    expect(opened.info.access).toBe('snapshot');
    const seen: StoreAppended[] = [];
    session.onAppended((change) => seen.push(change));
    const later = openStore(file, { readonly: false });
    later.append('counter-1', [{ type: 'increment', data: { amount: 2 } }]);
    const started = Date.now();
    while (seen.length === 0 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    expect(seen.at(-1)).toMatchObject({ previous: { events: 1 }, stats: { events: 2 } });
    expect((await session.require().engine.stateAt('counter-1', { version: 2 })).state).toBe(3);
    // Re-reading the snapshot is the same opening to the window (its screens keep their place).
    expect(session.current()?.openId).toBe(opened.openId);
    later.close();
    session.dispose();
    await session.close();
  });

  it('keeps the current store when a new one fails to open, and remembers opened files', async () => {
    const dir = tempDir('session');
    const file = path.join(dir, 'a.db');
    openStore(file, { readonly: false, create: true }).close();
    const session = createSession({ paths: paths(dir), tailIntervalMs: 0 });
    await session.open(file);
    await expect(session.open(path.join(dir, 'missing.db'))).rejects.toThrow(/No file at/);
    expect(session.current()?.info.path).toBe(file);
    expect(session.recent().map((r) => r.path)).toEqual([file]);
    await session.close();
    expect(() => session.require()).toThrow(/No store is open/);
  });

  it('numbers each opening: the same file opened again is a new one, repeated announcements are not', async () => {
    const dir = tempDir('session');
    const file = path.join(dir, 'a.db');
    openStore(file, { readonly: false, create: true }).close();
    const session = createSession({ paths: paths(dir), tailIntervalMs: 0 });
    const announced: (number | undefined)[] = [];
    session.onChange((store) => announced.push(store?.openId));
    const first = await session.open(file);
    expect(session.current()?.openId).toBe(first.openId);
    const second = await session.open(file);
    expect(second.openId).toBeGreaterThan(first.openId);
    expect(announced).toEqual([first.openId, second.openId]);
    await session.close();
  });

  it('keeps a leased store open until released, even after another store replaces it', async () => {
    const dir = tempDir('session');
    const [a, b] = ['a.db', 'b.db'].map((name) => path.join(dir, name));
    for (const f of [a, b]) openStore(f, { readonly: false, create: true }).close();
    const session = createSession({ paths: paths(dir), tailIntervalMs: 0 });
    await session.open(a);
    const lease = session.lease();
    await session.open(b);
    expect((await lease.store.stats()).events).toBe(0); // still open
    lease.release();
    await expect(lease.store.stats()).rejects.toThrow(/not open/);
    await session.close();
  });

  it('spaces out live-tail counts on a slow store (10× the time the last count took), and still reports the growth', async () => {
    const dir = tempDir('session');
    let events = 1;
    let statsCalls = 0;
    let statsDone = 0;
    const stats = (): StoreStats => ({ format: 'marten', schemaVersion: 0, events, streams: 1, firstPosition: 1, lastPosition: events, firstRecordedAt: null, lastRecordedAt: null, types: [], categories: [], chainHead: null });
    const slow = {
      info: { path: 'postgres://db/x', format: 'marten', adapter: 'slow', readonly: true, sizeBytes: 0, hasIntegrityChain: false, kind: 'postgres' },
      stats: async () => {
        statsCalls++;
        await new Promise((r) => setTimeout(r, 60));
        statsDone++;
        return stats();
      },
      changeToken: async () => String(++events), // a writer appends all the time
      close: async () => {},
    } as unknown as EventStoreReader;
    const session = createSession({ paths: paths(dir), tailIntervalMs: 10, open: () => slow });
    await session.open('postgres://db/x');
    const seen: StoreAppended[] = [];
    session.onAppended((change) => seen.push(change));
    statsCalls = 0;
    statsDone = 0;
    await new Promise((r) => setTimeout(r, 1500));
    session.dispose();
    // Unthrottled, a 10 ms poll would count ~20 times (each count 60 ms); with the wait of 10 × 60 ms, about 2-3.
    expect(statsCalls).toBeGreaterThanOrEqual(1);
    expect(statsCalls).toBeLessThanOrEqual(4);
    // Every count that finished was reported (one still running at the end, on a loaded machine, is not yet).
    expect(seen.length).toBe(statsDone);
    expect(statsCalls - statsDone).toBeLessThanOrEqual(1);
    expect(seen.at(-1)!.stats.events).toBeGreaterThan(1);
    await session.close();
  });
});
