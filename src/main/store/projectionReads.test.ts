// What user projections read from a native store file beyond the contract: metadata on replay only
// when asked (and null when a tampered row's metadata is not JSON), and the read models an
// application keeps in the same file, listed and read through the read-only viewing connection.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { openForViewing } from '../adapters/openForViewing.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { collect } from './asyncReader.ts';
import type { EventStoreReader } from './eventStore.ts';
import { openStore } from './openStore.ts';

const dir = tempDir('projection-reads');
let serial = 0;

function nativeFile(setup?: (db: Database.Database) => void): string {
  const file = path.join(dir, `native-${++serial}.db`);
  const writer = openStore(file, { readonly: false, create: true });
  writer.append('acct-1', [
    { type: 'Opened', data: { owner: 'ada' }, metadata: { actor: 'alice', tenant: 'eu' } },
    { type: 'Deposited', data: { amount: 5 } },
    { type: 'Deposited', data: { amount: 7 }, metadata: { actor: 'bob' } },
  ]);
  writer.close();
  if (setup) {
    const db = new Database(file);
    try {
      setup(db);
    } finally {
      db.close();
    }
  }
  return file;
}

describe('native store reads for user projections', () => {
  it('replays with metadata only when asked, and null metadata for a row whose metadata is not JSON', async () => {
    const file = nativeFile((db) => db.prepare("UPDATE events SET metadata = '{broken' WHERE version = 3").run());
    const store = openForViewing(file);
    try {
      const plain = await collect(store.replayChunks('acct-1', 1, 3));
      expect(plain.some((e) => 'metadata' in e || 'skipped' in e)).toBe(false);
      const full = await collect(store.replayChunks('acct-1', 1, 3, { withMetadata: true }));
      expect(full.map((e) => e.metadata)).toEqual([{ actor: 'alice', tenant: 'eu' }, {}, null]);
      // Data decodes as before: a bad metadata is not a bad event.
      expect(full.map((e) => [e.data, e.decodeError])).toEqual([
        [{ owner: 'ada' }, undefined],
        [{ amount: 5 }, undefined],
        [{ amount: 7 }, undefined],
      ]);
      expect((await collect(store.replayChunks('acct-1', 2, 2, { withMetadata: true }))).map((e) => e.version)).toEqual([2]);
    } finally {
      await store.close();
    }
  });

  describe('read-model tables in the same file', () => {
    let store: EventStoreReader;
    let file = '';

    it('opens a store file with tables, a view, odd names and SQLite internal tables beside the events', () => {
      file = nativeFile((db) => {
        db.exec(`
          CREATE TABLE accounts (id INTEGER PRIMARY KEY AUTOINCREMENT, owner TEXT, state TEXT, scalar TEXT, photo BLOB, ratio REAL);
          INSERT INTO accounts (owner, state, scalar, photo, ratio) VALUES ('ada', '{"balance": 12, "tags": ["a"]}', '"just a string"', x'0102', 1.5);
          INSERT INTO accounts (owner, state, scalar, photo, ratio) VALUES ('bo', '  [1, 2]', '42', NULL, NULL);
          CREATE VIEW rich AS SELECT owner FROM accounts WHERE json_extract(state, '$.balance') > 10;
          CREATE TABLE "we""ird name" ("key col" TEXT, "va""lue" TEXT);
          INSERT INTO "we""ird name" VALUES ('k', 'v');
          CREATE VIRTUAL TABLE notes USING fts5(owner, body);
          INSERT INTO notes VALUES ('ada', 'opened in person');
          ANALYZE;
        `);
      });
      store = openForViewing(file);
    });

    it('lists tables and views with their columns and exact counts, without the store\'s or SQLite\'s own tables', async () => {
      const tables = await store.listTables!();
      // The FTS table is listed; its shadow tables (notes_data, notes_idx, …) are not.
      expect(tables.map((t) => [t.name, t.rows])).toEqual([
        ['accounts', 2],
        ['notes', null],
        ['rich', null],
        ['we"ird name', 1],
      ]);
      expect(tables[0].columns).toEqual([
        { name: 'id', type: 'INTEGER' },
        { name: 'owner', type: 'TEXT' },
        { name: 'state', type: 'TEXT' },
        { name: 'scalar', type: 'TEXT' },
        { name: 'photo', type: 'BLOB' },
        { name: 'ratio', type: 'REAL' },
      ]);
    });

    it('reads a row by a key compared as text: JSON objects and arrays parsed, other text and values as stored', async () => {
      expect(await store.readTableRow!('accounts', 'id', '1', ['owner', 'state', 'scalar', 'photo', 'ratio'])).toEqual({
        owner: 'ada',
        state: { balance: 12, tags: ['a'] },
        scalar: '"just a string"',
        photo: Buffer.from([1, 2]),
        ratio: 1.5,
      });
      expect(await store.readTableRow!('accounts', 'ratio', '1.5', ['owner'])).toEqual({ owner: 'ada' });
      expect(await store.readTableRow!('accounts', 'owner', 'bo', ['state', 'scalar', 'photo'])).toEqual({ state: [1, 2], scalar: '42', photo: null });
      expect(await store.readTableRow!('rich', 'owner', 'ada', ['owner'])).toEqual({ owner: 'ada' });
      expect(await store.readTableRow!('we"ird name', 'key col', 'k', ['va"lue'])).toEqual({ 'va"lue': 'v' });
      expect(await store.readTableRow!('notes', 'owner', 'ada', ['body'])).toEqual({ body: 'opened in person' });
      // Names are matched exactly as listed, and the store's own tables are not read models.
      await expect(store.readTableRow!('ACCOUNTS', 'id', '1', ['owner'])).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/Tables: accounts, notes, rich, we"ird name/) });
      for (const own of ['events', 'streams', 'event_types', 'ledger_head', 'sqlite_sequence', 'sqlite_stat1', 'notes_data', 'notes_content']) {
        await expect(store.readTableRow!(own, 'rowid', '1', ['rowid'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      }
      await expect(store.readTableRow!('accounts', 'id', 1 as unknown as string, ['owner'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    });

    it('sees a table another connection creates after the open', async () => {
      const writer = new Database(file);
      try {
        writer.exec("CREATE TABLE later (k TEXT PRIMARY KEY, v TEXT); INSERT INTO later VALUES ('a', '{\"x\":1}')");
      } finally {
        writer.close();
      }
      expect(await store.readTableRow!('later', 'k', 'a', ['v'])).toEqual({ v: { x: 1 } });
      expect((await store.listTables!()).map((t) => t.name)).toContain('later');
      await store.close();
    });
  });
});
