// Random rules over random events: a rule either applies, giving a plain JSON state and leaving the
// old one untouched, or throws an Error that names it. Nothing else (no crash, no TypeError from
// deep inside, no shared object between states). Random texts never make the loader throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDeclarativeProjection } from './loadDeclarative.ts';
import { event } from './testing.ts';

const paths = fc.constantFrom('a', 'a.b', 'l', 'l[0]', 'l[1].x', 'l[k="p"].n', 'l[k=$data.k].n', 'm[$data.k]', 'm[$data.k].c', 'n', 'a.l[0]', '["odd key"].v');
const values = fc.oneof(
  fc.constantFrom('$data', '$data.k', '$data.v', '$data.o', '$data.l[0]', '$type', '$version', '$recordedAt', '$$lit', '$metadata.m'),
  // No text starting with $ at any depth: those are references (tested above), not literals.
  fc.jsonValue({ maxDepth: 2 }).filter((v) => !JSON.stringify(v).includes('"$')),
  fc.record({ k: fc.constantFrom('$data.k', 'p', 1), v: fc.constantFrom('$data.v', 2) }),
);
const rule = fc.oneof(
  fc.record({ set: paths, value: values }),
  fc.record({ merge: paths, value: fc.oneof(fc.constant('$data.o'), fc.record({ x: values })) }),
  fc.record({ unset: paths }),
  fc.record({ increment: paths, by: fc.oneof(fc.constant('$data.v'), fc.integer({ min: -5, max: 5 })) }),
  fc.record({ increment: paths }),
  fc.record({ append: paths, value: values }),
  fc.record({ removeByKey: paths, key: fc.constantFrom('k', 'x'), value: values }),
);
const data = fc.record(
  {
    k: fc.oneof(fc.constantFrom('p', 'q', '__proto__', 'constructor'), fc.integer({ min: -1, max: 3 }), fc.constant(null)),
    v: fc.oneof(fc.integer({ min: -9, max: 9 }), fc.string({ maxLength: 3 }), fc.constant(null)),
    o: fc.oneof(fc.dictionary(fc.constantFrom('x', 'y', '__proto__'), fc.integer(), { maxKeys: 2 }), fc.integer()),
    l: fc.array(fc.integer(), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

describe('declarative rules on random events', () => {
  it('apply or fail by name, never mutate, always give plain JSON', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('A', 'B'), fc.array(rule, { minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 2 }), fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C'), data), { maxLength: 12 }), (ruleSets, events) => {
        const on = Object.fromEntries(ruleSets);
        const loaded = loadDeclarativeProjection('/x/r.projection.json', JSON.stringify({ name: 'r', version: 1, appliesTo: { categories: ['r'] }, initialState: { l: [], m: {} }, on }));
        expect(loaded.info.error).toBeNull();
        const projection = loaded.projection!;
        // Not frozen: a write into the old state or the event would be caught and renamed by the
        // rule, so mutation is checked by comparing their text before and after instead.
        let state = projection.initialState();
        for (const [i, [type, d]] of events.entries()) {
          const e = event(type, JSON.parse(JSON.stringify(d)), { version: i + 1, metadata: { m: 1 } });
          const before = JSON.stringify([state, e]);
          let next: unknown = state;
          try {
            next = projection.evolve(state, e);
            expect(JSON.parse(JSON.stringify(next))).toEqual(next);
          } catch (error) {
            expect((error as Error).constructor).toBe(Error);
            expect((error as Error).message).toMatch(new RegExp(`^on\\.${type}\\[\\d+\\] \\(`));
          }
          expect(JSON.stringify([state, e])).toBe(before);
          expect(({} as Record<string, unknown>).x).toBeUndefined();
          state = next;
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('the loader never throws on any text or any JSON value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ name: 'x', version: 1, appliesTo: { types: ['T'] }, on: { T: [v] } }))), (text) => {
        const loaded = loadDeclarativeProjection('/x/r.projection.json', text);
        expect(loaded.projection === null).toBe(loaded.info.error !== null);
      }),
      { numRuns: 1500 },
    );
  });
});
