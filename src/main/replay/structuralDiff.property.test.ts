// Property-based tests (fast-check) for the structural diff: every reported change is true of the
// two values, nothing is reported twice or inside an added/removed subtree, equal values give no
// changes, and (for index-addressed values) applying the changes to `before` rebuilds `after`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PathSegment } from '../../shared/replay.ts';
import { canonicalJson } from '../store/canonicalJson.ts';
import type { ReplayEvent } from '../store/eventStore.ts';
import { applyChange, attribute, blameTreeFor, type Ref } from './blameTree.ts';
import { attributeLazily } from './lazyBlame.ts';
import type { Projection } from './projection.ts';
import { collectDiff, structuralDiff, type RawChange } from './structuralDiff.ts';

const MISSING = Symbol('missing');

/** As stored: through JSON, so -0 is 0 (the diff compares with ===, which cannot tell them apart). */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** Follows a path; keyed segments find the array element whose key field has that value. */
function resolve(root: unknown, segments: PathSegment[]): unknown {
  let node: unknown = root;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return MISSING;
    if (typeof segment === 'object') {
      if (!Array.isArray(node)) return MISSING;
      node = node.find((item) => item && typeof item === 'object' && (item as Record<string, unknown>)[segment.key] === segment.value) ?? MISSING;
    } else if (Object.prototype.hasOwnProperty.call(node, segment)) node = (node as Record<string | number, unknown>)[segment];
    else return MISSING;
    if (node === MISSING) return MISSING;
  }
  return node;
}

const pathKey = (segments: PathSegment[]) => JSON.stringify(segments);

/** Values with arrays of keyed records (sku / id), as cart and account states have. */
const keyedRecord = fc.record({ sku: fc.constantFrom('A', 'B', 'C', 'D', 'E'), quantity: fc.nat(5), note: fc.option(fc.string({ maxLength: 3 })) });
const state = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }).map(asJson),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'items', 'total', 'x'), tie('value'), { maxKeys: 4 }),
    fc.uniqueArray(keyedRecord, { selector: (r) => r.sku, maxLength: 5 }),
    fc.array(tie('value'), { maxLength: 4 }),
  ),
})).value;

/** Index-addressed values only (no keyed records), where applying a diff is unambiguous. */
const plain = fc.jsonValue({ maxDepth: 4 }).map(asJson).filter((v) => !JSON.stringify(v).match(/"(id|_id|key|sku|uuid|code|productId|itemId|lineId|accountId)"/));

function apply(before: unknown, changes: RawChange[]): unknown {
  if (changes.length === 1 && changes[0].segments.length === 0) return changes[0].after;
  const root = structuredClone(before);
  const removals: { parent: unknown[]; index: number }[] = [];
  for (const change of changes) {
    const parent = resolve(root, change.segments.slice(0, -1)) as Record<string | number, unknown>;
    const last = change.segments[change.segments.length - 1] as string | number;
    if (change.kind === 'removed') {
      if (Array.isArray(parent)) removals.push({ parent, index: last as number });
      else delete parent[last];
    } else {
      // Own property even for a key like "__proto__" (plain assignment would set the prototype).
      Object.defineProperty(parent, last, { value: change.after, writable: true, enumerable: true, configurable: true });
    }
  }
  for (const { parent, index } of removals.sort((a, b) => b.index - a.index)) parent.splice(index, 1);
  return root;
}

describe('structuralDiff (properties)', () => {
  it('reports nothing for equal values, however they were built', () => {
    fc.assert(
      fc.property(state, (value) => {
        expect(collectDiff(value, value)).toEqual([]);
        expect(collectDiff(value, structuredClone(value))).toEqual([]);
      }),
    );
  });

  it('every change is true of the two values: before/after sit at that path, and changed values differ', () => {
    fc.assert(
      fc.property(state, state, (before, after) => {
        for (const change of collectDiff(before, after)) {
          if (change.kind !== 'added') expect(resolve(before, change.segments)).toEqual(change.before);
          if (change.kind !== 'removed') expect(resolve(after, change.segments)).toEqual(change.after);
          if (change.kind === 'added') expect(resolve(before, change.segments)).toBe(MISSING);
          if (change.kind === 'removed') expect(resolve(after, change.segments)).toBe(MISSING);
          if (change.kind === 'changed') expect(change.before).not.toEqual(change.after);
        }
      }),
    );
  });

  it('reports each path once, and nothing beneath a path reported as added, removed or changed', () => {
    fc.assert(
      fc.property(state, state, (before, after) => {
        const changes = collectDiff(before, after);
        const keys = changes.map((c) => pathKey(c.segments));
        expect(new Set(keys).size).toBe(keys.length);
        for (const outer of changes) {
          for (const inner of changes) {
            if (inner === outer || inner.segments.length <= outer.segments.length) continue;
            expect(pathKey(inner.segments.slice(0, outer.segments.length))).not.toBe(pathKey(outer.segments));
          }
        }
      }),
    );
  });

  it('applying the changes to before rebuilds after (index-addressed values)', () => {
    fc.assert(
      fc.property(plain, plain, (before, after) => {
        expect(apply(before, collectDiff(before, after))).toEqual(after);
      }),
    );
  });

  it('is empty exactly when the values are deeply equal', () => {
    fc.assert(
      fc.property(state, state, (a, b) => {
        expect(collectDiff(a, b).length === 0).toBe(canonicalJson(a) === canonicalJson(b));
      }),
    );
  });
});

// Attribution without a blame tree (lazyBlame.ts) over arbitrary state sequences, where arrays
// switch between keyed and by-index matching and containers change kind: either it declines (the
// engine then asks the blame tree) or it pins every change to the event the blame tree pins it to.
describe('lazy attribution against the blame tree (properties)', () => {
  /** Each event's data is the next state (fresh values: nothing put back). */
  const replace: Projection = {
    name: 'replace',
    version: 1,
    description: 'the state is the last event’s data',
    appliesTo: () => true,
    initialState: () => ({}),
    handles: 'all',
    evolve: (_state, event) => event.data,
  };

  it('declines or agrees with the blame tree, change by change', async () => {
    let answered = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(state, { minLength: 2, maxLength: 12 }), fc.nat(), fc.integer({ min: 1, max: 4 }), async (datas, pick, every) => {
        runs++;
        const events: ReplayEvent[] = datas.map((data, i) => ({ position: 100 + i, version: i + 1, type: 'Set', data, recordedAtMs: i, actor: null }));
        const states: unknown[] = [replace.initialState()];
        for (const event of events) states.push(replace.evolve(states[states.length - 1], event));
        const to = events.length;
        const from = pick % to;
        // The blame tree as a fold from the start keeps it.
        const tree = blameTreeFor(states[0], null);
        for (const event of events) {
          const ref: Ref = { position: event.position, version: event.version, type: event.type, recordedAtMs: event.recordedAtMs, actor: null };
          structuralDiff(states[event.version - 1], states[event.version], (change) => applyChange(tree, change, ref));
        }
        const changes = collectDiff(states[from], states[to]);
        const ends = [{ version: from, state: states[from] }];
        for (let v = from + every; v < to; v += every) ends.push({ version: v, state: states[v] });
        ends.push({ version: to, state: states[to] });
        const lazy = await attributeLazily({
          projection: replace,
          streamId: 'property',
          includeSkipped: false,
          ends,
          readSpan: (a, b) => [events.slice(a, b)],
          changes,
        });
        if (lazy === null) return;
        answered++;
        changes.forEach((change, i) => {
          const ref = attribute(tree, change.segments, change.kind === 'removed');
          const expected = ref && ref.version > from && ref.version <= to ? ref.version : null;
          expect(lazy[i].version, JSON.stringify(change.segments)).toBe(expected);
        });
      }),
      { numRuns: 300 },
    );
    // Declining is the exception: most sequences are answered.
    expect(answered).toBeGreaterThan(runs / 2);
  });
});
