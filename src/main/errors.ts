// Typed errors thrown inside the main-process services. Every boundary (IPC wrapper, bridge, CLI)
// turns them into `Result` errors via `toErrorInfo`, so callers see a stable code and a clear message.
import { englishError, words, type ErrorWords } from '../shared/errorWords/index.ts';
import { en as CANCEL_WORDS } from '../shared/errorWords/cancelWords.ts';
import type { ErrorCode, ErrorInfo } from '../shared/result.ts';

export class LedgerError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  /** Set when the message was given as words: the renderer and CLI say them in the reader's language. */
  readonly words: ErrorWords | undefined;

  /** `message` as words (shared/errorWords) when a reader in another language should read it. */
  constructor(code: ErrorCode, message: string | ErrorWords, details?: Record<string, unknown>) {
    super(typeof message === 'string' ? message : englishError(message));
    this.name = 'LedgerError';
    this.code = code;
    this.details = details;
    this.words = typeof message === 'string' ? undefined : message;
  }
}

export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

/** expectedVersion did not hold: someone else appended, or the stream (does not) exist. */
export class ConcurrencyError extends LedgerError {
  readonly streamId: string;
  readonly expected: ExpectedVersion;
  /** The stream's current version; 0 when the stream does not exist. */
  readonly actual: number;

  constructor(streamId: string, expected: ExpectedVersion, actual: number) {
    // A version number or a named state ('no_stream', 'stream_exists'), and a stream that is there or not.
    const said =
      typeof expected === 'number'
        ? actual === 0
          ? words('errorWords.append.expectedVersionButNone', { streamId, expected })
          : words('errorWords.append.expectedVersionButAt', { streamId, expected, actual })
        : actual === 0
          ? words('errorWords.append.expectedStateButNone', { streamId, expected })
          : words('errorWords.append.expectedStateButAt', { streamId, expected, actual });
    super('CONCURRENCY', said, { streamId, expected, actual });
    this.name = 'ConcurrencyError';
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The subjects CancelledError is given, by their English: said in the reader's language (cancelWords.ts). */
type CancelledSubject = Exclude<keyof typeof CANCEL_WORDS, 'errorWords.cancel.was'>;
const CANCELLED_SUBJECTS = new Map<string, CancelledSubject>(
  (Object.keys(CANCEL_WORDS) as (keyof typeof CANCEL_WORDS)[]).filter((key): key is CancelledSubject => key !== 'errorWords.cancel.was').map((key) => [CANCEL_WORDS[key], key]),
);

export class CancelledError extends LedgerError {
  constructor(what = 'Operation') {
    const subject = CANCELLED_SUBJECTS.get(what);
    super('CANCELLED', subject ? words('errorWords.cancel.was', { what: words(subject, {}) }) : `${what} was cancelled.`);
    this.name = 'CancelledError';
  }
}

/** Converts anything thrown into a serialisable error with a stable code. */
/**
 * Removes the password from any database URL in a text (`postgres://user:secret@host` →
 * `postgres://user:***@host`, also after a path join collapsed `//`), and `password=` parameters.
 * Every error crossing IPC or reaching the terminal goes through here: a URL typed as a file name
 * must not echo its password in "No file at …".
 */
export function redactSecrets(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/{0,2}[^:/@?#\s]*):[^@/?#\s]+@/gi, '$1:***@').replace(/([?&]password=)[^&\s]*/gi, '$1***');
}

function redactDetails(details: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(details, (_key, value) => (typeof value === 'string' ? redactSecrets(value) : value)));
}

/** The error a worker thread reported as an ErrorInfo (toErrorInfo there), as this thread's LedgerError: code, words and details kept. */
export function errorFromInfo(info: ErrorInfo): LedgerError {
  return new LedgerError(info.code, info.words ?? info.message, info.details);
}

export function toErrorInfo(error: unknown): ErrorInfo {
  const info = rawErrorInfo(error);
  const message = redactSecrets(info.message);
  return {
    code: info.code,
    message,
    ...(info.details ? { details: redactDetails(info.details) as ErrorInfo['details'] } : {}),
    // Facts go through the same redaction as the sentence they make.
    ...(info.words ? { words: redactDetails(info.words as unknown as Record<string, unknown>) as unknown as ErrorWords } : {}),
  };
}

function rawErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof LedgerError) {
    return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}), ...(error.words ? { words: error.words } : {}) };
  }
  const sqliteCode = (error as { code?: unknown })?.code;
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_')) return sqliteErrorInfo(sqliteCode, error as Error);
  const message = error instanceof Error ? error.message : String(error);
  const said = words('errorWords.internal.unexpected', { error: message });
  return { code: 'INTERNAL', message: englishError(said), words: said };
}

function sqliteErrorInfo(code: string, error: Error): ErrorInfo {
  const info = (errorCode: ErrorCode, said: ErrorWords): ErrorInfo => ({ code: errorCode, message: englishError(said), details: { sqlite: code }, words: said });
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')) return info('CORRUPT', words('errorWords.sqlite.corrupt', { error: error.message }));
  if (code === 'SQLITE_NOTADB') return info('NOT_SQLITE', words('errorWords.sqlite.notADatabase', {}));
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) return info('READ_ONLY', words('errorWords.sqlite.readOnly', { error: error.message }));
  if (code === 'SQLITE_CANTOPEN') return info('IO_ERROR', words('errorWords.sqlite.cannotOpen', { error: error.message }));
  return info('INTERNAL', words('errorWords.sqlite.other', { code, error: error.message }));
}
