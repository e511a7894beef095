// Time values: stored as integer epoch milliseconds (UTC), shown as ISO-8601 with milliseconds.
import { words, type ErrorWords } from '../../shared/errorWords/index.ts';
import { timeProblemWords } from '../../shared/errorWords/timeProblemWords.ts';
import { LedgerError } from '../errors.ts';
import { parseTimeBound } from '../../shared/timeRange.ts';
import { isoFromEpochMs } from './isoTime.ts';

const MAX_DATE_MS = 8.64e15;

/** ISO text for a stored time; a damaged value is shown as-is rather than throwing. */
export function toIsoTime(ms: unknown): string {
  if (typeof ms === 'number' && Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS) return isoFromEpochMs(ms);
  if (typeof ms === 'bigint') return toIsoTime(Number(ms));
  return String(ms);
}

/**
 * Accepts epoch ms, a Date, or ISO-8601 text (a zone-less time is read as UTC; a date alone is the
 * start of that day). Impossible dates (2026-02-30) are refused, never rolled over.
 */
export function parseTime(input: unknown, what: string | ErrorWords = 'time'): number {
  // 'time' is said in the reader's language; another caller's name for the value stays as it wrote it.
  const named = what === 'time' ? words('errorWords.time.what.time', {}) : what;
  if (input instanceof Date) {
    const ms = input.getTime();
    if (!Number.isNaN(ms)) return ms;
  } else if (typeof input === 'number' || typeof input === 'string') {
    const bound = parseTimeBound(input);
    if (bound.ok) return bound.ms;
    throw new LedgerError('INVALID_INPUT', words('errorWords.time.bad', { what: named, problem: timeProblemWords(bound.problem) }));
  }
  throw new LedgerError('INVALID_INPUT', words('errorWords.time.notValid', { what: named, input: String(input) }));
}
