import { readFileSync } from 'node:fs';
import { englishFailure } from '../../../shared/projectionFailureWords.ts';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Projection } from '../../replay/projection.ts';
import { cartProjection, type CartState } from '../../replay/projections/cart.ts';
import type { ReplayEvent } from '../../store/eventStore.ts';
import { contentHashOf, loadSandboxedModule } from './sandboxedProjection.ts';

const LIMITS = { callTimeoutMs: 500, memoryMb: 64 };
const cartFile = fileURLToPath(new URL('./fixtures/cart.projection.ts', import.meta.url));
const cartSource = readFileSync(cartFile, 'utf8');

const loaded: Projection[] = [];
afterAll(async () => {
  await Promise.all(loaded.map((projection) => projection.dispose?.()));
});

async function load(text: string, file = '/folder/test.projection.js') {
  const result = await loadSandboxedModule(file, text, LIMITS);
  if (result.projection) loaded.push(result.projection);
  return result;
}

async function projectionOf(text: string, file?: string): Promise<Projection> {
  const result = await load(text, file);
  if (!result.projection) throw new Error(`did not load: ${result.info.error?.message}`);
  return result.projection;
}

let position = 0;
const event = (version: number, type: string, data: unknown, metadata: unknown = null): ReplayEvent => ({
  position: ++position,
  version,
  type,
  data,
  metadata,
  recordedAtMs: Date.UTC(2026, 0, 1) + version * 1000,
  actor: null,
});

/** A cart's life: lines added, changed and removed, an unknown type, then checkout. */
function cartEvents(count: number): ReplayEvent[] {
  const events: ReplayEvent[] = [event(1, 'CartOpened', { customerId: 'c-1' })];
  for (let v = 2; v < count; v++) {
    const sku = `sku-${v % 7}`;
    const kind = v % 5;
    if (kind === 0) events.push(event(v, 'ItemRemoved', { sku }));
    else if (kind === 1) events.push(event(v, 'ItemQuantityChanged', { sku: 'sku-keep', quantity: (v % 4) + 1 }));
    else if (kind === 2) events.push(event(v, 'NoteAdded', { text: 'left as is' }));
    else events.push(event(v, 'ItemAdded', { sku, name: `Item ${sku}`, unitPrice: 100 + v, quantity: 1 }));
    if (v === 2) events.push(event(++v, 'ItemAdded', { sku: 'sku-keep', unitPrice: 5, quantity: 1 }));
  }
  events.push(event(count, 'CartCheckedOut', { paymentId: 'p-1' }));
  return events;
}

function builtInStates(events: ReplayEvent[]): CartState[] {
  const states: CartState[] = [];
  let state = cartProjection.initialState();
  for (const e of events) states.push((state = cartProjection.evolve(state, e)));
  return states;
}

describe('loadSandboxedModule', () => {
  it('loads the cart module with its facts, origin and content hash', async () => {
    const result = await load(cartSource, cartFile);
    expect(result.info).toMatchObject({ file: 'cart.projection.ts', kind: 'module', name: 'shopping-cart-module', version: 1, appliesTo: 'categories: cart', error: null });
    expect(result.info.contentHash).toBe(contentHashOf(cartSource));
    const projection = result.projection!;
    expect(projection.origin).toEqual({ kind: 'module', file: 'cart.projection.ts', contentHash: contentHashOf(cartSource) });
    expect(projection.cacheKey).toBe(contentHashOf(cartSource));
    expect(projection).toMatchObject({ needsMetadata: true, interruptOnError: true, handles: 'all' });
    expect(projection.initialState()).toEqual(cartProjection.initialState());
    expect(projection.initialState()).toBe(projection.initialState());
    expect(Object.isFrozen(projection.initialState())).toBe(true);
    expect(() => projection.evolve(projection.initialState(), cartEvents(2)[0])).toThrow(/sandboxed: use evolveChunk/);
  });

  it('gives the same states as the built-in cart, chunk after chunk, with and without keepStates', async () => {
    const projection = await projectionOf(cartSource, cartFile);
    const events = cartEvents(400);
    const expected = builtInStates(events);
    let state = projection.initialState();
    const states: unknown[] = [];
    for (let from = 0; from < events.length; from += 64) {
      const outcome = await projection.evolveChunk!(state, events.slice(from, from + 64), { streamId: 'cart-1', keepStates: true });
      expect(outcome.failure).toBeUndefined();
      states.push(...outcome.states!);
      state = outcome.state;
    }
    expect(states).toEqual(expected);
    expect(state).toEqual(expected.at(-1));

    let last = projection.initialState();
    for (let from = 0; from < events.length; from += 100) {
      last = (await projection.evolveChunk!(last, events.slice(from, from + 100), { streamId: 'cart-1', keepStates: false })).state;
    }
    expect(last).toEqual(expected.at(-1));
    expect(Object.isFrozen((last as CartState).items)).toBe(true);
  });

  it('gives the same states for a chunk that crosses in several parts', async () => {
    const projection = await projectionOf(cartSource, cartFile);
    const events = cartEvents(1300);
    const expected = builtInStates(events);
    const kept = await projection.evolveChunk!(projection.initialState(), events, { streamId: 'cart-1', keepStates: true });
    expect(kept.applied).toBe(events.length);
    expect(kept.states).toEqual(expected);
    const last = await projection.evolveChunk!(projection.initialState(), events, { streamId: 'cart-1', keepStates: false });
    expect(last).toEqual({ applied: events.length, state: expected.at(-1) });
    const next = await projection.evolveChunk!(last.state, [event(1301, 'NoteAdded', {})], { streamId: 'cart-1', keepStates: false });
    expect(next.state).toBe(last.state);
  });

  it('stops at the event that fails in a later part of a chunk, and folds on after', async () => {
    const text = 'export default { name: "p", version: 1, initialState: () => ({ n: 0 }), evolve(s, e) { if (e.version === 950) throw new Error("at 950"); if (e.version >= 1010) return { n: s.n, f: () => 1 }; return { n: s.n + 1 }; } };';
    const projection = await projectionOf(text);
    const events = Array.from({ length: 1200 }, (_, i) => event(i + 1, 'E', {}));
    for (const keepStates of [true, false]) {
      const outcome = await projection.evolveChunk!(projection.initialState(), events, { streamId: 's', keepStates });
      expect(outcome).toMatchObject({ applied: 949, state: { n: 949 }, failure: { kind: 'threw', message: 'evolve threw: at 950' } });
      if (keepStates) expect(outcome.states).toHaveLength(949);
      const rest = await projection.evolveChunk!(outcome.state, events.slice(950), { streamId: 's', keepStates });
      expect(rest).toMatchObject({ applied: 59, state: { n: 1008 }, failure: { kind: 'bad-state', message: expect.stringMatching(/f is a function/) } });
    }
  });

  it('gives the very same state back for an event that left it as it was', async () => {
    const projection = await projectionOf(cartSource, cartFile);
    const events = [event(1, 'CartOpened', {}), event(2, 'NoteAdded', {}), event(3, 'NoteAdded', {})];
    const outcome = await projection.evolveChunk!(projection.initialState(), events, { streamId: 'cart-1', keepStates: true });
    expect(outcome.states![1]).toBe(outcome.states![0]);
    expect(outcome.states![2]).toBe(outcome.states![0]);
    const unchanged = await projection.evolveChunk!(outcome.state, [event(4, 'NoteAdded', {})], { streamId: 'cart-1', keepStates: true });
    expect(unchanged.states![0]).toBe(outcome.state);
    expect(unchanged.state).toBe(outcome.state);
  });

  it('folds from a state it did not give out (another stream, a snapshot)', async () => {
    const projection = await projectionOf(cartSource, cartFile);
    await projection.evolveChunk!(projection.initialState(), [event(1, 'CartOpened', { customerId: 'a' })], { streamId: 'cart-a', keepStates: false });
    const snapshot = { ...cartProjection.initialState(), status: 'open', customerId: 'b' };
    const outcome = await projection.evolveChunk!(snapshot, [event(2, 'ItemAdded', { sku: 'x', unitPrice: 3, quantity: 2 })], { streamId: 'cart-b', keepStates: false });
    expect(outcome.state).toMatchObject({ customerId: 'b', total: 6 });
  });

  it('shows the module the event with its stream, metadata and ISO time', async () => {
    const projection = await projectionOf('export default { name: "echo", version: 1, initialState: null, evolve: (s, e) => e };');
    const outcome = await projection.evolveChunk!(null, [event(7, 'Seen', { a: 1 }, { by: 'me' })], { streamId: 'thing-9', keepStates: false });
    expect(outcome.state).toEqual({ type: 'Seen', data: { a: 1 }, metadata: { by: 'me' }, streamId: 'thing-9', version: 7, position: position, recordedAt: '2026-01-01T00:00:07.000Z' });
  });

  it('reports a throw with the line and column in the user file', async () => {
    const text = ['export default {', '  name: "t",', '  version: 1,', '  initialState: () => ({ n: 0 }),', '  evolve(s, e) {', "    if (e.type === 'Bad') throw new Error('fine must be a number');", '    return { n: s.n + 1 };', '  },', '};'].join('\n');
    const projection = await projectionOf(text, '/x/fines.projection.js');
    const outcome = await projection.evolveChunk!(projection.initialState(), [event(1, 'Ok', {}), event(2, 'Ok', {}), event(3, 'Bad', {}), event(4, 'Ok', {})], { streamId: 's', keepStates: true });
    expect(outcome.applied).toBe(2);
    expect(outcome.states).toEqual([{ n: 1 }, { n: 2 }]);
    expect(outcome.state).toEqual({ n: 2 });
    expect(outcome.failure).toEqual({ kind: 'threw', message: 'evolve threw: fine must be a number', facts: { case: 'threw', part: 'evolve', error: 'fine must be a number' }, file: 'fines.projection.js', line: 6, column: 33 });
  });

  it.each([
    ['a function', '(s) => () => 1', /not plain JSON: the state is a function/],
    ['undefined (no return)', '(s) => { s; }', /not plain JSON: the state is undefined/],
    ['a nested undefined', '(s) => ({ a: { b: undefined } })', /a\.b is undefined/],
    ['a symbol', '(s) => ({ a: [Symbol("x")] })', /a\[0\] is a symbol/],
    ['a BigInt', '(s) => ({ n: 1n })', /n is a BigInt/],
    ['a cycle', '(s) => { const a = {}; a.self = a; return a; }', /self refers back to itself/],
    ['a class instance', '(s) => { class Cart {}; return { cart: new Cart() }; }', /cart is a Cart/],
    ['a Map', '(s) => ({ m: new Map() })', /m is a Map/],
    ['NaN', '(s) => ({ total: 0 / 0 })', /total is NaN/],
    ['a frozen object holding a function', '(s) => Object.freeze({ f: () => 1 })', /f is a function/],
  ])('refuses a state that is %s as bad-state', async (_what, evolve, message) => {
    const projection = await projectionOf(`export default { name: "b", version: 1, initialState: {}, evolve: ${evolve} };`);
    const outcome = await projection.evolveChunk!(projection.initialState(), [event(1, 'E', {})], { streamId: 's', keepStates: true });
    expect(outcome.applied).toBe(0);
    expect(outcome.failure?.kind).toBe('bad-state');
    expect(outcome.failure?.message).toMatch(message);
  });

  it.each([true, false])('refuses a module that mutates its state in place (keepStates %s)', async (keepStates) => {
    const projection = await projectionOf('export default { name: "m", version: 1, initialState: () => ({ n: 0 }), evolve: (s) => { s.n++; return s; } };');
    const outcome = await projection.evolveChunk!(projection.initialState(), [event(1, 'E', {}), event(2, 'E', {})], { streamId: 's', keepStates });
    expect(outcome.applied).toBe(0);
    expect(outcome.failure).toMatchObject({ kind: 'threw', facts: { case: 'frozen', part: 'evolve' }, message: expect.stringMatching(/^evolve changed something frozen \(a state or a built-in\) in place: return a new state instead \(.*read only/) });
    expect(projection.initialState()).toEqual({ n: 0 });
  });

  it.each([
    ['a throw', '(s, e) => { if (e.type === "Bad") throw new Error("fine must be a number"); return s; }', 'threw'],
    ['a recursion', '(s) => { const f = (n) => f(n + 1) + 1; return f(0); }', 'recursed'],
    ['a change in place', '(s) => { s.n = 1; return s; }', 'frozen'],
    ['a state with a function', '(s) => ({ f: () => 1 })', 'badState'],
  ])('%s carries the facts its sentence says, so a reader can say it in its own language', async (_what, evolve, said) => {
    const projection = await projectionOf(`export default { name: "f", version: 1, initialState: () => ({ n: 0 }), evolve: ${evolve} };`);
    const outcome = await projection.evolveChunk!(projection.initialState(), [event(1, 'Bad', {})], { streamId: 's', keepStates: true });
    const failure = outcome.failure!;
    expect(failure.facts).toMatchObject({ case: said, part: 'evolve' });
    // The worker writes the English itself (it cannot import): it must be the sentence the facts make.
    expect(englishFailure(failure.facts!)).toBe(failure.message);
  });

  it('names the event whose state is not plain JSON when only the last state is kept', async () => {
    const projection = await projectionOf('export default { name: "b", version: 1, initialState: () => ({ n: 0 }), evolve: (s, e) => ({ n: s.n + 1, f: e.version >= 3 ? () => 1 : s.f ?? null }) };');
    const events = [1, 2, 3, 4, 5].map((v) => event(v, 'E', {}));
    const outcome = await projection.evolveChunk!(projection.initialState(), events, { streamId: 's', keepStates: false });
    expect(outcome).toMatchObject({ applied: 2, state: { n: 2, f: null }, failure: { kind: 'bad-state', message: 'evolve returned a state that is not plain JSON: f is a function' } });
    const kept = await projection.evolveChunk!(projection.initialState(), events, { streamId: 's', keepStates: true });
    expect(kept).toMatchObject({ applied: 2, states: [{ n: 1 }, { n: 2 }], failure: { kind: 'bad-state' } });
  });

  it('checks the state before a throw when only the last state is kept', async () => {
    const projection = await projectionOf('export default { name: "b", version: 1, initialState: () => ({ n: 0 }), evolve: (s, e) => { if (e.version === 4) throw new Error("boom"); return { n: e.version === 2 ? undefined : s.n + 1 }; } };');
    const events = [1, 2, 3, 4].map((v) => event(v, 'E', {}));
    const outcome = await projection.evolveChunk!(projection.initialState(), events, { streamId: 's', keepStates: false });
    expect(outcome).toMatchObject({ applied: 1, state: { n: 1 }, failure: { kind: 'bad-state', message: expect.stringMatching(/n is undefined/) } });
  });

  it('chooses streams by categories and prefixes in the host, by types through firstEventTypes', async () => {
    const rules = await projectionOf('export default { name: "r", version: 1, appliesTo: { categories: ["loan"], streamPrefixes: ["member-"], types: ["BookLent"] }, evolve: (s) => s };');
    expect(rules.appliesTo('loan-1', 'loan')).toBe(true);
    expect(rules.appliesTo('member-7', 'member')).toBe(true);
    expect(rules.appliesTo('book-1', 'book')).toBe(false);
    expect([...rules.firstEventTypes!]).toEqual(['BookLent']);

    const none = await load('export default { name: "n", version: 1, evolve: (s) => s };');
    expect(none.info.appliesTo).toBe('no stream unless chosen by name');
    expect(none.projection!.appliesTo('loan-1', 'loan')).toBe(false);
    expect(none.projection!.firstEventTypes).toBeUndefined();
  });

  it('asks a function appliesTo in the sandbox, once per stream', async () => {
    const projection = await projectionOf('let asked = 0;\nexport default { name: "f", version: 1, appliesTo: (id) => { asked++; if (asked > 2) throw new Error("asked twice"); return id.endsWith("-vip"); }, evolve: (s) => s };');
    expect(await projection.appliesTo('cart-vip', 'cart')).toBe(true);
    expect(await projection.appliesTo('cart-vip', 'cart')).toBe(true);
    expect(await projection.appliesTo('cart-1', 'cart')).toBe(false);
    expect(await projection.appliesTo('cart-vip', 'cart')).toBe(true);
  });

  it.each([
    ['no evolve', 'export default { name: "x", version: 1 };', /^no evolve/],
    ['no name', 'export default { version: 1, evolve: (s) => s };', /needs a name/],
    ['a version that is not a positive whole number', 'export default { name: "x", version: 1.5, evolve: (s) => s };', /needs a version/],
    ['an unknown appliesTo rule', 'export default { name: "x", version: 1, appliesTo: { streams: ["a"] }, evolve: (s) => s };', /unknown rule "streams"/],
    ['an initial state that is not JSON', 'export default { name: "x", version: 1, initialState: () => ({ at: new Date(0) }), evolve: (s) => s };', /initialState is not plain JSON: at is a Date/],
  ])('refuses a module with %s', async (_what, text, message) => {
    const result = await load(text);
    expect(result.projection).toBeNull();
    expect(result.info.error?.message).toMatch(message);
    expect(result.info.name).toBeNull();
  });

  it('takes named exports as the module', async () => {
    const projection = await projectionOf('export const name = "named";\nexport const version = 3;\nexport const initialState = { n: 0 };\nexport function evolve(s) { return { n: s.n + 1 }; }');
    expect(projection).toMatchObject({ name: 'named', version: 3 });
    const outcome = await projection.evolveChunk!(projection.initialState(), [event(1, 'E', {})], { streamId: 's', keepStates: false });
    expect(outcome.state).toEqual({ n: 1 });
  });

  it('takes the units a module declares, and refuses units that are not a unit, naming the field', async () => {
    const projection = await projectionOf('export default { name: "priced", version: 1, units: { total: { currency: "EUR", scale: 2 }, "lines[].price": { currencyField: "currency" } }, evolve: (s) => s };');
    expect(projection.units).toEqual({ total: { currency: 'EUR', scale: 2 }, 'lines[].price': { currencyField: 'currency' } });
    const bad = await load('export default { name: "badly-priced", version: 1, units: { total: { currency: "euro" } }, evolve: (s) => s };');
    expect(bad.projection).toBeNull();
    expect(bad.info.error?.message).toMatch(/units\.total.*three-letter ISO 4217 code/);
    const none = await projectionOf('export default { name: "unpriced", version: 1, evolve: (s) => s };');
    expect(none.units).toBeUndefined();
  });

  it('loads TypeScript with types', async () => {
    const text = 'type S = { n: number };\nexport default {\n  name: "ts", version: 1,\n  initialState: (): S => ({ n: 0 }),\n  evolve(s: S, e: { data: { by: number } }): S { return { n: s.n + e.data.by }; },\n} satisfies Record<string, unknown>;';
    const projection = await projectionOf(text, '/f/ts.projection.mts');
    const outcome = await projection.evolveChunk!(projection.initialState(), [event(1, 'E', { by: 2 }), event(2, 'E', { by: 3 })], { streamId: 's', keepStates: false });
    expect(outcome.state).toEqual({ n: 5 });
  });

  it('gives the module no clock and no randomness: a fold is the same every time', async () => {
    const projection = await projectionOf('export default { name: "c", version: 1, initialState: 0, evolve: (s, e) => e.type === "Now" ? Date.now() : Math.random() };');
    const now = await projection.evolveChunk!(0, [event(1, 'Now', {})], { streamId: 's', keepStates: false });
    expect(now.failure).toMatchObject({ kind: 'threw', message: expect.stringMatching(/secure mode/) });
    const random = await projection.evolveChunk!(0, [event(1, 'Random', {})], { streamId: 's', keepStates: false });
    expect(random.failure).toMatchObject({ kind: 'threw', message: expect.stringMatching(/secure mode/) });
  });

  it('stops answering once disposed', async () => {
    const projection = await projectionOf('export default { name: "d", version: 1, initialState: 0, evolve: (s) => s + 1 };');
    await projection.dispose!();
    // Refused, not an interruption: the event is not at fault, the projection is gone.
    await expect(projection.evolveChunk!(0, [event(1, 'E', {})], { streamId: 's', keepStates: false })).rejects.toMatchObject({
      code: 'CANCELLED',
      message: "The projection 'd' was reloaded or unloaded while this replay ran; ask again.",
    });
  });

  it('a fold the projection is unloaded under (a hot reload) is refused, not blamed on its event', async () => {
    // Each evolve spins 100 ms (under the 500 ms limit): the unload lands in the middle of the fold.
    const projection = await projectionOf('export default { name: "slow", version: 1, initialState: 0, evolve(s) { let n = 0; for (let i = 0; i < 6e7; i++) n += i; return s + 1 + (n % 1); } };');
    const folding = projection.evolveChunk!(0, [event(1, 'E', {}), event(2, 'E', {}), event(3, 'E', {}), event(4, 'E', {})], { streamId: 's', keepStates: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await projection.dispose!();
    await expect(folding).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
