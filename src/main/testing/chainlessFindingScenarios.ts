// Stores without a hash chain that contradict themselves in every way verifyWithoutChain names, for
// tests of the findings' sentences: readers over fixed rows (a store's log, its summaries, its
// totals and its per-stream path each made to disagree), and an Emmett file with a row deleted.
import Database from 'better-sqlite3';
import path from 'node:path';
import type { StreamSummary } from '../../shared/types.ts';
import type { VerifyFinding } from '../../shared/verify.ts';
import type { EventScope, EventStoreReader, RawEvent } from '../store/eventStore.ts';
import { verify } from '../verify/verify.ts';
import { verifyWithoutChain } from '../verify/verifyReader.ts';
import { writeEmmettFile } from './emmettFile.ts';

const raw = (position: number, streamId: string, version: number, eventId = `e-${position}`): RawEvent => ({
  position,
  eventId,
  streamId,
  version,
  type: 'T',
  recordedAt: new Date(1_700_000_000_000 + position).toISOString(),
  dataText: `{"n":${position}}`,
  metadataText: '{}',
  hash: null,
});

interface Contradictions {
  /** Summaries changed (a field), left out (null) or added for a stream the log does not have. */
  summaries?: Record<string, Partial<StreamSummary> | null>;
  /** What the store's own totals say, when not the log's length. */
  events?: number;
  /** A stream's events as its per-stream path gives them. */
  perStream?: (streamId: string, events: RawEvent[]) => RawEvent[];
}

function readerOver(log: RawEvent[], contradictions: Contradictions = {}): EventStoreReader {
  const ids = [...new Set([...log.map((e) => e.streamId), ...Object.keys(contradictions.summaries ?? {})])].sort();
  const summaries: StreamSummary[] = [];
  for (const streamId of ids) {
    const change = contradictions.summaries?.[streamId];
    if (change === null) continue;
    const events = log.filter((e) => e.streamId === streamId);
    summaries.push({
      streamId,
      category: streamId.split('-')[0],
      version: Math.max(0, ...events.map((e) => e.version)),
      eventCount: events.length,
      firstPosition: events[0]?.position ?? 0,
      lastPosition: events.at(-1)?.position ?? 0,
      firstRecordedAt: events[0]?.recordedAt ?? '',
      lastRecordedAt: events.at(-1)?.recordedAt ?? '',
      ...change,
    });
  }
  return {
    info: { path: 'fixed rows', format: 'postgres-table', adapter: 'a test reader', readonly: true, sizeBytes: 0, hasIntegrityChain: false },
    stats: async () => ({ events: contradictions.events ?? log.length, streams: summaries.length }) as never,
    listStreams: async ({ after }: { after?: string | null } = {}) => ({ items: summaries.filter((s) => !after || s.streamId > after), next: null }),
    async *iterateRaw(scope: EventScope) {
      if (scope.kind === 'all') yield log;
      else {
        const events = log.filter((e) => e.streamId === scope.streamId);
        yield contradictions.perStream?.(scope.streamId, events) ?? events;
      }
    },
  } as unknown as EventStoreReader;
}

export interface ChainlessFindingScenario {
  name: string;
  /** The findings verification without a chain makes (`dir`: a folder for files it writes). */
  findings(dir: string): Promise<VerifyFinding[]>;
}

const checked = async (log: RawEvent[], contradictions?: Contradictions) => (await verifyWithoutChain(readerOver(log, contradictions))).findings;

export const CHAINLESS_FINDING_SCENARIOS: ChainlessFindingScenario[] = [
  { name: 'a version skipped, one repeated, a position repeated', findings: () => checked([raw(1, 'a-1', 1), raw(2, 'a-1', 3), raw(3, 'b-1', 1), raw(4, 'b-1', 1), raw(4, 'c-1', 1)]) },
  { name: 'versions skipped, one going back, an id repeated', findings: () => checked([raw(1, 'a-1', 1), raw(2, 'a-1', 4), raw(3, 'b-1', 1), raw(4, 'b-1', 2), raw(5, 'b-1', 1, 'e-1')]) },
  { name: 'a position going back', findings: () => checked([raw(1, 'a-1', 1), raw(3, 'b-1', 1), raw(2, 'c-1', 1)]) },
  {
    name: 'summaries and totals that disagree',
    findings: () => checked([raw(1, 'a-1', 1), raw(2, 'a-1', 2), raw(3, 'b-1', 1)], { summaries: { 'a-1': { version: 4, eventCount: 4 }, 'b-1': null, 'z-1': { version: 2 } }, events: 5 }),
  },
  {
    name: 'a per-stream path that disagrees with the log',
    findings: () =>
      checked([raw(1, 'a-1', 1), raw(2, 'a-1', 2), raw(3, 'b-1', 1)], {
        perStream: (streamId, events) => (streamId === 'a-1' ? events.map((e) => (e.position === 2 ? { ...e, dataText: '{"n":22}' } : e)) : events.slice(1)),
      }),
  },
  {
    name: 'a row deleted from an Emmett file',
    findings: async (dir) => {
      const file = path.join(dir, 'emmett.sqlite');
      await writeEmmettFile(file, [['cart-1', [{ type: 'A', data: { n: 1 } }, { type: 'B', data: { n: 2 } }, { type: 'C', data: { n: 3 } }]]]);
      const db = new Database(file);
      db.prepare('DELETE FROM emt_messages WHERE stream_position = 2').run();
      db.close();
      return (await verify(file)).findings;
    },
  },
];
