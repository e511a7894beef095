import { describe, expect, it } from 'vitest';
import { plotKey, type PlotKeyState } from './plotKeys.ts';

const DAY = 86_400_000;
const base: PlotKeyState = { cursor: null, anchor: null, n: 10, startMs: 0, endMs: 10 * DAY, widen: true };

describe('the plot from the keyboard', () => {
  it('arrows move a cursor over the bars, from either end, and stop at the ends', () => {
    expect(plotKey('ArrowRight', false, base)).toEqual({ kind: 'cursor', cursor: 0, anchor: null });
    expect(plotKey('ArrowLeft', false, base)).toEqual({ kind: 'cursor', cursor: 9, anchor: null });
    expect(plotKey('ArrowRight', false, { ...base, cursor: 9 })).toEqual({ kind: 'cursor', cursor: 9, anchor: null });
    expect(plotKey('ArrowLeft', false, { ...base, cursor: 0 })).toEqual({ kind: 'cursor', cursor: 0, anchor: null });
  });

  it('Shift+arrows select a run of bars; Enter narrows to it, or to the one bar under the cursor', () => {
    const started = plotKey('ArrowRight', true, { ...base, cursor: 3 });
    expect(started).toEqual({ kind: 'cursor', cursor: 4, anchor: 3 });
    expect(plotKey('ArrowRight', true, { ...base, cursor: 4, anchor: 3 })).toEqual({ kind: 'cursor', cursor: 5, anchor: 3 });
    expect(plotKey('Enter', false, { ...base, cursor: 5, anchor: 3 })).toEqual({ kind: 'narrow', lo: 3, hi: 5 });
    expect(plotKey('Enter', false, { ...base, cursor: 2, anchor: 6 })).toEqual({ kind: 'narrow', lo: 2, hi: 6 });
    expect(plotKey('Enter', false, { ...base, cursor: 7 })).toEqual({ kind: 'narrow', lo: 7, hi: 7 });
    expect(plotKey('Enter', false, base)).toBeNull();
    // An arrow without Shift drops the selection.
    expect(plotKey('ArrowLeft', false, { ...base, cursor: 5, anchor: 3 })).toEqual({ kind: 'cursor', cursor: 4, anchor: null });
  });

  it('+ halves the span around the cursor, inside what is shown; − doubles it around the middle', () => {
    expect(plotKey('+', false, base)).toEqual({ kind: 'range', fromMs: 2.5 * DAY, toMs: 7.5 * DAY });
    expect(plotKey('+', false, { ...base, cursor: 1 })).toEqual({ kind: 'range', fromMs: 0, toMs: 5 * DAY });
    expect(plotKey('+', false, { ...base, cursor: 9 })).toEqual({ kind: 'range', fromMs: 5 * DAY, toMs: 10 * DAY });
    expect(plotKey('-', false, base)).toEqual({ kind: 'range', fromMs: -5 * DAY, toMs: 15 * DAY });
    expect(plotKey('+', false, { ...base, endMs: 1000 })).toBeNull();
  });

  it('PgUp/PgDn pan by half the span; Home resets; none of these where the range only narrows', () => {
    expect(plotKey('PageDown', false, base)).toEqual({ kind: 'range', fromMs: 5 * DAY, toMs: 15 * DAY });
    expect(plotKey('PageUp', false, base)).toEqual({ kind: 'range', fromMs: -5 * DAY, toMs: 5 * DAY });
    expect(plotKey('Home', false, base)).toEqual({ kind: 'reset' });
    const narrowOnly = { ...base, widen: false };
    for (const key of ['-', 'PageUp', 'PageDown', 'Home']) expect(plotKey(key, false, narrowOnly)).toBeNull();
    expect(plotKey('+', false, narrowOnly)).not.toBeNull();
  });

  it('an empty plot and other keys do nothing', () => {
    expect(plotKey('ArrowRight', false, { ...base, n: 0 })).toBeNull();
    expect(plotKey('x', false, base)).toBeNull();
    expect(plotKey('Tab', false, base)).toBeNull();
  });
});
