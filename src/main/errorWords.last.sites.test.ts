// The last of main's errors that were English only, made by the code that meets them and carrying
// their words: the store's limits and append refusals, pages, cursors and tables, snapshots and
// schemas, audited files, the background read, verify's own checks, an import's preview, lines,
// mappings, parse worker and refusals, the demo generator's options, a bundle to seal, an export
// format, a masking secret, a projection reloaded mid-replay, PostgreSQL's reader, streams and
// session options, and the last "unexpected" catch. For each: the words' key, English exactly main's
// message, and a Chinese sentence in which only what is not ours (names, paths, flags, values as
// given, SQLite's or the parser's text) is Latin.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ErrorWords } from '../shared/errorWords/index.ts';
import type { StoreInfo } from '../shared/types.ts';
import { openForViewing } from './adapters/openForViewing.ts';
import { openStoreTarget } from './adapters/openStoreTarget.ts';
import { openMarten, connectTest } from './adapters/postgres/martenTestKit.ts';
import { connectPg } from './adapters/postgres/connection.ts';
import { parsePgTarget } from './adapters/postgres/target.ts';
import { createStreamIndex } from './adapters/streamIndex.ts';
import { generateDemo, writeDemoStore } from './demo/generateDemo.ts';
import { ConcurrencyError, toErrorInfo } from './errors.ts';
import { sealBundle } from './evidence/signing/sealBundle.ts';
import { exportEvents } from './export/exportEvents.ts';
import { openCopySource } from './import/copySource.ts';
import { parseMappingArgs } from './import/fieldMapping.ts';
import { importEvents } from './import/importEvents.ts';
import { startParseWorker } from './import/parsedRecords.ts';
import { previewImport } from './import/previewImport.ts';
import { createMasker } from './masking/masker.ts';
import { createBundleSecret } from './masking/secrets.ts';
import { loadSandboxedModule } from './projections/sandbox/sandboxedProjection.ts';
import { toAsyncReader } from './store/asyncReader.ts';
import { assertWritableTarget } from './store/auditedFiles.ts';
import type { EventStoreReader } from './store/eventStore.ts';
import { MAX_TYPE_LENGTH } from './store/limits.ts';
import { openStore } from './store/openStore.ts';
import { getRow } from './store/readPlans.ts';
import { createSqliteReadWorker } from './store/readWorker.ts';
import { SCHEMA_VERSION } from './store/schema.ts';
import { checkTableRequest } from './store/tableRows.ts';
import { writeEmmettFile } from './testing/emmettFile.ts';
import { appendMarten, createMartenSchema } from './testing/pgFixtures/marten.ts';
import { describePg } from './testing/pgTest.ts';
import { writeSqliteReadModel } from './testing/readModelFixture.ts';
import { failure, said, thrown, zh } from './testing/errorWordsSaid.ts';
import { tempDir, tempStore } from './testing/tempFiles.ts';
import { verify } from './verify/verify.ts';

// Every worker thread this file's code starts, as it is (the background read's, to stop it mid-read).
const workers = vi.hoisted(() => [] as { terminate(): Promise<number>; emit(event: string, ...args: unknown[]): boolean }[]);
vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  class RecordedWorker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      workers.push(this);
    }
  }
  return { ...real, default: { ...real, Worker: RecordedWorker }, Worker: RecordedWorker };
});

const dir = tempDir('error-words-last');

const HEX = 'ab'.repeat(32);

describe('the store’s limits and appends, in the reader’s language', () => {
  it('limits on pages, positions, ids, types and texts', () => {
    const store = tempStore(tempDir('last-limits'));
    try {
      store.append('cart-1', [{ type: 'T', data: {} }]);
      const limit = thrown(() => store.readAll({ limit: 0 }));
      expect(limit.message).toBe('limit must be a positive integer, got 0.');
      said(limit, 'errorWords.limit.pageLimit', 'limit');
      const from = thrown(() => store.readAll({ fromPosition: -3 }));
      expect(from.message).toBe('fromPosition must be a non-negative integer, got -3.');
      said(from, 'errorWords.limit.nonNegative', 'fromPosition');
      said(thrown(() => store.readStream('cart-1', { fromVersion: 1.5 })), 'errorWords.limit.nonNegative', 'fromVersion');
      const noStream = thrown(() => store.append('', [{ type: 'T', data: {} }]));
      expect(noStream.message).toBe('streamId must be a non-empty string.');
      said(noStream, 'errorWords.limit.emptyText', 'streamId');
      const noType = thrown(() => store.append('cart-1', [{ type: 'T', data: {} }, { type: '', data: {} }]));
      expect(noType.message).toBe('Event #2 type must be a non-empty string.');
      expect(said(noType, 'errorWords.limit.emptyText', 'type')).toBe('第 2 个事件的 type 必须是非空字符串。');
      const longType = thrown(() => store.append('cart-1', [{ type: 'T'.repeat(MAX_TYPE_LENGTH + 1), data: {} }]));
      expect(longType.message).toBe(`Event #1 type is ${MAX_TYPE_LENGTH + 1} characters long; the limit is ${MAX_TYPE_LENGTH}.`);
      said(longType, 'errorWords.limit.tooLong', 'type');
      said(thrown(() => store.append('cart-1', [{ eventId: '', type: 'T', data: {} }])), 'errorWords.limit.emptyText', 'eventId');
      const longStream = thrown(() => store.append('s'.repeat(2000), [{ type: 'T', data: {} }]));
      expect(longStream.message).toBe('streamId is 2000 characters long; the limit is 1024.');
      said(longStream, 'errorWords.limit.tooLong', 'streamId');
    } finally {
      store.close();
    }
  });

  it('appends that cannot be stored: not an object, metadata, expectedVersion, a duplicate id, batches', () => {
    const store = tempStore(tempDir('last-append'));
    try {
      const notObject = thrown(() => store.append('cart-1', [null as never]));
      expect(notObject.message).toBe('Event #1 is not an object.');
      said(notObject, 'errorWords.append.notObject');
      const metadata = thrown(() => store.append('cart-1', [{ type: 'T', data: {} }, { type: 'T', data: {}, metadata: [1] as never }]));
      expect(metadata.message).toBe('Event #2 metadata must be a JSON object.');
      said(metadata, 'errorWords.append.metadataNotObject', 'metadata', 'JSON');
      const expected = thrown(() => store.append('cart-1', [{ type: 'T', data: {} }], { expectedVersion: 'latest' as never }));
      expect(expected.message).toBe(`expectedVersion must be a version number, 'no_stream', 'stream_exists' or 'any'; got "latest".`);
      said(expected, 'errorWords.append.badExpected', 'expectedVersion', 'no_stream', 'stream_exists', 'any', 'latest');

      store.append('cart-1', [{ eventId: 'evt-1', type: 'T', data: { n: 1 } }]);
      const twin = thrown(() => store.append('cart-2', [{ eventId: 'evt-1', type: 'T', data: { n: 2 } }]));
      expect(twin.message).toBe("Event id 'evt-1' is already stored at position 1 (stream 'cart-1') with different content.");
      said(twin, 'errorWords.append.duplicateId', 'evt-1', 'cart-1', 'ID');

      const batches = thrown(() => store.appendMany({} as never));
      expect(batches.message).toBe('appendMany expects an array of batches.');
      said(batches, 'errorWords.append.batchesNotArray', 'appendMany');
      const events = thrown(() => store.appendMany([{ streamId: 'cart-3', events: {} as never }]));
      expect(events.message).toBe("events for stream 'cart-3' must be an array.");
      said(events, 'errorWords.append.eventsNotArray', 'events', 'cart-3');
    } finally {
      store.close();
    }
  });

  it('an expectedVersion that does not hold (ConcurrencyError): a version or a named state, a stream there or not', () => {
    const store = tempStore(tempDir('last-concurrency'));
    try {
      store.append('cart-1', [{ type: 'T', data: {} }]);
      const cases: [string, number | 'no_stream' | 'stream_exists', string, string][] = [
        ['cart-1', 3, "Stream 'cart-1' was expected at version 3 but is at version 1.", 'errorWords.append.expectedVersionButAt'],
        ['cart-9', 2, "Stream 'cart-9' was expected at version 2 but does not exist.", 'errorWords.append.expectedVersionButNone'],
        ['cart-1', 'no_stream', "Stream 'cart-1' was expected at 'no_stream' but is at version 1.", 'errorWords.append.expectedStateButAt'],
        ['cart-9', 'stream_exists', "Stream 'cart-9' was expected at 'stream_exists' but does not exist.", 'errorWords.append.expectedStateButNone'],
      ];
      for (const [streamId, expectedVersion, message, key] of cases) {
        let caught: unknown;
        try {
          store.append(streamId, [{ type: 'T', data: {} }], { expectedVersion });
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(ConcurrencyError);
        const info = toErrorInfo(caught);
        expect(info).toMatchObject({ code: 'CONCURRENCY', message });
        said(info, key, streamId, String(expectedVersion));
      }
    } finally {
      store.close();
    }
  });

  it('an import whose records are invalid: the first one’s problem in its own words, inside the refusal', async () => {
    const input = path.join(dir, 'skips.ndjson');
    fs.writeFileSync(input, [{ streamId: 'a-1', type: 'T', version: 1 }, { streamId: 'a-1', type: 'T' }, { type: 'NoStream' }].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const refused = await failure(() => importEvents({ input, out: path.join(dir, 'skips.db') }));
    expect(refused.message).toBe(
      '1 of 3 records are invalid, so nothing was imported (first: line 3: streamId: missing (no field of the record is recognised as the streamId; choose its source field in the field mapping)). Fix them, map fields with --map, or pass --skip-bad to import the rest.',
    );
    expect(said(refused, 'errorWords.importRun.invalidRecords', 'streamId', '--map', '--skip-bad')).toContain('第 3 行：streamId：');
  });
});

describe('pages, cursors and tables, in the reader’s language', () => {
  const file = path.join(dir, 'tables.db');
  let reader: EventStoreReader;
  beforeAll(() => {
    const store = openStore(file, { readonly: false, create: true });
    store.append('cart-1', [{ type: 'T', data: {} }]);
    store.close();
    writeSqliteReadModel(file);
    reader = toAsyncReader(openStore(file));
  });
  afterAll(async () => {
    await reader?.close();
  });

  it('an unknown sort, a direction, a position, a cursor', async () => {
    const sort = await failure(() => reader.listStreams({ sort: 'newest' as never }));
    expect(sort.message).toBe("Unknown sort 'newest'.");
    said(sort, 'errorWords.page.unknownSort', 'newest');
    const direction = await failure(() => reader.readStream('cart-1', { direction: 'up' as never }));
    expect(direction.message).toBe("direction must be 'forward' or 'backward'.");
    said(direction, 'errorWords.page.badDirection', 'direction', 'forward', 'backward');
    const position = await failure(() => reader.getEvent(1.5));
    expect(position.message).toBe('Event position must be an integer, got 1.5.');
    said(position, 'errorWords.page.badPosition');
    const cursor = await failure(() => reader.listStreams({ sort: 'id', after: 'not-a-cursor' }));
    expect(cursor.message).toBe('The page cursor is not valid for this query; start again from the first page.');
    said(cursor, 'errorWords.page.badCursor');
    // An adapter without a per-stream table sorts in memory (streamIndex.ts).
    said(thrown(() => createStreamIndex([]).list({ sort: 'oldest' as never })), 'errorWords.page.unknownSort', 'oldest');
  });

  it('a table, its key, its columns: what exists is named', async () => {
    const key = await failure(() => reader.readTableRow!('cart_summary', 'id', 7 as never, ['status']));
    expect(key.message).toBe('The key of a table row is compared as text: give it as a string.');
    said(key, 'errorWords.table.keyNotText');
    const tables = await reader.listTables!();
    const table = tables[0]!.name;
    const none = await failure(() => reader.readTableRow!('carts', 'id', 'c-1', ['status']));
    expect(none.message).toBe(`There is no table 'carts' beside the events. Tables: ${tables.map((t) => t.name).join(', ')}.`);
    said(none, 'errorWords.table.noTable', 'carts', ...tables.map((t) => t.name));
    const noColumns = await failure(() => reader.readTableRow!(table, 'id', 'c-1', []));
    expect(noColumns.message).toBe(`Name at least one column of ${table} to read.`);
    said(noColumns, 'errorWords.table.noColumns', table);
    const columns = tables[0]!.columns.map((c) => c.name);
    const noColumn = await failure(() => reader.readTableRow!(table, 'key', 'c-1', ['status', 'colour']));
    expect(noColumn.message).toBe(`${table} has no column 'key', 'colour'. Its columns: ${columns.join(', ')}.`);
    expect(said(noColumn, 'errorWords.table.noColumn', table, 'key', 'colour', ...columns)).toContain('没有列“key”、“colour”。');

    const noTables = thrown(() => checkTableRequest([], 'carts', 'id', ['a'], 'k'));
    expect(noTables.message).toBe("There is no table 'carts': the store keeps no tables beside its events.");
    said(noTables, 'errorWords.table.noTables', 'carts');
    const many = Array.from({ length: 33 }, (_, i) => ({ name: `t${i}`, columns: [] }));
    const more = thrown(() => checkTableRequest(many as never, 'carts', 'id', ['a'], 'k'));
    expect(more.message).toBe(`There is no table 'carts' beside the events. Tables: ${many.slice(0, 30).map((t) => t.name).join(', ')}, … (3 more).`);
    expect(said(more, 'errorWords.table.noTable', 'carts', ...many.map((t) => t.name))).toContain('t29 等（另有 3 个）');
  });
});

describe('snapshots, schemas and audited files, in the reader’s language', () => {
  function walStoreAtRest(file: string): void {
    const store = openStore(file, { readonly: false, create: true });
    store.append('cart-1', [{ type: 'T', data: {} }]);
    store.close();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.close();
  }

  it('a WAL-mode file that changes on every attempt to snapshot it, and no space for the snapshot', () => {
    const file = path.join(dir, 'busy.db');
    walStoreAtRest(file);
    const realCopy = fs.copyFileSync;
    let tick = 0;
    const busy = vi.spyOn(fs, 'copyFileSync').mockImplementation((from, to, mode) => {
      realCopy(from, to, mode);
      const at = new Date(Date.UTC(2026, 0, 1) + ++tick * 1000);
      fs.utimesSync(file, at, at); // a writer checkpointing: the file is another one after each copy
    });
    try {
      const info = thrown(() => openStore(file));
      expect(info.message).toBe(`${file} changed on every attempt to take a consistent snapshot of it; a writer is busy checkpointing it. Try again when it is idle.`);
      said(info, 'errorWords.snapshot.busy', file);
    } finally {
      busy.mockRestore();
    }
    const full = vi.spyOn(fs, 'copyFileSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    try {
      const info = thrown(() => openStore(file));
      const tmp = info.message.match(/^Not enough space in (.+) for a private snapshot of /)?.[1] ?? '';
      expect(info.message).toBe(`Not enough space in ${tmp} for a private snapshot of ${file} (${fs.statSync(file).size} bytes), needed to read a WAL-mode file without writing beside it.`);
      said(info, 'errorWords.snapshot.noSpace', tmp, file, 'WAL');
    } finally {
      full.mockRestore();
    }
  });

  it('a store newer than this tool, opened to be written', () => {
    const file = path.join(dir, 'newer.db');
    openStore(file, { readonly: false, create: true }).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const info = thrown(() => openStore(file, { readonly: false }));
    expect(info.message).toBe(`This store uses schema version ${SCHEMA_VERSION + 5}, newer than this tool understands (${SCHEMA_VERSION}). Update Replay Ledger to open it.`);
    said(info, 'errorWords.schema.newer', 'Replay Ledger');
  });

  it('a schema that is not the one this tool reads: every missing table and column, ours and Emmett’s', async () => {
    const ours = path.join(dir, 'renamed.db');
    const store = openStore(ours, { readonly: false, create: true });
    store.append('cart-1', [{ type: 'T', data: {} }]);
    store.close();
    const db = new Database(ours);
    db.exec('ALTER TABLE events RENAME COLUMN recorded_at TO at; ALTER TABLE events RENAME COLUMN actor TO who; ALTER TABLE streams DROP COLUMN time_ordered; DROP TABLE event_types');
    db.close();
    const info = thrown(() => openStore(ours));
    expect(info.message).toBe(
      `${ours} looks like a Replay Ledger store but its schema is not the one this tool reads: no event_types table; table events lacks columns recorded_at, actor; table streams lacks column time_ordered.`,
    );
    const text = said(info, 'errorWords.schema.notOurs', ours, 'Replay Ledger', 'event_types', 'events', 'actor', 'recorded_at', 'streams', 'time_ordered');
    expect(text).toContain('没有 event_types 表；表 events 缺少列 recorded_at、actor；表 streams 缺少列 time_ordered');

    const emmett = path.join(dir, 'emmett-renamed.db');
    await writeEmmettFile(emmett, [['cart-1', [{ type: 'T', data: {} }]]]);
    const edit = new Database(emmett);
    edit.exec('ALTER TABLE emt_messages RENAME COLUMN message_metadata TO meta');
    edit.close();
    const viewed = thrown(() => openForViewing(emmett));
    expect(viewed.message).toBe(`${emmett} looks like an Emmett event store but its schema is not the one this tool reads: table emt_messages lacks column message_metadata.`);
    said(viewed, 'errorWords.schema.notOurs', emmett, 'Emmett', 'emt_messages', 'message_metadata');
  });

  it('a file that cannot be opened: SQLite’s own words inside ours', async () => {
    const file = path.join(dir, 'damaged-emmett.db');
    await writeEmmettFile(file, [['cart-1', [{ type: 'T', data: {} }]]]);
    const bytes = fs.readFileSync(file);
    bytes.fill(0xff, 100, 4096); // page 1 after the header: sqlite_schema is unreadable
    fs.writeFileSync(file, bytes);
    const info = thrown(() => openForViewing(file));
    expect(info.message).toMatch(new RegExp(`^Cannot open ${file.replace(/[.]/g, '\\.')}: `));
    expect(info.words?.facts.error).toMatchObject({ key: expect.stringMatching(/^errorWords\.sqlite\./) });
    const sqlite = String((info.words!.facts.error as ErrorWords).facts.error);
    said(info, 'errorWords.store.cannotOpen', file, sqlite, 'SQLite', 'SQLITE_CORRUPT', 'SQLITE_NOTADB');
  });

  it('writing where an audited store is', () => {
    const file = path.join(dir, 'audited.db');
    const info = thrown(() => assertWritableTarget(`${file}-wal`, [file]));
    expect(info.message).toBe(`Refusing to write ${file}-wal: it is ${file} (or its -wal, -shm or -journal file, or another name for one of them), which is being audited and is never written. Choose another file.`);
    said(info, 'errorWords.audited.refuseWrite', file, '-wal', '-shm', '-journal');
  });
});

describe('the background read and the import’s parse worker, in the reader’s language', () => {
  const file = path.join(dir, 'worker.db');
  beforeAll(() => {
    const store = openStore(file, { readonly: false, create: true });
    store.append('cart-1', [{ type: 'T', data: {} }]);
    store.close();
  });

  it('a background read whose thread stops, or fails, mid-read', async () => {
    for (const [stop, key, message] of [
      [(w: (typeof workers)[number]) => void w.terminate(), 'errorWords.readWorker.stoppedExit', /^The background read stopped unexpectedly \(exit code \d+\); try again\.$/],
      [(w: (typeof workers)[number]) => void w.emit('error', new Error('out of memory')), 'errorWords.readWorker.stoppedBecause', /^The background read stopped unexpectedly \(out of memory\); try again\.$/],
    ] as const) {
      const worker = createSqliteReadWorker(file);
      try {
        const before = workers.length;
        const reading = worker.run(getRow('SELECT count(*) FROM events'));
        expect(workers.length).toBe(before + 1);
        stop(workers[workers.length - 1]!);
        const info = await failure(() => reading);
        expect(info).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(message) });
        said(info, key, 'out of memory');
      } finally {
        await worker.close();
      }
    }
  });

  it('a parse worker that fails to load, or stops before the end of the file', async () => {
    const input = path.join(dir, 'worker.ndjson');
    fs.writeFileSync(input, '{"streamId":"a","type":"T"}\n');
    const drain = async (module: string) => {
      const parsed = startParseWorker({ input, format: 'ndjson', mapping: {}, now: 0 }, undefined, undefined, pathToFileURL(module));
      for await (const _ of parsed!.batches) void _;
    };
    const broken = path.join(dir, 'broken-worker.mjs');
    fs.writeFileSync(broken, "throw new Error('cannot load here');\n");
    const failed = await failure(() => drain(broken));
    expect(failed.message).toBe("The import's parse worker failed: cannot load here");
    said(failed, 'errorWords.importRun.workerFailed', 'cannot load here');
    const quiet = path.join(dir, 'quiet-worker.mjs');
    fs.writeFileSync(quiet, 'export {};\n');
    const stopped = await failure(() => drain(quiet));
    expect(stopped.message).toBe('The import’s parse worker stopped before the end of the file.');
    said(stopped, 'errorWords.importRun.workerStopped');
  });
});

describe('verify’s own checks, in the reader’s language', () => {
  const file = path.join(dir, 'verified.db');
  beforeAll(() => {
    const store = openStore(file, { readonly: false, create: true });
    store.append('cart-1', [{ type: 'T', data: {} }]);
    store.close();
  });

  it('an expected head that is not one, a position that is not one', async () => {
    const head = await failure(() => verify(file, { expectHead: 'cafe' }));
    expect(head.message).toBe('An expected chain head is 64 hexadecimal characters (a sha256), got "cafe".');
    said(head, 'errorWords.verify.badHead', 'sha256', 'cafe');
    const position = await failure(() => verify(file, { expectHead: { hash: HEX, position: -1 } }));
    expect(position.message).toBe("The expected head's position must be a non-negative integer, got -1.");
    said(position, 'errorWords.verify.badHeadPosition');
  });

  it('a store with no chain to compare a head with, or to verify, and one that is not open', async () => {
    const emmett = path.join(dir, 'chainless.db');
    await writeEmmettFile(emmett, [['cart-1', [{ type: 'T', data: {} }]]]);
    const chainless = await failure(() => verify(emmett, { expectHead: HEX }));
    expect(chainless.message).toBe(`${emmett} is Emmett SQLite event store (read-only adapter, WAL-mode file read from a private snapshot): it keeps no hash chain, so there is no chain head to compare with ${HEX}.`);
    expect(said(chainless, 'errorWords.verify.noChainToCompare', emmett, HEX, 'Emmett SQLite', 'WAL')).toContain('只读适配器');

    // A reader that claims a chain but holds no SQLite connection (not one of ours).
    const info: StoreInfo = { path: '/stores/elsewhere.db', format: 'ledger', adapter: 'Another store', readonly: true, sizeBytes: 0, hasIntegrityChain: true };
    const notOpen = await failure(() => verify({ info } as never));
    expect(notOpen).toMatchObject({ code: 'NO_STORE_OPEN', message: '/stores/elsewhere.db is not open.' });
    said(notOpen, 'errorWords.verify.notOpen', '/stores/elsewhere.db');
    // One whose chain is gone by the time it is walked.
    let asked = 0;
    const fading = { ...info, get hasIntegrityChain() { return asked++ === 0; } };
    const noChain = await failure(() => verify({ info: fading } as never));
    expect(noChain.message).toBe('/stores/elsewhere.db is Another store: it has no hash chain to verify.');
    said(noChain, 'errorWords.verify.noChain', '/stores/elsewhere.db', 'Another store');
  });
});

describe('an import’s preview, lines, mappings and sources, in the reader’s language', () => {
  it('a preview that finds no record in its time or its bytes, and a line too long', async () => {
    const blank = path.join(dir, 'blank.ndjson');
    fs.writeFileSync(blank, '\n'.repeat(16 * 1024 * 1024));
    const slow = await failure(() => previewImport(blank, { timeLimitMs: 0 }));
    expect(slow.message).toBe(`Previewing ${blank} took longer than 0 s without a record; is the file on a slow or stalled disk?`);
    said(slow, 'errorWords.importRun.previewSlow', blank);
    const budget = await failure(() => previewImport(blank, { byteBudget: 1024 * 1024 }));
    expect(budget.message).toBe(`The first 1 MB of ${blank} hold no record to preview.`);
    said(budget, 'errorWords.importRun.previewNoRecord', blank, 'MB');
    const small = await failure(() => previewImport(blank, { byteBudget: 100 }));
    expect(small.message).toBe(`The first 100 bytes of ${blank} hold no record to preview.`);
    expect(said(small, 'errorWords.importRun.previewNoRecord', blank)).toContain('前 100 字节');
    fs.rmSync(blank);

    const long = path.join(dir, 'long.ndjson');
    fs.writeFileSync(long, `{"streamId":"a","type":"T","data":{"x":"${'x'.repeat(5000)}"}}\n`);
    const line = await failure(() => previewImport(long, { maxRecordBytes: 4096 }));
    expect(line.message).toBe('Line 1 is longer than the 4 KB limit for one record; is this really an NDJSON file?');
    said(line, 'errorWords.importRun.lineTooLong', 'KB', 'NDJSON');
  });

  it('a field mapping that is not one, and --table/--map with a file', async () => {
    const mapping = thrown(() => parseMappingArgs(['stream']));
    expect(mapping.message).toBe("Mapping 'stream' must be target=sourceField with target one of streamId, type, data, metadata, version, eventId, time, actor, correlationId, causationId.");
    const targets = ['streamId', 'type', 'data', 'metadata', 'version', 'eventId', 'time', 'actor', 'correlationId', 'causationId'];
    expect(said(mapping, 'errorWords.importRun.badMapping', 'stream', 'target=sourceField', 'target', ...targets)).toContain('streamId、type、data');

    const file = path.join(dir, 'tables.db');
    const copy = await failure(() => openCopySource({ input: file, table: 'audit.events' }));
    expect(copy.message).toBe('--table and its --map name columns of a PostgreSQL table; give a postgres:// URL with them, not a file.');
    said(copy, 'errorWords.importRun.tableNeedsUrl', '--table', '--map', 'PostgreSQL', 'postgres://', 'URL');
    const open = await failure(() => openStoreTarget(file, { map: ['streamId=id'] }));
    expect(open.message).toBe('--table and --map name columns of a PostgreSQL table; give a postgres:// URL with them, not a file.');
    said(open, 'errorWords.importRun.tableNeedsUrlToOpen', '--table', '--map', 'PostgreSQL', 'postgres://', 'URL');
  });

  it('a verified copy of a store that breaks a native store’s rules is refused whole', async () => {
    const file = path.join(dir, 'gap.db');
    await writeEmmettFile(file, [['cart-1', [{ type: 'A', data: {} }, { type: 'B', data: {} }, { type: 'C', data: {} }]]]);
    const db = new Database(file);
    db.exec('DELETE FROM emt_messages WHERE stream_position = 2');
    db.close();
    const info = await failure(() => importEvents({ input: file, format: 'store', out: path.join(dir, 'gap-copy.db') }));
    expect(info.message).toMatch(
      /^1 of 2 events of .+gap\.db cannot be copied as they are, so no copy was made \(first: position \d+: version: 3 for stream 'cart-1' skips ahead; expected 2 \(versions must be consecutive in file order\)\)\. A verified copy keeps every event as the store holds it; run the store's checks \(ledger verify, or "Check what can be checked"\) to see what is wrong with it\.$/,
    );
    const text = said(info, 'errorWords.importRun.copyRefused', file, 'cart-1', 'version', 'ledger verify');
    expect(text).toContain('“执行可进行的检查”');
  });
});

describe('the demo, a bundle, an export, masking and projections, in the reader’s language', () => {
  it('the demo generator’s options', () => {
    const store = tempStore(tempDir('last-demo'));
    try {
      const negative = thrown(() => generateDemo(store, { streams: -1 }));
      expect(negative.message).toBe('streams must be an integer >= 0, got -1.');
      said(negative, 'errorWords.demo.badInteger', 'streams');
      const few = thrown(() => generateDemo(store, { streams: 10, events: 3, longStreams: 0 }));
      expect(few.message).toMatch(/^10 streams need at least \d+ events; --events is 3\.$/);
      said(few, 'errorWords.demo.tooFewEvents', '--events');
      const time = thrown(() => generateDemo(store, { start: 'yesterday' }));
      expect(time.message).toBe('start must be a valid time and spanDays positive.');
      said(time, 'errorWords.demo.badTime', 'start', 'spanDays');
    } finally {
      store.close();
    }
    const target = path.join(dir, 'demo-exists.db');
    fs.writeFileSync(target, '');
    const exists = thrown(() => writeDemoStore(target));
    expect(exists.message).toBe(`${target} already exists; pass --force to replace it.`);
    said(exists, 'errorWords.demo.exists', target, '--force');
  });

  it('a bundle with no file, or files in two folders; an export format that is not one', async () => {
    const reader = toAsyncReader(openStore(path.join(dir, 'verified.db')));
    try {
      const none = await failure(() => sealBundle(reader, { files: [] } as never));
      expect(none.message).toBe('A bundle needs at least one file.');
      said(none, 'errorWords.bundle.noFiles');
      const a = path.join(dir, 'a', 'events.ndjson');
      const b = path.join(dir, 'b', 'activity.json');
      const two = await failure(() => sealBundle(reader, { files: [{ path: a }, { path: b }] } as never));
      expect(two.message).toBe(`Every file of a bundle is in one folder; ${b} is not in ${path.dirname(a)}.`);
      said(two, 'errorWords.bundle.oneFolder', b, path.dirname(a));
      const format = await failure(() => exportEvents(reader, { scope: { kind: 'all' }, format: 'xml' as never, out: path.join(dir, 'x.xml') }));
      expect(format.message).toBe("Unknown export format 'xml'; use ndjson, json, csv.");
      expect(said(format, 'errorWords.export.unknownFormat', 'xml', 'ndjson', 'json', 'csv')).toContain('ndjson、json、csv');
    } finally {
      await reader.close();
    }
  });

  it('a masking secret too short, a bundle id that is not one', () => {
    const short = thrown(() => createMasker({ rules: [], secret: Buffer.alloc(8) }));
    expect(short.message).toBe('A masking secret must be at least 32 bytes.');
    said(short, 'errorWords.mask.secretTooShort');
    const id = thrown(() => createBundleSecret(tempDir('last-secret'), '../escape'));
    expect(id.message).toBe("A bundle id may hold letters, digits, '.', '_' and '-' only, got '../escape'.");
    said(id, 'errorWords.mask.badBundleId', '../escape', 'ID');
  });

  it('a projection reloaded or unloaded while a replay ran', async () => {
    const loaded = await loadSandboxedModule('/folder/gone.projection.js', 'export default { name: "gone", version: 1, initialState: 0, evolve: (s) => s + 1 };', { callTimeoutMs: 500, memoryMb: 64 });
    const projection = loaded.projection!;
    await projection.dispose!();
    const event = { position: 1, version: 1, type: 'E', data: {}, metadata: null, recordedAtMs: 0, actor: null };
    const info = await failure(() => projection.evolveChunk!(0, [event], { streamId: 's', keepStates: false }));
    expect(info).toMatchObject({ code: 'CANCELLED', message: "The projection 'gone' was reloaded or unloaded while this replay ran; ask again." });
    said(info, 'errorWords.projection.reloaded', 'gone');
  });

  it('anything else thrown: the inner text as written', () => {
    const info = toErrorInfo(new TypeError('Cannot read properties of undefined'));
    expect(info).toMatchObject({ code: 'INTERNAL', message: 'Unexpected error: Cannot read properties of undefined' });
    said(info, 'errorWords.internal.unexpected', 'Cannot read properties of undefined');
    said(toErrorInfo('a thrown string'), 'errorWords.internal.unexpected', 'a thrown string');
  });
});

describe('a PostgreSQL session’s options, offline', () => {
  it('a statement timeout that is not one', async () => {
    const info = await failure(() => connectPg(parsePgTarget('postgres://auditor@127.0.0.1:1/shop')!, { statementTimeoutMs: -5 }));
    expect(info.message).toBe('Not a valid statement timeout: -5.');
    said(info, 'errorWords.pgOption.badStatementTimeout');
  });
});

describePg('PostgreSQL’s reader, streams and session, in the reader’s language', (pgx) => {
  let url = '';
  let reader: EventStoreReader;
  beforeAll(async () => {
    url = await pgx.database('error_words_last');
    await createMartenSchema(url);
    await appendMarten(url, {}, [{ streamId: 'cart-1', events: [{ type: 'T', data: {} }] as never }]);
    reader = await openMarten(url);
  }, 60_000);
  afterAll(async () => {
    await reader?.close();
  });

  it('an unknown sort, a direction, a position', async () => {
    said(await failure(() => reader.listStreams({ sort: 'newest' as never })), 'errorWords.page.unknownSort', 'newest');
    said(await failure(() => reader.readStream('cart-1', { direction: 'up' as never })), 'errorWords.page.badDirection', 'direction', 'forward', 'backward');
    const position = await failure(() => reader.getEvent(2.5));
    expect(position.message).toBe('Event position must be an integer, got 2.5.');
    said(position, 'errorWords.page.badPosition');
  });

  it('a chunk size that is not one', async () => {
    const session = await connectTest(url);
    try {
      const info = await failure(async () => {
        for await (const _ of session.cursor('SELECT 1', [], { chunkSize: 0 } as never)) void _;
      });
      expect(info.message).toBe('Not a valid chunk size: 0.');
      said(info, 'errorWords.pgOption.badChunkSize');
    } finally {
      await session.close();
    }
  });
});
