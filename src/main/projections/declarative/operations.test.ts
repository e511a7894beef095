import { describe, expect, it } from 'vitest';
import { deepFreeze, event, projectionOf, T0 } from './testing.ts';

/** Applies one event's rules to a frozen state (any write to the old state throws). */
function apply(on: Record<string, unknown[]>, state: unknown, data: unknown = {}, extra = {}) {
  const projection = projectionOf(on);
  return projection.evolve(deepFreeze(state), deepFreeze(event('E', data, extra)));
}

describe('set', () => {
  it('sets a value at a path, creating the objects on the way, and shares the rest', () => {
    const before = { keep: { deep: [1, 2] }, a: { b: 1, c: { d: 1 } } };
    const after = apply({ E: [{ set: 'a.x.y', value: '$data.v' }] }, before, { v: 5 }) as any;
    expect(after).toEqual({ keep: { deep: [1, 2] }, a: { b: 1, c: { d: 1 }, x: { y: 5 } } });
    expect(after.keep).toBe(before.keep);
    expect(after.a.c).toBe(before.a.c);
    expect(before).toEqual({ keep: { deep: [1, 2] }, a: { b: 1, c: { d: 1 } } });
  });

  it('sets list elements by index and by key, and keeps the order of keys', () => {
    const before = { items: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 2 }], z: 0 };
    const byIndex = apply({ E: [{ set: 'items[1].qty', value: 9 }] }, before) as any;
    expect(byIndex.items).toEqual([{ sku: 'A', qty: 1 }, { sku: 'B', qty: 9 }]);
    expect(byIndex.items[0]).toBe(before.items[0]);
    const byKey = apply({ E: [{ set: 'items[sku=$data.sku].qty', value: '$data.qty' }] }, before, { sku: 'A', qty: 7 }) as any;
    expect(byKey.items).toEqual([{ sku: 'A', qty: 7 }, { sku: 'B', qty: 2 }]);
    expect(byKey.items[1]).toBe(before.items[1]);
    expect(Object.keys(byKey)).toEqual(['items', 'z']);
  });

  it('adds the element chosen by a key when there is none, starting from that key', () => {
    const after = apply({ E: [{ set: 'items[sku="C"].qty', value: 1 }] }, { items: [{ sku: 'A' }] }) as any;
    expect(after.items).toEqual([{ sku: 'A' }, { sku: 'C', qty: 1 }]);
    expect(apply({ E: [{ set: 'items[sku="C"].qty', value: 1 }] }, {})).toEqual({ items: [{ sku: 'C', qty: 1 }] });
  });

  it('appends at the index just past the end, and refuses further', () => {
    expect(apply({ E: [{ set: 'l[2]', value: 'c' }] }, { l: ['a', 'b'] })).toEqual({ l: ['a', 'b', 'c'] });
    expect(() => apply({ E: [{ set: 'l[5]', value: 'c' }] }, { l: ['a', 'b'] })).toThrow('on.E[0] (set l[5]): cannot reach l[5]: l has 2 elements');
  });

  it('keys from the event go into objects; whole numbers index lists', () => {
    expect(apply({ E: [{ set: 'members[$data.id]', value: '$data.name' }] }, { members: {} }, { id: 42, name: 'Ada' })).toEqual({ members: { '42': 'Ada' } });
    expect(apply({ E: [{ set: 'l[$data.i]', value: 'x' }] }, { l: ['a', 'b'] }, { i: 1 })).toEqual({ l: ['a', 'x'] });
  });

  it('setting the value already there gives the very same state', () => {
    const before = { a: { b: 'x' }, n: 1 };
    expect(apply({ E: [{ set: 'a.b', value: 'x' }] }, before)).toBe(before);
    expect(apply({ E: [{ set: 'n', value: '$data.n' }] }, before, { n: 1 })).toBe(before);
  });
});

describe('merge', () => {
  it('merges shallowly into an object, creating it when missing', () => {
    const before = { address: { city: 'Lyon', zip: '69001', geo: { lat: 1 } } };
    const after = apply({ E: [{ merge: 'address', value: '$data.address' }] }, before, { address: { city: 'Paris', street: 'Rue X' } }) as any;
    expect(after.address).toEqual({ city: 'Paris', zip: '69001', geo: { lat: 1 }, street: 'Rue X' });
    expect(after.address.geo).toBe(before.address.geo);
    expect(apply({ E: [{ merge: 'address', value: { city: '$data.city' } }] }, {}, { city: 'Oslo' })).toEqual({ address: { city: 'Oslo' } });
  });

  it('a merge that changes nothing gives the very same state', () => {
    const before = { address: { city: 'Lyon' } };
    expect(apply({ E: [{ merge: 'address', value: { city: 'Lyon' } }] }, before)).toBe(before);
    expect(apply({ E: [{ merge: 'address', value: {} }] }, before)).toBe(before);
  });

  it('refuses to merge a non-object or into a non-object, naming the rule', () => {
    expect(() => apply({ E: [{ merge: 'address', value: '$data.a' }] }, {}, { a: [1] })).toThrow('on.E[0] (merge address): merge needs an object as its value, but the value is a list');
    expect(() => apply({ E: [{ set: 'x', value: 1 }, { merge: 'address', value: {} }] }, { address: 'Main St' })).toThrow(
      'on.E[1] (merge address): cannot merge into a text ("Main St"); merge needs an object there',
    );
  });
});

describe('unset', () => {
  it('removes a key or a list element, sharing the rest', () => {
    const before = { card: { no: 1 }, keep: { x: 1 }, l: [{ id: 1 }, { id: 2 }, { id: 3 }] };
    const after = apply({ E: [{ unset: 'card' }] }, before) as any;
    expect(after).toEqual({ keep: { x: 1 }, l: before.l });
    expect(after.keep).toBe(before.keep);
    expect(after.l).toBe(before.l);
    expect((apply({ E: [{ unset: 'l[id=2]' }] }, before) as any).l).toEqual([{ id: 1 }, { id: 3 }]);
    expect((apply({ E: [{ unset: 'l[0]' }] }, before) as any).l).toEqual([{ id: 2 }, { id: 3 }]);
  });

  it('unsetting what is not there gives the very same state (and creates nothing)', () => {
    const before = { a: { b: 1 }, l: [] };
    for (const path of ['card', 'a.c', 'x.y.z', 'l[3]', 'l[id=1].name', 'nothing[0]']) expect(apply({ E: [{ unset: path }] }, before)).toBe(before);
  });

  it('still says when the path crosses a value that is not an object', () => {
    expect(() => apply({ E: [{ unset: 'n.x' }] }, { n: 5 })).toThrow('on.E[0] (unset n.x): cannot reach n.x: n is a number (5), not an object');
  });
});

describe('increment', () => {
  it('adds "by" (1 when absent), starting a missing number at 0', () => {
    expect(apply({ E: [{ increment: 'fines', by: '$data.amount' }] }, { fines: 2 }, { amount: 3.5 })).toEqual({ fines: 5.5 });
    expect(apply({ E: [{ increment: 'count' }] }, {})).toEqual({ count: 1 });
    expect(apply({ E: [{ increment: 'stats.byType[$type]' }] }, {})).toEqual({ stats: { byType: { E: 1 } } });
    expect(apply({ E: [{ increment: 'n', by: -2 }] }, { n: 1 })).toEqual({ n: -1 });
  });

  it('an increment by 0 gives the very same state', () => {
    const before = { n: 1 };
    expect(apply({ E: [{ increment: 'n', by: 0 }] }, before)).toBe(before);
  });

  it('refuses a non-number, naming the rule', () => {
    expect(() => apply({ E: [{ increment: 'fines' }] }, { fines: 'none' })).toThrow('on.E[0] (increment fines): cannot increment a text ("none"); increment needs a number there');
    expect(() => apply({ E: [{ increment: 'fines', by: '$data.amount' }] }, { fines: 0 }, { amount: '3' })).toThrow('on.E[0] (increment fines): "by" must be a number, but is a text ("3")');
    expect(() => apply({ E: [{ increment: 'n', by: '$data.x' }] }, { n: Number.MAX_VALUE }, { x: Number.MAX_VALUE })).toThrow('too large a number');
  });
});

describe('append', () => {
  it('appends to a list, creating it when missing, and shares the elements', () => {
    const before = { onLoan: [{ isbn: '1' }] };
    const after = apply({ E: [{ append: 'onLoan', value: { isbn: '$data.isbn' } }] }, before, { isbn: '2' }) as any;
    expect(after.onLoan).toEqual([{ isbn: '1' }, { isbn: '2' }]);
    expect(after.onLoan[0]).toBe(before.onLoan[0]);
    expect(apply({ E: [{ append: 'tags', value: 'new' }] }, {})).toEqual({ tags: ['new'] });
  });

  it('refuses a non-list', () => {
    expect(() => apply({ E: [{ append: 'tags', value: 1 }] }, { tags: {} })).toThrow('on.E[0] (append tags): cannot append to an object; append needs a list there');
  });
});

describe('removeByKey', () => {
  it('removes every element whose key field equals the value', () => {
    const before = { onLoan: [{ isbn: '1' }, { isbn: '2' }, { isbn: '1', copy: 2 }, 'not an object'] };
    const after = apply({ E: [{ removeByKey: 'onLoan', key: 'isbn', value: '$data.isbn' }] }, before, { isbn: '1' }) as any;
    expect(after.onLoan).toEqual([{ isbn: '2' }, 'not an object']);
    expect(after.onLoan[0]).toBe(before.onLoan[1]);
  });

  it('compares object values by content', () => {
    const before = { l: [{ k: { a: 1, b: [2] } }, { k: { a: 1 } }] };
    expect(apply({ E: [{ removeByKey: 'l', key: 'k', value: { b: [2], a: 1 } }] }, before)).toEqual({ l: [{ k: { a: 1 } }] });
  });

  it('removing nothing, or from a missing list, gives the very same state', () => {
    const before = { onLoan: [{ isbn: '2' }] };
    expect(apply({ E: [{ removeByKey: 'onLoan', key: 'isbn', value: '1' }] }, before)).toBe(before);
    expect(apply({ E: [{ removeByKey: 'other', key: 'isbn', value: '1' }] }, before)).toBe(before);
  });

  it('refuses a non-list', () => {
    expect(() => apply({ E: [{ removeByKey: 'onLoan', key: 'isbn', value: '1' }] }, { onLoan: 3 })).toThrow('cannot remove from a number (3); removeByKey needs a list there');
  });
});

describe('references', () => {
  const extra = { version: 7, position: 1234, recordedAtMs: T0, metadata: { user: { id: 'u-1' }, tags: ['x'] } };

  it('substitutes event fields at any depth of a value; object keys stay literal', () => {
    const value = { t: '$type', v: '$version', p: '$position', at: '$recordedAt', who: '$metadata.user.id', first: '$data.lines[0].sku', all: ['$data.n', { deep: '$metadata.tags' }], $type: 'literal key', whole: '$data' };
    const data = { n: 3, lines: [{ sku: 'A' }] };
    expect(apply({ E: [{ set: 'out', value }] }, {}, data, extra)).toEqual({
      out: { t: 'E', v: 7, p: 1234, at: '2026-03-01T10:00:00.000Z', who: 'u-1', first: 'A', all: [3, { deep: ['x'] }], $type: 'literal key', whole: data },
    });
  });

  it('$$ writes a text that starts with $', () => {
    expect(apply({ E: [{ set: 'price', value: '$$5' }, { set: 'raw', value: ['$$data.x', '$$$', { k: '$$type' }] }] }, {})).toEqual({ price: '$5', raw: ['$data.x', '$$', { k: '$type' }] });
  });

  it('chooses elements by key in a reference', () => {
    expect(apply({ E: [{ set: 'q', value: '$data.lines[sku="B"].qty' }] }, {}, { lines: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 2 }] })).toEqual({ q: 2 });
  });

  it('a missing reference is an error naming the rule and the reference', () => {
    expect(() => apply({ E: [{ set: 'x', value: '$data.isbn' }] }, {}, { title: 'T' })).toThrow('on.E[0] (set x): $data.isbn: the event has no data.isbn');
    expect(() => apply({ E: [{ set: 'x', value: '$data.a.b' }] }, {}, { a: 5 })).toThrow('$data.a.b: the event has no data.a.b');
    expect(() => apply({ E: [{ set: 'x', value: '$data.toString' }] }, {}, {})).toThrow('the event has no data.toString');
    expect(() => apply({ E: [{ set: 'x', value: '$data.l[3]' }] }, {}, { l: [] })).toThrow('the event has no data.l[3]');
    expect(() => apply({ E: [{ set: 'x', value: '$metadata.user' }] }, {})).toThrow('$metadata.user: the event has no metadata (it was read without metadata)');
    expect(() => apply({ E: [{ set: 'x', value: '$data.x' }] }, {}, null)).toThrow('$data.x: the event has no data');
  });

  it('a null value is a value', () => {
    expect(apply({ E: [{ set: 'x', value: '$data.x' }] }, {}, { x: null })).toEqual({ x: null });
  });

  it('a key from the event that would reach the prototype is refused', () => {
    for (const id of ['__proto__', 'constructor', 'prototype']) {
      expect(() => apply({ E: [{ set: 'members[$data.id]', value: 1 }] }, {}, JSON.parse(`{"id":"${id}"}`))).toThrow(`$data.id is "${id}", which is refused as a key`);
    }
    expect(({} as any).polluted).toBeUndefined();
  });

  it('event data with a "__proto__" key is copied as data, never as a prototype', () => {
    const data = JSON.parse('{"patch":{"__proto__":{"polluted":true},"ok":1}}');
    const after = apply({ E: [{ merge: 'm', value: '$data.patch' }] }, { m: {} }, data) as any;
    expect(Object.getPrototypeOf(after.m)).toBe(Object.prototype);
    expect(after.m.polluted).toBeUndefined();
    expect(Object.hasOwn(after.m, '__proto__')).toBe(true);
    expect(({} as any).polluted).toBeUndefined();
  });

  it('$streamId comes with the chunk; a bare evolve without it says so', async () => {
    const projection = projectionOf({ E: [{ set: 'stream', value: '$streamId' }] });
    const outcome = await projection.evolveChunk!(projection.initialState(), [event('E', {})], { streamId: 'member-1', keepStates: false });
    expect(outcome.state).toEqual({ stream: 'member-1' });
    expect(() => projection.evolve({}, event('E', {}))).toThrow('$streamId is not known here');
  });
});

describe('rules of a type', () => {
  it('apply in order, each seeing the state the one before made', () => {
    expect(apply({ E: [{ set: 'n', value: 1 }, { increment: 'n', by: 2 }, { set: 'copy', value: '$data' }] }, {}, { d: 1 })).toEqual({ n: 3, copy: { d: 1 } });
  });

  it('"*" applies to types without rules of their own; other types leave the state as is', async () => {
    const withStar = projectionOf({ A: [{ increment: 'a' }], '*': [{ increment: 'other' }] });
    expect(withStar.handles).toBe('all');
    let state = withStar.initialState();
    for (const type of ['A', 'B', 'C']) state = withStar.evolve(state, event(type, {}));
    expect(state).toEqual({ a: 1, other: 2 });

    const without = projectionOf({ A: [{ increment: 'a' }] });
    expect(without.handles).toEqual(new Set(['A']));
    const before = { a: 1 };
    expect(without.evolve(before, event('B', {}))).toBe(before);
  });

  it('literal values are fresh copies: no two states share an object with the rules', () => {
    const projection = projectionOf({ E: [{ set: 'box', value: { list: [] } }] }, { seed: { n: 1 } });
    const one = projection.initialState() as any;
    const two = projection.initialState() as any;
    expect(one).toEqual(two);
    expect(one.seed).not.toBe(two.seed);
    const a = projection.evolve({}, event('E', {})) as any;
    const b = projection.evolve({}, event('E', {})) as any;
    a.box.list.push('mutated by someone');
    expect(b.box.list).toEqual([]);
    expect((projection.evolve({}, event('E', {})) as any).box.list).toEqual([]);
  });
});
