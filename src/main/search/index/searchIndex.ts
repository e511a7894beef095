// The sidecar search index: an FTS5 trigram table in its own SQLite file in the app's cache
// folder (cacheDir/search), never beside or inside the audited store. rowid = global position, so
// candidates() answers positions straight from MATCH. It is built by streaming iterateRaw (the same
// for SQLite and PostgreSQL readers), into a temporary file renamed into place only once complete:
// a cancelled or crashed build never leaves a file that claims to be ready.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CancelledError } from '../../errors.ts';
import type { EventStoreReader, ReadOptions } from '../../store/eventStore.ts';
import type { SearchAccelerator } from '../types.ts';
import { indexText, matchExpression } from './fold.ts';
import { identityKey, storeIdentity } from './identity.ts';
import { indexFileName, locationKey, SEARCH_FOLDER } from './indexFiles.ts';

export { clearSearchIndexes } from './indexFiles.ts';

/** Bumped whenever what is indexed or how changes: older files are rebuilt. */
const FORMAT_VERSION = 2;
/**
 * Events per transaction while building: FTS5 writes a segment per commit, so fewer, larger ones
 * (100k -> 250k: 1.3M events build ~25% faster); its pending terms stay in memory until the commit,
 * so not the whole store at once (~270 MB peak for the process at 250k, ~390 MB at 1M).
 */
const BUILD_COMMIT_EVERY = 250_000;
/**
 * Events per indexed document. Consecutive events share most trigrams (JSON keys, id prefixes,
 * words), so one document per 16 builds ~2x faster and ~3x smaller than one per event (250k demo
 * events: 44k -> 90k events/s, 61 -> 19 MB); a match then names up to 16 candidates per hit,
 * which the engine checks anyway.
 */
export const EVENTS_PER_BLOCK = 16;

export interface SearchIndexStatus {
  /** none: no index; building: a build runs; ready: covers the store as last seen; stale: the store has more (update) or changed (rebuild). */
  state: 'none' | 'building' | 'ready' | 'stale';
  indexedUpTo: number;
  events: number;
  bytes: number;
}

export interface BuildOptions {
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

export interface SearchIndex extends SearchAccelerator {
  build(options?: BuildOptions): Promise<{ events: number; bytes: number; ms: number }>;
  /** Indexes the events above indexedUpTo() (live tail saw new ones); 0 when there is no index yet. */
  update(options?: ReadOptions): Promise<{ events: number }>;
  status(): SearchIndexStatus;
  close(): Promise<void>;
}

interface Meta {
  version: number;
  identity: string;
  indexedUpTo: number;
  events: number;
  /** Event id at indexedUpTo: a database rewritten under the same URL no longer has it there. */
  checkpointId: string | null;
}

function createSchema(db: Database.Database): void {
  db.exec(`CREATE TABLE meta (k TEXT PRIMARY KEY, v) WITHOUT ROWID;
    CREATE TABLE blocks (id INTEGER PRIMARY KEY, first INTEGER NOT NULL, count INTEGER NOT NULL, positions TEXT);
    CREATE VIRTUAL TABLE events_text USING fts5(t, tokenize = 'trigram case_sensitive 1', detail = 'none', content = '');`);
}

/** Groups events into documents of EVENTS_PER_BLOCK: the FTS row (rowid = block id) and its positions. */
function blockWriter(db: Database.Database, firstId: number, perBlock: number) {
  const text = db.prepare('INSERT INTO events_text (rowid, t) VALUES (?, ?)');
  const block = db.prepare('INSERT INTO blocks (id, first, count, positions) VALUES (?, ?, ?, ?)');
  let id = firstId;
  let positions: number[] = [];
  let parts: string[] = [];
  const flush = () => {
    if (positions.length === 0) return;
    text.run(id, parts.join('\n'));
    // Most stores number events densely: a run first..first+count-1 needs no list.
    const dense = positions.every((p, i) => p === positions[0] + i);
    block.run(id, positions[0], positions.length, dense ? null : JSON.stringify(positions));
    id++;
    positions = [];
    parts = [];
  };
  return {
    add(position: number, indexed: string) {
      positions.push(position);
      parts.push(indexed);
      if (positions.length >= perBlock) flush();
    },
    flush,
  };
}

function writeMeta(db: Database.Database, meta: Meta): void {
  const put = db.prepare('INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)');
  for (const [k, v] of Object.entries(meta)) put.run(k, v);
}

function readMeta(db: Database.Database): Meta | null {
  try {
    const rows = db.prepare('SELECT k, v FROM meta').all() as { k: string; v: unknown }[];
    const m = Object.fromEntries(rows.map((r) => [r.k, r.v]));
    if (m.version !== FORMAT_VERSION || typeof m.identity !== 'string' || typeof m.indexedUpTo !== 'number') return null;
    return { version: m.version, identity: m.identity, indexedUpTo: m.indexedUpTo, events: Number(m.events), checkpointId: (m.checkpointId as string | null) ?? null };
  } catch {
    return null;
  }
}

function removeFile(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes this store's index files that are not `keep`: those of an earlier identity (the file was
 * rewritten) and builds left by a process that died. Builds of a live process are left alone.
 */
function discardOthers(folder: string, location: string, keep: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(`${location}-`) || name === keep) continue;
    const building = /\.building-(\d+)-/.exec(name);
    if (building && Number(building[1]) !== process.pid && processAlive(Number(building[1]))) continue;
    if (building && Number(building[1]) === process.pid) continue;
    fs.rmSync(path.join(folder, name), { force: true });
  }
}

export interface SearchIndexOptions {
  cacheDir: string;
  /** Events per indexed document (default EVENTS_PER_BLOCK; 1 = one per event: slower, more precise). */
  eventsPerBlock?: number;
}

export async function openSearchIndex(store: EventStoreReader, options: SearchIndexOptions): Promise<SearchIndex> {
  const perBlock = Math.max(1, Math.floor(options.eventsPerBlock ?? EVENTS_PER_BLOCK));
  const folder = path.join(options.cacheDir, SEARCH_FOLDER);
  let identity = await storeIdentity(store);
  const location = locationKey(store.info);
  const fileName = indexFileName(location, identityKey(identity));
  let file = path.join(folder, fileName);
  discardOthers(folder, location, fileName);

  let db: Database.Database | null = null;
  let meta: Meta | null = null;
  let state: SearchIndexStatus['state'] = 'none';
  let building: Promise<{ events: number; bytes: number; ms: number }> | null = null;
  let updating: Promise<{ events: number }> | null = null;
  let closed = false;
  let matchStatement: Database.Statement | null = null;

  const lastPosition = async () => (await store.stats()).lastPosition ?? 0;

  /** Opens the finished file when it is complete and still describes this store; removes it otherwise. */
  async function adopt(): Promise<void> {
    if (!fs.existsSync(file)) return;
    let candidate: Database.Database | null = null;
    try {
      candidate = new Database(file, { fileMustExist: true });
      const found = readMeta(candidate);
      if (!found || found.identity !== identity || !(await checkpointHolds(found))) throw new Error('outdated');
      db = candidate;
      meta = found;
      matchStatement = null;
      state = (await lastPosition()) > found.indexedUpTo ? 'stale' : 'ready';
    } catch {
      candidate?.close();
      removeFile(file);
    }
  }

  async function checkpointHolds(m: Meta): Promise<boolean> {
    if (m.indexedUpTo === 0) return (await store.countEvents({ kind: 'all' })) === 0 || m.events === 0;
    try {
      const event = await store.getEvent(m.indexedUpTo);
      if (event.eventId !== m.checkpointId) return false;
    } catch {
      return false;
    }
    return (await store.countEvents({ kind: 'all', toPosition: m.indexedUpTo })) === m.events;
  }

  await adopt();

  const bytes = () => {
    try {
      return fs.statSync(file).size;
    } catch {
      return 0;
    }
  };

  async function runBuild(opts: BuildOptions): Promise<{ events: number; bytes: number; ms: number }> {
    const started = performance.now();
    fs.mkdirSync(folder, { recursive: true });
    const temp = path.join(folder, `${location}-${identityKey(identity)}.building-${process.pid}-${randomUUID().slice(0, 8)}.db`);
    const out = new Database(temp);
    try {
      // A private scratch file: a crash mid-build loses nothing that matters, so no journal.
      out.pragma('journal_mode = OFF');
      out.pragma('synchronous = OFF');
      createSchema(out);
      const writer = blockWriter(out, 1, perBlock);
      const total = await store.countEvents({ kind: 'all' }, { signal: opts.signal });
      opts.onProgress?.(0, total);
      let done = 0;
      let sinceCommit = 0;
      let top = 0;
      let checkpointId: string | null = null;
      out.exec('BEGIN');
      for await (const chunk of store.iterateRaw({ kind: 'all' }, { signal: opts.signal })) {
        if (opts.signal?.aborted || closed) throw new CancelledError('Building the search index');
        for (const event of chunk) {
          writer.add(event.position, indexText(event));
          if (event.position > top) {
            top = event.position;
            checkpointId = event.eventId;
          }
        }
        done += chunk.length;
        sinceCommit += chunk.length;
        if (sinceCommit >= BUILD_COMMIT_EVERY) {
          out.exec('COMMIT; BEGIN');
          sinceCommit = 0;
        }
        opts.onProgress?.(done, Math.max(total, done));
      }
      if (opts.signal?.aborted || closed) throw new CancelledError('Building the search index');
      writer.flush();
      // One segment answers a MATCH fastest; merging costs a fraction of the build.
      out.exec("INSERT INTO events_text (events_text) VALUES ('optimize')");
      writeMeta(out, { version: FORMAT_VERSION, identity, indexedUpTo: top, events: done, checkpointId });
      out.exec('COMMIT');
      out.pragma('journal_mode = DELETE');
      out.close();
      if (db) {
        (db as Database.Database).close();
        db = null;
      }
      fs.renameSync(temp, file);
      await adopt();
      if (!db) throw new Error('The search index was built but could not be opened.');
      return { events: done, bytes: bytes(), ms: Math.round(performance.now() - started) };
    } catch (error) {
      if (out.open) out.close();
      removeFile(temp);
      throw error;
    }
  }

  /** Renames the open index file to the name of the store's new identity. */
  function follow(next: string): void {
    const renamed = path.join(folder, indexFileName(location, identityKey(next)));
    (db as Database.Database).close();
    db = null;
    matchStatement = null;
    fs.renameSync(file, renamed);
    file = renamed;
    identity = next;
    db = new Database(file, { fileMustExist: true });
  }

  async function runUpdate(opts: ReadOptions): Promise<{ events: number }> {
    const target = db;
    const m = meta;
    if (!target || !m || closed) return { events: 0 };
    const nextId = ((target.prepare('SELECT max(id) FROM blocks').pluck().get() as number | null) ?? 0) + 1;
    const writer = blockWriter(target, nextId, perBlock);
    let added = 0;
    let top = m.indexedUpTo;
    let checkpointId = m.checkpointId;
    target.exec('BEGIN');
    try {
      for await (const chunk of store.iterateRaw({ kind: 'all', fromPosition: m.indexedUpTo + 1 }, opts)) {
        if (closed) throw new CancelledError('Updating the search index');
        for (const event of chunk) {
          if (event.position <= m.indexedUpTo) continue;
          writer.add(event.position, indexText(event));
          added++;
          if (event.position > top) {
            top = event.position;
            checkpointId = event.eventId;
          }
        }
      }
      writer.flush();
      // The file grew as we watched: the index follows it under its new identity, so reopening the
      // grown store later finds it instead of rebuilding (a rewrite still changes the checkpoint).
      const grownIdentity = added > 0 ? await storeIdentity(store) : identity;
      const next: Meta = { ...m, identity: grownIdentity, indexedUpTo: top, events: m.events + added, checkpointId };
      writeMeta(target, next);
      target.exec('COMMIT');
      meta = next;
      if (grownIdentity !== identity) follow(grownIdentity);
    } catch (error) {
      if (target.inTransaction) target.exec('ROLLBACK');
      throw error;
    }
    // Positions that need not follow the read order (a late commit below indexedUpTo) would be
    // invisible to both the index and the scan above it: the count says so, and a rebuild is due.
    const counted = await store.countEvents({ kind: 'all', toPosition: top }, opts);
    state = counted === meta.events ? ((await lastPosition()) > top ? 'stale' : 'ready') : 'stale';
    if (counted !== meta.events) meta = { ...meta, indexedUpTo: 0 };
    return { events: added };
  }

  return {
    indexedUpTo: () => (db && meta ? meta.indexedUpTo : 0),

    async candidates(texts, opts) {
      if (opts?.signal?.aborted) throw new CancelledError('The search');
      const current = db as Database.Database | null;
      if (!current || !meta || meta.indexedUpTo === 0) return null;
      const expression = matchExpression(texts);
      if (expression === null) return null;
      try {
        matchStatement ??= current.prepare('SELECT b.first, b.count, b.positions FROM events_text f JOIN blocks b ON b.id = f.rowid WHERE events_text MATCH ? ORDER BY f.rowid').raw();
        const upTo = meta.indexedUpTo;
        const out: number[] = [];
        let ordered = true;
        for (const [first, count, list] of matchStatement.all(expression) as [number, number, string | null][]) {
          const positions = list === null ? Array.from({ length: count }, (_, i) => first + i) : (JSON.parse(list) as number[]);
          for (const position of positions) {
            if (position > upTo) continue; // written by an update still in its transaction
            if (out.length > 0 && position < out[out.length - 1]) ordered = false;
            out.push(position);
          }
        }
        return ordered ? out : out.sort((a, b) => a - b);
      } catch {
        // Whatever SQLite refuses (a damaged cache file), the engine can still scan: never an error.
        return null;
      }
    },

    build(opts = {}) {
      if (closed) return Promise.reject(new Error('The search index is closed.'));
      if (building) return building;
      const previous = state;
      state = 'building';
      building = (updating ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => runBuild(opts))
        .catch((error: unknown) => {
          state = db ? previous : 'none';
          throw error;
        })
        .finally(() => {
          building = null;
        });
      return building;
    },

    update(opts = {}) {
      if (closed || building || !db) return Promise.resolve({ events: 0 });
      updating ??= runUpdate(opts).finally(() => {
        updating = null;
      });
      return updating;
    },

    status: () => ({
      state,
      indexedUpTo: db && meta ? meta.indexedUpTo : 0,
      events: db && meta ? meta.events : 0,
      bytes: db ? bytes() : 0,
    }),

    async close() {
      closed = true;
      await Promise.allSettled([building, updating]);
      (db as Database.Database | null)?.close();
      db = null;
    },
  };
}
