// Encoders for exported events. Data and metadata are written as their stored JSON text, never
// re-encoded, so an export holds exactly the bytes the hash chain covers; text that is not valid
// JSON (a damaged or foreign store) is exported as a string with a decodeError field instead
// (embeddableJson.ts decides which, cheaply for the compact JSON our stores hold).
import type { RawEvent } from '../store/eventStore.ts';
import { rawEventOf, type RawRow } from '../store/reads.ts';
import { toIsoTime } from '../store/time.ts';
import { parseJsonExactly } from '../store/exactJson.ts';
import { jsonQuote } from '../store/jsonQuote.ts';
import { embeddableJson, isCompactJson } from './embeddableJson.ts';

export const EVENT_FORMATS = ['ndjson', 'json', 'csv'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/** JSON.stringify of a stored text field (a damaged row may hold another type there). */
const jsonText = (value: unknown): string => (typeof value === 'string' ? jsonQuote(value) : JSON.stringify(value) ?? 'null');

/** One event as a JSON object, with data and metadata embedded verbatim. */
export function eventJson(e: RawEvent): string {
  const head =
    `{"position":${e.position},"eventId":${jsonText(e.eventId)},"streamId":${jsonText(e.streamId)},` +
    `"version":${e.version},"type":${jsonText(e.type)},"recordedAt":${jsonText(e.recordedAt)},`;
  const hash = `"hash":${e.hash === null ? 'null' : `"${e.hash}"`}`;
  if (isCompactJson(e.dataText) && isCompactJson(e.metadataText)) return `${head}"data":${e.dataText},"metadata":${e.metadataText},${hash}}`;
  const data = embeddableJson(e.dataText);
  const metadata = embeddableJson(e.metadataText);
  if (data.ok && metadata.ok) return `${head}"data":${data.text},"metadata":${metadata.text},${hash}}`;
  const problems = [data.ok ? null : `data is not valid JSON (${data.error})`, metadata.ok ? null : `metadata is not valid JSON (${metadata.error})`]
    .filter(Boolean)
    .join('; ');
  return (
    `${head}"data":${data.ok ? data.text : JSON.stringify(e.dataText)},"metadata":${metadata.ok ? metadata.text : JSON.stringify(e.metadataText)},` +
    `${hash},"decodeError":${JSON.stringify(problems)}}`
  );
}

/**
 * eventJson(rawEventOf(row)), byte for byte, without the RawEvent: the export worker's encoder. A
 * row as our stores write it (text columns, an integer time, compact JSON) is one template; any
 * other row is left to eventJson. An integer's ISO time (or String of any number) needs no escaping.
 */
export function eventJsonOfRow(r: RawRow): string {
  const eventId = r[1];
  const streamId = r[2];
  const type = r[4];
  const recordedAt = r[5];
  const data = r[6];
  const metadata = r[7];
  if (
    typeof eventId !== 'string' ||
    typeof streamId !== 'string' ||
    typeof type !== 'string' ||
    typeof recordedAt !== 'number' ||
    typeof data !== 'string' ||
    typeof metadata !== 'string' ||
    !isCompactJson(data) ||
    !isCompactJson(metadata)
  ) {
    return eventJson(rawEventOf(r));
  }
  const hash = r[8];
  return (
    `{"position":${r[0]},"eventId":${jsonQuote(eventId)},"streamId":${jsonQuote(streamId)},"version":${r[3]},"type":${jsonQuote(type)},` +
    `"recordedAt":"${toIsoTime(recordedAt)}","data":${data},"metadata":${metadata},"hash":${hash === null ? 'null' : `"${hash}"`}}`
  );
}

/** The encoder of `format` over stored rows (the export worker's). */
export function rowEncoder(format: EventFormat): (row: RawRow) => string {
  return format === 'csv' ? (row) => eventCsvRow(rawEventOf(row)) : eventJsonOfRow;
}

export const CSV_COLUMNS = ['position', 'eventId', 'streamId', 'version', 'type', 'recordedAt', 'actor', 'correlationId', 'causationId', 'data', 'metadata', 'hash'];

/**
 * RFC 4180 quoting. Text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR at
 * the start) get a leading apostrophe, per OWASP's CSV-injection advice; JSON cells start with
 * { or [ and never need it.
 */
export function csvCell(value: string, guardFormula = true): string {
  const text = guardFormula && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Exactly as stored (an actor 12345678901234567890 stays that); duplicate keys as JSON.parse reads them. */
function parsedMetadata(metadataText: string): unknown {
  try {
    return parseJsonExactly(metadataText);
  } catch {
    return JSON.parse(metadataText);
  }
}

function metadataField(metadataText: string, field: string): string {
  try {
    const value = (parsedMetadata(metadataText) as Record<string, unknown>)?.[field];
    return value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return '';
  }
}

export function eventCsvRow(e: RawEvent): string {
  return [
    String(e.position),
    csvCell(e.eventId),
    csvCell(e.streamId),
    String(e.version),
    csvCell(e.type),
    e.recordedAt,
    csvCell(metadataField(e.metadataText, 'actor')),
    csvCell(metadataField(e.metadataText, 'correlationId')),
    csvCell(metadataField(e.metadataText, 'causationId')),
    csvCell(e.dataText, false),
    csvCell(e.metadataText, false),
    e.hash ?? '',
  ].join(',');
}

/** Header, separator and footer around the encoded events of each format. */
export function framing(format: EventFormat): { header: string; encode: (e: RawEvent) => string; separator: string; footer: string } {
  switch (format) {
    case 'ndjson':
      return { header: '', encode: eventJson, separator: '\n', footer: '\n' };
    case 'json':
      return { header: '[\n', encode: eventJson, separator: ',\n', footer: '\n]\n' };
    case 'csv':
      return { header: CSV_COLUMNS.join(',') + '\r\n', encode: eventCsvRow, separator: '\r\n', footer: '\r\n' };
  }
}
