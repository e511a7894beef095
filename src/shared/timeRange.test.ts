import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeTimeRange, formatUtcInstant, parseTimeBound, parseTimeRange } from './timeRange.ts';

const ms = (iso: string) => new Date(iso).getTime();
const bound = (text: string | number) => {
  const result = parseTimeBound(text);
  if (!result.ok) throw new Error(result.message);
  return result.ms;
};

describe('parseTimeBound', () => {
  it('reads dates, date-times, zones and epoch ms as the instants they name', () => {
    expect(bound('2026-03-01')).toBe(ms('2026-03-01T00:00:00Z'));
    expect(bound('2026-03-01T12:30')).toBe(ms('2026-03-01T12:30:00Z'));
    expect(bound('2026-03-01 12:30:05.5')).toBe(ms('2026-03-01T12:30:05.500Z'));
    expect(bound('2026-03-01T12:30:05.123456789Z')).toBe(ms('2026-03-01T12:30:05.123Z'));
    expect(bound('2026-03-01T02:00:00+02:00')).toBe(ms('2026-03-01T00:00:00Z'));
    expect(bound('2026-03-01T00:00:00-0530')).toBe(ms('2026-03-01T05:30:00Z'));
    expect(bound(' 1772323200000 ')).toBe(1_772_323_200_000);
    expect(bound(0)).toBe(0);
  });

  it('refuses impossible dates instead of rolling them over', () => {
    expect(parseTimeBound('2026-02-30')).toEqual({ ok: false, message: '2026-02-30 is not a date: February 2026 has 28 days.', problem: { kind: 'noDay', date: '2026-02-30', year: 2026, month: 2, days: 28 } });
    expect(parseTimeBound('2026-04-31T10:00:00Z').ok).toBe(false);
    expect(parseTimeBound('2026-13-01')).toMatchObject({ ok: false, message: '2026-13-01 is not a date: there is no month 13.' });
    expect(parseTimeBound('2026-00-10').ok).toBe(false);
    expect(parseTimeBound('2026-03-00').ok).toBe(false);
    expect(parseTimeBound('2026-03-01T24:00').ok).toBe(false);
    expect(parseTimeBound('2026-03-01T12:60').ok).toBe(false);
    expect(parseTimeBound('2026-03-01T12:00:60Z').ok).toBe(false);
    expect(parseTimeBound('2026-03-01T12:00+19:00').ok).toBe(false);
    expect(parseTimeBound('2026-03-01Z').ok).toBe(false);
    expect(parseTimeBound('March 1st').ok).toBe(false);
    expect(parseTimeBound('').ok).toBe(false);
    expect(parseTimeBound(Number.NaN).ok).toBe(false);
  });

  it('knows leap years (divisible by 4, except centuries not divisible by 400)', () => {
    expect(bound('2024-02-29')).toBe(ms('2024-02-29T00:00:00Z'));
    expect(bound('2000-02-29')).toBe(ms('2000-02-29T00:00:00Z'));
    expect(parseTimeBound('2100-02-29')).toMatchObject({ ok: false, message: '2100-02-29 is not a date: February 2100 has 28 days.' });
    expect(parseTimeBound('2026-02-29').ok).toBe(false);
  });

  it('agrees with Date for every valid UTC date-time it accepts', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        expect(bound(iso)).toBe(date.getTime());
        expect(bound(iso.slice(0, 10))).toBe(Math.floor(date.getTime() / 86_400_000) * 86_400_000);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseTimeRange', () => {
  it('a date-only end includes that whole day: [from, next day)', () => {
    const result = parseTimeRange('2026-03-01', '2026-03-31');
    expect(result).toEqual({ ok: true, range: { fromMs: ms('2026-03-01T00:00:00Z'), toMs: ms('2026-04-01T00:00:00Z'), toExclusive: true } });
    if (result.ok) expect(describeTimeRange(result.range)).toBe('2026-03-01 00:00:00 UTC to 2026-04-01 00:00:00 UTC (exclusive)');
  });

  it('a date-only end at the end of February of a leap year ends on March 1', () => {
    expect(parseTimeRange(undefined, '2024-02-29')).toMatchObject({ ok: true, range: { toMs: ms('2024-03-01T00:00:00Z'), toExclusive: true } });
    expect(parseTimeRange(undefined, '2026-12-31')).toMatchObject({ ok: true, range: { toMs: ms('2027-01-01T00:00:00Z') } });
  });

  it('a date-time end is an included instant, and says so', () => {
    const result = parseTimeRange('', '2026-03-31T23:59:59.999Z');
    expect(result).toEqual({ ok: true, range: { fromMs: null, toMs: ms('2026-03-31T23:59:59.999Z'), toExclusive: false } });
    if (result.ok) expect(describeTimeRange(result.range)).toBe('the first event to 2026-03-31 23:59:59.999 UTC (inclusive)');
  });

  it('a one-day range of the same date is that day; a reversed range is refused', () => {
    expect(parseTimeRange('2026-03-05', '2026-03-05')).toMatchObject({ ok: true, range: { fromMs: ms('2026-03-05T00:00:00Z'), toMs: ms('2026-03-06T00:00:00Z') } });
    expect(parseTimeRange('2026-03-06', '2026-03-05')).toMatchObject({ ok: false, which: 'range' });
    expect(parseTimeRange('2026-03-05T10:00Z', '2026-03-05T10:00Z')).toMatchObject({ ok: true });
  });

  it('names the bound that is wrong', () => {
    expect(parseTimeRange('2026-02-30', '2026-03-31')).toEqual({ ok: false, which: 'from', message: 'From: 2026-02-30 is not a date: February 2026 has 28 days.', problem: { kind: 'noDay', date: '2026-02-30', year: 2026, month: 2, days: 28 } });
    expect(parseTimeRange('2026-02-01', '2026-02-30')).toMatchObject({ ok: false, which: 'to' });
  });

  it('no bounds: no range to describe', () => {
    const result = parseTimeRange(undefined, ' ');
    expect(result).toEqual({ ok: true, range: { fromMs: null, toMs: null, toExclusive: false } });
    if (result.ok) expect(describeTimeRange(result.range)).toBeNull();
    expect(formatUtcInstant(0)).toBe('1970-01-01 00:00:00 UTC');
  });
});
