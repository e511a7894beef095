// Imports NDJSON, a JSON array, CSV, or another store's events into a NEW store of the user's
// (never into an existing or audited file). Streaming with constant memory (per event; per-stream
// version counters are O(streams)), hash chain computed as events are appended, progress and
// cancel. All or nothing: events go to a temporary file renamed into place only when the import
// succeeds; with skipBad, bad records are skipped and listed in a report saved beside the store.
// A VERIFIED COPY is the 'store' format: the events of another store — a file, a database URL, or
// the store already open in the app (`source`) — copied in their read order into a native store
// whose hash chain is computed as they land; the copy's chain head is the evidence (see copySource.ts).
import fs from 'node:fs';
import path from 'node:path';
import { CancelledError, ConcurrencyError, LedgerError, toErrorInfo } from '../errors.ts';
import type { EventStore, EventStoreReader } from '../store/eventStore.ts';
import { createAppend, type PreparedBatch } from '../store/append.ts';
import { sqliteHandleOf } from '../store/sqliteHandle.ts';
import { toHex } from '../store/hashChain.ts';
import { openStore } from '../store/openStore.ts';
import { assertWritableTarget } from '../store/auditedFiles.ts';
import type { Mapping, Target } from './fieldMapping.ts';
import { inputSize } from './inputFile.ts';
import { createRecordPipeline } from './recordPipeline.ts';
import { startParseWorker, type ParsedBatch, type ParsedStream } from './parsedRecords.ts';
import type { ParseTask } from './parsedChunks.ts';
import { csvRecords, detectImportFormat, jsonArrayRecords, ndjsonRecords, storeRecords, type ImportFormat, type SourceRecord } from './sources.ts';
import { openCopySource, type CopySource } from './copySource.ts';
import { isPgUrl } from '../adapters/postgres/target.ts';
import { englishError, words, type ErrorWords } from '../../shared/errorWords/index.ts';
import { cannotWrite } from '../fileErrors.ts';

export interface ImportOptions {
  /** A file, or (format 'store') a postgres:// URL; with `source`, only named in the report. */
  input: string;
  out: string;
  /** An already-open store to copy (the app's open store); it is read, never closed. */
  source?: EventStoreReader;
  /** For a database URL: the events table (`schema.table`) and its column mapping (`target=column`). */
  table?: string;
  tableMap?: string[];
  format?: ImportFormat;
  mapping?: Mapping;
  skipBad?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number; events: number }) => void;
  /** How many bad records are listed (all are counted). Default 1000. */
  maxListed?: number;
  /** Parse files, and read and parse copies (but of an open `source`), on a worker thread where one can start (default true); false does it on this thread. */
  parseOnWorker?: boolean;
  /** Told the private folder the new store is built in, once made (the import thread tells its caller). */
  onWorkDir?: (dir: string) => void;
}

export interface BadRecord {
  line: number;
  field: Target | null;
  message: string;
  /** The message's words, for readers in another language (shared/errorWords). */
  words?: ErrorWords;
}

export interface ImportReport {
  input: string;
  out: string;
  format: ImportFormat;
  mapping: Mapping;
  records: number;
  events: number;
  duplicates: number;
  streams: number;
  skipped: BadRecord[];
  skippedCount: number;
  /** Records without a time, recorded at the time of the import. */
  timeDefaulted: number;
  /** Streams whose first version was not 1 (e.g. EventStoreDB's 0-based eventNumber), renumbered from 1. */
  renumberedStreams: number;
  /**
   * A verified copy keeps the viewer's 1-based versions. Where the source numbers a stream's events
   * differently (Message DB's 0-based positions), this says how: the source's number is the copy's
   * version plus `offset`. Null when they are the same (or the input is not a store).
   */
  sourceVersions: { offset: number; note: string } | null;
  chainHead: string | null;
  seconds: number;
  reportPath: string | null;
  /** The new store file's size, and that per event (null for an empty store). */
  storeBytes: number;
  bytesPerEvent: number | null;
}

/**
 * Records per write transaction. Bigger transactions rewrite each stream's summary row less often
 * (a stream has few events in any window, so hardly less), but hold their records until the
 * commit, long enough to be promoted out of V8's young generation: on a 300k-event import the heap
 * reserved ~160 MB at 2,000 and ~90 MB at 1,000 (peak RSS 388 -> 334 MB).
 */
const BATCH = 1000;

interface Pending {
  line: number;
  batch: PreparedBatch;
}

export async function importEvents(options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const out = path.resolve(options.out);
  const named = options.source ? (options.source.info.kind === 'postgres' ? null : options.source.info.path) : isPgUrl(options.input) ? null : options.input;
  if (named !== null && path.resolve(named) === out) throw new LedgerError('INVALID_INPUT', words('errorWords.import.targetIsInput', {}));
  refuseExisting(out);
  refuseExisting(reportPathFor(out));
  const maxListed = options.maxListed ?? 1000;

  // A store to copy (a file, a database, the open store) or a file of records.
  let copy: CopySource | null = null;
  let input: string;
  let format: ImportFormat;
  let makeSource: () => AsyncIterable<SourceRecord>;
  let total: number;
  let protectedInputs: string[];
  /** What the parse worker opens to read a copy: as openCopySource opened it. */
  let copyTarget: string | null = null;
  if (options.source || options.format === 'store' || options.table !== undefined || isPgUrl(options.input)) {
    copy = await openCopySource(options);
    copyTarget = isPgUrl(options.input) ? options.input : path.resolve(options.input);
    input = copy.name;
    format = 'store';
    protectedInputs = copy.file ? [copy.file] : [];
  } else {
    input = path.resolve(options.input);
    format = options.format ?? detectImportFormat(input);
    protectedInputs = [input];
    if (format === 'store') {
      copy = await openCopySource({ ...options, input });
      copyTarget = input;
      input = copy.name;
    }
  }
  try {
    if (copy?.file === out || input === out) throw new LedgerError('INVALID_INPUT', words('errorWords.import.targetIsInput', {}));
    assertWritableTarget(out, protectedInputs);
    if (copy) {
      // Progress counts events (a database's positions have gaps: lastPosition would not do).
      total = await copy.reader.countEvents({ kind: 'all' }, { signal: options.signal });
      const reader = copy.reader;
      makeSource = () => storeRecords(reader, { signal: options.signal });
    } else {
      total = inputSize(input);
      const file = input;
      makeSource = () => (format === 'csv' ? csvRecords(file) : format === 'json' ? jsonArrayRecords(file) : ndjsonRecords(file));
    }
  } catch (error) {
    await copy?.release();
    throw error;
  }

  // The new store is built in a private folder beside the target (mkdtemp: random, exclusive,
  // 0700), so no planted file or link can be written through, and published without replacing.
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const workDir = fs.mkdtempSync(path.join(path.dirname(out), `.${path.basename(out)}.importing-`));
  const temp = path.join(workDir, 'store.db');
  const removeTemp = () => fs.rmSync(workDir, { recursive: true, force: true });
  options.onWorkDir?.(workDir);
  let store: EventStore;
  try {
    store = openStore(temp, { readonly: false, create: true, bulkLoad: true });
  } catch (error) {
    removeTemp();
    await copy?.release();
    throw error;
  }

  const mapping = options.mapping ?? {};
  const now = Date.now();
  const skipped: BadRecord[] = [];
  let skippedCount = 0;
  let records = 0;
  let events = 0;
  let duplicates = 0;
  let timeDefaulted = 0;
  let renumbered = 0;
  let pending: Pending[] = [];
  const bad = (line: number, field: Target | null, message: string, said?: ErrorWords) => {
    skippedCount++;
    if (skipped.length < maxListed) skipped.push({ line, field, message, ...(said ? { words: said } : {}) });
  };
  const writing = () => options.skipBad || skippedCount === 0;

  // Records are validated and encoded once (recordToEvent) and written through the append path's
  // prepared entry: the same checks, chain and summaries as appendMany, without encoding twice.
  // openStore registers the connection of every store it opens, and this one was just opened.
  const db = sqliteHandleOf(store)!;
  const writer = createAppend(db);
  const append = (items: Pending[]) => {
    const results = writer.appendPrepared(items.map((p) => p.batch));
    for (const r of results) {
      events += r.appended;
      duplicates += r.duplicates;
    }
  };
  const flush = () => {
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    try {
      append(items);
    } catch {
      // Pin the failing records: one transaction each (the failed batch was rolled back whole).
      for (const item of items) {
        try {
          append([item]);
        } catch (error) {
          const info = toErrorInfo(error);
          bad(item.line, error instanceof ConcurrencyError ? 'version' : info.code === 'DUPLICATE_EVENT_ID' ? 'eventId' : null, info.message, info.words);
        }
      }
    }
  };

  try {
    // Files are parsed on a worker thread where one can run (parsedRecords.ts); a store being copied
    // is read here (it may be the app's open store or a database connection).
    const pipelineOptions = { mapping, textual: format === 'csv', now };
    const here = () => parseHere(makeSource(), createRecordPipeline(pipelineOptions));
    // A copy of a file or a database is read there too, through the worker's own reader; the app's
    // open store (options.source) is read here, through its connection.
    const task: ParseTask | null = copy
      ? options.source ? null : { input: copyTarget!, format: 'store', mapping, now, table: options.table, tableMap: options.tableMap }
      : { input, format, mapping, now };
    const parsed: ParsedStream = (task && options.parseOnWorker !== false ? startParseWorker(task, options.signal, here) : null) ?? here();
    let reported = 0;
    for await (const batch of parsed.batches) {
      if (options.signal?.aborted) throw new CancelledError(copy ? 'The copy' : 'Import');
      for (const outcome of batch.outcomes) {
        if (outcome.kind === 'bad') bad(outcome.line, outcome.field, outcome.message, outcome.words);
        else if (writing()) pending.push({ line: outcome.line, batch: { streamId: outcome.streamId, expected: outcome.expected, events: [outcome.event] } });
        if (pending.length >= BATCH) flush();
      }
      if (batch.records - reported >= 5000) {
        reported = batch.records;
        options.onProgress?.({ done: copy ? batch.records : Math.min(batch.bytes, total), total, events });
      }
    }
    ({ records, timeDefaulted, renumberedStreams: renumbered } = parsed.counts());
    if (writing()) flush();
    if (options.signal?.aborted) throw new CancelledError(copy ? 'The copy' : 'Import');
    if (skippedCount > 0 && !options.skipBad) {
      const first = skipped[0];
      // The first record's problem in its words when they still say it; counts as main has always written them.
      const problem = first.words && englishError(first.words) === first.message ? first.words : first.message;
      const counts = { bad: skippedCount.toLocaleString('en-US'), records: records.toLocaleString('en-US') };
      // A verified copy never renumbers or drops an event: a store that breaks the rules of a native
      // one (a gap in a stream's versions) is refused whole, and its checks say what is wrong.
      if (copy) {
        throw new LedgerError(
          'BAD_DATA',
          words('errorWords.importRun.copyRefused', { ...counts, path: input, position: first.line, problem }),
          { badRecords: skipped.slice(0, 100), badCount: skippedCount, records },
        );
      }
      throw new LedgerError(
        'BAD_DATA',
        words('errorWords.importRun.invalidRecords', { ...counts, line: first.line, problem }),
        { badRecords: skipped.slice(0, 100), badCount: skippedCount, records },
      );
    }
    // The head row, not stats(): during a bulk load the time index is not built yet, and stats'
    // min/max of recorded_at would scan the whole table (twice).
    const head = db.prepare('SELECT last_position, head_hash, stream_count FROM ledger_head WHERE id = 1').get() as { last_position: number; head_hash: Buffer; stream_count: number };
    const chainHead = head.last_position > 0 ? toHex(head.head_hash) : null;
    const streamCount = head.stream_count;
    store.close();
    const report: ImportReport = {
      input,
      out,
      format,
      mapping,
      records,
      events,
      duplicates,
      streams: streamCount,
      skipped,
      skippedCount,
      timeDefaulted,
      renumberedStreams: renumbered,
      sourceVersions: copy?.sourceVersions ?? null,
      chainHead,
      seconds: (performance.now() - started) / 1000,
      reportPath: null,
      storeBytes: fs.statSync(temp).size,
      bytesPerEvent: null,
    };
    report.bytesPerEvent = events > 0 ? Math.round(report.storeBytes / events) : null;
    if (skippedCount > 0) report.reportPath = reportPathFor(out);
    publishImport(temp, out, report, protectedInputs);
    removeTemp();
    options.onProgress?.({ done: copy ? records : total, total, events });
    return report;
  } catch (error) {
    store.close();
    removeTemp();
    // The reader says which read it stopped; the user stopped a copy or an import.
    if (error instanceof LedgerError && error.code === 'CANCELLED') throw new CancelledError(copy ? 'The copy' : 'Import');
    throw error;
  } finally {
    await copy?.release();
  }
}

/** The pipeline on this thread, in batches like the worker's. */
function parseHere(source: AsyncIterable<SourceRecord>, pipeline: ReturnType<typeof createRecordPipeline>): ParsedStream {
  async function* batches(): AsyncIterable<ParsedBatch> {
    let outcomes = [];
    let bytes = 0;
    for await (const item of source) {
      outcomes.push(pipeline.process(item));
      bytes = item.bytes;
      if (outcomes.length >= 1000) {
        yield { outcomes, bytes, records: pipeline.counts.records };
        outcomes = [];
      }
    }
    if (outcomes.length > 0) yield { outcomes, bytes, records: pipeline.counts.records };
  }
  return { batches: batches(), counts: () => pipeline.counts };
}

const reportPathFor = (out: string) => `${out}.import-report.json`;

/** lstat, not exists: a dangling symlink at the target is something there too. */
function refuseExisting(file: string): void {
  let there = true;
  try {
    fs.lstatSync(file);
  } catch {
    there = false;
  }
  if (there) throw new LedgerError('INVALID_INPUT', words('errorWords.import.targetExists', { path: file }), { path: file });
}

/**
 * Puts the finished store (and its report) at their names without ever replacing a file: the
 * report is created exclusively, the store is hard-linked into place (link fails on an existing
 * name, even one that appeared while the import ran) or, where the file system has no hard links,
 * copied with COPYFILE_EXCL. Nothing is left half-published.
 */
function publishImport(temp: string, out: string, report: ImportReport, inputs: string[]): void {
  assertWritableTarget(out, inputs);
  if (report.reportPath) {
    try {
      fs.writeFileSync(report.reportPath, JSON.stringify(report, null, 2) + '\n', { flag: 'wx' });
    } catch (error) {
      throw publishError(report.reportPath, error);
    }
  }
  try {
    try {
      fs.linkSync(temp, out);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EOPNOTSUPP') throw error;
      fs.copyFileSync(temp, out, fs.constants.COPYFILE_EXCL);
    }
  } catch (error) {
    if (report.reportPath) fs.rmSync(report.reportPath, { force: true });
    throw publishError(out, error);
  }
}

function publishError(file: string, error: unknown): LedgerError {
  if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
    return new LedgerError('IO_ERROR', words('errorWords.import.targetAppeared', { path: file }), { path: file });
  }
  return cannotWrite(file, error);
}
