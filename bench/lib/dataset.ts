// The benchmark's datasets, generated once per size and cached: our store (demo generator) and an
// Emmett store holding the same long stream. The cache key covers what decides the rows and their
// indexes (size, seed, schema, demo generator), so a change there regenerates; speed work on the
// encoding or the hash chain must keep their bytes (their tests say so) and reuses the cache.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_DIR } from './paths.ts';
import type { BenchSize } from './sizes.ts';

export interface Dataset {
  size: BenchSize;
  /** Our store: `size.events` over `size.streams` streams plus the long stream. */
  ledgerFile: string;
  /** An Emmett SQLite store with the long stream's events (same types, data and metadata). */
  emmettFile: string;
  longStreamId: string;
  totalEvents: number;
}

/** The demo generator names its first long stream this way (generateDemo.ts). */
export const LONG_STREAM_ID = 'cart-wholesale-001';

const LEDGER_SOURCES = ['src/main/store/schema.ts', 'src/main/store/bulkIndexes.ts', 'src/main/demo/generateDemo.ts', 'src/main/demo/streamGenerators.ts', 'src/main/demo/catalog.ts', 'src/main/demo/prng.ts'];
/** The Emmett copy also depends on how it is written. */
const EMMETT_SOURCES = [...LEDGER_SOURCES, 'bench/lib/emmettStore.ts', 'bench/measures/datasets.ts'];

function fingerprint(size: BenchSize, sources: string[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ streams: size.streams, events: size.events, longEvents: size.longEvents, seed: size.seed }));
  for (const file of sources) hash.update(fs.readFileSync(path.join(REPO_DIR, file)));
  return hash.digest('hex').slice(0, 12);
}

export function datasetFor(size: BenchSize, dataDir: string): Dataset {
  return {
    size,
    ledgerFile: path.join(dataDir, `ledger-${size.name}-${fingerprint(size, LEDGER_SOURCES)}.db`),
    emmettFile: path.join(dataDir, `emmett-${size.name}-${fingerprint(size, EMMETT_SOURCES)}.db`),
    longStreamId: LONG_STREAM_ID,
    totalEvents: size.events + size.longEvents,
  };
}

/** Cached files of other fingerprints for the same size: stale, removed when a new one is built. */
export function staleFiles(dataset: Dataset): string[] {
  const dir = path.dirname(dataset.ledgerFile);
  if (!fs.existsSync(dir)) return [];
  const keep = new Set([path.basename(dataset.ledgerFile), path.basename(dataset.emmettFile)]);
  const prefix = new RegExp(`^(ledger|emmett)-${dataset.size.name}-[0-9a-f]{12}\\.db(-wal|-shm)?$`);
  return fs
    .readdirSync(dir)
    .filter((name) => prefix.test(name) && !keep.has(name))
    .map((name) => path.join(dir, name));
}
