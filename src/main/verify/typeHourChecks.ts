// The event_type_hours table (schema 2: exact per-type hourly counts kept by the append path) against
// the events. The timeline's histogram is summed from it, so a changed row would draw a false plot:
// verify checks it like the event_types summary. Counts are tallied during the chain walk, which
// reads every type and time anyway; a store with more (type, hour) pairs than the tally holds (a
// hostile one) is compared by one GROUP BY over the events instead, slower but with flat memory.
import { words } from '../../shared/errorWords/index.ts';
import { said } from './said.ts';
import { createPageSizer, type WalkContext } from './walkContext.ts';

export const MAX_TALLIED_HOURS = 2_000_000;
const HOUR_MS = 3_600_000;
const PAGE = 4000;

/** floor(recorded_at / 1 hour), as the append path and the migration compute it (times before 1970 round down). */
export const hourOf = (recordedAtMs: number) => Math.floor(recordedAtMs / HOUR_MS);

export interface HourTallies {
  add(type: unknown, recordedAt: unknown): void;
  readonly complete: boolean;
  get(type: string, hour: number): number;
  /** [type, hour, count] for every tallied pair. */
  entries(): IterableIterator<[string, number, number]>;
}

const MAX_TYPES = 65_536;

/**
 * Keys are numbers (hour × 65,536 + the type's small id): a string key per event cost more than
 * the rest of the tally on a 1M-event walk.
 */
export function createHourTallies(max = MAX_TALLIED_HOURS): HourTallies {
  let counts: Map<number, number> | null = new Map();
  const typeIds = new Map<string, number>();
  const typeNames: string[] = [];
  const keyOf = (type: string, hour: number): number | null => {
    const id = typeIds.get(type);
    return id === undefined ? null : hour * MAX_TYPES + id;
  };
  return {
    add(type, recordedAt) {
      if (!counts) return;
      const name = String(type);
      let id = typeIds.get(name);
      if (id === undefined) {
        if (typeNames.length >= MAX_TYPES) {
          counts = null;
          return;
        }
        id = typeNames.length;
        typeIds.set(name, id);
        typeNames.push(name);
      }
      const key = hourOf(Number(recordedAt)) * MAX_TYPES + id;
      const count = counts.get(key);
      if (count !== undefined) counts.set(key, count + 1);
      else if (counts.size >= max) counts = null;
      else counts.set(key, 1);
    },
    get complete() {
      return counts !== null;
    },
    get(type, hour) {
      const key = keyOf(type, hour);
      return key === null ? 0 : (counts?.get(key) ?? 0);
    },
    *entries() {
      for (const [key, count] of counts ?? new Map<number, number>()) {
        const id = ((key % MAX_TYPES) + MAX_TYPES) % MAX_TYPES;
        yield [typeNames[id], (key - id) / MAX_TYPES, count] as [string, number, number];
      }
    },
  };
}

export function hasTypeHours(ctx: WalkContext): boolean {
  return ctx.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'event_type_hours'").pluck().get() !== undefined;
}

function finding(ctx: WalkContext, type: string, hour: number, stored: number, actual: number): void {
  const at = new Date(hour * HOUR_MS).toISOString().slice(0, 13) + ':00Z';
  ctx.sink.add({
    kind: 'summary-mismatch',
    check: 'type-hours',
    position: null,
    ...said(
      stored === 0
        ? words('errorWords.finding.hourRowMissing', { events: actual, type, hour: at })
        : words('errorWords.finding.hourRowDiffers', { type, hour: at, stored, actual }),
    ),
    expected: stored,
    actual,
    details: { type, hour },
  });
}

/** Compares every event_type_hours row with the tallies, and every tallied hour with its row. */
export async function checkTypeHours(ctx: WalkContext, tallies: HourTallies): Promise<void> {
  if (!hasTypeHours(ctx)) return;
  const { db } = ctx;
  if (!tallies.complete) return checkTypeHoursBySql(ctx);
  const page = db.prepare('SELECT type, hour, event_count FROM event_type_hours WHERE (type, hour) > (?, ?) ORDER BY type, hour LIMIT ?').raw(true);
  const seen = new Set<string>();
  const seenKey = (type: string, hour: number) => `${hour}\u0000${type}`;
  let after: [string, number] = ['', Number.MIN_SAFE_INTEGER];
  const sizer = createPageSizer(PAGE);
  for (;;) {
    const started = performance.now();
    // '' sorts before every type (types are non-empty): the first page starts at the beginning.
    const rows = page.all(after[0], after[1], sizer.size) as [string, number, number][];
    if (rows.length === 0) break;
    for (const [type, hour, stored] of rows) {
      seen.add(seenKey(String(type), Number(hour)));
      const actual = tallies.get(String(type), Number(hour));
      if (actual !== stored) finding(ctx, String(type), Number(hour), Number(stored), actual);
    }
    const last = rows[rows.length - 1];
    after = [String(last[0]), Number(last[1])];
    sizer.took(performance.now() - started);
    await ctx.pause();
  }
  let checked = 0;
  for (const [type, hour, count] of tallies.entries()) {
    if (!seen.has(seenKey(type, hour))) finding(ctx, type, hour, 0, count);
    if (++checked % PAGE === 0) await ctx.pause();
  }
}

/**
 * The overflow path: one GROUP BY over the events, compared both ways with the table in SQL. One
 * synchronous statement over every event: verify runs it on a worker (offThreadChecks.ts).
 */
export async function checkTypeHoursBySql(ctx: WalkContext): Promise<void> {
  const hour = `CAST(floor(recorded_at / ${HOUR_MS}.0) AS INTEGER)`;
  const rows = ctx.db
    .prepare(
      `WITH actual AS (SELECT type, ${hour} AS hour, count(*) AS n FROM events GROUP BY 1, 2)
       SELECT h.type, h.hour, h.event_count, coalesce(a.n, 0) FROM event_type_hours h LEFT JOIN actual a ON a.type = h.type AND a.hour = h.hour WHERE coalesce(a.n, 0) != h.event_count
       UNION ALL
       SELECT a.type, a.hour, 0, a.n FROM actual a WHERE NOT EXISTS (SELECT 1 FROM event_type_hours h WHERE h.type = a.type AND h.hour = a.hour)
       LIMIT 10000`,
    )
    .raw(true)
    .all() as [string, number, number, number][];
  for (const [type, h, stored, actual] of rows) finding(ctx, String(type), Number(h), Number(stored), Number(actual));
  await ctx.pause();
}

/** The SQL comparison alone over a file, for tests: the findings it would add. */
export async function checkTypeHoursForTest(file: string): Promise<{ message: string }[]> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file, { readonly: true });
  const found: { message: string }[] = [];
  try {
    const ctx = { db, sink: { add: (f: { message: string }) => found.push(f) }, pause: async () => {} } as unknown as WalkContext;
    await checkTypeHoursBySql(ctx);
  } finally {
    db.close();
  }
  return found;
}
