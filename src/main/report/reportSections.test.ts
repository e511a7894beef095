import { describe, expect, it } from 'vitest';
import type { DiffResult, StateAtResult } from '../../shared/replay.ts';
import { diffHtml, stateHtml } from './reportSections.ts';

const projection = { name: 'bank-account', version: 1, description: '', units: { balance: { currencyField: 'currency', scale: 2 }, 'fees[].amount': { currency: 'EUR', scale: 2 } } } as const;

const state = (value: unknown): StateAtResult => ({
  streamId: 'account-1',
  projection: { ...projection, units: { ...projection.units } },
  version: 4,
  recordedAt: '2026-03-01T10:00:00.000Z',
  streamVersion: 9,
  state: value,
  warnings: [],
  warningCount: 0,
  startedFrom: 0,
  eventsApplied: 4,
});

describe('amounts in the report', () => {
  it('lists the declared amounts of a state as money beside the JSON kept as stored', () => {
    const html = stateHtml(state({ currency: 'CHF', balance: 1234567, fees: [{ amount: 250 }, { amount: 12.5 }] }));
    expect(html).toContain('&quot;balance&quot;: 1234567'); // the evidence is unchanged
    expect(html).toMatch(/<code class="wrap">balance<\/code><\/td><td class="amount">CHF[\s\u00a0]12,345\.67<\/td><td class="mono">1234567<\/td>/);
    expect(html).toContain('<code class="wrap">fees[0].amount</code></td><td class="amount">€2.50</td>');
    expect(html).toMatch(/fees\[1\]\.amount<\/code><\/td><td class="amount"><span class="muted">not an amount: shown as stored<\/span><\/td><td class="mono">12\.5</);
  });

  it('adds no amounts table for a projection without units, nor for masked values', () => {
    expect(stateHtml({ ...state({ balance: 5 }), projection: { name: 'x', version: 1, description: '' } })).not.toContain('class="amounts"');
    expect(stateHtml(state({ currency: 'EUR', balance: 'masked:0123456789abcdef' }))).not.toContain('class="amounts"');
  });

  it('shows a changed amount as money in its currency at each end of the diff', () => {
    const diff: DiffResult = {
      streamId: 'account-1',
      projection: { ...projection, units: { ...projection.units } },
      from: { version: 1, recordedAt: null },
      to: { version: 4, recordedAt: null },
      changes: [{ path: '$.balance', segments: ['balance'], kind: 'changed', before: 1000, after: 250075, event: null, history: [], historyCount: 0 }],
      eventCount: 3,
      totalChanges: 1,
      truncated: false,
      reverted: [],
      historyWalked: true,
      currencies: { from: { currency: 'USD' }, to: { currency: 'USD' } },
    };
    const html = diffHtml(diff, new Map());
    expect(html).toContain('<pre>1000</pre><div class="amount">$10.00</div>');
    expect(html).toContain('<pre>250075</pre><div class="amount">$2,500.75</div>');
    // Without the currency the amount is not guessed.
    expect(diffHtml({ ...diff, currencies: undefined }, new Map())).not.toContain('class="amount"');
  });

  it('shows each history value in the currency its state held then, and finds a currency field with a dot in its path', () => {
    const ref = (version: number) => ({ position: version, version, type: 'Moved', recordedAt: '2026-03-01T10:00:00.000Z', actor: null, eventId: null }) as never;
    const diff: DiffResult = {
      streamId: 'account-1',
      projection: { name: 'wallet', version: 1, description: '', units: { balance: { currencyField: 'owner.currency', scale: 2 } } },
      from: { version: 1, recordedAt: null },
      to: { version: 5, recordedAt: null },
      changes: [
        {
          path: '$.balance',
          segments: ['balance'],
          kind: 'changed',
          before: 123456,
          after: 134000,
          event: ref(4),
          history: [
            { event: ref(2), kind: 'changed', before: 123456, after: 124456, currencies: { before: { 'owner.currency': 'EUR' }, after: { 'owner.currency': 'EUR' } } },
            { event: ref(4), kind: 'changed', before: 124456, after: 134000, currencies: { before: { 'owner.currency': 'EUR' }, after: { 'owner.currency': 'USD' } } },
          ],
          historyCount: 2,
        },
      ],
      eventCount: 4,
      totalChanges: 1,
      truncated: false,
      reverted: [],
      historyWalked: true,
      currencies: { from: { 'owner.currency': 'EUR' }, to: { 'owner.currency': 'USD' } },
    };
    const html = diffHtml(diff, new Map());
    expect(html).toContain('<pre>123456</pre><div class="amount">€1,234.56</div>');
    expect(html).toContain('<pre>134000</pre><div class="amount">$1,340.00</div>');
    expect(html).toContain('<code>124456</code> <span class="amount">€1,244.56</span>');
    expect(html).toContain('<code>134000</code> <span class="amount">$1,340.00</span>');
  });
});
