import { describe, expect, it } from 'vitest';
import { numbersAsWritten } from '../main/store/exactJson.ts';
import { withNumbersAsWritten } from './numbersAsWritten.ts';

describe('withNumbersAsWritten', () => {
  it('JSON.stringify of the value with its numbersAsWritten gives the stored text back, without touching the value', () => {
    const stored = '{"a/b":[-0,{"c~":12345678901234567890}],"d":1e-400,"e":[1.0,2],"f":"-0"}';
    const value = JSON.parse(stored);
    const before = JSON.stringify(value);
    const numbers = numbersAsWritten(stored) ?? undefined;
    expect(JSON.stringify(value)).not.toBe(stored);
    expect(JSON.stringify(withNumbersAsWritten(value, numbers))).toBe(stored);
    expect(JSON.stringify(value)).toBe(before);
    expect(withNumbersAsWritten(value, undefined)).toBe(value);
  });
});
