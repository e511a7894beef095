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
import { clearCacheFolder } from '../session/cacheFolder.ts';
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
const FORMAT_VERSION = 2;
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

interface CacheHeader {
  version: number;
  identity: string;
  coveredUpTo: number;
  counted: number;
  checkpoint: { position: number; eventId: string } | null;
  /** The groups' type indexes name these. */
  types: string[];
}

/** Room for this many types in a group's number key (hour * TYPE_SLOTS + type index). */
const TYPE_SLOTS = 1 << 20;

/**
 * The file: a 4-byte header length, the header as JSON, padding to 8 bytes, then the groups as
 * float64 quintuples (type index, hour, count, min, max) and the zones as quadruples (block, min,
 * max, count). Read back in milliseconds (JSON of the same took ~300 ms for 40k groups).
 */
function encodeCacheFile(header: CacheHeader, groups: Iterable<(string | number)[]>, groupCount: number, zones: Iterable<number[]>, zoneCount: number): Buffer {
  const indexes = new Map(header.types.map((type, i) => [type, i]));
  const typeIndexOf = (type: string) => indexes.get(type) as number;
  const head = Buffer.from(JSON.stringify({ ...header, groups: groupCount, zones: zoneCount }), 'utf8');
  const offset = Math.ceil((8 + head.length) / 8) * 8;
  const out = Buffer.alloc(offset + (groupCount * 5 + zoneCount * 4) * 8);
  out.writeUInt32LE(head.length, 0);
  head.copy(out, 8);
  const numbers = new Float64Array(out.buffer, out.byteOffset + offset, groupCount * 5 + zoneCount * 4);
  let i = 0;
  for (const g of groups) {
    numbers[i++] = typeIndexOf(g[0] as string);
    for (let k = 1; k < 5; k++) numbers[i++] = g[k] as number;
  }
  for (const z of zones) for (let k = 0; k < 4; k++) numbers[i++] = z[k];
  return out;
}

function decodeCacheFile(bytes: Buffer): { header: CacheHeader; groups: Float64Array; zones: Float64Array } | null {
  if (bytes.length < 8) return null;
  const length = bytes.readUInt32LE(0);
  if (8 + length > bytes.length) return null;
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + length)) as CacheHeader & { groups: number; zones: number };
  const offset = Math.ceil((8 + length) / 8) * 8;
  if (!Number.isInteger(header.groups) || !Number.isInteger(header.zones) || !Array.isArray(header.types)) return null;
  if (offset + (header.groups * 5 + header.zones * 4) * 8 !== bytes.length) return null;
  // A copy: the file's bytes need not sit on an 8-byte boundary in memory.
  const numbers = new Float64Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + bytes.length));
  return { header, groups: numbers.subarray(0, header.groups * 5), zones: numbers.subarray(header.groups * 5) };
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

/** Removes every hour cache file (the "clear caches" action); the bytes freed. */
export function clearHourCaches(cacheDir: string): number {
  return clearCacheFolder(path.join(cacheDir, HOUR_CACHE_FOLDER));
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
  const file = path.join(folder, `${prefix}-${shortHash(identity)}.hours`);

  // Groups as [type, hour, count, min, max] (handed out as they are) keyed by hour * TYPE_SLOTS +
  // the type's index (a number key: a string per group cost more than the counting at 40k groups).
  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  const groups = new Map<number, [string, number, number, number, number]>();
  const zones = new Map<number, [number, number, number, number]>();
  let sortedBlocks: number[] | null = null;
  let coveredUpTo = 0;
  let counted = 0;
  let checkpoint: CacheHeader['checkpoint'] = null;
  let building: Promise<void> | null = null;
  let firstBuild = true;
  let closed = false;
  let dirty = false;
  /** The store's change token when the cache last covered it. */
  let countedAtToken: string | null = null;
  const stop = new AbortController();
  let lastPersist = 0;

  const indexOfType = (type: string): number => {
    let index = typeIndex.get(type);
    if (index === undefined) {
      index = types.length;
      types.push(type);
      typeIndex.set(type, index);
    }
    return index;
  };

  function addGroup(type: number, hour: number, count: number, min: number, max: number): void {
    const key = hour * TYPE_SLOTS + type;
    const group = groups.get(key);
    if (group) {
      group[2] += count;
      group[3] = Math.min(group[3], min);
      group[4] = Math.max(group[4], max);
    } else groups.set(key, [types[type], hour, count, min, max]);
  }

  function addZone(block: number, min: number, max: number, count: number): void {
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

  /**
   * The groups read from the file, kept as read until a histogram (or a count) needs them: a page
   * from a time needs only the zones, and building 40k groups cost ~100 ms on a loaded machine.
   */
  let unread: { local: number[]; g: Float64Array } | null = null;
  function readGroups(): void {
    if (!unread) return;
    const { local, g } = unread;
    unread = null;
    for (let i = 0; i < g.length; i += 5) addGroup(local[g[i]], g[i + 1], g[i + 2], g[i + 3], g[i + 4]);
  }

  function merge(chunk: HourCountsChunk): void {
    readGroups();
    for (const [type, hour, count, min, max] of chunk.groups) {
      addGroup(indexOfType(type), hour, count, min, max);
      counted += count;
    }
    for (const [block, min, max, count] of chunk.zones) addZone(block, min, max, count);
    if (chunk.groups.length > 0) dirty = true;
  }

  function reset(): void {
    types.length = 0;
    typeIndex.clear();
    unread = null;
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
    const saved = decodeCacheFile(await fs.promises.readFile(file));
    if (!saved || saved.header.version !== FORMAT_VERSION || saved.header.identity !== identity) throw new Error('outdated');
    const { header } = saved;
    if (header.checkpoint) {
      const event = await store.getEvent(header.checkpoint.position);
      if (event.eventId !== header.checkpoint.eventId) throw new Error('rewritten');
    }
    const local = header.types.map(indexOfType);
    const g = saved.groups;
    unread = { local, g };
    const z = saved.zones;
    for (let i = 0; i < z.length; i += 4) addZone(z[i], z[i + 1], z[i + 2], z[i + 3]);
    coveredUpTo = header.coveredUpTo;
    counted = header.counted;
    checkpoint = header.checkpoint;
    firstBuild = false;
  } catch {
    reset();
    fs.rmSync(file, { force: true });
  }

  async function persist(): Promise<void> {
    lastPersist = Date.now();
    dirty = false;
    const header: CacheHeader = { version: FORMAT_VERSION, identity, coveredUpTo, counted, checkpoint, types: [...types] };
    readGroups();
    const bytes = encodeCacheFile(header, groups.values(), groups.size, zones.values(), zones.size);
    await fs.promises.mkdir(folder, { recursive: true });
    const temp = `${file}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
    try {
      await fs.promises.writeFile(temp, bytes);
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
    readGroups();
    const wanted = question.types ? new Set(question.types) : null;
    const out: HourGroup[] = [];
    const { fromHour, toHour } = question;
    for (const group of groups.values()) {
      if ((fromHour !== null && group[1] < fromHour) || (toHour !== null && group[1] > toHour)) continue;
      if (wanted && !wanted.has(group[0])) continue;
      out.push(group);
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
      // The store's change token (SQLite's data_version, a database's watermark) says whether it
      // may hold new events; only then is its last position asked for (stats cost more).
      const token = await store.changeToken();
      // A count already running (a page from a time starts one) with a short way to go is waited
      // for, as a short tail of our own is: a small store's histogram is exact, not "0 of 10 counted".
      const running = building; // (it may end, and be set to null, while the position is asked)
      if (running && (await lastPosition()) - coveredUpTo <= extendInline) await running.catch(() => {});
      if (!building && token !== countedAtToken) {
        const behind = (await lastPosition()) - coveredUpTo;
        if (behind <= 0) countedAtToken = token;
        const counting = behind > 0 ? refresh() : null;
        counting?.catch(() => {}); // a failed count shows in the next answer, not as an unhandled rejection
        // A short tail (appended events, or a small store's first count) is counted first: the answer stays exact.
        if (counting && behind <= extendInline) {
          await counting;
          countedAtToken = token;
        }
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
      if (!firstBuild && dirty) await persist();
    },
  };
}
