// Read-only, provably: every way an audited file can rest (rollback journal, WAL at rest, a writer's
// leftovers, a hot journal, read-only media) opens, reads everything committed, and leaves every
// byte of the file and its companions as it was, with no new file beside it.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openForViewing } from '../adapters/openForViewing.ts';
import { fileFingerprint, tempDir } from '../testing/tempFiles.ts';
import { verify } from '../verify/verify.ts';
import { openStore } from './openStore.ts';
import { journalState, openSqliteReadonly } from './readonlyAccess.ts';
import { collect } from './asyncReader.ts';

const DRIVER = path.resolve(import.meta.dirname, '../../../node_modules/better-sqlite3');

function listing(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

function snapshotDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('replay-ledger-ro-'));
}

/** A native store of `events` events, left in WAL mode at rest (as Emmett's files are). */
function walStoreAtRest(file: string, events = 20): void {
  const store = openStore(file, { readonly: false, create: true });
  for (let i = 0; i < events; i++) store.append(`cart-${i % 4}`, [{ type: 'ItemAdded', data: { sku: `S${i}`, quantity: 1, unitPrice: 2 } }]);
  store.close(); // back to a rollback journal…
  const db = new Database(file);
  db.pragma('journal_mode = WAL'); // …and into WAL again, closed cleanly: no -wal / -shm remain
  db.close();
}

/** Appends in a child process that dies without closing: its -wal (with frames) and -shm stay behind. */
function crashAfterAppending(file: string, events: number): void {
  const script = `
    const Database = require(${JSON.stringify(DRIVER)});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT)");
    for (let i = 0; i < ${events}; i++) db.prepare('INSERT INTO notes (text) VALUES (?)').run('note ' + i);
    process.exit(0);`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
}

/** A store writer (our own append path) that dies holding its connection: -wal with frames and -shm stay. */
function storeWriterDies(file: string, events: number): void {
  const script = `
    import { openStore } from ${JSON.stringify(path.resolve(import.meta.dirname, 'openStore.ts'))};
    const store = openStore(${JSON.stringify(file)}, { readonly: false, create: true });
    for (let i = 0; i < ${events}; i++) store.append('cart-' + (i % 3), [{ type: 'ItemAdded', data: { sku: 'S' + i, quantity: 1, unitPrice: 2 } }]);
    process.kill(process.pid, 'SIGKILL');`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(result.signal, result.stderr).toBe('SIGKILL');
}

/** A rollback-journal writer that dies mid-transaction: the -journal is hot. */
function crashMidTransaction(file: string): void {
  const script = `
    const Database = require(${JSON.stringify(DRIVER)});
    const db = new Database(${JSON.stringify(file)});
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('committed')");
    db.pragma('cache_size = 1');
    db.exec('BEGIN');
    for (let i = 0; i < 5000; i++) db.prepare('INSERT INTO notes (text) VALUES (?)').run('uncommitted '.repeat(10));
    process.exit(0);`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
}

/** A read-only bind mount of `dir` (read-only media), or null where mounting is not allowed. */
function readOnlyMount(dir: string): string | null {
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-ro-media-'));
  const run = (...args: string[]) => spawnSync('mount', args, { encoding: 'utf8' }).status === 0;
  if (process.getuid?.() !== 0 || !run('--bind', dir, mountPoint) || !run('-o', 'remount,ro,bind', mountPoint)) {
    spawnSync('umount', [mountPoint]);
    fs.rmSync(mountPoint, { recursive: true, force: true });
    return null;
  }
  afterAll(async () => {
    spawnSync('umount', [mountPoint]);
    fs.rmSync(mountPoint, { recursive: true, force: true });
  });
  return mountPoint;
}

describe('read-only access', () => {
  const dir = tempDir('readonly');

  it('reads a WAL-mode store at rest without creating -wal/-shm beside it (a private snapshot), and removes the snapshot on close', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'wal-'));
    const file = path.join(folder, 'wal.db');
    walStoreAtRest(file);
    expect(journalState(file)).toMatchObject({ walMode: true, wal: false, shm: false });
    const before = { files: listing(folder), bytes: fileFingerprint(file), snapshots: snapshotDirs().length };

    const store = openStore(file);
    expect(store.info.adapter).toMatch(/private snapshot/);
    expect(store.stats().events).toBe(20);
    expect([...store.iterateAll()]).toHaveLength(20);
    expect(listing(folder)).toEqual(before.files); // nothing beside it while open
    store.close();
    expect(snapshotDirs()).toHaveLength(before.snapshots);

    const report = await verify(file);
    expect(report.ok).toBe(true);
    const viewed = openForViewing(file);
    expect((await viewed.stats()).events).toBe(20);
    await viewed.close();
    expect(listing(folder)).toEqual(before.files);
    expect(fileFingerprint(file)).toEqual(before.bytes);
    expect(snapshotDirs()).toHaveLength(before.snapshots);
  });

  it('removes snapshot folders left by a process that was killed', async () => {
    const orphan = path.join(os.tmpdir(), 'replay-ledger-ro-999999999-test');
    fs.mkdirSync(orphan, { recursive: true });
    fs.writeFileSync(path.join(orphan, 'copy.db'), 'x');
    const folder = fs.mkdtempSync(path.join(dir, 'sweep-'));
    const file = path.join(folder, 'wal.db');
    walStoreAtRest(file);
    vi.resetModules(); // the sweep runs once per process, when the first snapshot is taken
    return import('./readonlyAccess.ts').then(({ openSqliteReadonly: fresh }) => {
      const connection = fresh(file);
      connection.dispose();
      expect(fs.existsSync(orphan)).toBe(false);
    });
  });

  it('measured baseline: a plain read-only SQLite connection to the same file leaves -wal and -shm behind', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'baseline-'));
    const file = path.join(folder, 'wal.db');
    walStoreAtRest(file);
    const db = new Database(file, { readonly: true });
    db.prepare('SELECT count(*) FROM events').get();
    db.close();
    expect(listing(folder)).toEqual(['wal.db', 'wal.db-shm', 'wal.db-wal']);
  });

  it('rejects a foreign WAL file with a clear error and still creates nothing', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'foreign-'));
    const file = path.join(folder, 'foreign.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
    db.close();
    expect(() => openForViewing(file)).toThrow(expect.objectContaining({ code: 'NOT_AN_EVENT_STORE' }));
    expect(listing(folder)).toEqual(['foreign.db']);
  });

  it('sees the committed frames of a -wal whose -shm is gone, without creating an -shm', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'orphan-wal-'));
    const file = path.join(folder, 'notes.db');
    crashAfterAppending(file, 50);
    fs.rmSync(`${file}-shm`);
    expect(journalState(file)).toMatchObject({ walMode: true, wal: true, shm: false });
    const before = fileFingerprint(file);
    const access = openNotes(file);
    expect(access.count).toBe(50);
    expect(fileFingerprint(file)).toEqual(before);
    expect(listing(folder)).toEqual(['notes.db', 'notes.db-wal']);
  });

  it('reads the -wal and -shm a killed store writer left from a private snapshot: -shm, -wal, db and the folder stay byte-identical', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'dead-writer-'));
    const file = path.join(folder, 'dead.db');
    storeWriterDies(file, 30);
    expect(journalState(file)).toMatchObject({ walMode: true, wal: true, shm: true });
    const before = { files: listing(folder), bytes: fileFingerprint(file) };

    const viewed = openForViewing(file);
    expect((await viewed.stats()).events).toBe(30);
    expect(await collect(viewed.iterateAll())).toHaveLength(30);
    await viewed.close();
    expect((await verify(file)).ok).toBe(true);

    expect(listing(folder)).toEqual(before.files);
    expect(fileFingerprint(file)).toEqual(before.bytes);
  });

  it('still reads a live writer’s -wal in place (live tail), seeing its later appends', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'live-writer-'));
    const file = path.join(folder, 'live.db');
    const writer = openStore(file, { readonly: false, create: true });
    try {
      writer.append('cart-1', [{ type: 'ItemAdded', data: { sku: 'A', quantity: 1, unitPrice: 1 } }]);
      const connection = openSqliteReadonly(file);
      try {
        expect(connection.access).toBe('direct');
        writer.append('cart-1', [{ type: 'ItemAdded', data: { sku: 'B', quantity: 1, unitPrice: 1 } }]);
        expect(connection.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(2);
      } finally {
        connection.db.close();
        connection.dispose();
      }
    } finally {
      writer.close();
    }
  });

  it('reads a database whose writer died mid-transaction (hot journal) as SQLite would after rollback, without rolling back the original', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'hot-'));
    const file = path.join(folder, 'notes.db');
    crashMidTransaction(file);
    expect(journalState(file).hotJournal).toBe(true);
    const plain = new Database(file, { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM notes').get()).toThrow(/readonly|read-only/i);
    plain.close();
    const before = fileFingerprint(file);
    const journal = fs.readFileSync(`${file}-journal`);
    expect(openNotes(file).count).toBe(1);
    expect(fileFingerprint(file)).toEqual(before);
    expect(fs.readFileSync(`${file}-journal`).equals(journal)).toBe(true);
  });

  describe('on read-only media', () => {
    const media = fs.mkdtempSync(path.join(dir, 'media-'));
    const ours = path.join(media, 'ours.db');
    const wal = path.join(media, 'wal.db');
    const leftovers = path.join(media, 'leftovers.db');
    const orphan = path.join(media, 'orphan.db');
    const store = openStore(ours, { readonly: false, create: true });
    store.append('cart-1', [{ type: 'ItemAdded', data: { sku: 'A', quantity: 1, unitPrice: 1 } }]);
    store.close();
    walStoreAtRest(wal);
    crashAfterAppending(leftovers, 30);
    crashAfterAppending(orphan, 40);
    fs.rmSync(`${orphan}-shm`);
    const mounted = readOnlyMount(media);

    it.skipIf(mounted === null)('opens our store, a WAL store at rest, a dead writer’s leftovers and an orphan -wal, writing nothing', async () => {
      const at = (file: string) => path.join(mounted as string, path.basename(file));
      expect(() => fs.writeFileSync(path.join(mounted as string, 'probe'), 'x')).toThrow(/read-only/i);
      const before = listing(mounted as string).map((name) => [name, fileFingerprint(path.join(mounted as string, name)).db]);

      // What SQLite alone does there: a WAL file at rest cannot be opened at all.
      const plain = new Database(at(wal), { readonly: true });
      expect(() => plain.prepare('SELECT count(*) FROM events').get()).toThrow(expect.objectContaining({ code: 'SQLITE_CANTOPEN' }));
      plain.close();

      for (const file of [ours, wal]) {
        const opened = openStore(at(file));
        expect(opened.stats().events).toBeGreaterThan(0);
        opened.close();
        expect((await verify(at(file))).ok).toBe(true);
      }
      expect(openNotes(at(leftovers)).count).toBe(30);
      expect(openNotes(at(orphan)).count).toBe(40);
      expect(listing(mounted as string).map((name) => [name, fileFingerprint(path.join(mounted as string, name)).db])).toEqual(before);
    });
  });
});

/** Opens a non-store SQLite file through the same read-only access path and counts its rows. */
function openNotes(file: string): { count: number } {
  return withConnection(file, (db) => ({ count: db.prepare('SELECT count(*) FROM notes').pluck().get() as number }));
}

function withConnection<T>(file: string, run: (db: Database.Database) => T): T {
  const connection = openSqliteReadonly(file);
  try {
    return run(connection.db);
  } finally {
    connection.db.close();
    connection.dispose();
  }
}
