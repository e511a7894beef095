// One small cart told the same way in every replay test that needs "a cart with a history": opened,
// three lines added, one removed, a quantity changed, checked out — a minute apart, three actors.
import type { NewEvent } from '../store/eventStore.ts';

const MIN = 60_000;

/** The seven events from `t0` on; `extra` events are put in before the quantity change (version 6). */
export function cartStory(t0: number, extra: Omit<NewEvent, 'recordedAt'>[] = []): NewEvent[] {
  const events: Omit<NewEvent, 'recordedAt'>[] = [
    { type: 'CartOpened', data: { customerId: 'c-42' }, metadata: { actor: 'alice' } },
    { type: 'ItemAdded', data: { sku: 'A', name: 'Apple', unitPrice: 100, quantity: 1 }, metadata: { actor: 'alice' } },
    { type: 'ItemAdded', data: { sku: 'B', name: 'Bread', unitPrice: 250, quantity: 2 }, metadata: { actor: 'alice' } },
    { type: 'ItemAdded', data: { sku: 'C', name: 'Cheese', unitPrice: 500, quantity: 1 }, metadata: { actor: 'bob' } },
    { type: 'ItemRemoved', data: { sku: 'A' }, metadata: { actor: 'bob' } },
    ...extra,
    { type: 'ItemQuantityChanged', data: { sku: 'C', quantity: 3 }, metadata: { actor: 'carol' } },
    { type: 'CartCheckedOut', data: { paymentId: 'pay-1' }, metadata: { actor: 'carol' } },
  ];
  return events.map((event, i) => ({ ...event, recordedAt: t0 + i * MIN }));
}
