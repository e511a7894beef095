import { describe, expect, it } from 'vitest';
import type { DiffResult, StateAtResult } from '../../shared/replay.ts';
import { withDiffCurrencies } from './diffCurrencies.ts';

const diff = (units: DiffResult['projection']['units'], from = 2, to = 9): DiffResult => ({
  streamId: 'account-1',
  projection: { name: 'bank-account', version: 1, description: '', ...(units ? { units } : {}) },
  from: { version: from, recordedAt: null },
  to: { version: to, recordedAt: null },
  changes: [],
  eventCount: to - from,
  totalChanges: 0,
  truncated: false,
  reverted: [],
  historyWalked: true,
});

function fakeStates(byVersion: Record<number, unknown>) {
  const asked: number[] = [];
  const stateAt = async (_stream: string, at: { version: number }) => {
    asked.push(at.version);
    return { state: byVersion[at.version] } as StateAtResult;
  };
  return { stateAt, asked };
}

describe('withDiffCurrencies', () => {
  it('reads the currency fields at both ends of the diff', async () => {
    const { stateAt, asked } = fakeStates({ 2: { currency: 'EUR', owner: { currency: 5 } }, 9: { currency: 'CHF' } });
    const result = await withDiffCurrencies(diff({ balance: { currencyField: 'currency' }, 'owner.limit': { currencyField: 'owner.currency' } }), stateAt);
    expect(result.currencies).toEqual({ from: { currency: 'EUR' }, to: { currency: 'CHF' } });
    expect(asked).toEqual([2, 9]);
  });

  it('reads nothing when no unit names a currency field, and nothing at version 0', async () => {
    const { stateAt, asked } = fakeStates({ 9: { currency: 'USD' } });
    expect((await withDiffCurrencies(diff({ total: { currency: 'EUR' } }), stateAt)).currencies).toBeUndefined();
    expect((await withDiffCurrencies(diff(undefined), stateAt)).currencies).toBeUndefined();
    expect(asked).toEqual([]);
    expect((await withDiffCurrencies(diff({ balance: { currencyField: 'currency' } }, 0, 9), stateAt)).currencies).toEqual({ from: {}, to: { currency: 'USD' } });
    expect(asked).toEqual([9]);
  });
});
