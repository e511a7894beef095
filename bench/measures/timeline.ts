// The timeline as the app serves it (issue 13's "a 10M-event store that still answers at once"):
// a session opened on the store, answered by the same IPC handlers the window and the bridge call
// (events/list, events/histogram, streams/list), with the open store's hour cache in a cache folder
// of the bench (bench/.data/cache-<size>: counted once, like the dataset). Each measure runs in a
// fresh process, so statement preparation and first reads are part of the figure.
import fs from 'node:fs';
import path from 'node:path';
import { createEventHandlers } from '../../src/main/ipc/handlers/eventHandlers.ts';
import { createStreamHandlers } from '../../src/main/ipc/handlers/streamHandlers.ts';
import type { JobRegistry } from '../../src/main/jobs/jobRegistry.ts';
import { createHistogramCaches } from '../../src/main/session/histogramCaches.ts';
import { createSession } from '../../src/main/session/session.ts';
import { HOUR_CACHE_FOLDER, openHourCache } from '../../src/main/store/hourCache.ts';
import type { ReadAllQuery } from '../../src/shared/types.ts';
import type { Measurement } from './types.ts';

export interface TimelineParams {
  file: string;
  /** The app's cache folder for this dataset (the hour cache lives under it). */
  cacheDir: string;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function openApp(p: TimelineParams, withCache = true) {
  const scratch = fs.mkdtempSync(path.join(path.dirname(p.cacheDir), 'timeline-'));
  const session = createSession({ paths: { config: path.join(scratch, 'config'), cache: p.cacheDir, exports: path.join(scratch, 'exports') }, tailIntervalMs: 0 });
  const histograms = withCache ? createHistogramCaches({ session, cacheDir: p.cacheDir }) : undefined;
  const events = createEventHandlers({ session, histograms });
  const streams = createStreamHandlers({ session, jobs: {} as JobRegistry });
  const opened = await session.open(p.file);
  return {
    session,
    events,
    streams,
    stats: opened.stats,
    close: async () => {
      await histograms?.close();
      await session.close();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** The hour cache on disk for the dataset (counted here, untimed, when no run of buildHourCache left one). */
async function ensureHourCache(p: TimelineParams): Promise<void> {
  const app = await openApp(p, false);
  try {
    const cache = await openHourCache(app.session.require().store, { cacheDir: p.cacheDir });
    await cache?.refresh();
    await cache?.close();
  } finally {
    await app.close();
  }
}

/** What the app does when a store is opened: the session (file checks, reader, stats). */
export async function openSession(p: TimelineParams): Promise<Measurement> {
  const started = performance.now();
  const app = await openApp(p, false);
  const ms = performance.now() - started;
  await app.close();
  return { ms, details: { events: app.stats.events, streams: app.stats.streams } };
}

/** Counts the whole store by hour into a fresh cache (the one-time cost the first timeline pays, in the background). */
export async function buildHourCache(p: TimelineParams & { events: number }): Promise<Measurement> {
  fs.rmSync(path.join(p.cacheDir, HOUR_CACHE_FOLDER), { recursive: true, force: true });
  const app = await openApp(p, false);
  try {
    const cache = (await openHourCache(app.session.require().store, { cacheDir: p.cacheDir }))!;
    const started = performance.now();
    await cache.refresh();
    const ms = performance.now() - started;
    const status = cache.status();
    await cache.close();
    const files = fs.readdirSync(path.join(p.cacheDir, HOUR_CACHE_FOLDER));
    const bytes = files.reduce((sum, name) => sum + fs.statSync(path.join(p.cacheDir, HOUR_CACHE_FOLDER, name)).size, 0);
    return { ms, units: status.counted, details: { counted: status.counted, cacheBytes: bytes } };
  } finally {
    await app.close();
  }
}

/** The whole-store histogram the timeline asks for first (120 slices): from the hour cache, or the scan of before. */
export async function wholeHistogram(p: TimelineParams & { mode: 'cache' | 'scan' }): Promise<Measurement> {
  if (p.mode === 'cache') await ensureHourCache(p);
  const app = await openApp(p, p.mode === 'cache');
  try {
    const started = performance.now();
    const h = await app.events['events/histogram']({ buckets: 120 });
    const ms = performance.now() - started;
    if (h.total !== app.stats.events) throw new Error(`The histogram counted ${h.total} of ${app.stats.events} events${h.partial ? ' (partial: the hour cache is not built)' : ''}.`);
    return { ms, details: { total: h.total, buckets: h.buckets.length, bucketMs: h.bucketMs, partial: h.partial ?? null } };
  } finally {
    await app.close();
  }
}

export type PageFilter = 'none' | 'type' | 'actor' | 'time' | 'typeAndTime' | 'actorAndTime';

/** The filters of the timeline's first page, from the store's own facts (a type in the middle of the ranking, the first actor, the middle of its time). */
async function filterQuery(app: Awaited<ReturnType<typeof openApp>>, filter: PageFilter): Promise<ReadAllQuery> {
  const { stats } = app;
  const type = stats.types[Math.floor(stats.types.length / 2)].type;
  const first = Date.parse(stats.firstRecordedAt!);
  const last = Date.parse(stats.lastRecordedAt!);
  const fromTime = new Date(first + (last - first) * 0.6).toISOString();
  let actor = '';
  if (filter === 'actor' || filter === 'actorAndTime') {
    const sample = await app.events['events/list']({ limit: 50 });
    actor = sample.items.map((e) => e.metadata.actor).find((a): a is string => typeof a === 'string') ?? '';
  }
  switch (filter) {
    case 'none':
      return {};
    case 'type':
      return { types: [type] };
    case 'actor':
      return { actor };
    case 'time':
      return { fromTime };
    case 'typeAndTime':
      return { types: [type], fromTime };
    case 'actorAndTime':
      return { actor, fromTime };
  }
}

/** The timeline's first page (300 events) with one filter, in a fresh process with the hour cache on disk. */
export async function firstTimelinePage(p: TimelineParams & { filter: PageFilter; pageSize: number; withoutCache?: boolean }): Promise<Measurement> {
  await ensureHourCache(p);
  const app = await openApp(p, !p.withoutCache);
  try {
    const query = await filterQuery(app, p.filter);
    const started = performance.now();
    const page = await app.events['events/list']({ ...query, limit: p.pageSize });
    const ms = performance.now() - started;
    return { ms, details: { query, items: page.items.length, firstPosition: page.items[0]?.position ?? null } };
  } finally {
    await app.close();
  }
}

/** Scrolling anywhere: pages of 300 from random positions (seeded), then the page after each; the p99 latency. */
export async function scrollTimeline(p: TimelineParams & { filter: 'none' | 'type'; pageSize: number; samples: number; seed: number }): Promise<Measurement> {
  await ensureHourCache(p);
  const app = await openApp(p);
  try {
    const query = await filterQuery(app, p.filter);
    const top = app.stats.lastPosition ?? 1;
    let seed = p.seed;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const latencies: number[] = [];
    for (let i = 0; i < p.samples; i++) {
      const fromPosition = 1 + Math.floor(random() * top);
      let started = performance.now();
      const page = await app.events['events/list']({ ...query, fromPosition, limit: p.pageSize });
      latencies.push(performance.now() - started);
      if (page.next !== null) {
        started = performance.now();
        await app.events['events/list']({ ...query, fromPosition: page.next, limit: p.pageSize });
        latencies.push(performance.now() - started);
      }
    }
    latencies.sort((a, b) => a - b);
    return { ms: percentile(latencies, 99), details: { pages: latencies.length, p50Ms: round(percentile(latencies, 50)), maxMs: round(latencies[latencies.length - 1]) } };
  } finally {
    await app.close();
  }
}

/**
 * A browsing session, for the viewer's peak RSS: open, the histogram, each filter's first page,
 * 50 random timeline pages, streams pages, the long stream's first pages. The figure of interest
 * is the process's peak RSS (recorded for every measure); the time is the whole session's.
 */
export async function browseSession(p: TimelineParams & { longStreamId: string }): Promise<Measurement> {
  await ensureHourCache(p);
  const started = performance.now();
  const app = await openApp(p);
  try {
    await app.events['events/histogram']({ buckets: 120 });
    for (const filter of ['type', 'actor', 'time', 'typeAndTime', 'actorAndTime'] as const) {
      const query = await filterQuery(app, filter);
      let cursor: number | null = null;
      for (let page = 0; page < 3; page++) {
        const result = await app.events['events/list']({ ...query, ...(cursor ? { fromPosition: cursor } : {}), limit: 300 });
        cursor = result.next;
        if (cursor === null) break;
      }
    }
    const top = app.stats.lastPosition ?? 1;
    for (let i = 0; i < 50; i++) await app.events['events/list']({ fromPosition: 1 + Math.floor(((i * 7919) % 50) / 50 * top), limit: 300 });
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = await app.streams['streams/list']({ sort: 'lastActivity', limit: 300, ...(after ? { after } : {}) });
      after = page.next;
      if (!after) break;
    }
    let version = 1;
    for (let i = 0; i < 10; i++) {
      const page = await app.streams['stream/events']({ streamId: p.longStreamId, fromVersion: version, limit: 1000 });
      if (page.next === null) break;
      version = page.next;
    }
    return { ms: performance.now() - started };
  } finally {
    await app.close();
  }
}

/**
 * The streams page the UI asks for while the hour cache makes its first count of the store (what a
 * v1, Emmett or PostgreSQL store's timeline starts in the background when first opened): a page due
 * every `intervalMs` until the count ends, latency from when it was due; 'none' asks `floorPages`
 * pages with nothing beside (the floor). Counted into a scratch folder, never the dataset's cache.
 */
export async function pagesBesideHourCount(p: TimelineParams & { beside: 'count' | 'none'; intervalMs: number; floorPages: number }): Promise<Measurement> {
  const app = await openApp(p, false);
  const scratchCache = fs.mkdtempSync(path.join(path.dirname(p.cacheDir), 'hour-count-'));
  try {
    await app.streams['streams/list']({ sort: 'lastActivity', limit: 300 }); // statements prepared: the floor's footing too
    const cache = p.beside === 'count' ? (await openHourCache(app.session.require().store, { cacheDir: scratchCache }))! : null;
    const latencies: number[] = [];
    const started = performance.now();
    let countMs: number | null = null;
    const counting = cache?.refresh().then(() => {
      countMs = performance.now() - started;
    });
    for (let k = 0; ; k++) {
      if (cache ? countMs !== null : k >= p.floorPages) break;
      const due = started + k * p.intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (cache && countMs !== null) break;
      await app.streams['streams/list']({ sort: 'lastActivity', limit: 300 });
      latencies.push(performance.now() - due);
    }
    await counting;
    const counted = cache?.status().counted ?? null;
    await cache?.close();
    latencies.sort((a, b) => a - b);
    return {
      ms: percentile(latencies, 99),
      details: { pages: latencies.length, p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), maxMs: round(latencies[latencies.length - 1]), countMs: countMs === null ? null : round(countMs), counted },
    };
  } finally {
    await app.close();
    fs.rmSync(scratchCache, { recursive: true, force: true });
  }
}
