// Turns stored rows into StoredEvent values. A payload that is not valid JSON (a tampered or foreign
// file) is kept as raw text with `decodeError` set, so one bad row never hides the rest of a page.
import type { StoredEvent } from '../../shared/types.ts';
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
  return event;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJsonText(text: unknown): ParsedJson {
  if (typeof text !== 'string') {
    if (text instanceof Uint8Array) return parseJsonText(Buffer.from(text).toString('utf8'));
    return { ok: false, error: `stored as ${text === null ? 'NULL' : typeof text}, not text` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Category of a stream: the prefix before the first '-', or '' when there is none. */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : '';
}
