// Schema v2: event_type_hours kept exact by every write path, filled by the v1 -> v2 migration,
// and v1 stores still viewed read-only without being migrated.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFingerprint, tempDir } from '../testing/tempFiles.ts';
import { verify } from '../verify/verify.ts';
import { openStore } from './openStore.ts';
import { SCHEMA_VERSION, hourOf, migrate } from './schema.ts';
import { sqliteHandleOf } from './sqliteHandle.ts';

type HourRow = { type: string; hour: number; event_count: number };

const tableOf = (db: Database.Database): HourRow[] =>
  db.prepare('SELECT type, hour, event_count FROM event_type_hours ORDER BY type, hour').all() as HourRow[];

/** The table as it should be: a GROUP BY over the events, bucketed in JS (Math.floor). */
function expectedHours(db: Database.Database): HourRow[] {
  const counts = new Map<string, HourRow>();
  for (const { type, recorded_at } of db.prepare('SELECT type, recorded_at FROM events').all() as { type: string; recorded_at: number }[]) {
    const hour = Math.floor(recorded_at / 3_600_000);
    const key = `${type}\u0000${hour}`;
    const row = counts.get(key) ?? { type, hour, event_count: 0 };
    row.event_count++;
    counts.set(key, row);
  }
  return [...counts.values()].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.hour - b.hour));
}

/** A deterministic pseudo-random sequence (the test must be repeatable). */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const TYPES = ['ItemAdded', 'ItemRemoved', 'CartOpened', 'Paid'];
const BASE = 1_767_600_000_000;

function randomAppends(file: string, seed: number, rounds: number): void {
  const random = prng(seed);
  const store = openStore(file, { readonly: false, create: true });
  try {
    for (let round = 0; round < rounds; round++) {
      const batches = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
        streamId: `cart-${Math.floor(random() * 6)}`,
        events: Array.from({ length: 1 + Math.floor(random() * 5) }, () => ({
          type: TYPES[Math.floor(random() * TYPES.length)],
          data: { n: round },
          // Hours either side of 1970 too: the bucket rounds down before the epoch as after it.
          recordedAt: random() < 0.1 ? -Math.floor(random() * 20 * 3_600_000) : BASE + Math.floor(random() * 72 * 3_600_000),
        })),
      }));
      store.appendMany(batches);
      // A failed append (wrong expected version) must leave the table as it was.
      expect(() => store.append('cart-0', [{ type: 'Paid' }], { expectedVersion: 10_000 })).toThrow();
    }
    // An idempotent repeat (same id, same content) adds nothing.
    const first = store.getEvent(1);
    store.append(first.streamId, [{ eventId: first.eventId, type: first.type, data: first.data, metadata: first.metadata, recordedAt: first.recordedAt }]);
  } finally {
    store.close();
  }
}

describe('event_type_hours', () => {
  const dir = tempDir('schema-v2');

  it('hourOf rounds down on both sides of the epoch', () => {
    expect(hourOf(0)).toBe(0);
    expect(hourOf(3_599_999)).toBe(0);
    expect(hourOf(3_600_000)).toBe(1);
    expect(hourOf(-1)).toBe(-1);
    expect(hourOf(-3_600_000)).toBe(-1);
    expect(hourOf(-3_600_001)).toBe(-2);
  });

  it('equals a GROUP BY over the events after random appends', () => {
    const file = path.join(dir, 'random.db');
    randomAppends(file, 7, 60);
    const db = new Database(file, { readonly: true });
    expect(tableOf(db).length).toBeGreaterThan(20);
    expect(tableOf(db)).toEqual(expectedHours(db));
    db.close();
  });

  it('is kept by bulk loads too (secondary indexes built at close)', () => {
    const file = path.join(dir, 'bulk.db');
    const store = openStore(file, { readonly: false, create: true, bulkLoad: true });
    for (let i = 0; i < 300; i++) store.append(`s-${i % 7}`, [{ type: TYPES[i % 3], recordedAt: BASE + i * 997_000 }]);
    store.close();
    const db = new Database(file, { readonly: true });
    expect(tableOf(db)).toEqual(expectedHours(db));
    db.close();
  });
});

describe('v1 stores', () => {
  const dir = tempDir('schema-v1');

  /** A store as a v1 build made it: v1 tables (constraint index included), rows copied from a v2 store. */
  function v1Store(name: string): string {
    const source = path.join(dir, `${name}-source.db`);
    randomAppends(source, 11, 30);
    const file = path.join(dir, `${name}.db`);
    const db = new Database(file);
    migrate(db, 1);
    db.exec(`ATTACH '${source}' AS src`);
    db.exec('DELETE FROM ledger_head');
    for (const table of ['events', 'streams', 'event_types', 'ledger_head']) db.exec(`INSERT INTO main.${table} SELECT * FROM src.${table}`);
    db.exec('DETACH src');
    db.close();
    return file;
  }

  it('open read-only as they are: nothing migrated, nothing written, every read works', () => {
    const file = v1Store('viewed');
    const before = fileFingerprint(file);
    const store = openStore(file);
    expect(store.info.adapter).toMatch(/schema 1/);
    expect(store.stats().events).toBeGreaterThan(30);
    // The store facts say what the file is, not what this tool would make of it.
    expect(store.stats().schemaVersion).toBe(1);
    expect(store.listStreams().items.length).toBeGreaterThan(0);
    store.close();
    expect(fileFingerprint(file)).toEqual(before);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'event_type_hours'").pluck().get()).toBe(0);
    db.close();
  });

  it('migrate to v2 when opened for writing: the table is filled from the events, then kept by appends', async () => {
    const file = v1Store('written');
    const store = openStore(file, { readonly: false });
    const db = sqliteHandleOf(store) as Database.Database;
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(tableOf(db)).toEqual(expectedHours(db));
    store.append('cart-new', [{ type: 'Paid', recordedAt: -1 }, { type: 'ItemAdded', recordedAt: BASE }]);
    expect(tableOf(db)).toEqual(expectedHours(db));
    store.close();
    // The migrated store keeps v1's constraint index; verification accepts it and the chain holds.
    const report = await verify(file);
    expect(report.findings ?? []).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('v2 stores', () => {
  it('enforce a unique (stream_id, version) through the named index', () => {
    const dir = tempDir('schema-v2-unique');
    const file = path.join(dir, 'store.db');
    const store = openStore(file, { readonly: false, create: true });
    store.append('cart-1', [{ type: 'CartOpened' }]);
    const db = sqliteHandleOf(store) as Database.Database;
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'events_by_stream_version'").pluck().get()).toMatch(/UNIQUE INDEX/);
    expect(() =>
      db
        .prepare("INSERT INTO events (position, event_id, stream_id, version, type, data, metadata, recorded_at, prev_hash, hash) VALUES (2, 'x', 'cart-1', 1, 't', '{}', '{}', 0, x'', x'')")
        .run(),
    ).toThrow(/UNIQUE/);
    store.close();
  });
});
