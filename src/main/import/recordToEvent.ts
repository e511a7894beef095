// Validates one mapped record and turns it into an event, or says precisely what is wrong with it.
import { canonicalJson } from '../store/canonicalJson.ts';
import type { NewEvent } from '../store/eventStore.ts';
import { isExactNumber, jsonProblem, numericValue, parseJsonExactly } from '../store/exactJson.ts';
import { parseTime } from '../store/time.ts';
import type { MappedFields, Target } from './fieldMapping.ts';
import { englishError, words, type ErrorWords } from '../../shared/errorWords/index.ts';

/** A record's problem: the field it is about, main's English, and its words (when it has them). */
export class RecordError extends Error {
  readonly field: Target | null;
  readonly words: ErrorWords | null;
  constructor(field: Target | null, message: string | ErrorWords) {
    super(typeof message === 'string' ? message : englishError(message));
    this.field = field;
    this.words = typeof message === 'string' ? null : message;
  }
}

/** What a value is, as the problems say it ("got an array", "got boolean"). */
export function kindOf(value: unknown): ErrorWords {
  if (Array.isArray(value)) return words('errorWords.import.kind.array', {});
  const type = typeof value;
  if (type === 'object' || type === 'boolean' || type === 'number' || type === 'string') return words(`errorWords.import.kind.${type}`, {});
  return words('errorWords.import.kind.other', { type });
}

/** The words of an error another module raised (a LedgerError's), or its message as written. */
export const saidBy = (error: unknown): string | ErrorWords => (error as { words?: ErrorWords }).words ?? (error as Error).message;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(value: unknown, field: Target, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw new RecordError(field, words('errorWords.import.record.missing', { field }));
    return undefined;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (isExactNumber(value)) return value.rawJSON; // as written: an id 12345678901234567890 stays that
  throw new RecordError(field, words('errorWords.import.record.notText', { field, kind: kindOf(value) }));
}

function json(value: unknown, field: Target, textual: boolean): unknown {
  if (!textual || typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  try {
    return parseJsonExactly(value);
  } catch (error) {
    throw new RecordError(field, words('errorWords.import.record.field', { field, problem: jsonProblem(error) }));
  }
}

export interface RecordEvent {
  streamId: string;
  /** The version the record states, when it states one. */
  version: number | null;
  event: NewEvent;
  /** canonicalJson of the event's data and metadata (computed here to validate them; the append reuses them). */
  dataText: string;
  metadataText: string;
  /** The event's time in epoch ms (parsed here; `event.recordedAt` holds the same). */
  recordedAtMs: number;
  timeDefaulted: boolean;
}

/** `textual`: values came from CSV cells, so JSON columns and numbers arrive as text. */
export function recordToEvent(fields: MappedFields, textual: boolean, now: number): RecordEvent {
  const streamId = text(fields.streamId, 'streamId', true) as string;
  const type = text(fields.type, 'type', true) as string;
  const eventId = text(fields.eventId, 'eventId', false);

  const data = fields.dataFromRest ? fields.data : json(fields.data, 'data', textual);
  const metadataValue = json(fields.metadata, 'metadata', textual) ?? {};
  if (!isObject(metadataValue)) throw new RecordError('metadata', words('errorWords.import.record.metadataNotObject', { kind: kindOf(metadataValue) }));
  const metadata: Record<string, unknown> = { ...metadataValue };
  for (const key of ['actor', 'correlationId', 'causationId'] as const) {
    const value = text(fields[key], key, false);
    if (value !== undefined) metadata[key] = value;
  }

  let version: number | null = null;
  if (fields.version !== undefined && fields.version !== null && fields.version !== '') {
    const raw = isExactNumber(fields.version) ? numericValue(fields.version) : fields.version;
    const n = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new RecordError('version', words('errorWords.import.record.versionNotWhole', { value: String(JSON.stringify(fields.version)) }));
    // EventStoreDB's eventNumber starts at 0; ours at 1. Positions are compared per stream below.
    version = n;
  }

  let recordedAt: number;
  const timeDefaulted = fields.time === undefined || fields.time === null || fields.time === '';
  if (timeDefaulted) recordedAt = now;
  else {
    try {
      recordedAt = parseTime(isExactNumber(fields.time) ? numericValue(fields.time) : fields.time, 'time');
    } catch (error) {
      throw new RecordError('time', timeProblem(error));
    }
  }

  let dataText: string;
  let metadataText: string;
  try {
    dataText = canonicalJson(data === undefined ? {} : data, 'data');
    metadataText = canonicalJson(metadata, 'metadata');
  } catch (error) {
    throw new RecordError('data', saidBy(error));
  }
  return { streamId, version, event: { eventId, type, data: data === undefined ? {} : data, metadata, recordedAt }, dataText, metadataText, recordedAtMs: recordedAt, timeDefaulted };
}

/**
 * "time: …" of parseTime's error: its words' problem where it said one ("The time: …"), a time
 * that is no time at all without its "The time " lead-in, else its message as written.
 */
function timeProblem(error: unknown): string | ErrorWords {
  const message = (error as Error).message;
  const said = (error as { words?: ErrorWords }).words;
  const english = `time: ${message.replace(/^The time /, '')}`;
  if (said?.key === 'errorWords.time.notValid' && typeof said.facts.input === 'string') {
    const named = words('errorWords.import.record.field', { field: 'time', problem: words('errorWords.import.record.timeNotValid', { input: said.facts.input }) });
    if (englishError(named) === english) return named;
  }
  if (said) {
    const named = words('errorWords.import.record.field', { field: 'time', problem: said });
    if (englishError(named) === english) return named;
  }
  return english;
}
