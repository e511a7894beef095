// Splits a byte stream into lines with a bound on each line's length in BYTES. readline builds
// each line as one string with no bound: a file with no newline (/dev/zero, a 600 MB blob) grows
// it until V8 throws "Invalid string length" and the process dies. Here a line over the limit is a
// typed error naming the line, and memory stays below the limit plus one chunk.
import { words, type ErrorWords } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';

export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** A limit's size (64 MB, 512 KB, 100 bytes) as words, for the reader's language. */
export const limitWords = (bytes: number): ErrorWords =>
  bytes >= 1024 * 1024
    ? words('errorWords.size.megabytes', { n: Math.round((bytes / (1024 * 1024)) * 10) / 10 })
    : bytes >= 1024
      ? words('errorWords.size.kilobytes', { n: Math.round(bytes / 1024) })
      : words('errorWords.size.bytes', { n: bytes });

export function lineTooLong(line: number, maxBytes: number): LedgerError {
  return new LedgerError('INVALID_INPUT', words('errorWords.importRun.lineTooLong', { line, size: limitWords(maxBytes) }), {
    line,
    maxBytes,
  });
}

export interface SplitLine {
  /** 1-based line number. */
  line: number;
  /** The line's text without its line break ('\r\n' or '\n'). */
  text: string;
  /** Bytes consumed so far, this line's break included. */
  bytes: number;
}

export async function* splitLines(chunks: AsyncIterable<Buffer | string>, maxBytes = MAX_LINE_BYTES): AsyncIterable<SplitLine> {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let line = 0;
  let bytes = 0;
  const take = (tail: Buffer): string => {
    const whole = parts.length === 0 ? tail : Buffer.concat([...parts, tail]);
    parts = [];
    partBytes = 0;
    const end = whole.length > 0 && whole[whole.length - 1] === 13 ? whole.length - 1 : whole.length;
    return whole.toString('utf8', 0, end);
  };
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      line++;
      if (partBytes + (nl - start) > maxBytes) throw lineTooLong(line, maxBytes);
      bytes += nl - start + 1;
      yield { line, text: take(chunk.subarray(start, nl)), bytes };
      start = nl + 1;
    }
    if (start < chunk.length) {
      partBytes += chunk.length - start;
      if (partBytes > maxBytes) throw lineTooLong(line + 1, maxBytes);
      // A copy: the stream may reuse its buffer, and a subarray would pin the whole chunk.
      parts.push(Buffer.from(chunk.subarray(start)));
      bytes += chunk.length - start;
    }
  }
  if (partBytes > 0) {
    line++;
    yield { line, text: take(Buffer.alloc(0)), bytes };
  }
}
