import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromEpochMs } from './isoTime.ts';

describe('isoFromEpochMs', () => {
  it('matches Date#toISOString at the edges', () => {
    for (const ms of [0, -1, 1, 951_782_400_000, 4_107_542_400_000, -62_167_219_200_000, 253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_001, 8.64e15, -8.64e15, 1.5]) {
      expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('matches Date#toISOString for any time, in any order (the day cache never leaks)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -8.64e15, max: 8.64e15 - 1 }), { minLength: 1, maxLength: 20 }), (times) => {
        for (const ms of times) {
          expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
          expect(isoFromEpochMs(ms + 1)).toBe(new Date(ms + 1).toISOString());
        }
      }),
      { numRuns: 2000 },
    );
  });
});
