import { describe, expect, it } from 'vitest';
import { EMPTY_TIMELINE_FILTERS, type TimelineFilters } from '../../app/routes.ts';
import { describeFilters, timelineQuery, timelineRange } from './timelineQuery.ts';

const filters = (patch: Partial<TimelineFilters>): TimelineFilters => ({ ...EMPTY_TIMELINE_FILTERS, ...patch });

describe('timeline filters', () => {
  it('states the exact range used: a date-only end is the next midnight, exclusive', () => {
    const march = filters({ from: '2026-03-01', to: '2026-03-31' });
    expect(timelineRange(march)).toEqual({ ok: true, description: '2026-03-01 00:00:00 UTC to 2026-04-01 00:00:00 UTC (exclusive)' });
    expect(describeFilters(march)).toBe('time from 2026-03-01 00:00:00 UTC to 2026-04-01 00:00:00 UTC (exclusive)');
    expect(timelineRange(filters({ to: '2026-03-31T12:00:00+02:00' }))).toEqual({ ok: true, description: 'the first event to 2026-03-31 10:00:00 UTC (inclusive)' });
  });

  it('says why a bound is not a date instead of rolling it over', () => {
    expect(timelineRange(filters({ to: '2026-02-30' }))).toEqual({ ok: false, message: 'To: 2026-02-30 is not a date: February 2026 has 28 days.' });
  });

  it('sends the actor trimmed and describes how it matches', () => {
    expect(timelineQuery(filters({ actor: ' support:* ' }))).toEqual({ actor: 'support:*' });
    expect(timelineQuery(filters({ actor: '   ' }))).toEqual({});
    expect(describeFilters(filters({ actor: 'support:*' }))).toBe("actor starts with 'support:'");
  });
});
