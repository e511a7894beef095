// Pass 1: every event in position order. Recomputes each hash, follows prev_hash links (classified
// by chainClassifier), checks the derived metadata columns, and notes where the recorded and the
// expected chain heads occur. Pages are cut by size as well as count while the rows are read, so a
// store of 10 MB payloads is walked in the same memory as one of tiny events. Hashes come out of
// SQLite as hex text (a Buffer per blob cost more than the hashing); a value that is not a blob
// comes out raw in its own column, so damaged rows are still hashed over the bytes they hold.
import type Database from 'better-sqlite3';
import { words } from '../../shared/errorWords/index.ts';
import { CHAIN_WINDOW, createChainClassifier, type ChainRow, type SkippedRow } from './chainClassifier.ts';
import { derivedMismatches, fieldsOf, needsStoredBytes, recomputedHash, ROW_COLUMNS, text, WRITER_TYPES, type Row, type StoredBytes } from './rowChecks.ts';
import { LINK_CHARS, type RangeRows } from './chainRange.ts';
import { createChainHashPool, positionRanges } from './parallelChain.ts';
import type { TypeTallies } from './typeChecks.ts';
import { said } from './said.ts';
import { isCorruption, type WalkContext } from './walkContext.ts';

const PAGE_ROWS = 1000;
const PAGE_BYTES = 16 * 1024 * 1024;

export interface ChainWalkResult {
  rows: number;
  firstPosition: number | null;
  lastPosition: number | null;
  /** Stored hash of the last row (hex). */
  lastHash: string | null;
  /** Last position whose stored hash equals the given hash (ledger_head's, the expected one). */
  recordedHeadAt: number | null;
  expectedHeadAt: number | null;
  /** Stored hash at the expected head's recorded position, when that position was given. */
  hashAtExpectedPosition: string | null;
  /** Rows after the last one holding the recorded head, and how many of them are far moves. */
  rowsAfterRecordedHead: number;
  movesAfterRecordedHead: number;
  /** Position where a damaged page stopped the walk. */
  stoppedAt: number | null;
  firstBadPosition: number | null;
  /** Ranges whose rows hashing workers checked (0 for a sequential walk). */
  rangesFromWorkers: number;
  /** Rows a worker proved clean and linked in order, left out of the classifier (see chainClassifier canSkip). */
  rowsSkipped: number;
}

/** How the walk may use hashing workers (parallelChain.ts); absent: it hashes every row itself. */
export interface ParallelWalk {
  file: string;
  workers: number;
  /** Positions per range handed to a worker. */
  rangeRows: number;
  /** The lowest and highest positions in the walk's read transaction. */
  first: number;
  last: number;
}

type Heads = { recorded: string | null; expected: string | null; expectedPosition: number | null };

export async function walkChain(ctx: WalkContext, heads: Heads, tallies: TypeTallies, parallel?: ParallelWalk, window = CHAIN_WINDOW): Promise<ChainWalkResult> {
  const classifier = createChainClassifier(ctx.sink, window, heads.recorded);
  const result: ChainWalkResult = {
    rows: 0,
    firstPosition: null,
    lastPosition: null,
    lastHash: null,
    recordedHeadAt: null,
    expectedHeadAt: null,
    hashAtExpectedPosition: null,
    rowsAfterRecordedHead: 0,
    movesAfterRecordedHead: 0,
    stoppedAt: null,
    firstBadPosition: null,
    rangesFromWorkers: 0,
    rowsSkipped: 0,
  };
  const walk: Walk = { ctx, heads, tallies, classifier, window, result };
  if (parallel && parallel.workers > 0) await walkInParallel(walk, parallel);
  else await walkSequentially(walk, Number.MIN_SAFE_INTEGER, null);
  classifier.finish();
  result.firstBadPosition = classifier.firstBadPosition();
  result.movesAfterRecordedHead = result.recordedHeadAt === null ? 0 : classifier.movedAfter(result.recordedHeadAt);
  return result;
}

interface Walk {
  ctx: WalkContext;
  heads: Heads;
  tallies: TypeTallies;
  classifier: ReturnType<typeof createChainClassifier>;
  /** The classifier's window (rows it holds for links to resolve). */
  window: number;
  result: ChainWalkResult;
}

/**
 * Every row in (after, upTo] (upTo null: to the end), read and checked here. Returns false when a
 * damaged page stopped the walk (reported), true otherwise.
 */
async function walkSequentially(walk: Walk, after: number, upTo: number | null): Promise<boolean> {
  const { ctx, result } = walk;
  const rows = ctx.db
    .prepare(upTo === null ? `SELECT ${ROW_COLUMNS} FROM events WHERE position > ? ORDER BY position` : `SELECT ${ROW_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position`)
    .raw(true);
  for (;;) {
    const { page, damage } = pageAfter(rows, after, upTo);
    // The rows read before a damaged page are checked like any others: they are what could be read.
    for (const row of page) {
      walk.tallies.add(row[4], row[5]);
      checkRow(row, ctx, walk.classifier, walk.heads, result);
    }
    if (damage) {
      result.stoppedAt = result.lastPosition === null ? 1 : result.lastPosition + 1;
      const stopped =
        result.lastPosition === null
          ? words('errorWords.finding.walkStoppedAtStart', { error: damage.message })
          : words('errorWords.finding.walkStoppedAfter', { position: result.lastPosition, read: result.rows, error: damage.message });
      ctx.sink.add({
        kind: 'corrupt-page',
        check: 'integrity-check',
        position: result.stoppedAt,
        ...said(stopped),
        details: { lastPositionRead: result.lastPosition, eventsRead: result.rows },
      });
      return false;
    }
    if (page.length === 0) return true;
    after = page[page.length - 1][0];
    ctx.tick(page.length);
    await ctx.pause();
  }
}

/**
 * The walk with hashing workers: for each range in order, the rows' links as the worker read them
 * (it checked those rows' hashes, storage and derived columns), fed to the classifier in order; the
 * rows a worker found not clean are re-read here and checked in full (checkRow), so every finding
 * is the sequential walk's, in its order. A range whose worker failed is walked here, sequentially.
 * (Each range is read in one read transaction of the worker's; the appends a live store may take
 * meanwhile lie beyond the last position, which this walk's own transaction fixed.) A range the
 * worker found clean and linked in order is left out of the classifier when canSkip allows (the
 * common case: 99% of a clean store's rows); only its last window of rows is fed, before the next
 * range that cannot be skipped, which leaves the classifier as the rows one by one would have.
 */
async function walkInParallel(walk: Walk, parallel: ParallelWalk): Promise<void> {
  const { ctx, heads, classifier, result } = walk;
  const { db } = ctx;
  const ranges = positionRanges(parallel.first, parallel.last, parallel.rangeRows);
  const pool = createChainHashPool(parallel.file, ranges, parallel.workers);
  const fullRow = db.prepare(`SELECT ${ROW_COLUMNS} FROM events WHERE position = ?`).raw(true);
  const window = walk.window;
  /**
   * A range the classifier skipped (its rows all clean and linked in order, proved by a worker):
   * its last `window` rows are fed to the classifier once a range that cannot be skipped comes
   * (or the walk ends), so the classifier's window then holds exactly what it would have held.
   */
  let pending: RangeRows | null = null;
  /**
   * Row i of a worker's answer, which the worker found clean: its own hash is the stored one (the
   * worker recomputed it); at any other position (the classifier asks near a break) it is
   * recomputed here from the row.
   */
  const recordClean = (answer: RangeRows, i: number) => {
    const { position, prev, hash } = linkOf(answer, i);
    record(
      chainRowOf(position, hash, prev, (at) => {
        if (at === position) return hash;
        const row = fullRow.get(position) as Row;
        return recomputedHash(row, fieldsOf(row), at, null);
      }),
      classifier,
      heads,
      result,
    );
  };
  const feed = async (answer: RangeRows, from: number) => {
    for (let i = from; i < answer.positions.length; i++) {
      recordClean(answer, i);
      if ((i - from + 1) % PAGE_ROWS === 0) await ctx.pause();
    }
  };
  const resume = async () => {
    if (!pending) return;
    const answer = pending;
    pending = null;
    const tail = answer.positions.length - window;
    classifier.resumeAfter(linkOf(answer, tail - 1));
    await feed(answer, tail);
  };
  try {
    for (const [index, range] of ranges.entries()) {
      const answer = await pool.answer(index);
      if (!answer.ok) {
        await resume();
        if (!(await walkSequentially(walk, range.after, range.upTo))) return;
        continue;
      }
      result.rangesFromWorkers++;
      const { positions, recordedAt, typeCodes, types, flagged } = answer;
      const n = positions.length;
      if (answer.linked && n > window) {
        const first = linkOf(answer, 0);
        const last = pending ? linkOf(pending, pending.positions.length - 1) : null;
        const skip = last ? first.prev === last.hash && first.position === last.position + 1 : classifier.canSkip(first.prev, first.position);
        if (skip) {
          if (pending) recordSkipped(pending, pending.positions.length - window, pending.positions.length, heads, result);
          else classifier.beginSkip();
          recordSkipped(answer, 0, n - window, heads, result);
          pending = answer;
          for (let i = 0; i < n; i++) {
            walk.tallies.add(types[typeCodes[i]], recordedAt[i]);
            if ((i + 1) % (4 * PAGE_ROWS) === 0 || i === n - 1) {
              ctx.tick((i % (4 * PAGE_ROWS)) + 1);
              await ctx.pause();
            }
          }
          continue;
        }
      }
      await resume();
      let nextFlagged = 0;
      for (let i = 0; i < n; i++) {
        const position = positions[i];
        if (nextFlagged < flagged.length && flagged[nextFlagged] === position) {
          nextFlagged++;
          let row: Row | undefined;
          try {
            row = fullRow.get(position) as Row | undefined;
          } catch (error) {
            if (!isCorruption(error)) throw error;
          }
          // Gone or unreadable here: this walk's own reading of the rest decides (and reports).
          if (!row) {
            if (!(await walkSequentially(walk, result.lastPosition ?? range.after, range.upTo))) return;
            break;
          }
          walk.tallies.add(row[4], row[5]);
          checkRow(row, ctx, classifier, heads, result);
        } else {
          walk.tallies.add(types[typeCodes[i]], recordedAt[i]);
          recordClean(answer, i);
        }
        if ((i + 1) % PAGE_ROWS === 0 || i === n - 1) {
          ctx.tick((i % PAGE_ROWS) + 1);
          await ctx.pause();
        }
      }
    }
    await resume();
  } finally {
    await pool.close();
  }
}

/** Row i of a worker's answer as links: its position, prev_hash and hash (hex). */
function linkOf(answer: RangeRows, i: number): SkippedRow {
  return { position: answer.positions[i], prev: answer.links.slice(i * LINK_CHARS, i * LINK_CHARS + 64), hash: answer.links.slice(i * LINK_CHARS + 64, (i + 1) * LINK_CHARS) };
}

/** The last row in [from, to) of an answer whose stored hash is `hash`, or -1. */
function lastWithHash(answer: RangeRows, from: number, to: number, hash: string): number {
  let found = -1;
  for (let at = answer.links.indexOf(hash, from * LINK_CHARS + 64); at >= 0 && at < to * LINK_CHARS; at = answer.links.indexOf(hash, at + 1)) {
    if (at % LINK_CHARS === 64) found = (at - 64) / LINK_CHARS;
  }
  return found;
}

/** What record() notes for each of the rows [from, to) of a skipped range (positions consecutive), at once. */
function recordSkipped(answer: RangeRows, from: number, to: number, heads: Heads, result: ChainWalkResult): void {
  if (to <= from) return;
  const { positions } = answer;
  result.rows += to - from;
  result.rowsSkipped += to - from;
  result.firstPosition ??= positions[from];
  result.lastPosition = positions[to - 1];
  result.lastHash = linkOf(answer, to - 1).hash;
  result.rowsAfterRecordedHead += to - from;
  if (heads.recorded !== null) {
    const at = lastWithHash(answer, from, to, heads.recorded);
    if (at >= 0) {
      result.recordedHeadAt = positions[at];
      result.rowsAfterRecordedHead = to - 1 - at;
    }
  }
  if (heads.expected !== null) {
    const at = lastWithHash(answer, from, to, heads.expected);
    if (at >= 0) result.expectedHeadAt = positions[at];
  }
  const p = heads.expectedPosition;
  if (p !== null && p >= positions[from] && p <= positions[to - 1]) result.hashAtExpectedPosition = linkOf(answer, from + (p - positions[from])).hash;
}

/**
 * The next rows after `after`: PAGE_ROWS of them, or fewer once their payloads pass PAGE_BYTES.
 * A damaged page met part-way ends the page with the rows read before it kept (and the error):
 * dropping them would report a store whose first rows read fine as empty.
 */
function pageAfter(rows: Database.Statement, after: number, upTo: number | null): { page: Row[]; damage: Error | null } {
  const page: Row[] = [];
  let size = 0;
  try {
    // Leaving the loop early closes the statement (the iterator's return()).
    for (const row of (upTo === null ? rows.iterate(after) : rows.iterate(after, upTo)) as IterableIterator<Row>) {
      page.push(row);
      size += lengthOf(row[6]) + lengthOf(row[7]);
      if (page.length === PAGE_ROWS || size > PAGE_BYTES) break;
    }
  } catch (error) {
    if (!isCorruption(error)) throw error;
    return { page, damage: error as Error };
  }
  return { page, damage: null };
}

/** Roughly the bytes a column value holds (UTF-16 units for text: close enough for a page budget). */
const lengthOf = (value: unknown): number => (typeof value === 'string' || value instanceof Uint8Array ? value.length : 8);

function checkRow(
  row: Row,
  ctx: WalkContext,
  classifier: ReturnType<typeof createChainClassifier>,
  heads: { recorded: string | null; expected: string | null; expectedPosition: number | null },
  result: ChainWalkResult,
): void {
  const position = row[0];
  const hashHex = row[10];
  const storageTypes = row[14];
  const fields = fieldsOf(row);
  const stored = needsStoredBytes(row[6]) || needsStoredBytes(row[7]) ? storedBytes(ctx.db, position) : null;
  const hashAtPosition = (at: number) => recomputedHash(row, fields, at, stored);
  const chainRow = chainRowOf(position, hashHex ?? '', row[8] ?? '', hashAtPosition);
  record(chainRow, classifier, heads, result);

  // Only an authentic row's columns are compared: an edited row is already reported, and its
  // metadata no longer says what the append path saw.
  if (chainRow.hashAt(position) !== chainRow.hash) return;
  reportStorage(ctx, position, fields, storageTypes, stored);
  const columns = { actor: 'actor', correlationId: 'correlation_id', causationId: 'causation_id' } as const;
  for (const { key, want, have } of derivedMismatches(row, fields.metadata)) {
    ctx.sink.add({
      kind: 'summary-mismatch',
      check: 'derived-columns',
      position,
      streamId: fields.streamId,
      version: fields.version,
      ...said(words('errorWords.finding.derivedColumn', { column: columns[key], position, have: String(JSON.stringify(have)), want: String(JSON.stringify(want)), field: key })),
      expected: want,
      actual: have === null ? null : text(have),
    });
  }
}

/** A row for the classifier: its own hash computed at most once, others memoised (a reordered row is tried at a few positions). */
export function chainRowOf(position: number, hash: string, prev: string, hashAtPosition: (at: number) => string): ChainRow {
  let own: string | undefined;
  let memo: Map<number, string> | undefined;
  return {
    position,
    hash,
    prev,
    hashAt(at) {
      if (at === position) return (own ??= hashAtPosition(at));
      memo ??= new Map();
      let value = memo.get(at);
      if (value === undefined) {
        value = hashAtPosition(at);
        memo.set(at, value);
      }
      return value;
    },
  };
}

/** Feeds one row to the classifier and notes where it stands (heads, first and last positions). */
export function record(
  chainRow: ChainRow,
  classifier: ReturnType<typeof createChainClassifier>,
  heads: { recorded: string | null; expected: string | null; expectedPosition: number | null },
  result: ChainWalkResult,
): void {
  const { position, hash: storedHash } = chainRow;
  classifier.add(chainRow);
  result.rowsAfterRecordedHead++;

  result.rows++;
  result.firstPosition ??= position;
  result.lastPosition = position;
  result.lastHash = storedHash;
  if (heads.recorded !== null && storedHash === heads.recorded) {
    result.recordedHeadAt = position;
    result.rowsAfterRecordedHead = 0;
  }
  if (heads.expected !== null && storedHash === heads.expected) result.expectedHeadAt = position;
  if (heads.expectedPosition === position) result.hashAtExpectedPosition = storedHash;
}

const asBytes = (value: unknown): Buffer => (Buffer.isBuffer(value) ? value : value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(text(value), 'utf8'));

/** The bytes SQLite stores for data and metadata (CAST AS BLOB: no text decoding on the way). */
function storedBytes(db: Database.Database, position: number): StoredBytes {
  const [data, metadata] = db.prepare('SELECT CAST(data AS BLOB), CAST(metadata AS BLOB) FROM events WHERE position = ?').raw(true).get(position) as [unknown, unknown];
  return { data: asBytes(data), metadata: asBytes(metadata) };
}

/**
 * A row whose hash matches can still have been rewritten: a column stored as another type than
 * the writer's (a blob with the same bytes, a number as text) or bytes that are not valid UTF-8 (no
 * writer of this store produces them). Each is an edit behind the append path's back.
 */
function reportStorage(
  ctx: WalkContext,
  position: number,
  fields: { streamId: string; version: number },
  storageTypes: string | null,
  stored: StoredBytes | null,
): void {
  const where = { position, streamId: typeof fields.streamId === 'string' ? fields.streamId : undefined, version: typeof fields.version === 'number' ? fields.version : undefined };
  if (storageTypes !== null) {
    const types = JSON.parse(storageTypes) as Record<keyof typeof WRITER_TYPES, string>;
    for (const [column, want] of Object.entries(WRITER_TYPES) as [keyof typeof WRITER_TYPES, string][]) {
      if (types[column] === want) continue;
      ctx.sink.add({
        kind: 'edited',
        check: 'chain',
        ...where,
        ...said(words('errorWords.finding.storageType', { column, position, stored: String(types[column]), want })),
        expected: want,
        actual: types[column],
        details: { column },
      });
    }
  }
  if (!stored) return;
  for (const column of ['data', 'metadata'] as const) {
    const bytes = stored[column];
    if (Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)) continue;
    ctx.sink.add({
      kind: 'edited',
      check: 'chain',
      ...where,
      ...said(words('errorWords.finding.notUtf8', { column, position })),
      details: { column },
    });
  }
}
