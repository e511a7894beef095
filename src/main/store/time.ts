// Time values: stored as integer epoch milliseconds (UTC), shown as ISO-8601 with milliseconds.
import { LedgerError } from '../errors.ts';
import { isoFromEpochMs } from './isoTime.ts';

const MAX_DATE_MS = 8.64e15;

/** ISO text for a stored time; a damaged value is shown as-is rather than throwing. */
export function toIsoTime(ms: unknown): string {
  if (typeof ms === 'number' && Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS) return isoFromEpochMs(ms);
  if (typeof ms === 'bigint') return toIsoTime(Number(ms));
  return String(ms);
}

/** Accepts epoch ms, a Date, or ISO-8601 text (a zone-less time is read as UTC). */
export function parseTime(input: unknown, what = 'time'): number {
  if (typeof input === 'number') {
    if (Number.isFinite(input) && Math.abs(input) <= MAX_DATE_MS) return Math.trunc(input);
  } else if (input instanceof Date) {
    const ms = input.getTime();
    if (!Number.isNaN(ms)) return ms;
  } else if (typeof input === 'string') {
    const text = input.trim();
    if (/^-?\d{1,16}$/.test(text)) return parseTime(Number(text), what);
    if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(text)) {
      const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
      const dateOnly = text.length === 10;
      const ms = Date.parse(dateOnly || hasZone ? text : text.replace(' ', 'T') + 'Z');
      if (!Number.isNaN(ms)) return ms;
    }
  }
  throw new LedgerError('INVALID_INPUT', `The ${what} '${String(input)}' is not a valid time; use ISO-8601 (2026-03-01T12:00:00Z) or epoch milliseconds.`);
}
