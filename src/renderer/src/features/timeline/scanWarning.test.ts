import { describe, expect, it } from 'vitest';
import { aboutRows, scanSentence, wideScans } from './scanWarning.ts';

describe('scan warning', () => {
  const estimate = (scans: { relation: string; rows: number }[]) => ({ matchingRows: 10, cost: 1, wholeTableScans: scans });

  it('warns only about whole-table reads of at least the threshold, each table once, largest first', () => {
    expect(wideScans(null, 0)).toEqual([]);
    expect(wideScans(estimate([{ relation: 'public.mt_events', rows: 199_999 }]), 200_000)).toEqual([]);
    expect(wideScans(estimate([{ relation: 'public.mt_events', rows: 200_000 }]), 200_000)).toEqual([{ relation: 'public.mt_events', rows: 200_000 }]);
    const found = wideScans(
      estimate([
        { relation: 'public.mt_streams', rows: 300_000 },
        { relation: 'public.mt_events', rows: 1_200_000 },
        { relation: 'public.mt_events', rows: 1_200_000 },
        { relation: 'public.small', rows: 10 },
      ]),
      200_000,
    );
    expect(found.map((s) => s.relation)).toEqual(['public.mt_events', 'public.mt_streams']);
  });

  it('says the size as an estimate, in words', () => {
    expect(aboutRows(1_234_567)).toBe('about 1.2 million rows');
    expect(aboutRows(3_000_000)).toBe('about 3 million rows');
    expect(aboutRows(48_310)).toBe('about 48,000 rows');
    expect(aboutRows(1)).toBe('about 1 row');
    expect(aboutRows(12)).toBe('about 12 rows');
  });

  it('names the tables the filter reads whole', () => {
    expect(scanSentence([{ relation: 'public.mt_events', rows: 1_200_000 }])).toBe(
      'This filter reads all of public.mt_events (about 1.2 million rows): no index covers it, so it may take a while.',
    );
    expect(scanSentence([{ relation: 'a.x', rows: 2_000_000 }, { relation: 'a.y', rows: 500_000 }])).toBe(
      'This filter reads all of a.x (about 2 million rows) and a.y (about 500,000 rows): no index covers it, so it may take a while.',
    );
  });
});
