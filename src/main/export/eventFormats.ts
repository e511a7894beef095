// Encoders for exported events. Data and metadata are written as their stored JSON text, never
// re-encoded, so an export holds exactly the bytes the hash chain covers; text that is not valid
// JSON (a damaged or foreign store) is exported as a string with a decodeError field instead
// (embeddableJson.ts decides which, cheaply for the compact JSON our stores hold).
import type { RawEvent } from '../store/eventStore.ts';
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
