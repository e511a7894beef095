import { describe, expect, it } from 'vitest';
import type { SearchNode, SearchTerm } from './search.ts';
import { formatSearch, literalSearch, parseSearch } from './searchQuery.ts';

const ms = (iso: string) => new Date(iso).getTime();

function tree(q: string): SearchNode | null {
  const result = parseSearch(q);
  if (!result.ok) throw new Error(`${q}: ${result.problem.message} at ${result.problem.at}`);
  return result.query;
}
/** The single term of a one-term query. */
function term(q: string): SearchTerm {
  const node = tree(q);
  if (node?.kind !== 'term') throw new Error(`${q} is not one term`);
  return node.term;
}
function problem(q: string) {
  const result = parseSearch(q);
  if (result.ok) throw new Error(`${q} parsed: ${JSON.stringify(result.query)}`);
  return result.problem;
}
const text = (t: string, start: number, end: number): SearchNode => ({ kind: 'term', term: { kind: 'text', text: t }, span: [start, end] });
const key = (k: string) => ({ kind: 'key' as const, key: k });

describe('free text', () => {
  it('splits words on whitespace into an implicit AND, each with its span', () => {
    expect(tree('SKU-0046  guido')).toEqual({ kind: 'and', nodes: [text('SKU-0046', 0, 8), text('guido', 10, 15)] });
  });

  it('keeps any script and any length, one or two characters included', () => {
    expect(tree('张三')).toEqual(text('张三', 0, 2));
    expect(tree('😀 x')).toEqual({ kind: 'and', nodes: [text('😀', 0, 2), text('x', 3, 4)] });
    // U+3000, the ideographic space, separates words too.
    expect(tree('東京\u3000大阪')).toEqual({ kind: 'and', nodes: [text('東京', 0, 2), text('大阪', 3, 5)] });
  });

  it('reads "quoted phrases" as one term, with \\" and \\\\ inside', () => {
    expect(tree('"payment failed"')).toEqual(text('payment failed', 0, 16));
    expect(term('"say \\"hi\\" \\\\o/"')).toEqual({ kind: 'text', text: 'say "hi" \\o/' });
    expect(term('"type:ItemAdded"')).toEqual({ kind: 'text', text: 'type:ItemAdded' });
    expect(term('"OR"')).toEqual({ kind: 'text', text: 'OR' });
  });

  it('treats unknown name: prefixes, URLs and times as text', () => {
    expect(term('foo:bar')).toEqual({ kind: 'text', text: 'foo:bar' });
    expect(term('12:30')).toEqual({ kind: 'text', text: '12:30' });
    expect(term('https://shop.example.com/cart?id=(7)')).toEqual({ kind: 'text', text: 'https://shop.example.com/cart?id=(7)' });
    expect(term('data.json')).toEqual({ kind: 'text', text: 'data.json' });
    expect(term('data[0]')).toEqual({ kind: 'text', text: 'data[0]' });
  });

  it('keeps a star, a quote or a parenthesis inside a word as text', () => {
    expect(term('SKU-*')).toEqual({ kind: 'text', text: 'SKU-*' });
    expect(term('5"')).toEqual({ kind: 'text', text: '5"' });
    expect(term('NEAR(a,b)')).toEqual({ kind: 'text', text: 'NEAR(a,b)' });
    expect(term(':)')).toEqual({ kind: 'text', text: ':)' });
    expect(term('--')).toEqual({ kind: 'text', text: '--' });
    expect(term('-')).toEqual({ kind: 'text', text: '-' });
  });

  it('is blank for blank text', () => {
    expect(parseSearch('')).toEqual({ ok: true, query: null });
    expect(parseSearch(' \n\t ')).toEqual({ ok: true, query: null });
  });
});

describe('fields', () => {
  it('reads the text fields as exact values, and * as a pattern', () => {
    expect(term('type:ItemAdded')).toEqual({ kind: 'type', match: { kind: 'exact', text: 'ItemAdded' } });
    expect(term('stream:cart-*')).toEqual({ kind: 'stream', match: { kind: 'pattern', glob: 'cart-*' } });
    expect(term('category:cart')).toEqual({ kind: 'category', match: { kind: 'exact', text: 'cart' } });
    expect(term('correlation:c-1')).toEqual({ kind: 'correlation', match: { kind: 'exact', text: 'c-1' } });
    expect(term('causation:*-7')).toEqual({ kind: 'causation', match: { kind: 'pattern', glob: '*-7' } });
    expect(term('id:0f8fad5b-d9cb-469f-a165-70867728950e')).toEqual({ kind: 'id', match: { kind: 'exact', text: '0f8fad5b-d9cb-469f-a165-70867728950e' } });
    expect(term('Type:ItemAdded')).toEqual({ kind: 'type', match: { kind: 'exact', text: 'ItemAdded' } });
  });

  it('keeps the colons of an actor value: actor:support:* is the pattern support:*', () => {
    expect(term('actor:support:*')).toEqual({ kind: 'actor', match: { kind: 'pattern', glob: 'support:*' } });
    expect(term('actor:user:ada')).toEqual({ kind: 'actor', match: { kind: 'exact', text: 'user:ada' } });
  });

  it('takes quoted values, with \\* as a literal star', () => {
    expect(term('type:"Item Added"')).toEqual({ kind: 'type', match: { kind: 'exact', text: 'Item Added' } });
    expect(term('stream:"my cart"-*')).toEqual({ kind: 'stream', match: { kind: 'pattern', glob: 'my cart-*' } });
    expect(term('type:a\\*b')).toEqual({ kind: 'type', match: { kind: 'exact', text: 'a*b' } });
    expect(term('type:a\\**')).toEqual({ kind: 'type', match: { kind: 'pattern', glob: 'a\\**' } });
    expect(term('type:"a\\*"*')).toEqual({ kind: 'type', match: { kind: 'pattern', glob: 'a\\**' } });
  });

  it('spans the whole term, field name and quotes included', () => {
    expect(tree('x type:"Item Added" y')).toEqual({
      kind: 'and',
      nodes: [text('x', 0, 1), { kind: 'term', term: { kind: 'type', match: { kind: 'exact', text: 'Item Added' } }, span: [2, 19] }, text('y', 20, 21)],
    });
  });

  it('reads position and version ranges, open ends and single numbers', () => {
    expect(term('position:100..200')).toEqual({ kind: 'position', range: { from: 100, to: 200 } });
    expect(term('position:100..')).toEqual({ kind: 'position', range: { from: 100 } });
    expect(term('version:..10')).toEqual({ kind: 'version', range: { to: 10 } });
    expect(term('version:7')).toEqual({ kind: 'version', range: { from: 7, to: 7 } });
  });

  it('refuses ranges that are not numbers or end before they start, pointing at the value', () => {
    expect(problem('position:abc')).toMatchObject({ at: 9 });
    expect(problem('x version:10..2').message).toBe('version:10..2 ends before it starts; write the smaller number first.');
    expect(problem('position:..').at).toBe(9);
    expect(problem('position:1.5').at).toBe(9);
    expect(problem('position:99999999999999999999').message).toMatch(/too large/);
  });

  it('reads after: as an inclusive start and before: as an exclusive end, a date alone at its midnight', () => {
    expect(term('after:2026-04-01')).toEqual({ kind: 'time', fromMs: ms('2026-04-01T00:00:00Z') });
    expect(term('before:2026-05-01')).toEqual({ kind: 'time', toMs: ms('2026-05-01T00:00:00Z'), toExclusive: true });
    expect(term('before:2026-05-01T12:00Z')).toEqual({ kind: 'time', toMs: ms('2026-05-01T12:00:00Z'), toExclusive: true });
    expect(term('after:"2026-04-01 12:30+02:00"')).toEqual({ kind: 'time', fromMs: ms('2026-04-01T10:30:00Z') });
    expect(term('after:1775001600000')).toEqual({ kind: 'time', fromMs: 1_775_001_600_000 });
  });

  it('refuses impossible dates with timeRange.ts words', () => {
    expect(problem('after:2026-02-30')).toEqual({ message: 'after: 2026-02-30 is not a date: February 2026 has 28 days.', at: 6 });
    expect(problem('before:yesterday')).toMatchObject({ at: 7 });
    expect(problem('after:2026-*')).toMatchObject({ at: 6 });
  });

  it('asks for a value right after the colon', () => {
    expect(problem('type: ItemAdded')).toEqual({ message: 'type: needs a value right after it, with no space (for example type:ItemAdded).', at: 5 });
    expect(problem('stream:')).toMatchObject({ at: 7 });
    expect(problem('type:""')).toMatchObject({ at: 5 });
  });
});

describe('JSON paths', () => {
  const path = (q: string) => term(q) as Extract<SearchTerm, { kind: 'path' }>;

  it('compares a value without * exactly, with * as a pattern', () => {
    expect(term('data.customer.email:guido@example.com')).toEqual({
      kind: 'path',
      path: { root: 'data', steps: [key('customer'), key('email')] },
      op: '=',
      value: { kind: 'text', match: { kind: 'exact', text: 'guido@example.com' } },
    });
    expect(path('data.customer.email:*@example.com').value).toEqual({ kind: 'text', match: { kind: 'pattern', glob: '*@example.com' } });
    expect(term('metadata.source:ios')).toMatchObject({ path: { root: 'metadata', steps: [key('source')] }, value: { kind: 'text', match: { kind: 'exact', text: 'ios' } } });
  });

  it('reads a JSON number as a number, and 0046 or a quoted number as text', () => {
    expect(path('data.total:10000').value).toEqual({ kind: 'number', value: 10000 });
    expect(path('data.total:-1.5e3').value).toEqual({ kind: 'number', value: -1500 });
    expect(path('data.sku:0046').value).toEqual({ kind: 'text', match: { kind: 'exact', text: '0046' } });
    expect(path('data.total:"10000"').value).toEqual({ kind: 'text', match: { kind: 'exact', text: '10000' } });
  });

  it('reads comparisons with numbers', () => {
    for (const op of ['>', '>=', '<', '<='] as const) {
      expect(term(`data.total${op}10000`)).toEqual({ kind: 'path', path: { root: 'data', steps: [key('total')] }, op, value: { kind: 'number', value: 10000 } });
    }
    expect(path('data.total=5')).toMatchObject({ op: '=', value: { kind: 'number', value: 5 } });
    expect(problem('data.total>abc')).toEqual({ message: "data.total> compares numbers; 'abc' is not a number.", at: 11 });
    expect(problem('data.total>=')).toMatchObject({ at: 12 });
  });

  it('reads [] as any element and quoted keys', () => {
    expect(path('data.items[].sku:SKU-0046').path).toEqual({ root: 'data', steps: [key('items'), { kind: 'anyElement' }, key('sku')] });
    expect(path('data."first name":x').path).toEqual({ root: 'data', steps: [key('first name')] });
    expect(path('data."a.b"[][]."":1').path).toEqual({ root: 'data', steps: [key('a.b'), { kind: 'anyElement' }, { kind: 'anyElement' }, key('')] });
    expect(problem('data.items[0].sku:x')).toMatchObject({ at: 10 });
    expect(problem('data."first name:x')).toMatchObject({ at: 5 });
  });

  it('reads has: with a path', () => {
    expect(term('has:data.paymentId')).toEqual({ kind: 'has', path: { root: 'data', steps: [key('paymentId')] } });
    expect(term('has:metadata.items[]')).toEqual({ kind: 'has', path: { root: 'metadata', steps: [key('items'), { kind: 'anyElement' }] } });
    expect(problem('has:paymentId')).toMatchObject({ at: 4 });
    expect(problem('has:data.x:1')).toMatchObject({ at: 4 });
  });
});

describe('AND, OR, NOT and parentheses', () => {
  const t = (q: string, word: string) => text(word, q.indexOf(word), q.indexOf(word) + word.length);

  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    const q = 'a b OR NOT c d';
    expect(tree(q)).toEqual({ kind: 'or', nodes: [{ kind: 'and', nodes: [t(q, 'a'), t(q, 'b')] }, { kind: 'and', nodes: [{ kind: 'not', node: t(q, 'c') }, t(q, 'd')] }] });
  });

  it('reads explicit AND like the implicit one, and flattens', () => {
    const q = 'a AND b c';
    expect(tree(q)).toEqual({ kind: 'and', nodes: [t(q, 'a'), t(q, 'b'), t(q, 'c')] });
    expect(stripSpans(tree('(a b) c'))).toEqual(stripSpans(tree('a b c')));
  });

  it('groups with parentheses', () => {
    const q = '(a OR b) c';
    expect(tree(q)).toEqual({ kind: 'and', nodes: [{ kind: 'or', nodes: [t(q, 'a'), t(q, 'b')] }, t(q, 'c')] });
    expect(tree('-(type:A OR type:B)')).toMatchObject({ kind: 'not', node: { kind: 'or' } });
    expect(tree('((a))')).toEqual(text('a', 2, 3));
  });

  it('negates with - and NOT; double negation cancels', () => {
    expect(tree('-type:A')).toEqual({ kind: 'not', node: { kind: 'term', term: { kind: 'type', match: { kind: 'exact', text: 'A' } }, span: [1, 7] } });
    expect(tree('NOT "x y"')).toEqual({ kind: 'not', node: text('x y', 4, 9) });
    expect(tree('NOT -a')).toEqual(text('a', 5, 6));
    expect(tree(`${'-'.repeat(1)}${'NOT '.repeat(9999)}a`)).toMatchObject({ kind: 'term' });
  });

  it('keeps lower-case and/or/not as words', () => {
    expect(tree('not found')).toEqual({ kind: 'and', nodes: [text('not', 0, 3), text('found', 4, 9)] });
  });

  it('says where a query stops', () => {
    expect(problem('a OR')).toEqual({ message: 'OR needs a term after it.', at: 2 });
    expect(problem('OR a')).toMatchObject({ at: 0 });
    expect(problem('a AND AND b')).toMatchObject({ at: 2 });
    expect(problem('a NOT')).toMatchObject({ at: 2 });
    expect(problem('x (a b')).toEqual({ message: 'This ( is never closed: add a ).', at: 2 });
    expect(problem('x ((')).toEqual({ message: 'This ( is never closed: add a ).', at: 3 });
    expect(problem('a b )')).toEqual({ message: 'This ) has no ( before it.', at: 4 });
    expect(problem('(a) )')).toMatchObject({ at: 4 });
    expect(problem('x ()')).toMatchObject({ at: 3 });
    expect(problem('x "abc')).toMatchObject({ at: 2 });
    expect(problem('""')).toMatchObject({ at: 0 });
    expect(problem('('.repeat(1000) + 'a' + ')'.repeat(1000))).toMatchObject({ at: 64 });
  });
});

describe('literalSearch', () => {
  it('searches the whole text as one term', () => {
    expect(literalSearch('  "unbalanced (NEAR  ')).toEqual(text('"unbalanced (NEAR', 2, 19));
  });
});

describe('formatSearch', () => {
  it('writes queries back, quoting where needed', () => {
    expect(formatSearch(tree('type:"Item Added" -actor:support:* (a OR b) "x y"'))).toBe('type:"Item Added" -actor:support:* (a OR b) "x y"');
    expect(formatSearch(tree('data.total:"10000" data."first name":x'))).toBe('data.total:"10000" data."first name":x');
    expect(formatSearch(tree('after:2026-04-01 before:"2026-05-01 12:30"'))).toBe('after:2026-04-01 before:2026-05-01T12:30:00Z');
    expect(formatSearch(tree('"type:x" "-a" "AND" "data.x:1"'))).toBe('"type:x" "-a" "AND" "data.x:1"');
    expect(formatSearch(null)).toBe('');
  });

  it('gives back the same tree when read again', () => {
    for (const q of ['a b OR NOT c d', 'type:a\\*b stream:"my cart"-* data.items[].sku:*46', 'position:..5 version:3 has:data."a b"', '-(a OR -b) c']) {
      const first = tree(q);
      expect(stripSpans(tree(formatSearch(first)))).toEqual(stripSpans(first));
    }
  });
});

function stripSpans(node: SearchNode | null): unknown {
  return JSON.parse(JSON.stringify(node, (k, v) => (k === 'span' ? undefined : v)));
}

describe('the README examples', () => {
  it('all read (the ones that document text read as text)', () => {
    const examples = [
      'SKU-0046 guido', '张三', '😀', 'ab', '"payment failed"', 'type:ItemAdded', 'category:cart', 'stream:cart-*', 'type:*Added',
      'actor:support:*', 'actor:user:ada', 'position:100..200', 'position:100..', 'version:..10', 'version:3', 'after:2026-04-01',
      'before:2026-05-01T12:00Z', 'data.customer.email:guido@example.com', 'metadata.source:ios', 'data.customer.email:*@example.com',
      'data.total:10000', 'data.total>10000', 'data.total>=1', 'data.total<1', 'data.total<=1', 'data.sku:0046', 'data.total:"10000"',
      'data.items[].sku:SKU-0046', 'data."first name":Ada', 'has:data.paymentId', 'a OR b', 'a AND b', '-type:ItemRemoved', 'NOT guido',
      '(type:ItemAdded OR type:ItemRemoved) -actor:system:*', 'type:"Item Added"', 'stream:"my cart"-*', 'after:"2026-04-01 12:00"',
      'not found', '"OR"', '"-5"', 'foo:bar', '12:30', 'NEAR(', '5"', 'f(x)', ':)', 'data.json',
    ];
    for (const q of examples) expect(parseSearch(q).ok, q).toBe(true);
    expect(stripSpans(tree('after:2026-04-01 before:2026-05-01'))).toEqual({
      kind: 'and',
      nodes: [{ kind: 'term', term: { kind: 'time', fromMs: ms('2026-04-01T00:00:00Z') } }, { kind: 'term', term: { kind: 'time', toMs: ms('2026-05-01T00:00:00Z'), toExclusive: true } }],
    });
    for (const q of ['"abc', '(a', 'a )', 'a OR', 'type:', 'after:2026-02-30', 'position:10..2', 'data.total>abc']) expect(parseSearch(q).ok, q).toBe(false);
  });
});
