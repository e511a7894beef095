// The hostile input corpus: files an auditor might be handed that must give a clear message and
// never crash, hang or write. Built deterministically into a folder (same bytes every run, apart
// from the random store_id the schema gives each store), so unit tests, the CLI tests and the e2e
// suite (IPC / UI) can share it: `buildHostileCorpus(dir)` and iterate `corpus.entries`.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chainHash } from '../store/hashChain.ts';
import { openStore } from '../store/openStore.ts';

/** Text that looks like SQL, LIKE/GLOB patterns or path tricks: for every search and filter field. */
export const SQL_LOOKING = [
  "'; DROP TABLE events; --",
  '" OR 1=1 --',
  "') UNION SELECT sql FROM sqlite_schema --",
  '%',
  '_',
  '*',
  '[a-z]',
  '\\',
  "cart-' OR ''='",
  '/* comment */',
  '\u0000',
  '../../etc/passwd',
] as const;

/** Stream ids a store may hold: unicode, direction overrides, escapes and control characters. */
export const STRANGE_STREAM_IDS = [
  'cart-ümlaut-ß',
  'cart-日本語-注文',
  'cart-🛒-emoji',
  'cart-\u202eevil-rtl',
  'cart-zero\u200bwidth',
  'cart-e\u0301-combining',
  'cart-tab\there',
  'cart-line\nbreak',
  'cart-nul\u0000byte',
  'cart-\u001b[31mansi',
  "cart-'; DROP TABLE streams; --",
  'cart-%_*[]',
] as const;

export type ExpectedOutcome =
  | { opens: false; code: 'NOT_SQLITE' | 'EMPTY_FILE' | 'CORRUPT' | 'NOT_AN_EVENT_STORE' | 'IO_ERROR'; message: RegExp }
  | { opens: true; note: string };

export interface CorpusEntry {
  name: string;
  file: string;
  /** What the services must do with it. */
  expect: ExpectedOutcome;
}

export interface HostileCorpus {
  dir: string;
  entries: CorpusEntry[];
  /** Convenience lookup by name. */
  file(name: string): string;
}

const T0 = Date.parse('2026-01-10T12:00:00Z');
export const TEN_MB = 10 * 1024 * 1024;
export const DEEP_LEVELS = 10_000;

function smallStore(file: string): void {
  const store = openStore(file, { readonly: false, create: true });
  for (let i = 0; i < 200; i++) {
    store.append(`cart-${i % 10}`, [{ type: 'ItemAdded', data: { sku: `S${i}`, quantity: 1, unitPrice: 1, text: 'x'.repeat(300) }, recordedAt: T0 + i }]);
  }
  store.close();
}

/** Writes an event outside the append path's checks (as another tool would), with a correct chain link. */
function appendRaw(file: string, event: { streamId: string; type: string; data: string; metadata?: string }): void {
  const db = new Database(file);
  try {
    db.transaction(() => {
      const head = db.prepare('SELECT last_position, head_hash, event_count, stream_count FROM ledger_head WHERE id = 1').get() as {
        last_position: number;
        head_hash: Buffer;
        event_count: number;
        stream_count: number;
      };
      const position = head.last_position + 1;
      const metadata = event.metadata ?? '{}';
      const fields = { position, eventId: `raw-${position}`, streamId: event.streamId, version: 1, type: event.type, recordedAtMs: T0 + position, data: event.data, metadata };
      const hash = chainHash(head.head_hash, fields);
      db.prepare('INSERT INTO events (position, event_id, stream_id, version, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)').run(
        position,
        fields.eventId,
        event.streamId,
        event.type,
        event.data,
        metadata,
        fields.recordedAtMs,
        head.head_hash,
        hash,
      );
      const category = event.streamId.indexOf('-') > 0 ? event.streamId.slice(0, event.streamId.indexOf('-')) : '';
      db.prepare(
        'INSERT INTO streams (stream_id, category, version, event_count, first_position, last_position, first_recorded_at, last_recorded_at) VALUES (?, ?, 1, 1, ?, ?, ?, ?)',
      ).run(event.streamId, category, position, position, fields.recordedAtMs, fields.recordedAtMs);
      db.prepare(
        `INSERT INTO event_types (type, event_count, first_recorded_at, last_recorded_at) VALUES (?, 1, ?, ?)
         ON CONFLICT (type) DO UPDATE SET event_count = event_count + 1, last_recorded_at = excluded.last_recorded_at`,
      ).run(event.type, fields.recordedAtMs, fields.recordedAtMs);
      // Schema 2 also keeps per-type hourly counts: a careful other tool keeps them too, so the store verifies clean.
      db.prepare(
        `INSERT INTO event_type_hours (type, hour, event_count) VALUES (?, ?, 1)
         ON CONFLICT (type, hour) DO UPDATE SET event_count = event_count + 1`,
      ).run(event.type, Math.floor(fields.recordedAtMs / 3_600_000));
      db.prepare('UPDATE ledger_head SET last_position = ?, head_hash = ?, event_count = event_count + 1, stream_count = stream_count + 1 WHERE id = 1').run(position, hash);
    })();
  } finally {
    db.close();
  }
}

export function buildHostileCorpus(dir: string): HostileCorpus {
  fs.mkdirSync(dir, { recursive: true });
  const entries: CorpusEntry[] = [];
  const add = (name: string, expectation: ExpectedOutcome, build: (file: string) => void) => {
    const file = path.join(dir, name);
    fs.rmSync(file, { force: true });
    build(file);
    entries.push({ name, file, expect: expectation });
  };

  add('not-sqlite.db', { opens: false, code: 'NOT_SQLITE', message: /is not an SQLite database/ }, (f) =>
    fs.writeFileSync(f, '%PDF-1.7\nThis is an audit report, not a database.\n'.repeat(40)),
  );
  add('empty.db', { opens: false, code: 'EMPTY_FILE', message: /is empty \(0 bytes\)/ }, (f) => fs.writeFileSync(f, ''));

  const source = path.join(dir, '.source.db');
  fs.rmSync(source, { force: true });
  smallStore(source);
  const bytes = fs.readFileSync(source);
  fs.rmSync(source);
  add('truncated.db', { opens: false, code: 'CORRUPT', message: /is truncated: the database declares \d+ bytes but the file has \d+/ }, (f) =>
    fs.writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2))),
  );
  add('truncated-header.db', { opens: false, code: 'CORRUPT', message: /shorter than an SQLite header/ }, (f) => fs.writeFileSync(f, bytes.subarray(0, 60)));

  add('unrelated-schema.db', { opens: false, code: 'NOT_AN_EVENT_STORE', message: /not an event store this tool knows \(tables customers, orders\)/ }, (f) => {
    const db = new Database(f);
    db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE orders (id INTEGER, events TEXT); INSERT INTO customers VALUES (1, 'x')");
    db.close();
  });

  // Our own schema with a column renamed by another tool: must not open and fail on the first click.
  add('wrong-columns.db', { opens: false, code: 'NOT_AN_EVENT_STORE', message: /is not the one this tool reads: table events lacks column data\b/ }, (f) => {
    smallStore(f);
    const db = new Database(f);
    db.exec('ALTER TABLE events RENAME COLUMN data TO payload');
    db.close();
  });
  // Files that are not files: a symlink loop, a FIFO (a read would block until a writer comes) and
  // a device that never ends (/dev/zero, through a symlink: making a device node needs root).
  add('symlink-loop.db', { opens: false, code: 'IO_ERROR', message: /cannot be opened: its symbolic links form a loop/ }, (f) => {
    const other = path.join(dir, '.loop-other.db');
    fs.rmSync(other, { force: true });
    fs.symlinkSync(other, f);
    fs.symlinkSync(f, other);
  });
  add('fifo.db', { opens: false, code: 'NOT_SQLITE', message: /is a named pipe \(FIFO\), not an event store file/ }, (f) => execFileSync('mkfifo', [f]));
  add('dev-zero.db', { opens: false, code: 'NOT_SQLITE', message: /is a device \(like \/dev\/zero\), not an event store file/ }, (f) => fs.symlinkSync('/dev/zero', f));

  add('bad-json.db', { opens: true, note: 'rows whose data and metadata are not JSON: decodeError on those rows, verify reports them edited' }, (f) => {
    smallStore(f);
    const db = new Database(f);
    db.prepare("UPDATE events SET data = '{\"sku\": \"S1\", broken' WHERE position = 2").run();
    db.prepare("UPDATE events SET metadata = 'not json at all' WHERE position = 3").run();
    db.prepare("UPDATE events SET data = '[1, 2' , metadata = '\"a string\"' WHERE position = 4").run();
    db.close();
  });

  add('big-payload.db', { opens: true, note: 'one 10 MB payload between small events' }, (f) => {
    const store = openStore(f, { readonly: false, create: true });
    store.append('blob-1', [{ type: 'Small', data: { n: 1 }, recordedAt: T0 }]);
    store.append('blob-1', [{ type: 'Huge', data: { text: 'A'.repeat(TEN_MB) }, recordedAt: T0 + 1 }]);
    store.append('blob-1', [{ type: 'Small', data: { n: 2 }, recordedAt: T0 + 2 }]);
    store.close();
  });

  add('deep-json.db', { opens: true, note: `data nested ${DEEP_LEVELS} levels deep, written by another tool (the append path refuses > 1000)` }, (f) => {
    smallStore(f);
    appendRaw(f, { streamId: 'deep-1', type: 'Nested', data: '['.repeat(DEEP_LEVELS) + ']'.repeat(DEEP_LEVELS) });
    appendRaw(f, { streamId: 'deep-2', type: 'NestedObject', data: '{"a":'.repeat(DEEP_LEVELS) + '1' + '}'.repeat(DEEP_LEVELS), metadata: '{"actor":' + '['.repeat(2000) + ']'.repeat(2000) + '}' });
  });

  add('json-fidelity.db', { opens: true, note: 'written by another tool: duplicate keys in data and metadata, numbers JSON.parse would alter' }, (f) => {
    smallStore(f);
    appendRaw(f, { streamId: 'dup-1', type: 'Doubled', data: '{"amount":10,"amount":1000}' });
    appendRaw(f, { streamId: 'dup-2', type: 'Doubled', data: '{"a":1}', metadata: '{"actor":"x","actor":"y"}' });
    appendRaw(f, { streamId: 'exact-1', type: 'Exact', data: '{"big":12345678901234567890,"tiny":1e-400,"zero":-0}', metadata: '{"count":12345678901234567890}' });
  });

  add('strange-ids.db', { opens: true, note: 'unicode, direction overrides, NUL and control characters in stream ids, types and actors; SQL-looking text everywhere' }, (f) => {
    const store = openStore(f, { readonly: false, create: true });
    STRANGE_STREAM_IDS.forEach((streamId, i) => {
      store.append(streamId, [
        {
          type: i % 2 ? "Type'; DROP TABLE events; --" : 'Typ\u0000e\u202e',
          data: { note: SQL_LOOKING[i % SQL_LOOKING.length], unicode: 'ü😀\u0000' },
          metadata: { actor: SQL_LOOKING[(i + 1) % SQL_LOOKING.length], correlationId: SQL_LOOKING[(i + 2) % SQL_LOOKING.length] },
          recordedAt: T0 + i,
        },
      ]);
    });
    store.close();
  });

  return { dir, entries, file: (name) => path.join(dir, name) };
}

// `node src/main/testing/hostileCorpus.ts DIR` builds the corpus for manual or e2e use.
if (import.meta.url === `file://${process.argv[1]}`) {
  const target = path.resolve(process.argv[2] ?? 'hostile-corpus');
  const corpus = buildHostileCorpus(target);
  for (const entry of corpus.entries) console.log(`${entry.name.padEnd(22)} ${fs.lstatSync(entry.file).size} bytes`);
}
