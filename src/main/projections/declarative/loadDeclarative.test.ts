import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadDeclarativeProjection } from './loadDeclarative.ts';
import { LIMITS } from './schema.ts';
import { loadError } from './testing.ts';

const base = { name: 'library', version: 1, appliesTo: { categories: ['member'] }, on: { E: [{ increment: 'n' }] } };
const withOn = (on: unknown) => ({ ...base, on });

describe('a file that loads', () => {
  const text = JSON.stringify({ ...base, description: 'Books on loan', appliesTo: { categories: ['member', 'patron'], streamPrefixes: ['lib-'], types: ['MemberJoined'] } }, null, 2);
  const loaded = loadDeclarativeProjection('/work/projections/library.projection.json', text);

  it('gives the panel its facts', () => {
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
    expect(loaded.info).toMatchObject({
      file: 'library.projection.json',
      kind: 'declarative',
      name: 'library',
      version: 1,
      description: 'Books on loan',
      appliesTo: 'categories: member, patron; stream prefixes: lib-; first event types: MemberJoined',
      contentHash: hash,
      error: null,
    });
    expect(new Date(loaded.info.loadedAt).toISOString()).toBe(loaded.info.loadedAt);
  });

  it('gives the engine a projection keyed by its content', () => {
    const p = loaded.projection!;
    expect(p.origin).toEqual({ kind: 'declarative', file: 'library.projection.json', contentHash: loaded.info.contentHash });
    expect(p.cacheKey).toBe(loaded.info.contentHash);
    expect(p.interruptOnError).toBe(true);
    expect(p.needsMetadata).toBe(false);
    expect(p.firstEventTypes).toEqual(new Set(['MemberJoined']));
    expect(p.appliesTo('member-1', 'member')).toBe(true);
    expect(p.appliesTo('lib-9', 'lib')).toBe(true);
    expect(p.appliesTo('loan-1', 'loan')).toBe(false);
    expect(p.initialState()).toEqual({});
  });

  it('needs metadata only when a rule reads it (values or keys)', () => {
    const needs = (rule: unknown) => loadDeclarativeProjection('/x/a.projection.json', JSON.stringify(withOn({ E: [rule] }))).projection!.needsMetadata;
    expect(needs({ set: 'a', value: '$data.x' })).toBe(false);
    expect(needs({ set: 'a', value: { deep: ['$metadata.user'] } })).toBe(true);
    expect(needs({ increment: 'byUser[$metadata.user]' })).toBe(true);
    expect(needs({ set: 'a', value: '$$metadata' })).toBe(false);
  });

  it('has no firstEventTypes without types; an edited file has another cache key', () => {
    const one = loadDeclarativeProjection('/x/a.projection.json', JSON.stringify(base)).projection!;
    const two = loadDeclarativeProjection('/x/a.projection.json', `${JSON.stringify(base)}\n`).projection!;
    expect(one.firstEventTypes).toBeUndefined();
    expect(one.cacheKey).not.toBe(two.cacheKey);
  });

  it('accepts a byte order mark, a $schema hint and comments on rules', () => {
    expect(loadError(`\uFEFF${JSON.stringify({ $schema: 'x', ...withOn({ E: [{ increment: 'n', comment: 'counts them' }] }) })}`)).toBeUndefined();
  });
});

describe('validation names the JSON path of the problem', () => {
  it.each([
    [{ ...base, name: undefined }, 'name: is missing (it must be a text).'],
    [{ ...base, name: 7 }, 'name: must be a text.'],
    [{ ...base, version: 1.5 }, 'version: must be a whole number.'],
    [{ ...base, version: '1' }, 'version: must be a number.'],
    [{ ...base, colour: 'red' }, 'The file: unknown field "colour" in a projection (the fields are name, version, description, appliesTo, initialState, units and on).'],
    [{ ...base, appliesTo: {} }, 'appliesTo: names no stream'],
    [{ ...base, appliesTo: { categories: [] } }, 'appliesTo: names no stream'],
    [{ ...base, appliesTo: { category: ['member'] } }, 'appliesTo: unknown field "category" in "appliesTo" (check the spelling)'],
    [{ ...base, appliesTo: { categories: [''] } }, 'appliesTo.categories[0]: must not be empty.'],
    [withOn({ E: {} }), 'on.E: must be a list.'],
    [withOn({ E: [{ apend: 'x', value: 1 }] }), 'on.E[0]: unknown field "apend" in a rule (a rule has one of set, merge, unset, increment, append, removeByKey, with value, by, key and comment)'],
    [withOn({ E: [{}] }), 'on.E[0]: a rule needs one operation: set, merge, unset, increment, append, removeByKey.'],
    [withOn({ E: [{ set: 'a', unset: 'b', value: 1 }] }), 'on.E[0]: a rule has one operation, this one has set and unset.'],
    [withOn({ E: [{ set: 'a' }] }), 'on.E[0].value: set needs a "value".'],
    [withOn({ E: [{ increment: 'a', value: 2 }] }), 'on.E[0].value: increment takes no "value" (the amount is "by").'],
    [withOn({ E: [{ unset: 'a', by: 2 }] }), 'on.E[0].by: only increment takes "by".'],
    [withOn({ E: [{ removeByKey: 'a', value: 2 }] }), 'on.E[0].key: removeByKey needs a "key"'],
    [withOn({ E: [{ set: 5, value: 2 }] }), 'on.E[0].set: must be a text.'],
    [withOn({ E: [{ set: 'a[x]', value: 2 }] }), 'on.E[0].set: "a[x]" is not a path: [x] is neither an index nor a quoted key'],
    [withOn({ 'Book Borrowed': [{ set: 'a', value: { x: ['$dta.x'] } }] }), 'on["Book Borrowed"][0].value.x[0]: "$dta.x" is not a reference'],
    [withOn({ '*': [{ set: 'a', value: '$version.x' }] }), 'on["*"][0].value: "$version.x": $version is a single value'],
    [withOn({ E: [{ set: 'a', value: 1 }], F: [{ unset: '' }] }), 'on.F[0].unset: "" names the whole state'],
    [withOn({ E: [{ merge: 'a', value: [1] }] }), 'on.E[0].value: merge needs an object, such as { "city": "$data.city" }, not a list.'],
    [withOn({ E: [{ merge: 'a', value: ['$data.x'] }] }), 'on.E[0].value: merge needs an object, not a list.'],
    [withOn({ E: [{ increment: 'a', by: '2' }] }), 'on.E[0].by: "by" must be a number or a reference such as "$data.amount", not a text ("2").'],
    [withOn({ E: [{ increment: 'a', by: { n: '$data.n' } }] }), 'on.E[0].by: "by" must be a number or a reference'],
  ])('%j', (file, message) => {
    expect(loadError(file)).toContain(message);
  });

  it('counts the other problems', () => {
    expect(loadError({ on: {} })).toMatch(/ \(and 2 more problems\)\.$/);
  });

  it('a file that is not one object says what it must hold', () => {
    for (const text of ['[]', '"library"', '42', 'null']) expect(loadError(text)).toBe('This file must hold one JSON object with name, version, appliesTo and on.');
  });
});

describe('JSON syntax errors give line and column', () => {
  it('for a mistake JSON.parse reports without a position', () => {
    const text = '{\n  "name": "library",\n  "version": 1,\n}\n';
    const loaded = loadDeclarativeProjection('/x/lib.projection.json', text);
    expect(loaded.projection).toBeNull();
    expect(loaded.info.error).toEqual({
      kind: 'threw',
      file: 'lib.projection.json',
      line: 3,
      column: 15,
      message: 'This file is not valid JSON at line 3, column 15: a comma before } (JSON allows no comma after the last entry).',
    });
    expect(loaded.info.name).toBeNull();
    expect(loaded.info.contentHash).toMatch(/^[0-9a-f]{12}$/);
  });

  it.each([
    ['', 1, 1, 'expected a value but found the end of the file'],
    ['{\n  "a": 1 // why\n}', 2, 10, 'JSON has no comments'],
    ['{\n\n  \'name\': 1}', 3, 3, 'double quotes'],
    ['not json at all', 1, 1, 'expected a value but found "n"'],
    ['{"name": "a"', 1, 13, 'the file ends before this object is closed with }'],
  ])('%j → line %i, column %i', (text, line, column, why) => {
    const { error } = loadDeclarativeProjection('/x/a.projection.json', text).info;
    expect(error).toMatchObject({ line, column });
    expect(error?.message).toContain(why);
  });
});

describe('hostile files', () => {
  it.each(['a.__proto__.polluted', 'constructor.prototype.polluted', 'a["__proto__"]', 'a[prototype=1]', 'a[$data.__proto__]'])('refuses the prototype path %s at load', (path) => {
    expect(loadError(withOn({ E: [{ set: path, value: true }] }))).toMatch(/^on\.E\[0\]\.set: .*refused in paths/);
    expect(({} as any).polluted).toBeUndefined();
  });

  it('refuses "__proto__" keys anywhere in the file', () => {
    const text = `{"name":"a","version":1,"appliesTo":{"categories":["a"]},"initialState":{"__proto__":{"polluted":true}},"on":{}}`;
    expect(loadError(text)).toBe(`initialState.__proto__: "__proto__" is refused as a key (it would reach JavaScript's object prototype).`);
    const inValue = `{"name":"a","version":1,"appliesTo":{"categories":["a"]},"on":{"E":[{"set":"x","value":{"__proto__":{"polluted":true}}}]}}`;
    expect(loadError(inValue)).toContain('on.E[0].value.__proto__: "__proto__" is refused');
    expect(({} as any).polluted).toBeUndefined();
  });

  it('refuses files over 1 MB before reading them as JSON', () => {
    const big = JSON.stringify({ ...base, description: 'x'.repeat(LIMITS.maxBytes) });
    expect(loadError(big)).toBe('This file is 1.0 MB; a declarative projection is at most 1 MB.');
    expect(loadError(`${'['.repeat(LIMITS.maxBytes + 1)}`)).toMatch(/at most 1 MB/);
  });

  it('refuses deep nesting with the path where it went too deep', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { d: deep };
    expect(loadError({ ...base, initialState: deep })).toBe('initialState.d.d.d.d.d…: the file is nested more than 64 levels deep.');
    const text = `{"name":"a","version":1,"appliesTo":{"categories":["a"]},"initialState":${'['.repeat(300_000)}${']'.repeat(300_000)},"on":{}}`;
    expect(loadError(text)).toContain('nested more than 64 levels deep');
  });

  it('refuses absurd numbers of rules', () => {
    const manyTypes = Object.fromEntries(Array.from({ length: LIMITS.maxEventTypes + 1 }, (_, i) => [`T${i}`, [{ increment: 'n' }]]));
    expect(loadError(withOn(manyTypes))).toBe(`on: has rules for more than ${LIMITS.maxEventTypes} event types.`);
    expect(loadError(withOn({ E: Array.from({ length: LIMITS.maxRulesPerType + 1 }, () => ({ increment: 'n' })) }))).toBe(`on.E: has more than ${LIMITS.maxRulesPerType} rules for one event type.`);
    const manyRules = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`T${i}`, Array.from({ length: 90 }, () => ({ increment: 'n' }))]));
    expect(loadError(withOn(manyRules))).toBe(`on: has more than ${LIMITS.maxRules} rules in all.`);
  });

  it('loads the largest file it allows', () => {
    const most = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`T${i}`, Array.from({ length: LIMITS.maxRulesPerType }, () => ({ increment: 'n' }))]));
    expect(loadError(withOn(most))).toBeUndefined();
  });

  it('never throws, whatever the text', () => {
    for (const text of ['\u0000', '{"a":\uD800}', '{}'.repeat(10), '{"name":"a","version":1e400}', JSON.stringify({ ...base, on: null }), JSON.stringify({ ...base, initialState: '$data' })]) {
      expect(() => loadDeclarativeProjection('/x/a.projection.json', text)).not.toThrow();
    }
    expect(loadError(JSON.stringify({ ...base, initialState: '$data' }))).toBeUndefined();
  });
});

describe('units', () => {
  it('a file may say which state fields are money; the engine and the panel get them as written', () => {
    const units = { fines: { currency: 'EUR', scale: 2 }, 'loans[].deposit': { currencyField: 'currency' } };
    const loaded = loadDeclarativeProjection('/work/projections/library.projection.json', JSON.stringify({ ...base, units }));
    expect(loaded.projection?.units).toEqual(units);
  });

  it('refuses a unit that is not one, with the path of the problem', () => {
    expect(loadError({ ...base, units: { fines: { currency: 'euros' } } })).toMatch(/units\.fines/);
    expect(loadError({ ...base, units: { 'fines..x': { scale: 2 } } })).toMatch(/units/);
  });
});
