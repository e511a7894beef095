// verify(store): proves a native store's history is what its append path recorded, or says exactly
// where and how it is not. Passes, all keyset-paged with event-loop yields and cancellation:
//   schema → chain (hashes, links, derived columns, type tallies) → stream versions and the streams
//   table → event_types → ledger_head and an expected head; SQLite's integrity_check and the
//   index-vs-table pass run meanwhile on worker threads, and the stream pass beside the chain walk,
//   so no long synchronous read holds the thread that answers the UI. All passes read inside one read transaction, so they see one state of the
//   file even if a writer appends meanwhile (in WAL mode it is not blocked; in rollback mode it waits).
import type Database from 'better-sqlite3';
import { words } from '../../shared/errorWords/index.ts';
import type { VerifyFinding, VerifyFindingKind, VerifyPhase, VerifyProgress, VerifyReport } from '../../shared/verify.ts';
import { LedgerError } from '../errors.ts';
import type { EventStoreReader, LocalStoreReader } from '../store/eventStore.ts';
import { openStore } from '../store/openStore.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import { openStoreTarget } from '../adapters/openStoreTarget.ts';
import { verifyWithoutChain } from './verifyReader.ts';
import { sqliteHandleOf } from '../store/sqliteHandle.ts';
import os from 'node:os';
import { walkChain, type ChainWalkResult, type ParallelWalk } from './chainWalk.ts';
import { createFindingSink, MAX_FINDINGS, type FindingSink } from './findings.ts';
import { checkExpectedHead, checkLedgerHead, type HeadRow } from './headChecks.ts';
import { startCheck, startIndexCheck, type IndexCheckRun } from './offThreadChecks.ts';
import { integrityCheck, integrityCheckInline, type IntegrityMode, type IntegrityResult } from './integrityCheck.ts';
import { said } from './said.ts';
import { checkSchema } from './schemaCheck.ts';
import { checkStreams } from './streamChecks.ts';
import { checkEventTypes, createTypeTallies, type TypeTallies } from './typeChecks.ts';
import { checkTypeHours, createHourTallies, hasTypeHours } from './typeHourChecks.ts';
import { createPause, hex, isCorruption, type WalkContext } from './walkContext.ts';

export interface VerifyOptions {
  signal?: AbortSignal;
  onProgress?: (progress: VerifyProgress) => void;
  /** A chain head recorded earlier (hex), optionally with the position it was recorded at. */
  expectHead?: string | { hash: string; position?: number | null };
  /** Where PRAGMA integrity_check runs; 'worker' (default) keeps the event loop free. 'skip' also skips the index-vs-table pass. */
  integrityCheck?: IntegrityMode;
  /**
   * Hashing workers for the chain walk (parallelChain.ts): by default as many as the machine has
   * cores (up to 4) for a store file of PARALLEL_MIN_EVENTS events or more, else none; 0 hashes
   * every row on this thread. The findings are the same either way.
   */
  chainWorkers?: number;
  /** Positions per range handed to a hashing worker (tests use small ranges to put breaks at range joins). */
  chainRangeRows?: number;
  /** Rows the chain classifier holds to resolve links (tests use a small one to cross it in small stores). */
  chainWindow?: number;
  /** Told how the chain walk went (tests: whether workers answered). */
  onChainWalk?: (walk: ChainWalkResult) => void;
  /**
   * Whether the index-vs-table pass runs on a worker thread (offThreadChecks.ts; default true):
   * seconds of synchronous SQL on a big store. The findings are the same either way.
   */
  checkWorker?: boolean;
  /** Told on which thread the index-vs-table pass ran (tests). */
  onIndexCheck?: (thread: 'worker' | 'main') => void;
}

/** Below this many events the workers' start-up costs more than they save. */
export const PARALLEL_MIN_EVENTS = 50_000;
const RANGE_ROWS = 16_384;

/** The hashing workers a walk gets, or undefined for none. */
function parallelWalk(db: Database.Database, first: number | null, last: number, options: VerifyOptions): ParallelWalk | undefined {
  const file = db.name;
  if (first === null || !file || db.memory || file === ':memory:') return undefined;
  const workers = options.chainWorkers ?? (last - first + 1 >= PARALLEL_MIN_EVENTS ? Math.min(4, os.availableParallelism()) : 0);
  if (!Number.isSafeInteger(workers) || workers <= 0) return undefined;
  return { file, workers, rangeRows: Math.max(1, options.chainRangeRows ?? RANGE_ROWS), first, last };
}

function parseExpected(input: VerifyOptions['expectHead']): { hash: string; position: number | null } | null {
  if (input === undefined) return null;
  const hash = (typeof input === 'string' ? input : input?.hash)?.trim().toLowerCase();
  const position = typeof input === 'object' && input !== null ? (input.position ?? null) : null;
  if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.verify.badHead', { value: String(JSON.stringify(typeof input === 'string' ? input : hash)) }));
  }
  if (position !== null && (!Number.isSafeInteger(position) || position < 0)) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.verify.badHeadPosition', { position: String(position) }));
  }
  return { hash, position };
}

function chainless(store: EventStoreReader, expected: { hash: string } | null, options: VerifyOptions): Promise<VerifyReport> {
  if (expected) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.verify.noChainToCompare', { path: store.info.path, adapter: store.info.adapterWords ?? store.info.adapter, hash: expected.hash }), {
      path: store.info.path,
    });
  }
  return verifyWithoutChain(store, { signal: options.signal, onProgress: options.onProgress });
}

/** Verifies a store (an open one, or a file or database opened read-only for the duration). */
export async function verify(target: EventStoreReader | LocalStoreReader | string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const expected = parseExpected(options.expectHead);
  // Stores without a chain (Emmett files, databases) get the checks the reader contract allows.
  if (typeof target === 'string') {
    const viewed = await openStoreTarget(target);
    if (!viewed.info.hasIntegrityChain) {
      try {
        return await chainless(viewed, expected, options);
      } finally {
        await viewed.close();
      }
    }
    await viewed.close();
  } else if (!target.info.hasIntegrityChain) {
    return chainless('changeToken' in target ? target : toAsyncReader(target), expected, options);
  }
  // A writable store's connection may append mid-walk; verify a read-only view of the file instead.
  const own = typeof target === 'string' || !target.info.readonly ? openStore(typeof target === 'string' ? target : target.info.path) : null;
  const store: EventStoreReader | LocalStoreReader = own ?? (target as EventStoreReader | LocalStoreReader);
  try {
    if (!store.info.hasIntegrityChain) {
      throw new LedgerError('INVALID_INPUT', words('errorWords.verify.noChain', { path: store.info.path, adapter: store.info.adapterWords ?? store.info.adapter }), { path: store.info.path });
    }
    const db = sqliteHandleOf(store);
    if (!db) throw new LedgerError('NO_STORE_OPEN', words('errorWords.verify.notOpen', { path: store.info.path }), { path: store.info.path });
    return await verifyDatabase(db, store.info.path, expected, options);
  } finally {
    own?.close();
  }
}

async function verifyDatabase(
  db: Database.Database,
  path: string,
  expected: { hash: string; position: number | null } | null,
  options: VerifyOptions,
): Promise<VerifyReport> {
  const started = Date.now();
  const sink = createFindingSink();
  const pause = createPause(options.signal);
  if (options.signal?.aborted) await pause();

  const mode = options.integrityCheck ?? 'worker';
  let integrityPromise: Promise<IntegrityResult> | null = null;
  let indexRun: IndexCheckRun | null = null;
  let beside: StreamsBeside | null = null;
  const ownTransaction = !db.inTransaction;
  if (ownTransaction) db.exec('BEGIN');
  try {
    const [minPosition, maxPosition] = (db.prepare('SELECT (SELECT min(position) FROM events), coalesce((SELECT max(position) FROM events), 0)').raw(true).get() as [number | null, number]) ?? [null, 0];
    const streamRows = db.prepare('SELECT count(*) FROM streams').pluck().get() as number;
    const total = maxPosition * 2 + streamRows + 1;
    let done = 0;
    let phase: VerifyPhase = 'chain';
    const report = () => options.onProgress?.({ phase, done: Math.min(done, total), total });
    const ctx: WalkContext = { db, sink, tick: (units) => ((done += units), report()), pause };
    report();

    const schema = checkSchema(db, sink);
    if (mode === 'worker') {
      integrityPromise = integrityCheck(db, options.signal);
      integrityPromise.catch(() => {}); // awaited below; a cancel mid-walk must not leave it unhandled
    }

    const head = readHead(db);
    let walk: ChainWalkResult | null = null;
    let streams: number | null = null;
    let divergentIndexes = new Set<string>();
    if (schema.usable) {
      const typeTallies = createTypeTallies();
      // Schema 2 stores also keep per-type hourly counts (the timeline's histogram): tallied in the same walk.
      const hourTallies = hasTypeHours(ctx) ? createHourTallies() : null;
      const tallies: TypeTallies = hourTallies
        ? {
            add: (type, recordedAt) => {
              typeTallies.add(type, recordedAt);
              hourTallies.add(type, recordedAt);
            },
            get complete() {
              return typeTallies.complete;
            },
            get: (type) => typeTallies.get(type),
            entries: () => typeTallies.entries(),
          }
        : typeTallies;
      // The stream pass reads other columns than the walk and needs its findings only to attach a
      // version gap to a deletion the walk found: it runs beside the walk (the main thread mostly
      // waits for hashing workers then), and its findings are kept when the walk left nothing to
      // attach to, else it runs again after the walk.
      beside = schema.streamIndex ? streamsBesideWalk(ctx) : null;
      walk = await walkChain(
        ctx,
        { recorded: head?.headHash ?? null, expected: expected?.hash ?? null, expectedPosition: expected?.position ?? null },
        tallies,
        parallelWalk(db, minPosition, maxPosition, options),
        options.chainWindow,
      );
      options.onChainWalk?.(walk);
      if (walk.stoppedAt === null) {
        // Structural, like integrity_check (~5 s per 1.1M events measured): skipped with it. It runs
        // on a worker beside the passes below; its findings join the report where they always did.
        if (mode !== 'skip') {
          indexRun = startIndexCheck(db, { worker: options.checkWorker, signal: options.signal });
          options.onIndexCheck?.(indexRun.thread);
        }
        phase = 'streams';
        if (schema.streamIndex) {
          const early = beside ? await beside.settled() : null;
          if (early && !hasChainEvidence(sink)) {
            for (const finding of early.findings) sink.add(finding);
            for (const [kind, n] of early.unkept) sink.countUnkept(kind, n);
            ctx.tick(early.units);
            streams = early.streams;
          } else streams = await guard(sink, () => checkStreams(ctx)).then((r) => r?.streams ?? null);
        }
        phase = 'types';
        await guard(sink, () => checkEventTypes(ctx, typeTallies));
        // A tally too big to hold (a hostile store) is compared by one GROUP BY over every event: on a worker.
        if (hourTallies) await guard(sink, () => (hourTallies.complete ? checkTypeHours(ctx, hourTallies) : startCheck(db, 'type-hours', { worker: options.checkWorker, signal: options.signal }).finish(ctx).then(() => {})));
        phase = 'summaries';
        checkLedgerHead(sink, head, walk, streams);
        const run = indexRun;
        if (run) divergentIndexes = (await guard(sink, () => run.finish(ctx)))?.divergent ?? divergentIndexes;
      }
    }
    const expectedHead = expected && walk ? checkExpectedHead(sink, expected, walk) : null;

    phase = 'integrity';
    report();
    const integrity: VerifyReport['integrity'] =
      mode === 'skip' ? { ran: false, ok: true, messages: [] } : { ran: true, ...(integrityPromise ? await integrityPromise : integrityCheckInline(db)) };
    for (const message of integrity.messages) {
      const row = /row (\d+) missing from index (\S+)/.exec(message);
      // An index already shown to disagree with the table was tampered with; its entries are not disk damage.
      if ([...divergentIndexes].some((name) => new RegExp(`\\bindex ${name}\\b`).test(message))) continue;
      sink.add({
        kind: 'corrupt-page',
        check: 'integrity-check',
        position: row ? Number(row[1]) : null,
        ...said(words('errorWords.finding.integrityCheck', { problem: message })),
        details: { page: Number(/Page (\d+)/i.exec(message)?.[1] ?? 0) || null },
      });
    }
    done = total;
    phase = 'done';
    report();

    const chainBad = walk?.firstBadPosition ?? null;
    const otherBad = sink.list
      .filter((f) => f.position !== null && (f.check === 'chain' || f.check === 'ledger-head' || f.check === 'integrity-check' || f.check === 'stream-versions') && f.kind !== 'summary-mismatch')
      .map((f) => f.position as number);
    const firstBad = [chainBad, ...otherBad].filter((p): p is number => p !== null).reduce((a, b) => Math.min(a, b), Infinity);
    const lastPosition = walk?.lastPosition ?? null;
    return {
      ok: sink.total() === 0,
      mode: 'chain',
      path,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      eventsChecked: walk?.rows ?? 0,
      streamsChecked: streams ?? 0,
      firstPosition: walk?.firstPosition ?? null,
      lastPosition,
      lastGoodPosition: lastPosition === null ? null : Number.isFinite(firstBad) ? Math.max(0, Math.min(firstBad - 1, lastPosition)) : lastPosition,
      chainHead: walk?.lastHash || null,
      recordedHead: head,
      expectedHead,
      integrity,
      findings: sink.list,
      findingCounts: sink.counts,
      truncated: sink.truncated,
    };
  } finally {
    indexRun?.cancel();
    await beside?.stop();
    if (ownTransaction && db.open && db.inTransaction) endReadTransaction(db);
  }
}

/** Ends the read transaction; after a damaged page SQLite may refuse COMMIT, so fall back to ROLLBACK. */
function endReadTransaction(db: Database.Database): void {
  for (const statement of ['COMMIT', 'ROLLBACK']) {
    try {
      db.exec(statement);
      return;
    } catch {
      if (!db.inTransaction) return;
    }
  }
}

function readHead(db: Database.Database): HeadRow | null {
  try {
    const row = db.prepare('SELECT last_position, head_hash, event_count, stream_count FROM ledger_head WHERE id = 1').raw(true).get() as
      | [number, unknown, number, number]
      | undefined;
    return row ? { lastPosition: row[0], headHash: hex(row[1]), eventCount: row[2], streamCount: row[3] } : null;
  } catch (error) {
    if (isCorruption(error)) return null;
    throw error;
  }
}

interface StreamsBeside {
  /** The pass's findings (the first MAX_FINDINGS in order, the rest counted), or null when it failed or was stopped. */
  settled(): Promise<{ streams: number; findings: VerifyFinding[]; unkept: Map<VerifyFindingKind, number>; units: number } | null>;
  /** Stops it at its next yield and waits for that. */
  stop(): Promise<void>;
}

/** checkStreams on the walk's connection and transaction, beside the walk, into a sink of its own. */
function streamsBesideWalk(ctx: WalkContext): StreamsBeside {
  const findings: VerifyFinding[] = [];
  const unkept = new Map<VerifyFindingKind, number>();
  let units = 0;
  let stopped = false;
  const own: FindingSink = {
    list: findings,
    counts: {} as FindingSink['counts'],
    truncated: false,
    add(finding) {
      if (findings.length < MAX_FINDINGS) {
        findings.push(finding);
        return finding;
      }
      unkept.set(finding.kind, (unkept.get(finding.kind) ?? 0) + 1);
      return null;
    },
    // Nothing to attach to yet: kept only when the walk reported no chain finding recent() would give.
    recent: () => [],
    reclassify: () => {},
    countUnkept: () => {},
    total: () => findings.length,
  };
  const pass: WalkContext = {
    db: ctx.db,
    sink: own,
    tick: (n) => (units += n),
    pause: async () => {
      await ctx.pause();
      if (stopped) throw new Error('stopped');
    },
  };
  const done = checkStreams(pass).then(
    (result) => ({ streams: result.streams, findings, unkept, units }),
    () => null,
  );
  return {
    settled: () => done,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

/** Chain findings the stream pass attaches version gaps to (streamChecks.ts versionGap, reorderedInStream). */
function hasChainEvidence(sink: FindingSink): boolean {
  for (const kind of ['deleted', 'reordered', 'inserted'] as const) for (const _ of sink.recent('chain', kind)) return true;
  return false;
}

/** A damaged page met in a later pass is a finding, not a crash; the passes after it still run. */
async function guard<T>(sink: ReturnType<typeof createFindingSink>, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (!isCorruption(error)) throw error;
    sink.add({ kind: 'corrupt-page', check: 'integrity-check', position: null, ...said(words('errorWords.finding.passStopped', { error: String((error as Error).message) })) });
    return null;
  }
}
