// The verified copy row: every event of the PostgreSQL store copied (importOnThread, as `ledger import
// URL` and the app run it: on the import's own thread, read and parsed on its parse worker) into a new
// native SQLite store (hash chain computed as they land), then the copy checked against its source
// (event count).
import fs from 'node:fs';
import path from 'node:path';
import { openStoreTarget } from '../../src/main/adapters/openStoreTarget.ts';
import { importOnThread } from '../../src/main/import/workerImport.ts';
import { openStore } from '../../src/main/store/openStore.ts';
import type { Measurement } from './types.ts';

export interface PgCopyParams {
  url: string;
  out: string;
}

interface Copied {
  events: number;
  streams: number;
  chainHead: string | null;
}

export async function pgVerifiedCopy(p: PgCopyParams): Promise<Measurement> {
  fs.mkdirSync(path.dirname(p.out), { recursive: true });
  const cleanup = () => {
    for (const suffix of ['', '-wal', '-shm', '.import-report.json']) fs.rmSync(p.out + suffix, { force: true });
  };
  cleanup();
  try {
    const started = performance.now();
    const report = await importOnThread({ input: p.url, out: p.out, format: 'store' });
    const copied: Copied = { events: report.events, streams: report.streams, chainHead: report.chainHead };
    const copyMs = performance.now() - started;
    // The check: the copy holds every event the source holds.
    const checkStarted = performance.now();
    const source = await openStoreTarget(p.url);
    let sourceEvents: number;
    try {
      sourceEvents = await source.countEvents({ kind: 'all' });
    } finally {
      await source.close();
    }
    const copy = openStore(p.out);
    const copyEvents = copy.stats().events;
    copy.close();
    if (copyEvents !== sourceEvents || copied.events !== sourceEvents) throw new Error(`copy holds ${copyEvents} events (${copied.events} appended), source ${sourceEvents}`);
    const ms = performance.now() - started;
    return { ms, units: copied.events, details: { copyMs, checkMs: performance.now() - checkStarted, streams: copied.streams, chainHead: copied.chainHead, bytes: fs.statSync(p.out).size } };
  } finally {
    cleanup();
  }
}
