// Verification of a store without a hash chain (Emmett files, PostgreSQL layouts): what CAN be
// checked through the reader contract alone, said plainly, and nothing claimed beyond it.
//   1. the global log, in the store's read order: positions unique and increasing, event ids unique;
//      every stream's versions 1..n without gaps, duplicates or position inversions;
//   2. the stream summaries (the layout's streams table, or its own aggregates) against those events,
//      and the store's own totals;
//   3. read-back: each stream read again through its per-stream path (another index on a database)
//      must give the same events, byte for byte, as the global log did.
// Without a chain, an edit that keeps the shape (a changed amount) is invisible to these checks;
// the report says so, and a verified copy into a native store is how to pin the history from now on.
import { createHash } from 'node:crypto';
import { englishError, words, type ErrorWords } from '../../shared/errorWords/index.ts';
import type { VerifyFinding, VerifyProgress, VerifyReport } from '../../shared/verify.ts';
import { CancelledError } from '../errors.ts';
import type { EventStoreReader, RawEvent } from '../store/eventStore.ts';
import { createFindingSink } from './findings.ts';
import { said } from './said.ts';

export interface VerifyReaderOptions {
  signal?: AbortSignal;
  onProgress?: (progress: VerifyProgress) => void;
  /** Streams read back through their own path; beyond this, an even sample (the report says which). Default 20,000. */
  readBackStreams?: number;
}

/** Said in every chainless report: what these checks cannot see. */
const NO_CHAIN_LIMIT_WORDS = words('errorWords.check.noChain', {});
export const NO_CHAIN_LIMIT = englishError(NO_CHAIN_LIMIT_WORDS);

/** A report's notes: main's English for every reader, the words beside them for the reader's language. */
const notesOf = (said: ErrorWords[]) => ({ messages: said.map(englishError), words: said });

interface StreamTally {
  version: number;
  count: number;
  lastPosition: number;
  /** Order-independent digest of the stream's events (sum of 64-bit prefixes of sha256 per event). */
  digest: bigint;
  /** Whether a finding was already reported for this stream (read back in any case). */
  flagged: boolean;
}

const MASK64 = (1n << 64n) - 1n;

/** A 64-bit digest of everything the store says about one event. */
function eventDigest(e: RawEvent): bigint {
  const hash = createHash('sha256')
    .update(`${e.position}\u0000${e.eventId}\u0000${e.streamId}\u0000${e.version}\u0000${e.type}\u0000${e.recordedAt}\u0000`)
    .update(e.dataText)
    .update('\u0000')
    .update(e.metadataText)
    .digest();
  return hash.readBigUInt64BE(0);
}

export async function verifyWithoutChain(store: EventStoreReader, options: VerifyReaderOptions = {}): Promise<VerifyReport> {
  const started = Date.now();
  const sink = createFindingSink();
  const { signal } = options;
  const check = () => {
    if (signal?.aborted) throw new CancelledError('Verification');
  };
  check();
  const stats = await store.stats();
  const readBackLimit = options.readBackStreams ?? 20_000;
  const total = stats.events * 2 + stats.streams + 1;
  let done = 0;
  const progress = (phase: VerifyProgress['phase']) => options.onProgress?.({ phase, done: Math.min(done, total), total });
  progress('streams');

  // 1. The global log.
  const streams = new Map<string, StreamTally>();
  const eventIds = new Set<string>();
  // Where positions need not increase in read order, uniqueness is checked with a set instead.
  const ordered = store.info.layout?.positionsFollowReadOrder !== false;
  const positions = ordered ? null : new Set<number>();
  let previousPosition: number | null = null;
  let firstPosition: number | null = null;
  let events = 0;
  let firstBad = Infinity;
  const flag = (finding: VerifyFinding) => {
    sink.add(finding);
    if (finding.position !== null) firstBad = Math.min(firstBad, finding.position);
  };
  for await (const batch of store.iterateRaw({ kind: 'all' }, { signal })) {
    for (const e of batch) {
      events++;
      firstPosition ??= e.position;
      const repeated = positions ? positions.has(e.position) : previousPosition === e.position;
      positions?.add(e.position);
      if (repeated || (ordered && previousPosition !== null && e.position < previousPosition)) {
        flag({
          kind: repeated ? 'inserted' : 'reordered',
          check: 'stream-versions',
          position: e.position,
          streamId: e.streamId,
          version: e.version,
          ...said(
            repeated
              ? words('errorWords.finding.positionTwice', { position: e.position })
              : words('errorWords.finding.positionBackwards', { position: e.position, previous: String(previousPosition) }),
          ),
        });
      }
      previousPosition = e.position;
      if (eventIds.has(e.eventId)) {
        flag({ kind: 'inserted', check: 'stream-versions', position: e.position, streamId: e.streamId, version: e.version, ...said(words('errorWords.finding.eventIdTwice', { eventId: e.eventId, position: e.position })) });
      } else eventIds.add(e.eventId);
      let tally = streams.get(e.streamId);
      if (!tally) {
        tally = { version: 0, count: 0, lastPosition: -Infinity, digest: 0n, flagged: false };
        streams.set(e.streamId, tally);
      }
      const expected = tally.version + 1;
      if (e.version !== expected) {
        tally.flagged = true;
        const kind = e.version > expected ? 'deleted' : e.version === tally.version ? 'inserted' : 'reordered';
        flag({
          kind,
          check: 'stream-versions',
          position: e.position,
          streamId: e.streamId,
          version: e.version,
          expected,
          actual: e.version,
          ...said(
            kind === 'deleted'
              ? e.version - expected === 1
                ? words('errorWords.finding.versionJumpOne', { streamId: e.streamId, from: tally.version, to: e.version, missing: expected })
                : words('errorWords.finding.versionJumpMany', { streamId: e.streamId, from: tally.version, to: e.version, first: expected, last: e.version - 1 })
              : kind === 'inserted'
                ? words('errorWords.finding.versionTwice', { streamId: e.streamId, version: e.version, position: e.position })
                : words('errorWords.finding.versionBackwards', { streamId: e.streamId, version: e.version, previous: tally.version, position: e.position }),
          ),
        });
      }
      if (e.position <= tally.lastPosition) tally.flagged = true;
      tally.version = Math.max(tally.version, e.version);
      tally.count++;
      tally.lastPosition = e.position;
      tally.digest = (tally.digest + eventDigest(e)) & MASK64;
    }
    done += batch.length;
    progress('streams');
    check();
  }

  // 2. Summaries against the events, and the store's totals.
  progress('summaries');
  const summarized = new Set<string>();
  let after: string | null = null;
  do {
    check();
    const page = await store.listStreams({ sort: 'id', limit: 1000, after });
    for (const summary of page.items) {
      summarized.add(summary.streamId);
      const tally = streams.get(summary.streamId);
      if (!tally) {
        flag({ kind: 'summary-mismatch', check: 'streams-summary', position: null, streamId: summary.streamId, ...said(words('errorWords.finding.summaryWithoutEvents', { streamId: summary.streamId, version: summary.version })) });
        continue;
      }
      if (summary.version !== tally.version || summary.eventCount !== tally.count) {
        tally.flagged = true;
        flag({
          kind: 'summary-mismatch',
          check: 'streams-summary',
          position: null,
          streamId: summary.streamId,
          expected: tally.version,
          actual: summary.version,
          ...said(words('errorWords.finding.summaryDiffers', { streamId: summary.streamId, version: summary.version, events: summary.eventCount, actualVersion: tally.version, actualEvents: tally.count })),
        });
      }
    }
    done += page.items.length;
    after = page.next;
  } while (after);
  for (const [streamId, tally] of streams) {
    if (summarized.has(streamId)) continue;
    tally.flagged = true;
    flag({ kind: 'summary-mismatch', check: 'streams-summary', position: null, streamId, ...said(words('errorWords.finding.summaryMissing', { streamId, events: tally.count })) });
  }
  if (stats.events !== events) {
    flag({ kind: 'summary-mismatch', check: 'streams-summary', position: null, expected: events, actual: stats.events, ...said(words('errorWords.finding.storeCountDiffers', { counted: stats.events, read: events })) });
  }

  // 3. Read-back through each stream's own path.
  progress('types');
  const ids = [...streams.keys()];
  const step = ids.length > readBackLimit ? ids.length / readBackLimit : 1;
  const chosen = new Set<string>();
  for (let i = 0; i < ids.length && chosen.size < readBackLimit; i += step) chosen.add(ids[Math.floor(i)]);
  for (const [streamId, tally] of streams) if (tally.flagged) chosen.add(streamId);
  let readBack = 0;
  for (const streamId of chosen) {
    check();
    const tally = streams.get(streamId)!;
    let digest = 0n;
    let count = 0;
    for await (const batch of store.iterateRaw({ kind: 'stream', streamId }, { signal })) {
      for (const e of batch) {
        digest = (digest + eventDigest(e)) & MASK64;
        count++;
      }
    }
    readBack++;
    done += count;
    if (readBack % 200 === 0) progress('types');
    if (digest !== tally.digest || count !== tally.count) {
      flag({
        kind: 'index-divergence',
        check: 'index',
        position: null,
        streamId,
        expected: tally.count,
        actual: count,
        ...said(
          count === tally.count
            ? words('errorWords.finding.readBackDiffers', { streamId, logEvents: tally.count })
            : words('errorWords.finding.readBackCountDiffers', { streamId, events: count, logEvents: tally.count }),
        ),
      });
    }
  }

  done = total;
  progress('done');
  const lastPosition = previousPosition;
  const sampled = chosen.size < streams.size;
  return {
    ok: sink.total() === 0,
    mode: 'no-chain',
    path: store.info.path,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    eventsChecked: events,
    streamsChecked: streams.size,
    firstPosition,
    lastPosition,
    lastGoodPosition: lastPosition === null ? null : Number.isFinite(firstBad) ? Math.max(0, firstBad - 1) : lastPosition,
    chainHead: null,
    recordedHead: null,
    expectedHead: null,
    integrity: {
      ran: false,
      ok: true,
      ...notesOf([
        NO_CHAIN_LIMIT_WORDS,
        sampled
          ? words('errorWords.check.readBackSample', { chosen: chosen.size.toLocaleString('en-US'), streams: streams.size.toLocaleString('en-US') })
          : words('errorWords.check.readBackAll', { streams: streams.size.toLocaleString('en-US') }),
      ]),
    },
    findings: sink.list,
    findingCounts: sink.counts,
    truncated: sink.truncated,
  };
}
