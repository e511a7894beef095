// Modules that try to hang, exhaust, escape or pollute: each is contained with a failure in
// people's words, and the sandbox (or the next module) keeps working after it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChunkOutcome, Projection } from '../../replay/projection.ts';
import type { ReplayEvent } from '../../store/eventStore.ts';
import { loadSandboxedModule } from './sandboxedProjection.ts';

const LIMITS = { callTimeoutMs: 200, memoryMb: 64 };
const cartFile = fileURLToPath(new URL('./fixtures/cart.projection.ts', import.meta.url));
const cartSource = readFileSync(cartFile, 'utf8');

const loaded: Projection[] = [];
afterAll(async () => {
  await Promise.all(loaded.map((projection) => projection.dispose?.()));
});

async function load(text: string, limits = LIMITS) {
  const result = await loadSandboxedModule('/folder/hostile.projection.js', text, limits);
  if (result.projection) loaded.push(result.projection);
  return result;
}

async function projectionOf(text: string, limits = LIMITS): Promise<Projection> {
  const result = await load(text, limits);
  if (!result.projection) throw new Error(`did not load: ${result.info.error?.message}`);
  return result.projection;
}

/** A module whose evolve runs `body` (with `s` the state and `e` the event) for events of type "Attack". */
const attacker = (body: string) =>
  `export default {\n  name: "hostile",\n  version: 1,\n  initialState: () => ({ n: 0 }),\n  evolve(s, e) {\n    if (e.type === "Attack") {\n${body}\n    }\n    return { n: s.n + 1 };\n  },\n};`;

const event = (version: number, type = 'Tick', data: unknown = { v: version }): ReplayEvent => ({ position: version, version, type, data, recordedAtMs: Date.UTC(2026, 0, 1), actor: null });

const fold = (projection: Projection, events: ReplayEvent[], keepStates = true): Promise<ChunkOutcome<unknown>> =>
  projection.evolveChunk!(projection.initialState(), events, { streamId: 'victim-1', keepStates });

/** The same projection still folds, and so does another module. */
async function stillWorks(projection: Projection | null): Promise<void> {
  if (projection) {
    const outcome = await fold(projection, [event(1), event(2)]);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.state).toEqual({ n: 2 });
  }
  const cart = await loadSandboxedModule(cartFile, cartSource, LIMITS);
  try {
    const outcome = await cart.projection!.evolveChunk!(cart.projection!.initialState(), [event(1, 'CartOpened', { customerId: 'c' })], { streamId: 'cart-1', keepStates: false });
    expect(outcome.state).toMatchObject({ status: 'open', customerId: 'c' });
  } finally {
    await cart.projection?.dispose?.();
  }
}

describe('hostile modules', () => {
  it('ends an endless loop in evolve on that event, with the states before it', async () => {
    const projection = await projectionOf(attacker('      for (;;) {}'));
    const outcome = await fold(projection, [event(1), event(2), event(3, 'Attack'), event(4)]);
    expect(outcome.applied).toBe(2);
    expect(outcome.states).toEqual([{ n: 1 }, { n: 2 }]);
    expect(outcome.state).toEqual({ n: 2 });
    expect(outcome.failure).toMatchObject({ kind: 'timeout', message: 'evolve took longer than 200 ms on one event (an endless loop?)', file: 'hostile.projection.js' });
    const unkept = await fold(projection, [event(1), event(2, 'Attack')], false);
    expect(unkept).toMatchObject({ applied: 1, state: { n: 1 }, failure: { kind: 'timeout' } });
    await stillWorks(projection);
  });

  it('ends an endless loop in a later part of a chunk with the states before it', async () => {
    const projection = await projectionOf(attacker('      for (;;) {}'));
    const events = Array.from({ length: 1000 }, (_, i) => event(i + 1, i === 899 ? 'Attack' : 'Tick'));
    const outcome = await fold(projection, events);
    expect(outcome).toMatchObject({ applied: 899, state: { n: 899 }, failure: { kind: 'timeout' } });
    expect(outcome.states).toHaveLength(899);
    expect(outcome.states![898]).toEqual({ n: 899 });
    await stillWorks(projection);
  });

  it('cancels a fold stuck in an endless loop at once, and folds again after', async () => {
    const projection = await projectionOf(attacker('      for (;;) {}'), { callTimeoutMs: 60_000, memoryMb: 64 });
    const controller = new AbortController();
    const folding = projection.evolveChunk!(projection.initialState(), [event(1), event(2, 'Attack')], { streamId: 'victim-1', keepStates: true, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(folding).rejects.toMatchObject({ code: 'CANCELLED' });
    await stillWorks(projection);
  });

  it('refuses a module that loops forever at its top level', async () => {
    const result = await load('for (;;) {}\nexport default { name: "x", version: 1, evolve: (s) => s };');
    expect(result.projection).toBeNull();
    expect(result.info.error).toMatchObject({ kind: 'timeout', message: 'the module took longer than 200 ms to load (an endless loop at its top level?)' });
    await stillWorks(null);
  });

  it('refuses a module whose name getter or initialState loops forever', async () => {
    const getter = await load('export default { get name() { for (;;) {} }, version: 1, evolve: (s) => s };');
    expect(getter.info.error?.kind).toBe('timeout');
    const initial = await load('export default { name: "x", version: 1, initialState() { for (;;) {} }, evolve: (s) => s };');
    expect(initial.info.error?.kind).toBe('timeout');
    await stillWorks(null);
  });

  it('answers no for a stream when appliesTo loops forever', async () => {
    const projection = await projectionOf('export default { name: "a", version: 1, initialState: () => ({ n: 0 }), appliesTo: () => { for (;;) {} }, evolve: (s) => ({ n: s.n + 1 }) };');
    expect(await projection.appliesTo('victim-1', 'victim')).toBe(false);
    await stillWorks(projection);
  });

  it('contains deep recursion as a stack overflow with the line', async () => {
    const projection = await projectionOf(attacker('      const dive = (n) => dive(n + 1) + 1;\n      dive(0);'));
    const outcome = await fold(projection, [event(1), event(2, 'Attack')]);
    expect(outcome.applied).toBe(1);
    expect(outcome.failure).toMatchObject({ kind: 'stack-overflow', message: 'evolve recursed too deeply (the call stack overflowed)', facts: { case: 'recursed', part: 'evolve' }, line: 7 });
    await stillWorks(projection);
  });

  it('contains a 2 GB array as out of memory', async () => {
    const projection = await projectionOf(attacker('      const hoard = [];\n      for (let i = 0; i < 2 ** 28; i++) hoard.push({ i });\n      return { n: hoard.length };'), { callTimeoutMs: 10_000, memoryMb: 32 });
    const outcome = await fold(projection, [event(1), event(2, 'Attack')]);
    expect(outcome.applied).toBe(1);
    expect(outcome.failure).toMatchObject({ kind: 'out-of-memory', message: 'evolve ran out of memory (the sandbox may use 32 MB)' });
    await stillWorks(projection);
  });

  it('refuses a module that exhausts memory while loading', async () => {
    const result = await load('const hoard = [];\nfor (let i = 0; i < 2 ** 28; i++) hoard.push({ i });\nexport default { name: "x", version: 1, evolve: (s) => s };', { callTimeoutMs: 10_000, memoryMb: 32 });
    expect(result.projection).toBeNull();
    expect(result.info.error).toMatchObject({ kind: 'out-of-memory', message: 'the module ran out of memory (the sandbox may use 32 MB)' });
    await stillWorks(null);
  });

  it('contains a 2 GB string', async () => {
    const projection = await projectionOf(attacker("      return { n: 'x'.repeat(2 ** 31).length };"));
    const outcome = await fold(projection, [event(1, 'Attack')]);
    expect(outcome.failure).toMatchObject({ kind: 'threw', message: 'evolve threw: Invalid string length' });
    await stillWorks(projection);
  });

  it('has no ArrayBuffer, typed array, DataView or WebAssembly to allocate outside the heap', async () => {
    const projection = await projectionOf(attacker('      return { n: new ArrayBuffer(2 ** 31).byteLength };'));
    expect((await fold(projection, [event(1, 'Attack')])).failure).toMatchObject({ kind: 'threw', message: expect.stringMatching(/^evolve threw: ArrayBuffer is not (defined|a constructor)$/) });
    const bare = await projectionOf('export default { name: "b", version: 1, initialState: null, evolve: () => [typeof ArrayBuffer, typeof Uint8Array, typeof DataView, typeof WebAssembly, typeof SharedArrayBuffer, typeof setTimeout] };');
    expect((await fold(bare, [event(1)])).state).toEqual(Array(6).fill('undefined'));
    const probe = await projectionOf(
      'export default { name: "p", version: 1, initialState: null, evolve: () => ["ArrayBuffer", "SharedArrayBuffer", "Uint8Array", "Float64Array", "BigInt64Array", "DataView", "WebAssembly", "Atomics", "setTimeout", "setInterval", "queueMicrotask", "Compartment", "harden", "lockdown"].filter((name) => typeof globalThis[name] !== "undefined") };',
    );
    expect((await fold(probe, [event(1)])).state).toEqual([]);
    await stillWorks(projection);
  });

  it('sees no process, require or host globals', async () => {
    const projection = await projectionOf(
      'export default { name: "p", version: 1, initialState: null, evolve: () => ({ process: typeof process, require: typeof require, module: typeof module, Buffer: typeof Buffer, fetch: typeof fetch, structuredClone: typeof structuredClone, sloppyThis: typeof Function("return this")(), viaThis: (() => { const g = Function("return this")(); return g ? typeof g.process : "none"; })() }) };',
    );
    expect((await fold(projection, [event(1)])).state).toEqual({ process: 'undefined', require: 'undefined', module: 'undefined', Buffer: 'undefined', fetch: 'undefined', structuredClone: 'undefined', sloppyThis: 'undefined', viaThis: 'none' });
    await stillWorks(null);
  });

  it.each([
    ['the arrow constructor', '(() => {}).constructor("return process")()'],
    ['this.constructor.constructor', 'this.constructor.constructor("return process")()'],
    ['the event constructor chain', 'e.constructor.constructor("return process")()'],
    ['an async function constructor', '(async () => {}).constructor("return process")'],
  ])('stops a constructor-chain escape through %s', async (_what, escape) => {
    const projection = await projectionOf(attacker(`      return { n: typeof (${escape}) };`));
    const outcome = await fold(projection, [event(1, 'Attack')]);
    expect(outcome.failure).toMatchObject({ kind: 'threw', message: expect.stringMatching(/not a valid constructor/) });
    await stillWorks(projection);
  });

  it('stops a constructor-chain escape at the top level', async () => {
    const result = await load('this.constructor.constructor("return process")().exit(1);\nexport default { name: "x", version: 1, evolve: (s) => s };');
    expect(result.projection).toBeNull();
    expect(result.info.error).toMatchObject({ kind: 'threw', message: expect.stringMatching(/^the module threw: .*not a valid constructor/), line: 1 });
    await stillWorks(null);
  });

  it('refuses dynamic import, in the file and hidden in eval or Function', async () => {
    const inFile = await load('export default { name: "x", version: 1, evolve: async (s) => { await import("node:fs"); return s; } };');
    expect(inFile.info.error?.message).toMatch(/cannot import import\(\) 'node:fs', line 1/);
    const hidden = await projectionOf(attacker('      const word = "imp" + "ort";\n      (0, eval)(word + "(\'node:fs\')");'));
    expect((await fold(hidden, [event(1, 'Attack')])).failure).toMatchObject({ kind: 'threw', message: expect.stringMatching(/^a projection cannot import anything \(in code given to eval or Function\)$/) });
    const viaFunction = await projectionOf(attacker('      Function("return imp" + "ort(\'node:fs\')")();'));
    expect((await fold(viaFunction, [event(1, 'Attack')])).failure).toMatchObject({ kind: 'threw', message: expect.stringMatching(/^a projection cannot import anything/) });
    const direct = await load(attacker('      eval("1");'));
    expect(direct.info.error?.message).toBe('a projection cannot use direct eval, line 7');
    await stillWorks(hidden);
  });

  it.each([
    ['Object.prototype', 'Object.prototype.polluted = 1;'],
    ['the event prototype', 'e.__proto__.polluted = 1;'],
    ['Array.prototype', 'Array.prototype.push = () => 0;'],
    ['JSON', 'JSON.parse = () => ({ polluted: 1 });'],
  ])('refuses to pollute %s, and the host never sees it', async (_what, pollution) => {
    const projection = await projectionOf(attacker(`      ${pollution}`));
    const outcome = await fold(projection, [event(1, 'Attack')]);
    expect(outcome.failure?.kind).toBe('threw');
    expect(outcome.failure?.message).toMatch(/^evolve changed something frozen \(a state or a built-in\) in place/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse('{}')).toEqual({});
    await stillWorks(projection);
  });

  it('mutates only its own copy of an event', async () => {
    const projection = await projectionOf(attacker('      e.data.v = "changed";\n      e.type = "Changed";\n      return { n: 100, seen: e.data.v };'));
    const events = [event(1, 'Attack', { v: 'original' })];
    const outcome = await fold(projection, events);
    expect(outcome.state).toEqual({ n: 100, seen: 'changed' });
    expect(events[0]).toMatchObject({ type: 'Attack', data: { v: 'original' } });
    await stillWorks(projection);
  });

  it('refuses a module that throws while loading, with its line', async () => {
    const result = await load('const x = 1;\nthrow new Error("not today");\nexport default { name: "x", version: 1, evolve: (s) => s };');
    expect(result.projection).toBeNull();
    expect(result.info.error).toEqual({ kind: 'threw', message: 'the module threw: not today', facts: { case: 'threw', part: 'module', error: 'not today' }, file: 'hostile.projection.js', line: 2, column: 7 });
    await stillWorks(null);
  });

  it('contains a thrown value whose properties loop forever', async () => {
    const projection = await projectionOf(attacker('      throw new Proxy({}, { getOwnPropertyDescriptor() { for (;;) {} }, get() { for (;;) {} } });'));
    const outcome = await fold(projection, [event(1), event(2, 'Attack')]);
    expect(outcome.applied).toBe(1);
    expect(outcome.failure?.kind).toMatch(/timeout|threw|crashed/);
    await stillWorks(projection);
  });
});
