// The verified copy row: every event of the PostgreSQL store copied into a new native SQLite store
// (hash chain computed as they land), then the copy checked against its source (event count).
//
// importEvents takes a database URL once the copy work (branch i10-copy) lands; until then it
// refuses a URL as a missing file, and this measure runs `copyThroughImportParts` instead: the same
// building blocks importEvents' 'store' format runs (storeRecords over the reader, the field
// resolver, recordToEvent, appendMany in batches of 2,000 into a bulk-load store), without the
// publish step (a hard link). The report says which path ran (`details.via`).
//
// The wrapper opens the database as openStoreTarget does (openPostgres) but with the statement
// timeout off: the session's statement_timeout (120 s) runs across a whole pg-cursor read (the
// portal is suspended between chunks, and the server only resets the timer at Sync), so a copy of
// 1M events that takes longer than 120 s is stopped by the server midway. See the bench report.
import fs from 'node:fs';
import path from 'node:path';
import { openStoreTarget } from '../../src/main/adapters/openStoreTarget.ts';
import { openPostgres } from '../../src/main/adapters/postgres/openPostgres.ts';
import { parsePgTarget } from '../../src/main/adapters/postgres/target.ts';
import { LedgerError } from '../../src/main/errors.ts';
import { createResolver, mapRecord } from '../../src/main/import/fieldMapping.ts';
import { importEvents } from '../../src/main/import/importEvents.ts';
import { recordToEvent } from '../../src/main/import/recordToEvent.ts';
import { storeRecords } from '../../src/main/import/sources.ts';
import type { AppendBatch, EventStoreReader } from '../../src/main/store/eventStore.ts';
import { openStore } from '../../src/main/store/openStore.ts';
import type { Measurement } from './types.ts';

export interface PgCopyParams {
  url: string;
  out: string;
}

const BATCH = 2000; // importEvents' batch

interface Copied {
  events: number;
  streams: number;
  chainHead: string | null;
}

/** importEvents' 'store' path over an open reader (no bad-record handling: a bad record fails the copy). */
export async function copyThroughImportParts(reader: EventStoreReader, out: string): Promise<Copied> {
  const store = openStore(out, { readonly: false, create: true, bulkLoad: true });
  try {
    const resolve = createResolver({});
    const now = Date.now();
    const next = new Map<string, number>();
    let pending: AppendBatch[] = [];
    let events = 0;
    const flush = () => {
      for (const r of store.appendMany(pending)) events += r.appended;
      pending = [];
    };
    for await (const item of storeRecords(reader)) {
      if (item.error || !item.record) throw new LedgerError('BAD_DATA', `record ${item.line}: ${item.error ?? 'empty record'}`);
      const { streamId, version, event } = recordToEvent(mapRecord(item.record, resolve(Object.keys(item.record))), false, now);
      const expected = next.get(streamId) ?? 1;
      if (version !== null && version !== expected) throw new LedgerError('BAD_DATA', `stream '${streamId}': version ${version}, expected ${expected}`);
      next.set(streamId, expected + 1);
      pending.push({ streamId, expectedVersion: expected - 1, events: [event] });
      if (pending.length >= BATCH) flush();
    }
    flush();
    const stats = store.stats();
    return { events, streams: stats.streams, chainHead: stats.chainHead };
  } finally {
    store.close(); // builds the deferred secondary indexes (bulk load)
  }
}

/** importEvents refuses a URL (pre-i10-copy) as a file that is not there. */
const refusesUrl = (error: unknown) => error instanceof LedgerError && error.code === 'FILE_NOT_FOUND' && /postgres(ql)?:/.test(error.message);

export async function pgVerifiedCopy(p: PgCopyParams): Promise<Measurement> {
  fs.mkdirSync(path.dirname(p.out), { recursive: true });
  const cleanup = () => {
    for (const suffix of ['', '-wal', '-shm', '.import-report.json']) fs.rmSync(p.out + suffix, { force: true });
  };
  cleanup();
  try {
    let via = 'importEvents';
    let copied: Copied;
    let started = performance.now();
    try {
      const report = await importEvents({ input: p.url, out: p.out, format: 'store' });
      copied = { events: report.events, streams: report.streams, chainHead: report.chainHead };
    } catch (error) {
      if (!refusesUrl(error)) throw error;
      cleanup();
      via = 'bench wrapper over importEvents parts (importEvents does not take a URL on this branch), statement timeout off';
      started = performance.now();
      const target = parsePgTarget(p.url);
      if (!target) throw new Error(`not a database URL: ${p.url}`);
      const { reader } = await openPostgres(target, { statementTimeoutMs: 0 });
      try {
        copied = await copyThroughImportParts(reader, p.out);
      } finally {
        await reader.close();
      }
    }
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
    return { ms, units: copied.events, details: { via, copyMs, checkMs: performance.now() - checkStarted, streams: copied.streams, chainHead: copied.chainHead, bytes: fs.statSync(p.out).size } };
  } finally {
    cleanup();
  }
}
