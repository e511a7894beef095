// The event_types summary (count, first and last time per type) against the events. Types are
// tallied during the chain walk, which reads them anyway; a file with more distinct types than
// MAX_TALLIED_TYPES (a hostile one) falls back to a separate paged pass so memory stays flat.
import { words } from '../../shared/errorWords/index.ts';
import { said } from './said.ts';
import type { WalkContext } from './walkContext.ts';

export const MAX_TALLIED_TYPES = 50_000;
const PAGE = 4000;

export interface TypeTally {
  count: number;
  first: number;
  last: number;
}

export interface TypeTallies {
  add(type: unknown, recordedAt: unknown): void;
  /** False when the tally overflowed and the separate pass must run. */
  readonly complete: boolean;
  get(type: string): TypeTally | undefined;
  entries(): IterableIterator<[string, TypeTally]>;
}

export function createTypeTallies(max = MAX_TALLIED_TYPES): TypeTallies {
  let tallies: Map<string, TypeTally> | null = new Map();
  return {
    add(type, recordedAt) {
      if (!tallies) return;
      const key = String(type);
      const at = Number(recordedAt);
      const tally = tallies.get(key);
      if (tally) {
        tally.count++;
        if (at < tally.first) tally.first = at;
        if (at > tally.last) tally.last = at;
      } else if (tallies.size >= max) tallies = null;
      else tallies.set(key, { count: 1, first: at, last: at });
    },
    get complete() {
      return tallies !== null;
    },
    get: (type) => tallies?.get(type),
    entries: () => (tallies ?? new Map<string, TypeTally>()).entries(),
  };
}

/** Compares every event_types row with the tallies, and every tallied type with its row. */
export async function checkEventTypes(ctx: WalkContext, tallies: TypeTallies): Promise<void> {
  const lookup = tallies.complete ? (type: string) => tallies.get(type) ?? null : pagedTally(ctx);
  const { db, sink } = ctx;
  const page = db.prepare('SELECT type, event_count, first_recorded_at, last_recorded_at FROM event_types WHERE type > ? ORDER BY type LIMIT ?').raw(true);
  let after = '';
  const firstPage = db.prepare('SELECT type, event_count, first_recorded_at, last_recorded_at FROM event_types ORDER BY type LIMIT ?').raw(true);
  for (let first = true; ; first = false) {
    const rows = (first ? firstPage.all(PAGE) : page.all(after, PAGE)) as [string, number, number, number][];
    if (rows.length === 0) break;
    for (const [type, count, firstAt, lastAt] of rows) compareRow(ctx, String(type), count, firstAt, lastAt, lookup(String(type)));
    after = rows[rows.length - 1][0];
    await ctx.pause();
  }
  if (!tallies.complete) return;
  const listed = db.prepare('SELECT 1 FROM event_types WHERE type = ?').pluck();
  let checked = 0;
  for (const [type, tally] of tallies.entries()) {
    if (++checked % PAGE === 0) await ctx.pause();
    if (listed.get(type) !== undefined) continue;
    sink.add({
      kind: 'summary-mismatch',
      check: 'event-types',
      position: null,
      ...said(words('errorWords.finding.typeRowMissing', { events: tally.count, type })),
      expected: 0,
      actual: tally.count,
      details: { type },
    });
  }
}

function compareRow(ctx: WalkContext, type: string, count: number, first: number, last: number, tally: TypeTally | null): void {
  if (!tally) {
    ctx.sink.add({
      kind: 'summary-mismatch',
      check: 'event-types',
      position: null,
      ...said(words('errorWords.finding.typeWithoutEvents', { type, events: count })),
      expected: count,
      actual: 0,
      details: { type },
    });
    return;
  }
  if (tally.count === count && tally.first === first && tally.last === last) return;
  ctx.sink.add({
    kind: 'summary-mismatch',
    check: 'event-types',
    position: null,
    ...said(words('errorWords.finding.typeRowDiffers', { type, events: count, first, last, actual: tally.count, actualFirst: tally.first, actualLast: tally.last })),
    expected: count,
    actual: tally.count,
    details: { type },
  });
}

/** The overflow path: per-type tallies from the events_by_type index, one type at a time. */
function pagedTally(ctx: WalkContext): (type: string) => TypeTally | null {
  const { db } = ctx;
  const rows = db.prepare('SELECT position, recorded_at FROM events WHERE type = ? AND position > ? ORDER BY position LIMIT ?').raw(true);
  return (type: string) => {
    const tally: TypeTally = { count: 0, first: Infinity, last: -Infinity };
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const page = rows.all(type, after, PAGE) as [number, number][];
      for (const [, at] of page) {
        tally.count++;
        if (at < tally.first) tally.first = at;
        if (at > tally.last) tally.last = at;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1][0];
    }
    return tally.count === 0 ? null : tally;
  };
}
