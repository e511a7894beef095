// Writes an Emmett SQLite event store with Emmett's own library (real appends through its API), as
// an application built on @event-driven-io/emmett-sqlite would leave it.
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import Database from 'better-sqlite3';

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
  // Emmett switches every new connection to WAL without waiting for the answer, which races its
  // first transaction ("cannot change into wal mode from within a transaction"). A file already in
  // WAL mode makes that switch a no-op: the file is still created and filled by Emmett alone.
  const db = new Database(fileName);
  db.pragma('journal_mode = WAL');
  db.close();
  const store = getSQLiteEventStore({ fileName, schema: { autoMigration: 'CreateOrUpdate' } } as never) as unknown as {
    appendToStream(stream: string, events: unknown[]): Promise<unknown>;
    close?: () => Promise<void>;
  };
  for (const { streamId, events } of EMMETT_STREAMS) for (const batch of events) await store.appendToStream(streamId, batch);
  await store.close?.();
}
