// The pg rows' database: a throwaway PostgreSQL server (the test helper's, or LEDGER_TEST_PG_URL)
// with a Marten-layout store generated into it for this run. Generation is INSERT … SELECT
// generate_series (seconds for 1M events), so nothing is cached between runs; the server and its
// folder are gone when the run ends. Where no server can be had the rows are skipped with the reason.
import { startPgServer, type PgServer } from '../../src/main/testing/pgServer.ts';
import { runMeasure } from './child.ts';
import type { BenchSize } from './sizes.ts';

/** generateMartenBulk names its long stream this way (src/main/testing/pgFixtures/marten.ts). */
export const MARTEN_LONG_STREAM_ID = 'long-1';

export interface MartenDatabase {
  /** Superuser URL of the database (the measures open it read-only through openStoreTarget). */
  url: string;
  events: number;
  streams: number;
  longEvents: number;
  longStreamId: string;
  generateMs: number;
  stop(): Promise<void>;
}

export async function startMartenDatabase(size: BenchSize, log: (line: string) => void): Promise<MartenDatabase | { skipped: string }> {
  const started = await startPgServer();
  if (!started.server) return { skipped: started.reason };
  const server: PgServer = started.server;
  try {
    const url = await server.createDatabase('bench_marten');
    const { events, streams, longEvents } = size.marten;
    log(`Generating a Marten-layout PostgreSQL store (${events.toLocaleString('en-US')} events, ${streams.toLocaleString('en-US')} streams + a ${longEvents.toLocaleString('en-US')}-event stream) on ${server.host}:${server.port} …`);
    const built = await runMeasure('dataset.marten', { url, events, streams, longEvents });
    log(`  done in ${(built.ms / 1000).toFixed(1)} s`);
    return { url, events, streams: streams + 1, longEvents, longStreamId: MARTEN_LONG_STREAM_ID, generateMs: built.ms, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
