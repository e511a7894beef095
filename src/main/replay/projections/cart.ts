// Shopping cart: lines keyed by sku (so diffs match lines by sku), a running total in minor units.
import type { ReplayEvent } from '../../store/eventStore.ts';
import { numberField, textField, type Projection } from '../projection.ts';

export interface CartLine {
  sku: string;
  name: string;
  unitPrice: number;
  quantity: number;
}

export interface CartState {
  status: 'empty' | 'open' | 'checked_out';
  customerId: string | null;
  items: CartLine[];
  itemCount: number;
  /** Sum of unitPrice × quantity, in minor units (cents). */
  total: number;
  checkedOutAt: string | null;
  paymentId: string | null;
}

// Plain loops and copies rather than findIndex / with / toSpliced / filter: the same arrays, and
// ~8% off a 100k-event fold of a 60-line cart (a fold calls evolve before the JIT has warmed up).

function withItems(state: CartState, items: CartLine[]): CartState {
  let itemCount = 0;
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    const line = items[i];
    itemCount += line.quantity;
    total += line.unitPrice * line.quantity;
  }
  return { ...state, status: state.status === 'empty' ? 'open' : state.status, items, itemCount, total };
}

/** Position of the first line with `sku`, or -1. */
function lineIndex(items: readonly CartLine[], sku: string): number {
  for (let i = 0; i < items.length; i++) if (items[i].sku === sku) return i;
  return -1;
}

/** A copy of `items` with the line at `index` replaced, or removed when `line` is null. */
function replaced(items: readonly CartLine[], index: number, line: CartLine | null): CartLine[] {
  const copy = items.slice();
  if (line) copy[index] = line;
  else copy.splice(index, 1);
  return copy;
}

/** withItems on a draft: the same sums in the same order, written in place. */
function sumItems(draft: CartState): void {
  let itemCount = 0;
  let total = 0;
  const items = draft.items;
  for (let i = 0; i < items.length; i++) {
    const line = items[i];
    itemCount += line.quantity;
    total += line.unitPrice * line.quantity;
  }
  if (draft.status === 'empty') draft.status = 'open';
  draft.itemCount = itemCount;
  draft.total = total;
}

function assertOpen(state: CartState, event: ReplayEvent): void {
  if (state.status === 'checked_out') throw new Error(`${event.type} after the cart was checked out`);
}

export const cartProjection: Projection<CartState> = {
  name: 'shopping-cart',
  version: 1,
  description: 'Cart lines keyed by sku with quantities and a total; checkout closes the cart.',
  // Prices and the total are in cents; the cart's events name no currency, so they show as decimals.
  units: { total: { scale: 2 }, 'items[].unitPrice': { scale: 2 } },
  appliesTo: (_streamId, category) => category === 'cart',
  initialState: () => ({ status: 'empty', customerId: null, items: [], itemCount: 0, total: 0, checkedOutAt: null, paymentId: null }),
  noRestoredObjects: true,
  handles: new Set(['CartOpened', 'ItemAdded', 'ItemRemoved', 'ItemQuantityChanged', 'CartCheckedOut']),
  evolve(state, event) {
    const data = (event.data ?? {}) as Record<string, unknown>;
    switch (event.type) {
      case 'CartOpened':
        return { ...state, status: 'open', customerId: typeof data.customerId === 'string' ? data.customerId : state.customerId };
      case 'ItemAdded': {
        assertOpen(state, event);
        const sku = textField(event, 'sku');
        const quantity = numberField(event, 'quantity');
        const existing = lineIndex(state.items, sku);
        if (existing >= 0) {
          const line = state.items[existing];
          return withItems(state, replaced(state.items, existing, { ...line, quantity: line.quantity + quantity }));
        }
        const line: CartLine = { sku, name: typeof data.name === 'string' ? data.name : sku, unitPrice: numberField(event, 'unitPrice'), quantity };
        const items = state.items.slice();
        items.push(line);
        return withItems(state, items);
      }
      case 'ItemRemoved': {
        assertOpen(state, event);
        const sku = textField(event, 'sku');
        const items: CartLine[] = [];
        for (let i = 0; i < state.items.length; i++) if (state.items[i].sku !== sku) items.push(state.items[i]);
        return withItems(state, items);
      }
      case 'ItemQuantityChanged': {
        assertOpen(state, event);
        const sku = textField(event, 'sku');
        const quantity = numberField(event, 'quantity');
        const index = lineIndex(state.items, sku);
        if (index < 0) throw new Error(`ItemQuantityChanged for sku '${sku}', which is not in the cart`);
        return withItems(state, replaced(state.items, index, quantity <= 0 ? null : { ...state.items[index], quantity }));
      }
      case 'CartCheckedOut':
        assertOpen(state, event);
        return {
          ...state,
          status: 'checked_out',
          checkedOutAt: new Date(event.recordedAtMs).toISOString(),
          paymentId: typeof data.paymentId === 'string' ? data.paymentId : null,
        };
      default:
        return state;
    }
  },
  // The same steps on a draft whose state object and items array are private: lines are replaced,
  // never changed, and every check that can throw comes before the first change.
  inPlace: {
    thaw: (state) => ({ ...state, items: state.items.slice() }),
    apply(draft, event) {
      const data = (event.data ?? {}) as Record<string, unknown>;
      switch (event.type) {
        case 'CartOpened':
          draft.status = 'open';
          if (typeof data.customerId === 'string') draft.customerId = data.customerId;
          return;
        case 'ItemAdded': {
          assertOpen(draft, event);
          const sku = textField(event, 'sku');
          const quantity = numberField(event, 'quantity');
          const existing = lineIndex(draft.items, sku);
          if (existing >= 0) {
            const line = draft.items[existing];
            draft.items[existing] = { ...line, quantity: line.quantity + quantity };
          } else {
            draft.items.push({ sku, name: typeof data.name === 'string' ? data.name : sku, unitPrice: numberField(event, 'unitPrice'), quantity });
          }
          return sumItems(draft);
        }
        case 'ItemRemoved': {
          assertOpen(draft, event);
          const sku = textField(event, 'sku');
          const items = draft.items;
          let kept = 0;
          for (let i = 0; i < items.length; i++) if (items[i].sku !== sku) items[kept++] = items[i];
          items.length = kept;
          return sumItems(draft);
        }
        case 'ItemQuantityChanged': {
          assertOpen(draft, event);
          const sku = textField(event, 'sku');
          const quantity = numberField(event, 'quantity');
          const index = lineIndex(draft.items, sku);
          if (index < 0) throw new Error(`ItemQuantityChanged for sku '${sku}', which is not in the cart`);
          if (quantity <= 0) draft.items.splice(index, 1);
          else draft.items[index] = { ...draft.items[index], quantity };
          return sumItems(draft);
        }
        case 'CartCheckedOut': {
          assertOpen(draft, event);
          const checkedOutAt = new Date(event.recordedAtMs).toISOString();
          draft.status = 'checked_out';
          draft.checkedOutAt = checkedOutAt;
          draft.paymentId = typeof data.paymentId === 'string' ? data.paymentId : null;
          return;
        }
        default:
          return;
      }
    },
  },
};
