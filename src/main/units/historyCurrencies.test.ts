// Value histories show money in the currency it had at each event: a stream whose currency field
// changes (EUR, then USD) gives field-history and diff-history entries that each carry the currency
// of the state before and after their own event, read during the one history walk.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PathHistoryEntry } from '../../shared/replay.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import type { EventStore, NewEvent, ReplayEvent } from '../store/eventStore.ts';
import { tempStore } from '../testing/tempFiles.ts';
import type { Projection } from '../replay/projection.ts';
import { createReplayEngine } from '../replay/replayEngine.ts';
import { currencyPlan } from './historyCurrencies.ts';

interface Wallet {
  currency: string | null;
  balance: number;
  note: string;
  pockets: { id: string; currency: string; amount: number }[];
}

/** Balances in the wallet's currency (at the top), pockets each in their own (beside the amount). */
const wallet: Projection<Wallet> = {
  name: 'wallet',
  version: 1,
  description: 'a wallet whose currency can change',
  units: { balance: { currencyField: 'currency', scale: 2 }, 'pockets[].amount': { currencyField: 'currency', scale: 2 } },
  appliesTo: (_id, category) => category === 'wallet',
  initialState: () => ({ currency: null, balance: 0, note: '', pockets: [] }),
  handles: 'all',
  evolve(state, event: ReplayEvent) {
    const data = event.data as Record<string, never>;
    switch (event.type) {
      case 'Opened':
        return { ...state, currency: data.currency, balance: data.amount };
      case 'Deposited':
        return { ...state, balance: state.balance + (data.amount as number) };
      // Converted at the bank's rate: the currency and the balance change in the same event.
      case 'Converted':
        return { ...state, currency: data.currency, balance: data.amount };
      case 'Noted':
        return { ...state, note: data.note };
      case 'PocketOpened':
        return { ...state, pockets: [...state.pockets, { id: data.id, currency: data.currency, amount: data.amount }] };
      default:
        return state;
    }
  },
};

const T0 = Date.parse('2026-05-01T09:00:00Z');
const events: NewEvent[] = [
  { type: 'Opened', data: { currency: 'EUR', amount: 123456 } }, // v1
  { type: 'Deposited', data: { amount: 1000 } }, // v2
  { type: 'Noted', data: { note: 'moving to the US' } }, // v3
  { type: 'Converted', data: { currency: 'USD', amount: 134000 } }, // v4
  { type: 'Deposited', data: { amount: 500 } }, // v5
  { type: 'PocketOpened', data: { id: 'p1', currency: 'CHF', amount: 2500 } }, // v6
].map((event, i) => ({ ...event, recordedAt: T0 + i * 60_000 }));

const shape = (history: readonly PathHistoryEntry[]) => history.map((h) => [h.event.version, h.before, h.after, h.currencies]);

describe('currencies in value histories', () => {
  let store: EventStore;
  beforeAll(() => {
    store = tempStore();
    store.append('wallet-1', events);
  });

  // Snapshots every 2 events: the field history skips and walks spans, each entry still has its own currency.
  for (const snapshotEvery of [0, 2]) {
    it(`gives each field-history entry the currency of its own version (snapshotEvery ${snapshotEvery})`, async () => {
      const engine = createReplayEngine(toAsyncReader(store), { projections: [wallet], snapshotEvery });
      if (snapshotEvery) await engine.buildSnapshots('wallet-1');
      const history = await engine.fieldHistory('wallet-1', ['balance']);
      expect(shape(history.history)).toEqual([
        [1, 0, 123456, { after: { currency: 'EUR' } }], // before: the initial state held no currency
        [2, 123456, 124456, { before: { currency: 'EUR' }, after: { currency: 'EUR' } }],
        [4, 124456, 134000, { before: { currency: 'EUR' }, after: { currency: 'USD' } }],
        [5, 134000, 134500, { before: { currency: 'USD' }, after: { currency: 'USD' } }],
      ]);
      expect(history).toMatchObject({ value: 134500, currencies: { currency: 'USD' } });
      // A range's history (the diff's long-range fallback) reads the currency at its own versions too.
      const early = await engine.fieldHistory('wallet-1', ['balance'], { from: 1, upTo: 3 });
      expect(shape(early.history)).toEqual([[2, 123456, 124456, { before: { currency: 'EUR' }, after: { currency: 'EUR' } }]]);
      expect(early.currencies).toEqual({ currency: 'EUR' });
    });
  }

  it('gives each diff-history entry the currency of its own version', async () => {
    const engine = createReplayEngine(toAsyncReader(store), { projections: [wallet] });
    const diff = await engine.diff('wallet-1', 1, 5);
    const balance = diff.changes.find((c) => c.path === '$.balance');
    expect(shape(balance!.history)).toEqual([
      [2, 123456, 124456, { before: { currency: 'EUR' }, after: { currency: 'EUR' } }],
      [4, 124456, 134000, { before: { currency: 'EUR' }, after: { currency: 'USD' } }],
      [5, 134000, 134500, { before: { currency: 'USD' }, after: { currency: 'USD' } }],
    ]);
    // The currency field's own history is text, not money: nothing added.
    const currency = diff.changes.find((c) => c.path === '$.currency');
    expect(currency!.history.map((h) => 'currencies' in h)).toEqual([false]);
  });

  it('reads a currency kept beside the amount before the one at the top, and a whole line’s at the top', async () => {
    const engine = createReplayEngine(toAsyncReader(store), { projections: [wallet] });
    const amount = await engine.fieldHistory('wallet-1', ['pockets', 0, 'amount']);
    expect(shape(amount.history)).toEqual([[6, undefined, 2500, { after: { currency: 'CHF' } }]]);
    expect(amount.currencies).toEqual({ currency: 'CHF' });
    // The line holds its amount and its currency; the top-level currency is what a root lookup finds.
    const line = await engine.fieldHistory('wallet-1', ['pockets', 0]);
    expect(line.history[0].currencies).toEqual({ after: { currency: 'USD' } });
  });

  it('adds nothing to paths that are not money in a currency of the state', async () => {
    const engine = createReplayEngine(toAsyncReader(store), { projections: [wallet] });
    const note = await engine.fieldHistory('wallet-1', ['note']);
    expect(note.history).toHaveLength(1);
    expect('currencies' in note.history[0]).toBe(false);
    expect('currencies' in note).toBe(false);
    expect(currencyPlan({ total: { currency: 'EUR' }, weight: { scale: 3 } }, ['total'])).toBeUndefined();
    expect(currencyPlan(undefined, ['balance'])).toBeUndefined();
    expect(currencyPlan(wallet.units, ['pockets'])).toEqual({ fields: ['currency'] });
    expect(currencyPlan(wallet.units, ['pockets', { key: 'id', value: 'p1' }, 'amount'])).toEqual({
      fields: ['currency'],
      beside: { field: 'currency', parent: ['pockets', { key: 'id', value: 'p1' }] },
    });
  });
});
