// Folding in place (Projection.inPlace) against evolve: after every event the draft equals the
// state evolve returns, the same events fail, and states kept on the way (deep-frozen here) are
// never changed by the steps after them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReplayEvent } from '../store/eventStore.ts';
import type { Projection } from './projection.ts';
import { BUILT_IN_PROJECTIONS } from './projections/index.ts';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const sku = fc.constantFrom('A', 'B', 'C', 'D', 7);
const quantity = fc.oneof(fc.integer({ min: -1, max: 4 }), fc.constantFrom('2', null, Number.NaN));
/** Cart events, many of them invalid: unknown skus, missing or non-numeric fields, after checkout, odd data. */
const cartEvent = fc.oneof(
  fc.record({ type: fc.constant('CartOpened'), data: fc.oneof(fc.record({ customerId: fc.constantFrom('c-1', 'c-2', 3) }), fc.constant(null)) }),
  fc.record({ type: fc.constant('ItemAdded'), data: fc.record({ sku, quantity, unitPrice: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant(0.1), fc.constant('x')), name: fc.option(fc.constantFrom('n', 5)) }, { requiredKeys: ['sku', 'quantity'] }) }),
  fc.record({ type: fc.constant('ItemRemoved'), data: fc.oneof(fc.record({ sku }), fc.constant({})) }),
  fc.record({ type: fc.constant('ItemQuantityChanged'), data: fc.record({ sku, quantity }) }),
  fc.record({ type: fc.constant('CartCheckedOut'), data: fc.record({ paymentId: fc.constantFrom('p-1', 9) }), recordedAtMs: fc.constantFrom(0, 1_700_000_000_000, Number.NaN) }),
  fc.record({ type: fc.constant('Unknown'), data: fc.constant('text') }),
);

describe('folding in place', () => {
  for (const projection of BUILT_IN_PROJECTIONS.filter((p) => p.inPlace) as Projection<any>[]) {
    it(`${projection.name}: the draft is evolve's state after every event, and kept states stay as they were`, () => {
      fc.assert(
        fc.property(fc.array(cartEvent, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (raw, keepEvery) => {
          const inPlace = projection.inPlace!;
          const events: ReplayEvent[] = raw.map((e, i) => ({ position: i + 1, version: i + 1, type: e.type, data: e.data, recordedAtMs: (e as { recordedAtMs?: number }).recordedAtMs ?? i, actor: null }));
          let state: unknown = deepFreeze(projection.initialState());
          let draft: unknown = inPlace.thaw(state);
          const kept: { at: unknown; json: string }[] = [];
          events.forEach((event, i) => {
            let evolveFailed = false;
            try {
              state = deepFreeze(projection.evolve(state, event));
            } catch {
              evolveFailed = true;
            }
            let applyFailed = false;
            try {
              inPlace.apply(draft, event);
            } catch {
              applyFailed = true;
            }
            expect(applyFailed, `${event.type} ${JSON.stringify(event.data)}`).toBe(evolveFailed);
            expect(draft).toEqual(state);
            // A state kept on the way (a snapshot): frozen, and the fold goes on from a new draft.
            if ((i + 1) % keepEvery === 0) {
              kept.push({ at: deepFreeze(draft), json: JSON.stringify(draft) });
              draft = inPlace.thaw(draft);
            }
          });
          for (const { at, json } of kept) expect(JSON.stringify(at)).toBe(json);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('is offered by the cart, whose evolve copies its lines array per event', () => {
    expect(BUILT_IN_PROJECTIONS.filter((p) => p.inPlace).map((p) => p.name)).toEqual(['shopping-cart']);
  });
});
