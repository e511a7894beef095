// Writes an Emmett SQLite event store with Emmett's own library (real appends through its API), as
// an application built on @event-driven-io/emmett-sqlite would leave it.
import { writeEmmettFile, type EmmettBatch } from '../../src/main/testing/emmettFile.ts';

export const EMMETT_STREAMS: { streamId: string; events: { type: string; data: Record<string, unknown>; metadata?: Record<string, unknown> }[][] }[] = [
  {
    streamId: 'cart-emmett-1',
    events: [
      [
        { type: 'ItemAdded', data: { sku: 'A', name: 'Apple', unitPrice: 100, quantity: 1 }, metadata: { actor: 'alice' } },
        { type: 'ItemAdded', data: { sku: 'B', name: 'Bread', unitPrice: 250, quantity: 2 }, metadata: { actor: 'alice' } },
      ],
      [{ type: 'ItemQuantityChanged', data: { sku: 'B', quantity: 5 }, metadata: { actor: 'bob' } }],
      [{ type: 'ItemRemoved', data: { sku: 'A' }, metadata: { actor: 'bob' } }],
    ],
  },
  { streamId: 'account-emmett-1', events: [[{ type: 'AccountOpened', data: { owner: 'ada', currency: 'EUR', initialDeposit: 1000 } }], [{ type: 'MoneyDeposited', data: { amount: 50 } }]] },
  { streamId: 'counter-emmett-1', events: [[{ type: 'increment', data: { amount: 5 } }]] },
];

export const EMMETT_EVENT_COUNT = EMMETT_STREAMS.reduce((n, s) => n + s.events.flat().length, 0);

export async function writeEmmettStore(fileName: string): Promise<void> {
  await writeEmmettFile(
    fileName,
    EMMETT_STREAMS.flatMap(({ streamId, events }) => events.map((batch) => [streamId, batch] as EmmettBatch)),
  );
}
