// What opening a store looks like to the user: the file facts panel and the first page of streams.
// Each runs in a fresh process, so statement preparation and first reads are part of the figure.
// And the same page while a long read (the whole-store histogram) runs beside it.
import fs from 'node:fs';
import { exportEvents } from '../../src/main/export/exportEvents.ts';
import { toAsyncReader } from '../../src/main/store/asyncReader.ts';
import { verify } from '../../src/main/verify/verify.ts';
import { openStore } from '../../src/main/store/openStore.ts';
import { importEvents } from '../../src/main/import/importEvents.ts';
import { importOnThread } from '../../src/main/import/workerImport.ts';
import { ensureImportInput, type ImportParams } from './import.ts';
import type { Measurement } from './types.ts';

export interface BrowseParams {
  file: string;
  /** The streams screen asks for pages of 300 (StreamsScreen.tsx). */
  pageSize: number;
}

export function openAndStats(p: BrowseParams): Measurement {
  const started = performance.now();
  const store = openStore(p.file);
  const stats = store.stats();
  const ms = performance.now() - started;
  store.close();
  return { ms, details: { events: stats.events, streams: stats.streams, types: stats.types.length } };
}

export function firstStreamsPage(p: BrowseParams): Measurement {
  const store = openStore(p.file);
  try {
    const started = performance.now();
    const page = store.listStreams({ sort: 'lastActivity', limit: p.pageSize });
    const ms = performance.now() - started;
    return { ms, details: { items: page.items.length, more: page.next !== null } };
  } finally {
    store.close();
  }
}

export interface PagesBesideParams extends BrowseParams {
  /** 'worker' (now), 'inline' (before read workers) or 'none' (nothing beside the pages: the floor). */
  beside: 'worker' | 'inline' | 'none';
  /** A page is asked for every this many ms (the UI scrolling or a live-tail refresh). */
  intervalMs: number;
  /** Pages asked for when nothing runs beside them. */
  floorPages: number;
  /**
   * Also run a verify (the chain, as the app's background check does) and an export of every event
   * to this file beside the histogram, as the row asks; pages are asked for until all three end.
   */
  withJobsOut?: string;
  /** Which of those two run (default both): to tell which one holds the thread. */
  jobs?: ('verify' | 'export')[];
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * The streams page the UI asks for while a whole-store histogram runs beside it: a page is due every
 * `intervalMs` from the moment the histogram is asked for until it answers, and each page's latency
 * is from when it was due to its answer, so a page that had to wait for a busy thread counts its wait
 * (inline, the histogram holds the thread: every page due meanwhile waits for it). The figure is
 * the p99 latency; max, p50 and the histogram's own time are in the details.
 */
export async function pagesBesideHistogram(p: PagesBesideParams): Promise<Measurement> {
  const store = toAsyncReader(openStore(p.file), { longReads: p.beside === 'inline' ? 'inline' : 'worker' });
  try {
    await store.listStreams({ sort: 'lastActivity', limit: p.pageSize }); // statements prepared, pages cached: the floor's footing too
    const latencies: number[] = [];
    const started = performance.now();
    let histogramMs: number | null = null;
    let total = 0;
    const timings: Record<string, number> = {};
    const histogramOnly =
      p.beside === 'none'
        ? null
        : store.histogram({}, 120).then((h) => {
            timings.histogramMs = round(performance.now() - started);
            total = h.total;
          });
    const jobs =
      p.beside !== 'none' && p.withJobsOut
        ? [
            (p.jobs ?? ['verify']).includes('verify') &&
              verify(p.file).then((report) => {
                timings.verifyMs = round(performance.now() - started);
                if (!report.ok) throw new Error('verify found problems in the bench store');
              }),
            (p.jobs ?? ['export']).includes('export') &&
              exportEvents(store, { scope: { kind: 'all' }, format: 'ndjson', out: p.withJobsOut }).then(() => {
                timings.exportMs = round(performance.now() - started);
              }),
          ].filter((job): job is Promise<void> => job !== false)
        : [];
    const histogram = histogramOnly
      ? Promise.all([histogramOnly, ...jobs]).then(() => {
          histogramMs = performance.now() - started;
        })
      : null;
    for (let k = 0; ; k++) {
      const due = started + k * p.intervalMs;
      if (histogram ? histogramMs !== null && due > started + histogramMs : k >= p.floorPages) break;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await store.listStreams({ sort: 'lastActivity', limit: p.pageSize });
      latencies.push(performance.now() - due);
    }
    await histogram;
    if (p.withJobsOut) fs.rmSync(p.withJobsOut, { force: true });
    latencies.sort((a, b) => a - b);
    return {
      ms: percentile(latencies, 99),
      details: { pages: latencies.length, p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), maxMs: round(latencies[latencies.length - 1]), besideMs: histogramMs === null ? null : round(histogramMs), ...timings, histogramEvents: total },
    };
  } finally {
    await store.close();
  }
}

export interface PagesBesideImportParams extends BrowseParams {
  intervalMs: number;
  /** The import row's file and a new store to import it into (removed after). */
  importing: ImportParams;
  /** 'thread': on the import's own thread, as the app runs it now; 'here': on the thread that answers the pages, as before. */
  on: 'thread' | 'here';
}

/**
 * The streams page the UI asks for while an import runs (the import row's file into a new store), a
 * page due every `intervalMs` from the import's start to its end, latency counted from when it was
 * due, as pagesBesideHistogram does. On this thread the import's synchronous steps (each batch's
 * inserts, and the indexes built at the end: seconds on a big file) hold every page due meanwhile.
 */
export async function pagesBesideImport(p: PagesBesideImportParams): Promise<Measurement> {
  ensureImportInput(p.importing);
  const out = p.importing.out;
  const removeOut = () => {
    for (const f of [out, `${out}-wal`, `${out}-shm`, `${out}.import-report.json`]) fs.rmSync(f, { force: true });
  };
  removeOut();
  const store = toAsyncReader(openStore(p.file));
  try {
    await store.listStreams({ sort: 'lastActivity', limit: p.pageSize });
    const latencies: number[] = [];
    const started = performance.now();
    let importMs: number | null = null;
    const run = (p.on === 'thread' ? importOnThread : importEvents)({ input: p.importing.input, out }).then((report) => {
      importMs = performance.now() - started;
      return report;
    });
    for (let k = 0; importMs === null; k++) {
      const due = started + k * p.intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (importMs !== null) break;
      await store.listStreams({ sort: 'lastActivity', limit: p.pageSize });
      latencies.push(performance.now() - due);
    }
    const report = await run;
    latencies.sort((a, b) => a - b);
    return {
      ms: percentile(latencies, 99),
      details: { pages: latencies.length, p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), maxMs: round(latencies[latencies.length - 1]), importMs: round(importMs ?? 0), importedEvents: report.events },
    };
  } finally {
    await store.close();
    removeOut();
  }
}
