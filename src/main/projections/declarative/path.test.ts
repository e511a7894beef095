import { describe, expect, it } from 'vitest';
import { parseReference, parseStatePath, PathProblem } from './path.ts';

const segments = (text: string) => parseStatePath(text).segments;

describe('state paths', () => {
  it('reads the forms the app shows (jsonPath.ts), with or without the leading $', () => {
    expect(segments('fines')).toEqual([{ kind: 'key', key: 'fines' }]);
    expect(segments('address.city')).toEqual([
      { kind: 'key', key: 'address' },
      { kind: 'key', key: 'city' },
    ]);
    expect(segments('items[0].qty')).toEqual([
      { kind: 'key', key: 'items' },
      { kind: 'index', index: 0 },
      { kind: 'key', key: 'qty' },
    ]);
    expect(segments('$.items[sku="A-1"].quantity')).toEqual([
      { kind: 'key', key: 'items' },
      { kind: 'match', field: 'sku', value: 'A-1' },
      { kind: 'key', key: 'quantity' },
    ]);
    expect(segments('$["odd key"].x')).toEqual([
      { kind: 'key', key: 'odd key' },
      { kind: 'key', key: 'x' },
    ]);
    expect(segments('lines[id=3]')).toEqual([
      { kind: 'key', key: 'lines' },
      { kind: 'match', field: 'id', value: 3 },
    ]);
    expect(segments('items[sku="A]1"]')).toEqual([
      { kind: 'key', key: 'items' },
      { kind: 'match', field: 'sku', value: 'A]1' },
    ]);
    expect(segments('[2]')).toEqual([{ kind: 'index', index: 2 }]);
    expect(segments('l["odd = field"="x"]')[1]).toEqual({ kind: 'match', field: 'odd = field', value: 'x' });
    expect(segments('l[ sku = "x" ]')[1]).toEqual({ kind: 'match', field: 'sku', value: 'x' });
  });

  it('takes keys and element choices from the event', () => {
    expect(segments('members[$data.memberId].name')).toEqual([
      { kind: 'key', key: 'members' },
      { kind: 'dynamicKey', ref: { kind: 'data', segments: [{ kind: 'key', key: 'memberId' }], text: '$data.memberId' } },
      { kind: 'key', key: 'name' },
    ]);
    expect(segments('items[sku=$data.sku]')).toEqual([
      { kind: 'key', key: 'items' },
      { kind: 'dynamicMatch', field: 'sku', ref: { kind: 'data', segments: [{ kind: 'key', key: 'sku' }], text: '$data.sku' } },
    ]);
    expect(segments('byStream[$streamId]')[1]).toEqual({ kind: 'dynamicKey', ref: { kind: 'event', field: 'streamId', text: '$streamId' } });
  });

  it.each([
    ['a.__proto__.x', '"__proto__"'],
    ['constructor', '"constructor"'],
    ['a["prototype"]', '"prototype"'],
    ['a[constructor="x"]', '"constructor"'],
    ['a["__proto__"]', '"__proto__"'],
  ])('refuses the prototype key in %s', (text, key) => {
    expect(() => parseStatePath(text)).toThrow(PathProblem);
    expect(() => parseStatePath(text)).toThrow(`uses ${key}, which is refused in paths`);
  });

  it.each([
    ['', 'names the whole state'],
    ['$', 'names the whole state'],
    ['a..b', 'a name is missing'],
    ['a[', '[] needs an index'],
    ['a[0', 'a ] is missing'],
    ['a[x]', '[x] is neither an index nor a quoted key; write [0] for a position, ["x"] for a key, or field=value for an element'],
    ['a[k="x]', 'is not a valid JSON string'],
    ['a[k=x y]', 'the value after k= must be'],
    ['a[=1]', 'a field name is missing before ='],
    ['a[-1]', 'neither an index nor a quoted key'],
    ['a["x]', 'a quote is never closed'],
    ['a b', 'expected . or ['],
    ['a.$b', 'cannot start with $'],
    ['a[sku=]', 'the value after sku= must be'],
    ['a[99999999999999999999]', 'too large for an index'],
    ['a[$data[$data.x]]', 'cannot appear inside a reference'],
    ['a[$dta]', 'is not a reference'],
  ])('says why %j is not a path', (text, why) => {
    expect(() => parseStatePath(text)).toThrow(why);
  });

  it('limits the length and the number of parts', () => {
    expect(() => parseStatePath('a'.repeat(1001))).toThrow('at most 1000 characters');
    expect(() => parseStatePath(Array.from({ length: 33 }, () => 'a').join('.'))).toThrow('at most 32 parts');
    expect(segments(Array.from({ length: 32 }, () => 'a').join('.'))).toHaveLength(32);
  });
});

describe('references', () => {
  it('reads data and metadata paths and the event fields', () => {
    expect(parseReference('$data')).toEqual({ kind: 'data', segments: [], text: '$data' });
    expect((parseReference('$metadata.user.id') as { segments: unknown }).segments).toEqual([
      { kind: 'key', key: 'user' },
      { kind: 'key', key: 'id' },
    ]);
    expect(parseReference('$data.lines[0].sku')).toMatchObject({ kind: 'data' });
    for (const field of ['type', 'streamId', 'version', 'position', 'recordedAt']) expect(parseReference(`$${field}`)).toEqual({ kind: 'event', field, text: `$${field}` });
  });

  it.each([
    ['$dta.x', 'is not a reference'],
    ['$database', 'is not a reference'],
    ['$version.x', 'is a single value'],
    ['$data.constructor', 'refused in paths'],
    ['$data.__proto__', 'refused in paths'],
    ['$', 'is not a reference'],
    ['$data.items[$data.i]', 'cannot appear inside a reference'],
  ])('refuses %j', (text, why) => {
    expect(() => parseReference(text)).toThrow(why);
  });
});
