// Per-stream event generators for the demo store: carts, bank accounts, counters, and long
// "speed work" streams. Each produces valid event sequences for its projection and advances its own
// clock; generateDemo merges them in time order. Checkouts are paid by a later withdrawal on the
// customer's account that shares the checkout's correlation id and names it as its cause.
import { CLOSE_REASONS, COUNTER_NAMES, CURRENCIES, MERCHANTS, PRODUCTS, SUPPORT_AGENTS, type Product } from './catalog.ts';
import type { Rng } from './prng.ts';

export interface Step {
  type: string;
  data: Record<string, unknown>;
  actor: string;
  /** Link to another stream's event (cross-stream causation). */
  link?: { correlationId: string; causationId: string };
}

export interface Checkout {
  cartId: string;
  total: number;
  eventId: string;
  correlationId: string;
}

export interface StreamGenerator {
  streamId: string;
  remaining: number;
  nextTime: number;
  /** Mean gap between events outside a session burst, ms. */
  gapMs: number;
  step(rng: Rng): Step;
  /** Called after the step was written, with its id and correlation (for checkouts). */
  emitted?(eventId: string, correlationId: string): void;
}

interface Line {
  product: Product;
  quantity: number;
}

export function cartGenerator(
  streamId: string,
  customer: string,
  budget: number,
  start: number,
  lifetimeMs: number,
  options: { checksOut: boolean; maxLines: number; payments?: Checkout[] },
): StreamGenerator {
  const lines: Line[] = [];
  let opened = false;
  let pendingCheckout: Omit<Checkout, 'eventId' | 'correlationId'> | null = null;
  const user = `user:${customer}`;
  const gen: StreamGenerator = {
    streamId,
    remaining: budget,
    nextTime: start,
    gapMs: lifetimeMs / Math.max(1, budget),
    step(rng) {
      if (!opened) {
        opened = true;
        return { type: 'CartOpened', data: { customerId: customer }, actor: user };
      }
      const total = () => lines.reduce((sum, line) => sum + line.product.unitPrice * line.quantity, 0);
      if (gen.remaining === 1 && options.checksOut && lines.length > 0) {
        pendingCheckout = { cartId: streamId, total: total() };
        return { type: 'CartCheckedOut', data: { paymentId: `pay_${Math.floor(rng.next() * 1e12).toString(36)}`, total: total() }, actor: user };
      }
      const roll = rng.next();
      if (lines.length === 0 || (lines.length < options.maxLines && roll < 0.55)) {
        const product = rng.pick(PRODUCTS);
        const quantity = rng.int(1, 4);
        const existing = lines.find((line) => line.product.sku === product.sku);
        if (existing) existing.quantity += quantity;
        else lines.push({ product, quantity });
        return { type: 'ItemAdded', data: { sku: product.sku, name: product.name, unitPrice: product.unitPrice, quantity }, actor: user };
      }
      const index = rng.int(0, lines.length - 1);
      const line = lines[index];
      if (roll < 0.8) {
        line.quantity = rng.int(1, 6);
        return { type: 'ItemQuantityChanged', data: { sku: line.product.sku, quantity: line.quantity }, actor: user };
      }
      lines.splice(index, 1);
      const bySupport = rng.chance(0.08);
      return {
        type: 'ItemRemoved',
        data: bySupport ? { sku: line.product.sku, reason: 'out of stock' } : { sku: line.product.sku },
        actor: bySupport ? rng.pick(SUPPORT_AGENTS) : user,
      };
    },
    emitted(eventId, correlationId) {
      if (pendingCheckout && options.payments) options.payments.push({ ...pendingCheckout, eventId, correlationId });
      pendingCheckout = null;
    },
  };
  return gen;
}

export function accountGenerator(
  streamId: string,
  owner: string,
  budget: number,
  start: number,
  lifetimeMs: number,
  options: { closes: boolean; payments: Checkout[]; large?: boolean },
): StreamGenerator {
  let opened = false;
  let balance = 0;
  const scale = options.large ? 1000 : 1;
  const user = `user:${owner}`;
  const gen: StreamGenerator = {
    streamId,
    remaining: budget,
    nextTime: start,
    gapMs: lifetimeMs / Math.max(1, budget),
    step(rng) {
      if (!opened) {
        opened = true;
        balance = rng.int(50, 500) * 100 * scale;
        return { type: 'AccountOpened', data: { owner, currency: rng.pick(CURRENCIES), initialDeposit: balance }, actor: user };
      }
      if (options.closes && gen.remaining === 1) {
        return { type: 'AccountClosed', data: { reason: rng.pick(CLOSE_REASONS) }, actor: rng.chance(0.5) ? user : rng.pick(SUPPORT_AGENTS) };
      }
      const payment = options.payments.shift();
      if (payment) {
        balance -= payment.total;
        return {
          type: 'MoneyWithdrawn',
          data: { amount: payment.total, reference: `order ${payment.cartId}`, merchant: 'Replay Ledger Demo Shop' },
          actor: 'system:card-processor',
          link: { correlationId: payment.correlationId, causationId: payment.eventId },
        };
      }
      if (balance < 20_000 * scale || rng.chance(0.45)) {
        const amount = rng.int(20, 3000) * 100 * scale;
        balance += amount;
        const payroll = rng.chance(0.4);
        return { type: 'MoneyDeposited', data: { amount, reference: payroll ? 'salary' : 'transfer' }, actor: payroll ? 'system:payroll' : user };
      }
      const amount = Math.min(balance, rng.int(5, 400) * 100 * scale);
      balance -= amount;
      return { type: 'MoneyWithdrawn', data: { amount, reference: 'card payment', merchant: rng.pick(MERCHANTS) }, actor: 'system:card-processor' };
    },
  };
  return gen;
}

export function counterGenerator(streamId: string, budget: number, start: number, lifetimeMs: number): StreamGenerator {
  return {
    streamId,
    remaining: budget,
    nextTime: start,
    gapMs: lifetimeMs / Math.max(1, budget),
    step(rng) {
      const roll = rng.next();
      if (roll < 0.005) return { type: 'reset', data: {}, actor: rng.pick(SUPPORT_AGENTS) };
      if (roll < 0.06) return { type: 'decrement', data: { amount: rng.int(1, 5) }, actor: 'system:metrics' };
      return { type: 'increment', data: { amount: rng.int(1, 10) }, actor: 'system:metrics' };
    },
  };
}

export function counterStreamId(index: number): string {
  return `counter-${COUNTER_NAMES[index % COUNTER_NAMES.length]}-${String(index + 1).padStart(4, '0')}`;
}
