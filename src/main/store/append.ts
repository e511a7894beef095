// The append path: validates and canonicalises every event first, then writes all batches in one
// IMMEDIATE transaction that checks expected versions, extends the hash chain, and keeps the
// streams / event_types / event_type_hours summaries and the chain head exact. Idempotent by event id.
import type Database from 'better-sqlite3';
import { ConcurrencyError, LedgerError, type ExpectedVersion } from '../errors.ts';
import { words } from '../../shared/errorWords/index.ts';
import { canonicalJson } from './canonicalJson.ts';
import { categoryOf } from './decode.ts';
import type { AppendBatch, AppendResult, NewEvent } from './eventStore.ts';
import { chainHash } from './hashChain.ts';
import { MAX_EVENT_ID_LENGTH, MAX_EVENT_TEXT_LENGTH, MAX_STREAM_ID_LENGTH, MAX_TYPE_LENGTH, nonEmptyText } from './limits.ts';
import { hourOf } from './schema.ts';
import { parseTime } from './time.ts';
import { uuidV7 } from './uuid.ts';

export interface PreparedEvent {
  eventId: string;
  callerChoseId: boolean;
  type: string;
  data: string;
  metadata: string;
  recordedAtMs: number;
  actor: string | null;
  correlationId: string | null;
  causationId: string | null;
}

interface StreamState {
  exists: boolean;
  version: number;
  firstPosition: number;
  lastPosition: number;
  firstRecordedAt: number;
  lastRecordedAt: number;
  timeOrdered: number;
  changed: boolean;
}

interface TypeTally {
  count: number;
  first: number;
  last: number;
  /** Events of this type per hourOf(recorded_at), for event_type_hours. */
  hours: Map<number, number>;
}

export interface PreparedBatch {
  streamId: string;
  expected: ExpectedVersion;
  events: PreparedEvent[];
}

function metadataText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return canonicalJson(value);
}

function prepareEvent(event: NewEvent, index: number, now: number): PreparedEvent {
  if (typeof event !== 'object' || event === null) throw new LedgerError('INVALID_INPUT', words('errorWords.append.notObject', { n: index + 1 }));
  const metadataValue = event.metadata ?? {};
  if (typeof metadataValue !== 'object' || metadataValue === null || Array.isArray(metadataValue)) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.append.metadataNotObject', { n: index + 1 }));
  }
  const data = canonicalJson(event.data === undefined ? {} : event.data, () => words('errorWords.json.what.dataOfEvent', { n: index + 1 }));
  const metadata = canonicalJson(metadataValue, () => words('errorWords.json.what.metadataOfEvent', { n: index + 1 }));
  return prepareEncodedEvent({ eventId: event.eventId, type: event.type, data, metadata, metadataValue, recordedAt: event.recordedAt }, index, now);
}

/** An event whose data and metadata the caller already encoded with canonicalJson (import does, to validate). */
export interface EncodedEvent {
  eventId?: unknown;
  type: unknown;
  /** canonicalJson of the data. */
  data: string;
  /** canonicalJson of `metadataValue`. */
  metadata: string;
  metadataValue: object;
  recordedAt?: unknown;
  /** The time already parsed (epoch ms); recordedAt is then not looked at. */
  recordedAtMs?: number;
}

/** The checks and derived columns of prepareEvent, for data and metadata already canonical text. */
export function prepareEncodedEvent(event: EncodedEvent, index: number, now: number): PreparedEvent {
  const type = nonEmptyText(event.type, () => words('errorWords.limit.what.eventType', { n: index + 1 }), MAX_TYPE_LENGTH);
  const callerChoseId = event.eventId !== undefined;
  if (callerChoseId) nonEmptyText(event.eventId, () => words('errorWords.limit.what.eventId', { n: index + 1 }), MAX_EVENT_ID_LENGTH);
  const { data, metadata, metadataValue } = event;
  if (data.length + metadata.length > MAX_EVENT_TEXT_LENGTH) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.append.tooLarge', { n: index + 1, length: data.length + metadata.length, max: MAX_EVENT_TEXT_LENGTH }));
  }
  const recordedAtMs =
    event.recordedAtMs !== undefined ? event.recordedAtMs : event.recordedAt === undefined ? now : parseTime(event.recordedAt, words('errorWords.json.what.recordedAtOfEvent', { n: index + 1 }));
  const m = metadataValue as Record<string, unknown>;
  return {
    eventId: callerChoseId ? (event.eventId as string) : uuidV7(recordedAtMs),
    callerChoseId,
    type,
    data,
    metadata,
    recordedAtMs,
    actor: metadataText(m.actor),
    correlationId: metadataText(m.correlationId ?? m.$correlationId ?? m.correlation_id),
    causationId: metadataText(m.causationId ?? m.$causationId ?? m.causation_id),
  };
}

function expectationHolds(expected: ExpectedVersion, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === 0;
  if (expected === 'stream_exists') return current > 0;
  return expected === current;
}

function validateExpected(expected: unknown): ExpectedVersion {
  if (expected === undefined) return 'any';
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new LedgerError('INVALID_INPUT', words('errorWords.append.badExpected', { value: String(JSON.stringify(expected)) }));
}

export function createAppend(db: Database.Database) {
  const selectHead = db.prepare('SELECT last_position, head_hash, event_count, stream_count FROM ledger_head WHERE id = 1');
  const updateHead = db.prepare('UPDATE ledger_head SET last_position = ?, head_hash = ?, event_count = ?, stream_count = ? WHERE id = 1');
  const selectStream = db
    .prepare('SELECT version, first_position, last_position, first_recorded_at, last_recorded_at, time_ordered FROM streams WHERE stream_id = ?')
    .raw(true);
  const upsertStream = db.prepare(`
    INSERT INTO streams (stream_id, category, version, event_count, first_position, last_position, first_recorded_at, last_recorded_at, time_ordered)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, event_count = excluded.event_count,
      last_position = excluded.last_position, last_recorded_at = excluded.last_recorded_at, time_ordered = excluded.time_ordered`);
  const insertEvent = db.prepare(`
    INSERT INTO events (position, event_id, stream_id, version, type, data, metadata, recorded_at, prev_hash, hash, actor, correlation_id, causation_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (event_id) DO NOTHING`);
  const selectByEventId = db.prepare('SELECT position, stream_id, type, data, metadata FROM events WHERE event_id = ?').raw(true);
  const upsertType = db.prepare(`
    INSERT INTO event_types (type, event_count, first_recorded_at, last_recorded_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (type) DO UPDATE SET event_count = event_count + excluded.event_count,
      first_recorded_at = min(first_recorded_at, excluded.first_recorded_at),
      last_recorded_at = max(last_recorded_at, excluded.last_recorded_at)`);

  const upsertTypeHour = db.prepare(`
    INSERT INTO event_type_hours (type, hour, event_count) VALUES (?, ?, ?)
    ON CONFLICT (type, hour) DO UPDATE SET event_count = event_count + excluded.event_count`);

  /** The stored twin of an event with a caller-chosen id: its position if identical, else an error. */
  function storedTwin(streamId: string, event: PreparedEvent): number | null {
    const row = selectByEventId.get(event.eventId) as [number, string, string, string, string] | undefined;
    if (!row) return null;
    const [position, storedStream, type, data, metadata] = row;
    if (storedStream === streamId && type === event.type && data === event.data && metadata === event.metadata) return position;
    throw new LedgerError(
      'DUPLICATE_EVENT_ID',
      words('errorWords.append.duplicateId', { eventId: event.eventId, position, streamId: storedStream }),
      { eventId: event.eventId, position, streamId: storedStream },
    );
  }

  function writeBatches(batches: PreparedBatch[]): AppendResult[] {
    const head = selectHead.get() as { last_position: number; head_hash: Buffer; event_count: number; stream_count: number };
    let lastPosition = head.last_position;
    let prevHash: Buffer = head.head_hash;
    let eventCount = head.event_count;
    let streamCount = head.stream_count;
    const streams = new Map<string, StreamState>();
    const types = new Map<string, TypeTally>();
    const results: AppendResult[] = [];

    for (const batch of batches) {
      const { streamId, expected, events } = batch;
      let stream = streams.get(streamId);
      if (!stream) {
        const row = selectStream.get(streamId) as [number, number, number, number, number, number] | undefined;
        stream = row
          ? { exists: true, version: row[0], firstPosition: row[1], lastPosition: row[2], firstRecordedAt: row[3], lastRecordedAt: row[4], timeOrdered: row[5], changed: false }
          : { exists: false, version: 0, firstPosition: 0, lastPosition: 0, firstRecordedAt: 0, lastRecordedAt: 0, timeOrdered: 1, changed: false };
        streams.set(streamId, stream);
      }

      if (!expectationHolds(expected, stream.version)) {
        // A retried append whose events are all already stored (same ids, same content) is a no-op.
        const twins = events.every((e) => e.callerChoseId) ? events.map((e) => storedTwin(streamId, e)) : [];
        if (events.length > 0 && twins.length === events.length && twins.every((p) => p !== null)) {
          results.push({ streamId, positions: twins as number[], nextExpectedVersion: stream.version, appended: 0, duplicates: events.length });
          continue;
        }
        throw new ConcurrencyError(streamId, expected, stream.version);
      }

      const positions: number[] = [];
      let appended = 0;
      for (const event of events) {
        const position = lastPosition + 1;
        const version = stream.version + 1;
        const hash = chainHash(prevHash, {
          position,
          eventId: event.eventId,
          streamId,
          version,
          type: event.type,
          recordedAtMs: event.recordedAtMs,
          data: event.data,
          metadata: event.metadata,
        });
        const { changes } = insertEvent.run(
          position, event.eventId, streamId, version, event.type, event.data, event.metadata, event.recordedAtMs,
          prevHash, hash, event.actor, event.correlationId, event.causationId,
        );
        if (changes === 0) {
          // event_id already stored: identical content is an idempotent repeat, anything else an error.
          positions.push(storedTwin(streamId, event) as number);
          continue;
        }
        positions.push(position);
        appended++;
        lastPosition = position;
        prevHash = hash;
        eventCount++;
        if (!stream.exists) {
          stream.exists = true;
          stream.firstPosition = position;
          stream.firstRecordedAt = event.recordedAtMs;
          stream.lastRecordedAt = event.recordedAtMs;
          streamCount++;
        }
        if (event.recordedAtMs < stream.lastRecordedAt) stream.timeOrdered = 0;
        stream.version = version;
        stream.lastPosition = position;
        stream.lastRecordedAt = event.recordedAtMs;
        stream.changed = true;
        let tally = types.get(event.type);
        if (tally) {
          tally.count++;
          if (event.recordedAtMs < tally.first) tally.first = event.recordedAtMs;
          if (event.recordedAtMs > tally.last) tally.last = event.recordedAtMs;
        } else types.set(event.type, (tally = { count: 1, first: event.recordedAtMs, last: event.recordedAtMs, hours: new Map() }));
        const hour = hourOf(event.recordedAtMs);
        tally.hours.set(hour, (tally.hours.get(hour) ?? 0) + 1);
      }
      results.push({ streamId, positions, nextExpectedVersion: stream.version, appended, duplicates: events.length - appended });
    }

    for (const [streamId, s] of streams) {
      if (!s.changed) continue;
      upsertStream.run(streamId, categoryOf(streamId), s.version, s.version, s.firstPosition, s.lastPosition, s.firstRecordedAt, s.lastRecordedAt, s.timeOrdered);
    }
    for (const [type, t] of types) {
      upsertType.run(type, t.count, t.first, t.last);
      for (const [hour, n] of t.hours) upsertTypeHour.run(type, hour, n);
    }
    updateHead.run(lastPosition, prevHash, eventCount, streamCount);
    return results;
  }

  const writeTransaction = db.transaction(writeBatches);

  function appendMany(batches: AppendBatch[]): AppendResult[] {
    if (!Array.isArray(batches)) throw new LedgerError('INVALID_INPUT', words('errorWords.append.batchesNotArray', {}));
    const now = Date.now();
    const prepared = batches.map((batch) => {
      const streamId = nonEmptyText(batch?.streamId, 'streamId', MAX_STREAM_ID_LENGTH);
      if (!Array.isArray(batch.events)) throw new LedgerError('INVALID_INPUT', words('errorWords.append.eventsNotArray', { streamId }));
      return { streamId, expected: validateExpected(batch.expectedVersion), events: batch.events.map((e, i) => prepareEvent(e, i, now)) };
    });
    // IMMEDIATE takes the write lock up front, so the version check and the insert see one state
    // even when another process appends to the same file.
    return writeTransaction.immediate(prepared);
  }

  /**
   * appendMany for events already prepared (prepareEncodedEvent): the import validates and encodes
   * each record once, and this writes them with the same checks, chain and summaries.
   */
  function appendPrepared(batches: PreparedBatch[]): AppendResult[] {
    return writeTransaction.immediate(batches);
  }

  return { appendMany, appendPrepared };
}
