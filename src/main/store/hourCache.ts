// The viewer's hour cache of a store that keeps no hour counts of its own (v1 stores of ours, Emmett
// SQLite, PostgreSQL layouts): events per type and hour, and a zone map of times per block of
// positions, counted once by position (hourCounts.ts, on the read worker for SQLite) and extended
// by position as events are appended. Kept in the app's cache folder, never beside or inside the
// audited store. It answers:
//  - histograms filtered by type and time (hourHistogram.ts) in milliseconds instead of a scan of
//    every event; while the first count runs, a first answer of what is counted so far, flagged
//    `partial` (the UI says so and asks again) instead of a wait;
//  - where a page from a time can start (seek): the first block whose times reach the range, so
//    a `fromTime` page no longer walks every event recorded before it.
// Its file is named for the store's location and identity: a file's device and inode (a rewrite
// renamed into place is another file), a database's URL, format and tables; and it keeps the id of
// the last event it counted, which must still be at that position when it is reopened.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Histogram, HistogramQuery, ReadAllQuery } from '../../shared/types.ts';
import { CancelledError } from '../errors.ts';
import type { EventStoreReader, ReadOptions } from './eventStore.ts';
import { ZONE_SIZE, type HourCountsChunk } from './hourCounts.ts';
import { halfOpen, hourHistogram, runHourPlan, type HalfOpenRange, type HourGroup, type HourQuestion, type TimeSpanCounts } from './hourHistogram.ts';
import { hourTableServes } from './hourTablePlan.ts';
import { timeRangeOf } from './logFilter.ts';
import { toIsoTime } from './time.ts';

export const HOUR_CACHE_FOLDER = 'histograms';
/** Bumped when what the file holds changes: older files are rebuilt. */
const FORMAT_VERSION = 1;
/** Positions per read while counting: ~50-100 ms of a worker's time, so other reads interleave. */
const CHUNK_POSITIONS = 65_536;
/** A tail of appended events up to this many positions is counted before answering (exact answer). */
const EXTEND_INLINE = 200_000;
/** The file is rewritten at most this often while appends extend it. */
const PERSIST_EVERY_MS = 10_000;

export interface HourCacheStatus {
  state: 'empty' | 'building' | 'ready';
  /** Every position up to this one is counted. */
  coveredUpTo: number;
  /** Events counted. */
  counted: number;
}

export interface HourCache {
  /** The histogram of `query`: from the hours when the filter is types / times only, from the store otherwise. */
  histogram(query: HistogramQuery, buckets: number, options?: ReadOptions): Promise<Histogram>;
  /** The same query with its fromPosition raised past the blocks that hold no event of its time range. */
  seek(query: ReadAllQuery): ReadAllQuery;
  /** Counts what is not counted yet (the first build, or appended events); resolves when done. */
  refresh(options?: ReadOptions): Promise<void>;
  status(): HourCacheStatus;
  /** Stops counting and writes what is counted. */
  close(): Promise<void>;
}

interface CacheFile {
  version: number;
  identity: string;
  coveredUpTo: number;
  counted: number;
  checkpoint: { position: number; eventId: string } | null;
  groups: [string, number, number, number, number][];
  zones: [number, number, number, number][];
}

/** What names a store for its cache: where it is, and what makes a rewritten one another store. */
export function hourCacheIdentity(store: EventStoreReader): { location: string; identity: string } {
  const { info } = store;
  if (info.kind === 'postgres') {
    const location = JSON.stringify({ kind: 'postgres', url: info.path });
    return { location, identity: JSON.stringify({ kind: 'postgres', url: info.path, format: info.format, tables: info.layout?.tables ?? [] }) };
  }
  const stat = fs.statSync(info.path);
  return { location: JSON.stringify({ kind: 'file', path: info.path }), identity: JSON.stringify({ kind: 'file', path: info.path, format: info.format, dev: stat.dev, ino: stat.ino }) };
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

export interface HourCacheOptions {
  cacheDir: string;
  /** Tests: smaller reads and tails. */
  chunkPositions?: number;
  extendInline?: number;
}

/** The hour cache of `store`, or null when the store cannot be counted by hours (no hourCounts). */
export async function openHourCache(store: EventStoreReader, options: HourCacheOptions): Promise<HourCache | null> {
  if (!store.hourCounts) return null;
  const countRange = store.hourCounts.bind(store);
  const chunkPositions = options.chunkPositions ?? CHUNK_POSITIONS;
  const extendInline = options.extendInline ?? EXTEND_INLINE;
  const folder = path.join(options.cacheDir, HOUR_CACHE_FOLDER);
  const { location, identity } = hourCacheIdentity(store);
  const prefix = shortHash(location);
  const file = path.join(folder, `${prefix}-${shortHash(identity)}.json`);

  const groups = new Map<string, [string, number, number, number, number]>();
  const zones = new Map<number, [number, number, number, number]>();
  let sortedBlocks: number[] | null = null;
  let coveredUpTo = 0;
  let counted = 0;
  let checkpoint: CacheFile['checkpoint'] = null;
  let building: Promise<void> | null = null;
  let firstBuild = true;
  let closed = false;
  const stop = new AbortController();
  let lastPersist = 0;

  function merge(chunk: HourCountsChunk): void {
    for (const [type, hour, count, min, max] of chunk.groups) {
      const key = `${hour}\u0000${type}`;
      const group = groups.get(key);
      if (group) {
        group[2] += count;
        group[3] = Math.min(group[3], min);
        group[4] = Math.max(group[4], max);
      } else groups.set(key, [type, hour, count, min, max]);
      counted += count;
    }
    for (const [block, min, max, count] of chunk.zones) {
      const zone = zones.get(block);
      if (zone) {
        zone[1] = Math.min(zone[1], min);
        zone[2] = Math.max(zone[2], max);
        zone[3] += count;
      } else {
        zones.set(block, [block, min, max, count]);
        sortedBlocks = null;
      }
    }
  }

  function reset(): void {
    groups.clear();
    zones.clear();
    sortedBlocks = null;
    coveredUpTo = 0;
    counted = 0;
    checkpoint = null;
  }

  // Other files of this location are of an earlier identity (the file was rewritten): removed.
  try {
    for (const name of fs.readdirSync(folder)) if (name.startsWith(`${prefix}-`) && name !== path.basename(file)) fs.rmSync(path.join(folder, name), { force: true });
  } catch {
    // no folder yet
  }

  // A file of an earlier session: adopted when it still describes this store.
  try {
    const saved = JSON.parse(await fs.promises.readFile(file, 'utf8')) as CacheFile;
    if (saved.version !== FORMAT_VERSION || saved.identity !== identity) throw new Error('outdated');
    if (saved.checkpoint) {
      const event = await store.getEvent(saved.checkpoint.position);
      if (event.eventId !== saved.checkpoint.eventId) throw new Error('rewritten');
    }
    merge({ groups: saved.groups, zones: saved.zones, lastPosition: null, next: null });
    coveredUpTo = saved.coveredUpTo;
    counted = saved.counted;
    checkpoint = saved.checkpoint;
    firstBuild = false;
  } catch {
    reset();
    fs.rmSync(file, { force: true });
  }

  async function persist(): Promise<void> {
    lastPersist = Date.now();
    const saved: CacheFile = { version: FORMAT_VERSION, identity, coveredUpTo, counted, checkpoint, groups: [...groups.values()], zones: [...zones.values()] };
    await fs.promises.mkdir(folder, { recursive: true });
    const temp = `${file}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
    try {
      await fs.promises.writeFile(temp, JSON.stringify(saved));
      await fs.promises.rename(temp, file);
    } catch {
      await fs.promises.rm(temp, { force: true });
    }
  }

  /** Counts positions above coveredUpTo, a chunk at a time, until the store ends. */
  async function extend(signal: AbortSignal): Promise<void> {
    let from = coveredUpTo + 1;
    let top: number | null = null;
    for (;;) {
      if (signal.aborted || closed) throw new CancelledError('Counting the events by hour');
      const to = from + chunkPositions - 1;
      const chunk = await countRange(from, to, { signal });
      if (closed) throw new CancelledError('Counting the events by hour');
      merge(chunk);
      if (chunk.lastPosition !== null) top = chunk.lastPosition;
      if (chunk.next === null) {
        // Nothing above the range (yet): positions after the last one seen are still to come.
        coveredUpTo = chunk.lastPosition ?? from - 1;
        break;
      }
      coveredUpTo = to;
      from = chunk.next;
    }
    if (top !== null) {
      const event = await store.getEvent(top);
      checkpoint = { position: top, eventId: event.eventId };
    }
  }

  /** One count at a time; the first build's end and later extensions are written out. */
  function refresh(): Promise<void> {
    if (building) return building;
    const run = extend(stop.signal).then(
      async () => {
        const wasFirst = firstBuild;
        firstBuild = false;
        if (wasFirst || Date.now() - lastPersist >= PERSIST_EVERY_MS) await persist();
      },
      (error: unknown) => {
        if (!(error instanceof CancelledError)) reset(); // a failed count is started over next time
        throw error;
      },
    );
    building = run.finally(() => {
      building = null;
    });
    return building;
  }

  const lastPosition = async () => (await store.stats()).lastPosition ?? 0;

  function groupsIn(question: Extract<HourQuestion, { kind: 'groups' }>): HourGroup[] {
    const wanted = question.types ? new Set(question.types) : null;
    const out: HourGroup[] = [];
    for (const [type, hour, count, min, max] of groups.values()) {
      if (question.fromHour !== null && hour < question.fromHour) continue;
      if (question.toHour !== null && hour > question.toHour) continue;
      if (wanted && !wanted.has(type)) continue;
      out.push({ type, hour, count, min, max });
    }
    return out;
  }

  async function exactSpan(lo: number, hi: number, types: string[] | null, options: ReadOptions): Promise<TimeSpanCounts> {
    const h = await store.histogram({ types: types ?? undefined, fromTime: toIsoTime(lo), toTime: toIsoTime(hi - 1) }, 1, options);
    const counts = new Map<string, number>();
    h.types.forEach((type, t) => counts.set(type, h.buckets.reduce((sum, b) => sum + b.counts[t], 0)));
    return { counts, min: h.from === null ? null : Date.parse(h.from), max: h.to === null ? null : Date.parse(h.to) };
  }

  return {
    async histogram(query, buckets, options = {}) {
      if (!hourTableServes(query) || (await store.keepsHourCounts?.())) return store.histogram(query, buckets, options);
      const { fromMs, toMs, toExclusive } = timeRangeOf(query);
      const range: HalfOpenRange = halfOpen(fromMs, toMs, toExclusive);
      if (!building) {
        const behind = (await lastPosition()) - coveredUpTo;
        const counting = behind > 0 ? refresh() : null;
        counting?.catch(() => {}); // a failed count shows in the next answer, not as an unhandled rejection
        // A short tail (appended events, or a small store's first count) is counted first: the answer stays exact.
        if (counting && behind <= extendInline) await counting;
      }
      const partial = building !== null;
      const types = query.types && query.types.length > 0 ? query.types : null;
      const histogram = await runHourPlan(hourHistogram(range, types, buckets, { approximateEdges: partial }), (question) => {
        if (question.kind === 'groups') return groupsIn(question);
        if (question.kind === 'exact') return exactSpan(question.lo, question.hi, question.types, options);
        return store.histogram({ types: question.types ?? undefined, fromTime: toIsoTime(question.min), toTime: toIsoTime(question.max) }, question.buckets, options);
      });
      if (partial) histogram.partial = { counted, events: Math.max(counted, (await store.stats()).events) };
      return histogram;
    },

    seek(query) {
      if (query.fromTime === undefined && query.toTime === undefined) return query;
      let range: HalfOpenRange;
      try {
        const { fromMs, toMs, toExclusive } = timeRangeOf(query);
        range = halfOpen(fromMs, toMs, toExclusive);
      } catch {
        return query; // the read itself says what is wrong with the range
      }
      const from = query.fromPosition ?? 1;
      sortedBlocks ??= [...zones.keys()].sort((a, b) => a - b);
      for (const block of sortedBlocks) {
        if ((block + 1) * ZONE_SIZE - 1 < from) continue;
        if (block * ZONE_SIZE > coveredUpTo) break;
        const [, min, max] = zones.get(block)!;
        if ((range.lo === null || max >= range.lo) && (range.hi === null || min < range.hi)) {
          return block * ZONE_SIZE > from ? { ...query, fromPosition: block * ZONE_SIZE } : query;
        }
      }
      // No counted block holds the range: the first event that can is above what is counted.
      return coveredUpTo + 1 > from ? { ...query, fromPosition: coveredUpTo + 1 } : query;
    },

    refresh: (options = {}) => {
      if (options.signal?.aborted) return Promise.reject(new CancelledError('Counting the events by hour'));
      return refresh();
    },

    status: () => ({ state: building ? 'building' : coveredUpTo > 0 || counted > 0 ? 'ready' : 'empty', coveredUpTo, counted }),

    async close() {
      if (closed) return;
      const running = building;
      closed = true;
      stop.abort();
      await running?.catch(() => {});
      if (!firstBuild && counted > 0) await persist();
    },
  };
}
