// Bounds on what callers may ask for: pages are capped so no single read loads a whole store.
import { words, type ErrorFact } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';

export const MAX_PAGE = 10_000;
export const MAX_STREAM_ID_LENGTH = 1024;
export const MAX_TYPE_LENGTH = 512;
export const MAX_EVENT_ID_LENGTH = 256;
/** Upper bound on one event's data + metadata text (bytes of UTF-16 length; a sanity bound, not a quota). */
export const MAX_EVENT_TEXT_LENGTH = 64 * 1024 * 1024;

export function pageLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1) throw new LedgerError('INVALID_INPUT', words('errorWords.limit.pageLimit', { value: String(limit) }));
  return Math.min(limit, MAX_PAGE);
}

export function positiveInt(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new LedgerError('INVALID_INPUT', words('errorWords.limit.nonNegative', { name, value: String(value) }));
  return value;
}

/**
 * `name` is the field as callers name it (streamId), or words for it (Event #2 type), built only
 * when the value is refused: append checks every event, so the words must cost nothing on the way.
 */
export function nonEmptyText(value: unknown, name: ErrorFact | (() => ErrorFact), max: number): string {
  if (typeof value === 'string' && value.length > 0 && value.length <= max) return value;
  const said = typeof name === 'function' ? name() : name;
  if (typeof value !== 'string' || value.length === 0) throw new LedgerError('INVALID_INPUT', words('errorWords.limit.emptyText', { name: said }));
  throw new LedgerError('INVALID_INPUT', words('errorWords.limit.tooLong', { name: said, length: value.length, max }));
}
