// Writes a deterministic demo store: carts, accounts and counters with realistic metadata (actors,
// correlation / causation ids), timestamps over months, plus a few long streams for speed work.
// The same options and seed always give the same events, ids, times and hash chain.
import fs from 'node:fs';
import path from 'node:path';
import { assertWritableTarget } from '../store/auditedFiles.ts';
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';
import type { AppendBatch, EventStore } from '../store/eventStore.ts';
import { openStore } from '../store/openStore.ts';
import { uuidV7 } from '../store/uuid.ts';
import { FIRST_NAMES, LAST_NAMES, SOURCES } from './catalog.ts';
import { createRng, type Rng } from './prng.ts';
import { accountGenerator, cartGenerator, counterGenerator, counterStreamId, type Checkout, type StreamGenerator } from './streamGenerators.ts';

export interface DemoOptions {
  /** Ordinary streams (carts, accounts, counters). */
  streams?: number;
  /** Events over the ordinary streams. */
  events?: number;
  /** Extra long streams (alternately a wholesale cart and a treasury account). */
  longStreams?: number;
  longEvents?: number;
  seed?: string | number;
  /** First event time (ISO or ms); the data spans `spanDays` after it. */
  start?: string | number;
  spanDays?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoSummary {
  seed: string;
  streams: number;
  events: number;
  longStreams: { streamId: string; events: number }[];
  seconds: number;
}

export const DEMO_DEFAULTS = {
  streams: 500,
  events: 50_000,
  longStreams: 2,
  longEvents: 100_000,
  seed: 'replay-ledger',
  start: '2026-01-05T08:00:00.000Z',
  spanDays: 180,
} as const;

const DAY = 86_400_000;
const BATCH = 2000;

function normal(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Splits `total` events over streams with a long-tailed distribution, each at least its minimum. */
function budgets(rng: Rng, minimums: number[], total: number): number[] {
  const floor = minimums.reduce((a, b) => a + b, 0);
  if (floor > total) throw new LedgerError('INVALID_INPUT', words('errorWords.demo.tooFewEvents', { streams: minimums.length, floor, total }));
  const weights = minimums.map(() => Math.exp(normal(rng) * 0.9));
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - floor;
  const result = minimums.map((min, i) => min + Math.floor((spare * weights[i]) / sum));
  let left = total - result.reduce((a, b) => a + b, 0);
  while (left > 0) {
    result[rng.int(0, result.length - 1)]++;
    left--;
  }
  return result;
}

/** Min-heap of generators by (nextTime, insertion order), so the merge is deterministic. */
class GeneratorHeap {
  private items: { gen: StreamGenerator; order: number }[] = [];
  private counter = 0;
  get size() {
    return this.items.length;
  }
  private less(a: { gen: StreamGenerator; order: number }, b: { gen: StreamGenerator; order: number }) {
    return a.gen.nextTime < b.gen.nextTime || (a.gen.nextTime === b.gen.nextTime && a.order < b.order);
  }
  push(gen: StreamGenerator) {
    const items = this.items;
    items.push({ gen, order: this.counter++ });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }
  pop(): StreamGenerator {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < items.length && this.less(items[l], items[smallest])) smallest = l;
        if (r < items.length && this.less(items[r], items[smallest])) smallest = r;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest], items[i]];
        i = smallest;
      }
    }
    return top.gen;
  }
}

function positiveInteger(value: number, name: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new LedgerError('INVALID_INPUT', words('errorWords.demo.badInteger', { name, min, value: String(value) }));
  return value;
}

export function generateDemo(store: EventStore, options: DemoOptions = {}): DemoSummary {
  const started = performance.now();
  const streamCount = positiveInteger(options.streams ?? DEMO_DEFAULTS.streams, 'streams', 0);
  const eventCount = positiveInteger(options.events ?? DEMO_DEFAULTS.events, 'events', 0);
  const longCount = positiveInteger(options.longStreams ?? DEMO_DEFAULTS.longStreams, 'longStreams', 0);
  const longEvents = positiveInteger(options.longEvents ?? DEMO_DEFAULTS.longEvents, 'longEvents', 2);
  const seed = String(options.seed ?? DEMO_DEFAULTS.seed);
  const t0 = typeof options.start === 'number' ? options.start : Date.parse(options.start ?? DEMO_DEFAULTS.start);
  const span = (options.spanDays ?? DEMO_DEFAULTS.spanDays) * DAY;
  if (!Number.isFinite(t0) || !(span > 0)) throw new LedgerError('INVALID_INPUT', words('errorWords.demo.badTime', {}));
  const rng = createRng(seed);

  // Streams: 25% accounts (opened early, so carts can be paid from them), 55% carts, 20% counters.
  const accounts = streamCount === 0 ? 0 : Math.max(1, Math.round(streamCount * 0.25));
  const counters = Math.round(streamCount * 0.2);
  const carts = Math.max(0, streamCount - accounts - counters);
  const kinds: Array<'account' | 'cart' | 'counter'> = [
    ...Array<'account'>(accounts).fill('account'),
    ...Array<'cart'>(carts).fill('cart'),
    ...Array<'counter'>(counters).fill('counter'),
  ];
  const plan = budgets(rng, kinds.map((k) => (k === 'counter' ? 1 : 2)), eventCount);

  const owners = kinds.map((_, i) => `${FIRST_NAMES[i % FIRST_NAMES.length]}.${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]}${i >= 400 ? i : ''}`);
  const payments: Checkout[][] = [];
  const payingAccounts: number[] = [];
  const heap = new GeneratorHeap();
  kinds.forEach((kind, i) => {
    if (kind === 'account') {
      const closes = rng.chance(0.1);
      const queue: Checkout[] = [];
      payments.push(queue);
      if (!closes) payingAccounts.push(payments.length - 1);
      const start = t0 + Math.floor(rng.next() * span * 0.1);
      heap.push(accountGenerator(`account-${String(payments.length).padStart(5, '0')}`, owners[i], plan[i], start, t0 + span - start, { closes, payments: queue }));
    } else if (kind === 'cart') {
      const accountIndex = payingAccounts.length > 0 ? rng.pick(payingAccounts) : -1;
      const customer = accountIndex >= 0 ? owners[accountIndex] : owners[i];
      const start = t0 + span * 0.1 + Math.floor(rng.next() * span * 0.5);
      const lifetime = rng.int(1, 20 * 24) * 3_600_000;
      heap.push(
        cartGenerator(`cart-${String(i - accounts + 1).padStart(6, '0')}`, customer, plan[i], start, lifetime, {
          checksOut: accountIndex >= 0 && rng.chance(0.7),
          maxLines: 8,
          payments: accountIndex >= 0 ? payments[accountIndex] : undefined,
        }),
      );
    } else {
      const start = t0 + Math.floor(rng.next() * span * 0.6);
      heap.push(counterGenerator(counterStreamId(i - accounts - carts), plan[i], start, t0 + span - start));
    }
  });
  const longStreams: { streamId: string; events: number }[] = [];
  for (let i = 0; i < longCount; i++) {
    const number = String(Math.floor(i / 2) + 1).padStart(3, '0');
    const gen =
      i % 2 === 0
        ? cartGenerator(`cart-wholesale-${number}`, 'wholesale.buyer' + number, longEvents, t0, span, { checksOut: true, maxLines: 60 })
        : accountGenerator(`account-treasury-${number}`, 'treasury' + number, longEvents, t0, span, { closes: false, payments: [], large: true });
    longStreams.push({ streamId: gen.streamId, events: longEvents });
    heap.push(gen);
  }

  const total = eventCount + longCount * longEvents;
  const sessions = new Map<StreamGenerator, { correlationId: string; lastEventId: string | null; left: number; source: string }>();
  let batch: AppendBatch[] = [];
  let written = 0;
  const flush = () => {
    if (batch.length === 0) return;
    store.appendMany(batch);
    written += batch.length;
    batch = [];
    options.onProgress?.(written, total);
  };

  while (heap.size > 0) {
    const gen = heap.pop();
    const time = gen.nextTime;
    let session = sessions.get(gen);
    if (!session || session.left <= 0) {
      session = { correlationId: uuidV7(time, rng.bytes(10)), lastEventId: null, left: rng.int(1, 6), source: rng.pick(SOURCES) };
      sessions.set(gen, session);
    }
    const step = gen.step(rng);
    const eventId = uuidV7(time, rng.bytes(10));
    const correlationId = step.link?.correlationId ?? session.correlationId;
    const causationId = step.link?.causationId ?? session.lastEventId;
    const metadata: Record<string, unknown> = { actor: step.actor, correlationId, source: step.actor.startsWith('system:') ? 'backend' : session.source };
    if (causationId) metadata.causationId = causationId;
    batch.push({ streamId: gen.streamId, expectedVersion: 'any', events: [{ eventId, type: step.type, data: step.data, metadata, recordedAt: time }] });
    gen.emitted?.(eventId, correlationId);
    session.lastEventId = eventId;
    session.left--;
    gen.remaining--;
    if (gen.remaining > 0) {
      // Bursts of a few events seconds apart (a session), separated by longer gaps.
      // Sessions average 3.5 events, so the gap between sessions is scaled to keep the stream's span.
      const gap = session.left > 0 ? rng.int(2_000, 90_000) : Math.max(1000, Math.floor(gen.gapMs * 3.5 * (0.2 + rng.next() * 1.6)));
      gen.nextTime = time + gap;
      heap.push(gen);
    } else sessions.delete(gen);
    if (batch.length >= BATCH) flush();
  }
  flush();
  return {
    seed,
    streams: streamCount + longCount,
    events: written,
    longStreams,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Generates into a temporary file beside `out` and renames it into place when complete, so an
 * interrupted run never leaves a half-written store behind.
 */
export function writeDemoStore(out: string, options: DemoOptions & { force?: boolean } = {}): DemoSummary {
  const target = path.resolve(out);
  if (fs.existsSync(target) && !options.force) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.demo.exists', { path: target }), { path: target });
  }
  assertWritableTarget(target);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Built in a private folder beside the target (random, exclusive): nothing planted is followed.
  const workDir = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.generating-`));
  const temp = path.join(workDir, 'demo.db');
  try {
    const store = openStore(temp, { readonly: false, create: true, bulkLoad: true });
    let summary: DemoSummary;
    try {
      summary = generateDemo(store, options);
    } finally {
      store.close();
    }
    assertWritableTarget(target);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(temp, target);
    return summary;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
