// "What SQL to run" apart from "where it runs": a long read (histogram, actor counts, a filtered
// count) is written once as a plan, a generator that yields SQL steps and receives their raw rows.
// The same plan is driven synchronously on the reader's own connection (runPlanInline) or, step by
// step, on a read worker's connection (readWorker.ts), so both give identical answers.
import type Database from 'better-sqlite3';
import type { Histogram } from '../../shared/types.ts';
import { bucketGrid, emptyHistogram, histogramFromCounts } from './paging.ts';

/** One SQL statement to run in raw mode (rows as arrays): `get` → one row or undefined, `all` → rows. */
export interface SqlStep {
  mode: 'get' | 'all';
  sql: string;
  /** Bound as better-sqlite3 arguments: positional values, or one object of named ones. */
  args: unknown[];
}

/** A read as a sequence of SQL steps; each yield receives the step's rows. */
export type ReadPlan<T> = Generator<SqlStep, T, unknown>;

export function* getRow<R>(sql: string, ...args: unknown[]): Generator<SqlStep, R | undefined, unknown> {
  return (yield { mode: 'get', sql, args }) as R | undefined;
}

export function* allRows<R>(sql: string, ...args: unknown[]): Generator<SqlStep, R[], unknown> {
  return (yield { mode: 'all', sql, args }) as R[];
}

/** A plan that runs no SQL (e.g. a count known without reading). */
// eslint-disable-next-line require-yield
export function* constantPlan<T>(value: T): ReadPlan<T> {
  return value;
}

/** Drives a plan with a synchronous executor. */
export function runPlan<T>(plan: ReadPlan<T>, execute: (step: SqlStep) => unknown): T {
  let next = plan.next();
  while (!next.done) next = plan.next(execute(next.value));
  return next.value;
}

/** Unicode-aware case folding (SQLite's lower() folds ASCII only): the same function on every connection that runs plans. */
export const foldText = (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text);

/** The synchronous executor of a connection: raw statements cached by SQL text. */
export function inlineExecutor(db: Database.Database): (step: SqlStep) => unknown {
  const statements = new Map<string, Database.Statement>();
  return (step) => {
    let statement = statements.get(step.sql);
    if (!statement) {
      statement = db.prepare(step.sql).raw(true);
      statements.set(step.sql, statement);
    }
    return step.mode === 'get' ? statement.get(...step.args) : statement.all(...step.args);
  };
}

/** Where a histogram counts: the events' table and the SQL of their time (epoch ms) and type. */
export interface HistogramSource {
  table: string;
  time: string;
  type: string;
}

/** Event counts per type in `buckets` equal time slices of the rows matching `where`. */
export function* histogramPlan(source: HistogramSource, where: string, params: Record<string, unknown>, buckets: number): ReadPlan<Histogram> {
  const first = yield* getRow<[number | null, number | null, number]>(`SELECT min(${source.time}), max(${source.time}), count(*) FROM ${source.table} WHERE ${where}`, params);
  const [min, max, total] = first ?? [null, null, 0];
  if (min === null || max === null) return emptyHistogram();
  const { origin, bucketMs } = bucketGrid(min, max, buckets);
  const rows = yield* allRows<[number, string, number]>(
    // better-sqlite3 binds JS numbers as REAL, so the division is floating point: truncate explicitly.
    `SELECT CAST((${source.time} - @histogramFrom) / @bucketMs AS INTEGER) AS bucket, ${source.type}, count(*) FROM ${source.table} WHERE ${where} GROUP BY bucket, ${source.type} ORDER BY bucket`,
    { ...params, histogramFrom: origin, bucketMs },
  );
  return histogramFromCounts(min, max, bucketMs, rows, total, origin);
}
