// Bounds on what callers may ask for: pages are capped so no single read loads a whole store.
import { LedgerError } from '../errors.ts';

export const MAX_PAGE = 10_000;
export const MAX_STREAM_ID_LENGTH = 1024;
export const MAX_TYPE_LENGTH = 512;
export const MAX_EVENT_ID_LENGTH = 256;
/** Upper bound on one event's data + metadata text (bytes of UTF-16 length; a sanity bound, not a quota). */
export const MAX_EVENT_TEXT_LENGTH = 64 * 1024 * 1024;

export function pageLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1) throw new LedgerError('INVALID_INPUT', `limit must be a positive integer, got ${String(limit)}.`);
  return Math.min(limit, MAX_PAGE);
}

export function positiveInt(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new LedgerError('INVALID_INPUT', `${name} must be a non-negative integer, got ${String(value)}.`);
  return value;
}

export function nonEmptyText(value: unknown, name: string, max: number): string {
  if (typeof value !== 'string' || value.length === 0) throw new LedgerError('INVALID_INPUT', `${name} must be a non-empty string.`);
  if (value.length > max) throw new LedgerError('INVALID_INPUT', `${name} is ${value.length} characters long; the limit is ${max}.`);
  return value;
}
