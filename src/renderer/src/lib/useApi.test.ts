import { describe, expect, it } from 'vitest';
import { depsChanged, shownState, type LoadedState } from './useApi.ts';

const answered = (version: number): LoadedState<string> => ({ value: 'changes of 39→40', error: null, loading: false, version });

describe('useApi: an answer is shown only beside the inputs it was asked with', () => {
  it('in the render where the inputs change, the older answer is not shown and the screen says loading', () => {
    // The render before the new request's effect: state still holds the answer for version 1.
    expect(shownState(answered(1), 2, false, true)).toEqual({ value: undefined, error: null, loading: true });
    const failed: LoadedState<string> = { value: undefined, error: { code: 'NOT_FOUND', message: 'gone' }, loading: false, version: 1 };
    expect(shownState(failed, 2, false, true)).toEqual({ value: undefined, error: null, loading: true });
  });

  it('the answer for the current inputs is shown as it is', () => {
    expect(shownState(answered(2), 2, false, true)).toEqual({ value: 'changes of 39→40', error: null, loading: false });
  });

  it('a caller that keeps the previous value on purpose (scrubbing) still gets it, marked loading', () => {
    expect(shownState(answered(1), 2, true, true)).toEqual({ value: 'changes of 39→40', error: null, loading: true });
  });

  it('no request to make: nothing loading', () => {
    expect(shownState(answered(1), 2, false, false)).toEqual({ value: undefined, error: null, loading: false });
  });

  it('deps compare as React compares them: by Object.is, element by element', () => {
    expect(depsChanged(null, [])).toBe(true);
    expect(depsChanged(['s', 1, 40], ['s', 1, 40])).toBe(false);
    expect(depsChanged(['s', 1, 40], ['s', 1, 41])).toBe(true);
    expect(depsChanged([NaN], [NaN])).toBe(false);
    expect(depsChanged([0], [-0])).toBe(true);
    expect(depsChanged([{}], [{}])).toBe(true);
    expect(depsChanged([1], [1, 2])).toBe(true);
  });
});
