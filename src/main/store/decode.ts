// Turns stored rows into StoredEvent values. A payload that is not valid JSON (a tampered or foreign
// file) is kept as raw text with `decodeError` set, so one bad row never hides the rest of a page.
import { withNumbersAsWritten } from '../../shared/numbersAsWritten.ts';
import type { StoredEvent } from '../../shared/types.ts';
import { MAX_JSON_DEPTH } from './canonicalJson.ts';
import { numbersAsWritten } from './exactJson.ts';
import { toHex } from './hashChain.ts';
import { toIsoTime } from './time.ts';

/** Column order of EVENT_COLUMNS, read with `.raw()`. */
export const EVENT_COLUMNS = 'position, event_id, stream_id, version, type, data, metadata, recorded_at, hash';

export type EventRow = [number, string, string, number, string, string, string, number, Buffer | null];

export function decodeEventRow(row: EventRow): StoredEvent {
  const [position, eventId, streamId, version, type, dataText, metadataText, recordedAt, hash] = row;
  const event: StoredEvent = {
    position,
    eventId,
    streamId,
    version,
    type,
    data: null,
    metadata: {},
    recordedAt: toIsoTime(recordedAt),
    hash: toHex(hash),
  };
  const data = parseJsonText(dataText);
  const metadata = parseJsonText(metadataText);
  const problems: string[] = [];
  if (data.ok) event.data = data.value;
  else {
    event.data = dataText;
    problems.push(`data is not valid JSON (${data.error})`);
  }
  if (metadata.ok && isPlainObject(metadata.value)) event.metadata = metadata.value;
  else if (metadata.ok) {
    event.metadata = { value: metadata.value };
    problems.push('metadata is not a JSON object');
  } else {
    event.metadata = { raw: metadataText };
    problems.push(`metadata is not valid JSON (${metadata.error})`);
  }
  if (problems.length > 0) event.decodeError = problems.join('; ');
  const dataNumbers = data.ok ? numbersAsWritten(dataText) : null;
  const metadataNumbers = metadata.ok && event.metadata === metadata.value ? numbersAsWritten(metadataText) : null;
  if (dataNumbers || metadataNumbers) event.numbersAsWritten = { ...(dataNumbers && { data: dataNumbers }), ...(metadataNumbers && { metadata: metadataNumbers }) };
  return event;
}

/** The event for JSON.stringify output (CLI --json): data and metadata written with numbers as stored. */
export function eventAsWritten(event: StoredEvent): StoredEvent {
  if (!event.numbersAsWritten) return event;
  const { numbersAsWritten: numbers, ...rest } = event;
  return { ...rest, data: withNumbersAsWritten(event.data, numbers.data), metadata: withNumbersAsWritten(event.metadata, numbers.metadata) as Record<string, unknown> };
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJsonText(text: unknown): ParsedJson {
  if (typeof text !== 'string') {
    if (text instanceof Uint8Array) return parseJsonText(Buffer.from(text).toString('utf8'));
    return { ok: false, error: `stored as ${text === null ? 'NULL' : typeof text}, not text` };
  }
  // JSON.parse accepts 10,000 levels, but every recursive consumer after it (JSON.stringify, IPC's
  // structured clone, the diff) overflows the stack: deeper text stays text, like invalid JSON.
  if (nestedDeeperThan(text, MAX_JSON_DEPTH)) return { ok: false, error: `nested deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Whether JSON text opens more than `max` arrays/objects at once (brackets inside strings ignored). */
export function nestedDeeperThan(text: string, max: number): boolean {
  // Fast exit: a document cannot be deeper than its count of opening brackets.
  if (text.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Category of a stream: the prefix before the first '-', or '' when there is none. */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : '';
}
