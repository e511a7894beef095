// What the import does with each source record before it is written: map its fields, validate and
// encode it once (recordToEvent, prepareEncodedEvent), and number it within its stream (versions
// stated by the file are checked to be consecutive and renumbered from 1). Pure and sequential, so
// it runs the same on the import's thread or on its parse worker (parseWorker.ts).
import { LedgerError, type ExpectedVersion } from '../errors.ts';
import { prepareEncodedEvent, type PreparedEvent } from '../store/append.ts';
import { createResolver, mapRecord, type Mapping, type Target } from './fieldMapping.ts';
import { RecordError, recordToEvent, saidBy } from './recordToEvent.ts';
import type { SourceRecord } from './sources.ts';
import { englishError, words, type ErrorWords } from '../../shared/errorWords/index.ts';

export type RecordOutcome =
  | { kind: 'event'; line: number; streamId: string; expected: ExpectedVersion; event: PreparedEvent }
  | { kind: 'bad'; line: number; field: Target | null; message: string; words?: ErrorWords };

/** A record's problem as main's English and its words (none: the English is all there is). */
export function recordProblem(said: string | ErrorWords): { message: string; words?: ErrorWords } {
  return typeof said === 'string' ? { message: said } : { message: englishError(said), words: said };
}

export interface PipelineCounts {
  records: number;
  timeDefaulted: number;
  renumberedStreams: number;
}

export function createRecordPipeline(options: { mapping: Mapping; textual: boolean; now: number }) {
  const resolve = createResolver(options.mapping);
  const { textual, now } = options;
  /** Per stream: the version offset (first stated version → 1) and the next expected version. */
  const streams = new Map<string, { offset: number; next: number }>();
  const counts: PipelineCounts = { records: 0, timeDefaulted: 0, renumberedStreams: 0 };

  function process(item: SourceRecord): RecordOutcome {
    counts.records++;
    if (item.error || !item.record) return { kind: 'bad', line: item.line, field: null, ...recordProblem(item.error ?? words('errorWords.import.record.empty', {})) };
    try {
      const fields = mapRecord(item.record, resolve(Object.keys(item.record)));
      const { streamId, version, event, dataText, metadataText, recordedAtMs, timeDefaulted } = recordToEvent(fields, textual, now);
      let prepared: PreparedEvent;
      try {
        prepared = prepareEncodedEvent({ eventId: event.eventId, type: event.type, data: dataText, metadata: metadataText, metadataValue: event.metadata as object, recordedAtMs }, 0, now);
      } catch (error) {
        if (error instanceof LedgerError && error.code === 'INVALID_INPUT') throw new RecordError(null, saidBy(error));
        throw error;
      }
      let expected: ExpectedVersion = 'any';
      let state = streams.get(streamId);
      if (version !== null) {
        if (!state) {
          state = { offset: 1 - version, next: 1 };
          if (version !== 1) counts.renumberedStreams++;
          streams.set(streamId, state);
        }
        const stated = version + state.offset;
        if (stated > state.next) throw new RecordError('version', words('errorWords.import.record.versionSkips', { version, streamId, expected: state.next - state.offset }));
        // A lower version can only be a repeat of an event already imported: the store confirms.
        expected = stated - 1;
        if (stated === state.next) state.next++;
      } else {
        if (!state) streams.set(streamId, (state = { offset: 0, next: 1 }));
        state.next++;
      }
      if (timeDefaulted) counts.timeDefaulted++;
      return { kind: 'event', line: item.line, streamId, expected, event: prepared };
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      return { kind: 'bad', line: item.line, field: error.field, ...recordProblem(saidBy(error)) };
    }
  }

  return { process, counts };
}
