// Validates one mapped record and turns it into an event, or says precisely what is wrong with it.
import { canonicalJson } from '../store/canonicalJson.ts';
import type { NewEvent } from '../store/eventStore.ts';
import { isExactNumber, jsonProblem, numericValue, parseJsonExactly } from '../store/exactJson.ts';
import { parseTime } from '../store/time.ts';
import type { MappedFields, Target } from './fieldMapping.ts';

export class RecordError extends Error {
  readonly field: Target | null;
  constructor(field: Target | null, message: string) {
    super(message);
    this.field = field;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(value: unknown, field: Target, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw new RecordError(field, `${field}: missing (no field of the record is recognised as the ${field}; choose its source field in the field mapping)`);
    return undefined;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (isExactNumber(value)) return value.rawJSON; // as written: an id 12345678901234567890 stays that
  throw new RecordError(field, `${field}: expected text, got ${Array.isArray(value) ? 'an array' : typeof value}`);
}

function json(value: unknown, field: Target, textual: boolean): unknown {
  if (!textual || typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  try {
    return parseJsonExactly(value);
  } catch (error) {
    throw new RecordError(field, `${field}: ${jsonProblem(error)}`);
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
  if (!isObject(metadataValue)) throw new RecordError('metadata', `metadata: expected a JSON object, got ${Array.isArray(metadataValue) ? 'an array' : typeof metadataValue}`);
  const metadata: Record<string, unknown> = { ...metadataValue };
  for (const key of ['actor', 'correlationId', 'causationId'] as const) {
    const value = text(fields[key], key, false);
    if (value !== undefined) metadata[key] = value;
  }

  let version: number | null = null;
  if (fields.version !== undefined && fields.version !== null && fields.version !== '') {
    const raw = isExactNumber(fields.version) ? numericValue(fields.version) : fields.version;
    const n = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new RecordError('version', `version: expected a whole number, got ${JSON.stringify(fields.version)}`);
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
      throw new RecordError('time', `time: ${(error as Error).message.replace(/^The time /, '')}`);
    }
  }

  let dataText: string;
  let metadataText: string;
  try {
    dataText = canonicalJson(data === undefined ? {} : data, 'data');
    metadataText = canonicalJson(metadata, 'metadata');
  } catch (error) {
    throw new RecordError('data', (error as Error).message);
  }
  return { streamId, version, event: { eventId, type, data: data === undefined ? {} : data, metadata, recordedAt }, dataText, metadataText, recordedAtMs: recordedAt, timeDefaulted };
}
