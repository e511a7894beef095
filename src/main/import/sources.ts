// Streaming record sources for import: NDJSON lines, elements of a JSON array, CSV rows, or the
// events of another store (an Emmett file made into a verified copy). Constant memory: one record
// (one line, one array element) at a time. Each record carries its line number for error reports.
import { parse as parseCsv } from 'csv-parse';
import fs from 'node:fs';
import { LedgerError } from '../errors.ts';
import { fileError } from '../fileErrors.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { openRegularFile } from './inputFile.ts';
import { MAX_LINE_BYTES, lineTooLong, splitLines } from './lineSplitter.ts';
import { jsonProblem, parseJsonExactly } from '../store/exactJson.ts';
import { words, type ErrorWords } from '../../shared/errorWords/index.ts';
import { kindOf } from './recordToEvent.ts';

export interface SourceRecord {
  /** 1-based line (NDJSON, CSV: the record's first line; JSON: the element's first line; store: position). */
  line: number;
  record?: Record<string, unknown>;
  /** What is wrong with the record: words, or a parser's own text. */
  error?: string | ErrorWords;
  /** Bytes of input consumed so far (for progress). */
  bytes: number;
}

export type ImportFormat = 'ndjson' | 'json' | 'csv' | 'store';

export interface SourceOptions {
  /** The longest one record (an NDJSON line, a JSON array element, a CSV row) may be; default 64 MB. */
  maxRecordBytes?: number;
  /** Stops the read (the stream is destroyed, the iteration rejects with CANCELLED). */
  signal?: AbortSignal;
  /** Reading past this many bytes rejects the iteration with this error (a preview's budget). */
  budget?: { bytes: number; error: LedgerError };
}

/** A checked regular file (see inputFile.ts) as a stream that the signal can stop mid-read. */
function inputStream(file: string, options: SourceOptions, encoding?: BufferEncoding): fs.ReadStream {
  const { fd } = openRegularFile(file);
  const stream = fs.createReadStream('', { fd, encoding, highWaterMark: 1 << 20, autoClose: true, signal: options.signal });
  const budget = options.budget;
  if (budget) {
    let read = 0;
    stream.on('data', (chunk: Buffer | string) => {
      read += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (read > budget.bytes) stream.destroy(budget.error);
    });
  }
  return stream;
}

/** Read errors of the stream in people's words; an abort is the caller's own (see previewImport). */
function readFailure(error: unknown, file: string, options: SourceOptions): LedgerError {
  if (error instanceof LedgerError) return error;
  if (options.signal?.aborted || (error as Error)?.name === 'AbortError') {
    const reason = options.signal?.reason;
    return reason instanceof LedgerError ? reason : new LedgerError('CANCELLED', words('errorWords.import.cancelled', {}));
  }
  return fileError(error, file);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export async function* ndjsonRecords(file: string, options: SourceOptions = {}): AsyncIterable<SourceRecord> {
  const stream = inputStream(file, options);
  try {
    for await (const { line, text: raw, bytes } of splitLines(stream, options.maxRecordBytes ?? MAX_LINE_BYTES)) {
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() === '') continue;
      try {
        const value = parseJsonExactly(text);
        yield isRecord(value) ? { line, record: value, bytes } : { line, error: words('errorWords.import.record.notObject', { kind: kindOf(value) }), bytes };
      } catch (error) {
        yield { line, error: jsonProblem(error), bytes };
      }
    }
  } catch (error) {
    throw readFailure(error, file, options);
  } finally {
    stream.destroy();
  }
}

/**
 * Elements of a top-level JSON array, framed by a small scanner (depth and string state) and parsed
 * one at a time, so a 1 GB array never has to be held whole.
 */
export async function* jsonArrayRecords(file: string, options: SourceOptions = {}): AsyncIterable<SourceRecord> {
  const maxBytes = options.maxRecordBytes ?? MAX_LINE_BYTES;
  // An object property, not a local: TypeScript would otherwise narrow the local across the loop.
  const scan: { state: 'start' | 'before-element' | 'in-element' | 'after-element' | 'done' } = { state: 'start' };
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = '';
  let line = 1;
  let elementLine = 1;
  let bytes = 0;
  let first = true;
  const finishElement = (): SourceRecord => {
    const text = element;
    element = '';
    try {
      const value = parseJsonExactly(text);
      return isRecord(value) ? { line: elementLine, record: value, bytes } : { line: elementLine, error: words('errorWords.import.record.notObject', { kind: kindOf(value) }), bytes };
    } catch (error) {
      return { line: elementLine, error: jsonProblem(error), bytes };
    }
  };
  const stream = inputStream(file, options, 'utf8');
  try {
    for await (const chunk of stream) {
      let text = chunk as string;
      if (first) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      bytes += (chunk as string).length;
      let start = 0; // where the current element's text begins in this chunk
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) line++;
        if (scan.state === 'in-element') {
          if (inString) {
            if (escaped) escaped = false;
            else if (c === 92) escaped = true; // backslash
            else if (c === 34) inString = false; // quote
            continue;
          }
          if (c === 34) inString = true;
          else if (c === 123 || c === 91) depth++; // { [
          else if (c === 125 || c === 93) {
            if (depth === 0) {
              // the array's closing bracket right after a scalar element
              element += text.slice(start, i);
              yield finishElement();
              scan.state = 'done';
              continue;
            }
            depth--;
            if (depth === 0) {
              element += text.slice(start, i + 1);
              yield finishElement();
              scan.state = 'after-element';
            }
          } else if (c === 44 && depth === 0) {
            element += text.slice(start, i);
            yield finishElement();
            scan.state = 'before-element';
          }
          continue;
        }
        if (c === 32 || c === 10 || c === 13 || c === 9) continue;
        if (scan.state === 'start') {
          if (c !== 91) throw new LedgerError('INVALID_INPUT', words('errorWords.import.jsonNotArray', { line, found: text[i] }));
          scan.state = 'before-element';
        } else if (scan.state === 'before-element') {
          if (c === 93) {
            scan.state = 'done';
            continue;
          }
          scan.state = 'in-element';
          elementLine = line;
          start = i;
          depth = 0;
          if (c === 123 || c === 91) depth = 1;
          else if (c === 34) inString = true;
        } else if (scan.state === 'after-element') {
          if (c === 44) scan.state = 'before-element';
          else if (c === 93) scan.state = 'done';
          else throw new LedgerError('INVALID_INPUT', words('errorWords.import.jsonBetween', { line, found: text[i] }));
        } else {
          // scan.state is 'done': only whitespace may follow the closing bracket
          throw new LedgerError('INVALID_INPUT', words('errorWords.import.jsonAfterEnd', { line }));
        }
      }
      if (scan.state === 'in-element') {
        element += text.slice(start);
        // Characters, not bytes (the text is decoded), so never more than the limit in bytes.
        if (element.length > maxBytes) throw lineTooLong(elementLine, maxBytes);
      }
    }
  } catch (error) {
    throw readFailure(error, file, options);
  } finally {
    stream.destroy();
  }
  if (scan.state !== 'done') throw new LedgerError('INVALID_INPUT', words('errorWords.import.jsonNotClosed', { line }));
}

/** CSV rows as objects keyed by the header row. All values are text. */
export async function* csvRecords(file: string, options: SourceOptions = {}): AsyncIterable<SourceRecord> {
  const maxBytes = options.maxRecordBytes ?? MAX_LINE_BYTES;
  const stream = inputStream(file, options);
  const parser = parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: maxBytes });
  // pipe() does not forward a read error (or an abort): end the parser with it, or the loop waits forever.
  stream.on('error', (error) => parser.destroy(error));
  stream.pipe(parser);
  let header: string[] | null = null;
  let previousLines = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
      const line = previousLines + 1;
      previousLines = info.lines;
      if (!header) {
        header = record.map((h) => h.trim());
        if (new Set(header).size !== header.length) throw new LedgerError('INVALID_INPUT', words('errorWords.import.csvRepeats', { line }));
        continue;
      }
      if (record.length !== header.length) {
        yield { line, error: words('errorWords.import.record.csvFields', { fields: record.length, header: header.length }), bytes: info.bytes };
        continue;
      }
      const row: Record<string, unknown> = {};
      header.forEach((name, i) => (row[name] = record[i]));
      yield { line, record: row, bytes: info.bytes };
    }
  } catch (error) {
    if (error instanceof LedgerError) throw error;
    const e = error as Error & { lines?: number; code?: string };
    if (e.code === 'CSV_MAX_RECORD_SIZE') throw lineTooLong(e.lines ?? previousLines + 1, maxBytes);
    if (!e.code?.startsWith('CSV_')) throw readFailure(error, file, options);
    throw new LedgerError('INVALID_INPUT', words('errorWords.import.csvUnreadable', { line: e.lines ?? previousLines + 1, error: e.message }));
  } finally {
    stream.destroy();
  }
}

/**
 * Every event of another store (any supported format, file or database), as records in our export's
 * shape, in the store's read order, a chunk at a time (memory stays flat). The signal reaches the
 * reader: for a database, aborting it cancels the backend query.
 */
export async function* storeRecords(store: EventStoreReader, options: { signal?: AbortSignal } = {}): AsyncIterable<SourceRecord> {
  for await (const batch of store.iterateRaw({ kind: 'all' }, { signal: options.signal })) for (const e of batch) {
    let data: unknown;
    let metadata: unknown;
    try {
      data = parseJsonExactly(e.dataText);
      metadata = parseJsonExactly(e.metadataText);
    } catch (error) {
      yield { line: e.position, error: words('errorWords.import.record.storedDamaged', { problem: jsonProblem(error) }), bytes: e.position };
      continue;
    }
    yield { line: e.position, record: { eventId: e.eventId, streamId: e.streamId, version: e.version, type: e.type, recordedAt: e.recordedAt, data, metadata }, bytes: e.position };
  }
}

export function detectImportFormat(file: string): ImportFormat {
  const lower = file.toLowerCase();
  const head = Buffer.alloc(16);
  // Refuses FIFOs, devices and folders before reading (a sync read of a FIFO would block the process).
  const { fd } = openRegularFile(file);
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } catch (error) {
    throw fileError(error, file);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1', 0, 16) === 'SQLite format 3\u0000') return 'store';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.csv')) return 'csv';
  const firstChar = head.toString('utf8').replace(/^\uFEFF/, '').trimStart()[0];
  if (lower.endsWith('.json')) return firstChar === '{' ? 'ndjson' : 'json';
  if (firstChar === '[') return 'json';
  if (firstChar === '{') return 'ndjson';
  return 'csv';
}
