// Building the cached datasets (run once per size and fingerprint, in a child like every measure).
import fs from 'node:fs';
import { writeDemoStore } from '../../src/main/demo/generateDemo.ts';
import { openEmmettStore, toEmmettEvent } from '../lib/emmettStore.ts';
import { sourceBatches } from '../lib/sourceRows.ts';
import Database from 'better-sqlite3';
import type { Measurement } from './types.ts';

export interface BuildLedgerParams {
  out: string;
  streams: number;
  events: number;
  longEvents: number;
  seed: string;
}

export function buildLedgerDataset(p: BuildLedgerParams): Measurement {
  const started = performance.now();
  const summary = writeDemoStore(p.out, { streams: p.streams, events: p.events, longStreams: 1, longEvents: p.longEvents, seed: p.seed, force: true });
  return { ms: performance.now() - started, units: summary.events, details: { longStreams: summary.longStreams } };
}

export interface BuildEmmettParams {
  source: string;
  out: string;
  streamId: string;
}

/** The long stream's events appended to a fresh Emmett store, 1,000 per call. */
export async function buildEmmettDataset(p: BuildEmmettParams): Promise<Measurement> {
  const partial = `${p.out}.partial`;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true });
  const db = new Database(p.source, { readonly: true });
  const positions = db.prepare('SELECT position FROM events WHERE stream_id = ? ORDER BY version').pluck().all(p.streamId) as number[];
  db.close();
  const store = openEmmettStore(partial);
  const started = performance.now();
  let units = 0;
  // The long stream's rows are spread over the whole log: read them by position ranges and keep its own.
  let pending: ReturnType<typeof toEmmettEvent>[] = [];
  const mine = new Set(positions);
  const last = positions[positions.length - 1] ?? 0;
  for (const rows of sourceBatches(p.source, positions[0] ?? 1, last - (positions[0] ?? 1) + 1, 20_000)) {
    for (const r of rows) {
      if (!mine.has(r.position)) continue;
      pending.push(toEmmettEvent(r.type, JSON.parse(r.data), JSON.parse(r.metadata), r.recordedAt));
      if (pending.length === 1000) {
        await store.appendToStream(p.streamId, pending);
        units += pending.length;
        pending = [];
      }
    }
  }
  if (pending.length > 0) {
    await store.appendToStream(p.streamId, pending);
    units += pending.length;
  }
  store.close();
  // Fold the WAL into the file so the cached store is one self-contained file (it stays in WAL
  // mode, as Emmett leaves it). sqlite3 closes asynchronously: the busy timeout waits for it.
  const checkpoint = new Database(partial);
  checkpoint.pragma('busy_timeout = 10000');
  checkpoint.pragma('wal_checkpoint(TRUNCATE)');
  checkpoint.close();
  for (const suffix of ['-wal', '-shm']) fs.rmSync(partial + suffix, { force: true });
  fs.renameSync(partial, p.out);
  return { ms: performance.now() - started, units };
}
