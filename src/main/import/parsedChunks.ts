// The parse worker's results, packed for the trip between threads: a chunk is one flat array of
// strings and one flat array of numbers per CHUNK_RECORDS records, not an object per record (structured
// clone of a million small objects costs more on the receiving thread than a few big arrays), and
// is unpacked into the append path's PreparedEvents by the importing thread. Bad records travel as
// they are, in record order with the events.
import type { ErrorCode } from '../../shared/result.ts';
import type { ExpectedVersion } from '../errors.ts';
import type { Mapping, Target } from './fieldMapping.ts';
import type { PipelineCounts, RecordOutcome } from './recordPipeline.ts';
import type { ImportFormat } from './sources.ts';
import type { ErrorWords } from '../../shared/errorWords/index.ts';

/**
 * Records per chunk. A chunk being filled lives through the worker's young-generation collections:
 * at 1,000 records most of it was promoted and collected again as old generation, and the worker
 * spent 1.2 s of its 3.2 s in GC on a 300k-event import; at 250, 0.5 s (as with a young generation
 * four times the size, which costs ~30 MB of RSS), and the import’s wall time 5–14% less (3 alternating runs).
 */
export const CHUNK_RECORDS = 250;
/** Chunks sent and not yet acknowledged: the worker waits beyond this (flat memory: 4,000 records). */
export const MAX_IN_FLIGHT = 16;

export interface ParseTask {
  /** A file, or for `store` the store to copy: its absolute path or database URL (with its password). */
  input: string;
  format: ImportFormat;
  mapping: Mapping;
  now: number;
  /** A database's mapped table and its column mapping (`store` only). */
  table?: string;
  tableMap?: string[];
}

const STRINGS = 8; // eventId, streamId, type, data, metadata, actor, correlationId, causationId
const NUMBERS = 4; // line, kind (0 event, 1 bad) or expected-version code, recordedAtMs, callerChoseId

export interface PackedChunk {
  count: number;
  /** The chunk's strings end to end (one string clones as one copy), and each one's length (-1: null). */
  text: string;
  lengths: number[];
  numbers: number[];
  bad: { field: Target | null; message: string; words?: ErrorWords }[];
  /** Input bytes read and records seen when the chunk was sent (progress). */
  bytes: number;
  records: number;
}

export type WorkerMessage =
  | { kind: 'chunk'; chunk: PackedChunk }
  | { kind: 'done'; counts: PipelineCounts }
  /** The worker could not open the copy's source (a role allowed one connection, say): read it on the importing thread. */
  | { kind: 'readHere' }
  | { kind: 'error'; code: ErrorCode; message: string; details?: Record<string, unknown>; words?: ErrorWords };

export const newChunk = (): PackedChunk => ({ count: 0, text: '', lengths: [], numbers: [], bad: [], bytes: 0, records: 0 });

function pushText(chunk: PackedChunk, value: string | null): void {
  if (value === null) chunk.lengths.push(-1);
  else {
    chunk.text += value;
    chunk.lengths.push(value.length);
  }
}

/** Expected versions as numbers: >= 0 a version, -1 'any' (the only other value the import uses). */
const BAD = -2;

export function packOutcome(chunk: PackedChunk, outcome: RecordOutcome): void {
  chunk.count++;
  if (outcome.kind === 'bad') {
    chunk.numbers.push(outcome.line, BAD, 0, 0);
    chunk.bad.push({ field: outcome.field, message: outcome.message, ...(outcome.words ? { words: outcome.words } : {}) });
    return;
  }
  const e = outcome.event;
  for (const value of [e.eventId, outcome.streamId, e.type, e.data, e.metadata, e.actor, e.correlationId, e.causationId]) pushText(chunk, value);
  chunk.numbers.push(outcome.line, outcome.expected === 'any' ? -1 : (outcome.expected as number), e.recordedAtMs, e.callerChoseId ? 1 : 0);
}

export function unpackChunk(chunk: PackedChunk): RecordOutcome[] {
  const out: RecordOutcome[] = new Array(chunk.count);
  const { numbers: n, text, lengths } = chunk;
  const s: (string | null)[] = new Array(lengths.length);
  for (let i = 0, at = 0; i < lengths.length; i++) {
    const length = lengths[i];
    if (length < 0) s[i] = null;
    else {
      s[i] = text.slice(at, at + length);
      at += length;
    }
  }
  let si = 0;
  let bi = 0;
  for (let i = 0; i < chunk.count; i++) {
    const o = i * NUMBERS;
    const line = n[o];
    const code = n[o + 1];
    if (code === BAD) {
      const bad = chunk.bad[bi++];
      out[i] = { kind: 'bad', line, field: bad.field, message: bad.message, ...(bad.words ? { words: bad.words } : {}) };
      continue;
    }
    const expected: ExpectedVersion = code === -1 ? 'any' : code;
    out[i] = {
      kind: 'event',
      line,
      streamId: s[si + 1] as string,
      expected,
      event: {
        eventId: s[si] as string,
        callerChoseId: n[o + 3] === 1,
        type: s[si + 2] as string,
        data: s[si + 3] as string,
        metadata: s[si + 4] as string,
        recordedAtMs: n[o + 2],
        actor: s[si + 5],
        correlationId: s[si + 6],
        causationId: s[si + 7],
      },
    };
    si += STRINGS;
  }
  return out;
}
