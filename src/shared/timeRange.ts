// The one parser for time bounds typed by people (timeline, CLI, exports, handlers). Plain
// arithmetic, no Date.parse: Date.parse rolls 2026-02-30 over to March 2 and reads a zone-less
// date-time in the local zone. A bound is UTC unless it names its zone.
//
// Range semantics, stated wherever a range is shown:
// - from: inclusive. A date alone is the start of that day (00:00:00 UTC).
// - to, a date alone: the whole day is included, i.e. the range ends at the start of the next day,
//   exclusive ([from, next day)).
// - to, a date and time (or epoch ms): that instant is included (inclusive).

/**
 * Why a bound is not a time, as data: the renderer and the CLI say it in the reader's language from
 * this; `message` stays the English sentence (logs, --json, errors from main).
 */
export type TimeProblem =
  | { kind: 'epochRange'; input: string }
  | { kind: 'empty' }
  | { kind: 'notTime'; text: string }
  | { kind: 'noMonth'; date: string; month: number }
  | { kind: 'noDay'; date: string; year: number; month: number; days: number }
  | { kind: 'timeOfDay'; text: string }
  | { kind: 'zoneOffset'; text: string }
  | { kind: 'zoneWithoutTime'; text: string };

export type TimeBoundResult = { ok: true; ms: number; dateOnly: boolean } | { ok: false; message: string; problem: TimeProblem };

export interface TimeRange {
  /** First included instant (epoch ms), or null for "from the first event". */
  fromMs: number | null;
  /** Upper bound (epoch ms), or null for "to the last event". */
  toMs: number | null;
  /** Whether toMs itself is excluded (a date-only end) or included (an instant). */
  toExclusive: boolean;
}

/** A failed range: which bound, and why (`problem` for a bound; `range` when the end is before the start). */
export type TimeRangeResult =
  | { ok: true; range: TimeRange }
  | { ok: false; message: string; which: 'from' | 'to'; problem: TimeProblem }
  | { ok: false; message: string; which: 'range'; range: TimeRange };

const MS_PER_DAY = 86_400_000;
const MAX_MS = 8.64e15;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const FORMAT_HINT = 'use a date (2026-03-01), a date and time (2026-03-01T12:00:00Z, UTC unless a zone such as +02:00 is given) or epoch milliseconds';
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|([+-])(\d{2}):?(\d{2}))?$/i;

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInMonth = (y: number, m: number) => (m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** One bound: epoch ms (number or digits) or ISO-8601 text, checked against the calendar. */
export function parseTimeBound(input: string | number): TimeBoundResult {
  if (typeof input === 'number') {
    if (Number.isFinite(input) && Math.abs(input) <= MAX_MS) return { ok: true, ms: Math.trunc(input), dateOnly: false };
    return { ok: false, message: `${input} is not a time: epoch milliseconds must be a finite number within ±${MAX_MS}.`, problem: { kind: 'epochRange', input: String(input) } };
  }
  const text = input.trim();
  if (text === '') return { ok: false, message: `An empty text is not a valid time; ${FORMAT_HINT}.`, problem: { kind: 'empty' } };
  if (/^-?\d{1,16}$/.test(text)) return parseTimeBound(Number(text));
  const m = ISO.exec(text);
  if (!m) return { ok: false, message: `'${text}' is not a valid time; ${FORMAT_HINT}.`, problem: { kind: 'notTime', text } };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (month < 1 || month > 12) return { ok: false, message: `${date} is not a date: there is no month ${month}.`, problem: { kind: 'noMonth', date, month } };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return { ok: false, message: `${date} is not a date: ${MONTHS[month - 1]} ${year} has ${days} days.`, problem: { kind: 'noDay', date, year, month, days } };
  const [hours, minutes, seconds] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return { ok: false, message: `'${text}' is not a time of day: hours go to 23, minutes and seconds to 59.`, problem: { kind: 'timeOfDay', text } };
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let offsetMinutes = 0;
  if (m[9]) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 18 || om > 59) return { ok: false, message: `'${text}' has no valid zone offset: offsets go from -18:00 to +18:00.`, problem: { kind: 'zoneOffset', text } };
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const dateOnly = m[4] === undefined;
  if (dateOnly && m[8]) return { ok: false, message: `'${text}' gives a zone without a time; a date is a UTC day (write 2026-03-01T00:00:00+02:00 for a local midnight).`, problem: { kind: 'zoneWithoutTime', text } };
  const ms = daysFromCivil(year, month, day) * MS_PER_DAY + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + millis;
  return { ok: true, ms, dateOnly };
}

/** The exact instant range for a `from` and `to` as typed (either may be absent or blank). */
export function parseTimeRange(from: string | number | undefined, to: string | number | undefined): TimeRangeResult {
  const range: TimeRange = { fromMs: null, toMs: null, toExclusive: false };
  if (from !== undefined && String(from).trim() !== '') {
    const bound = parseTimeBound(from);
    if (!bound.ok) return { ok: false, message: `From: ${bound.message}`, which: 'from', problem: bound.problem };
    range.fromMs = bound.ms;
  }
  if (to !== undefined && String(to).trim() !== '') {
    const bound = parseTimeBound(to);
    if (!bound.ok) return { ok: false, message: `To: ${bound.message}`, which: 'to', problem: bound.problem };
    range.toMs = bound.dateOnly ? bound.ms + MS_PER_DAY : bound.ms;
    range.toExclusive = bound.dateOnly;
  }
  if (range.fromMs !== null && range.toMs !== null && (range.toExclusive ? range.toMs <= range.fromMs : range.toMs < range.fromMs)) {
    return { ok: false, message: `The range ends before it starts (${describeTimeRange(range)}).`, which: 'range', range };
  }
  return { ok: true, range };
}

/** "2026-03-01 00:00:00 UTC" (milliseconds shown only when not zero). */
export function formatUtcInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, iso.length - 5).replace('T', ' ')}${iso.endsWith('.000Z') ? '' : iso.slice(-5, -1)} UTC`;
}

/** "2026-03-01 00:00:00 UTC to 2026-04-01 00:00:00 UTC (exclusive)", or null when unbounded. */
export function describeTimeRange(range: TimeRange): string | null {
  if (range.fromMs === null && range.toMs === null) return null;
  const from = range.fromMs === null ? 'the first event' : formatUtcInstant(range.fromMs);
  const to = range.toMs === null ? 'the last event' : `${formatUtcInstant(range.toMs)} (${range.toExclusive ? 'exclusive' : 'inclusive'})`;
  return `${from} to ${to}`;
}
