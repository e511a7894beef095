import { describe, expect, it } from 'vitest';
import { literalSearch, parseSearch } from '../../../../shared/searchQuery.ts';
import type { SearchNode } from '../../../../shared/search.ts';
import { facetTerm, highlightTexts, markMatches, quoteValue, refine } from './searchText.ts';

const parsed = (q: string): SearchNode | null => {
  const result = parseSearch(q);
  if (!result.ok) throw new Error(`${q}: ${result.problem.message} at ${result.problem.at}`);
  return result.query;
};

describe('refining a search by a facet', () => {
  it('a quoted facet value reads back as exactly that value, whatever it holds', () => {
    for (const value of ['CartCheckedOut', 'Item Added', 'a"b', 'back\\slash', 'star*', 'support:ada', '张三', '-leading', 'a(b)', 'OR']) {
      const node = parsed(`type:${quoteValue(value)}`);
      expect(node).toMatchObject({ kind: 'term', term: { kind: 'type', match: { kind: 'exact', text: value } } });
    }
  });

  it('adds the term to the query, keeping an OR grouped and a literal search literal', () => {
    expect(refine('SKU-0046', 'type:ItemAdded', false)).toBe('SKU-0046 type:ItemAdded');
    expect(refine('SKU-0046 type:ItemAdded', 'type:ItemAdded', false)).toBe('SKU-0046 type:ItemAdded');
    expect(refine('a OR b', 'type:X', false)).toBe('(a OR b) type:X');
    expect(refine('', 'type:X', false)).toBe('type:X');
    const literal = refine('data.total> "x', 'type:X', true);
    const node = parsed(literal);
    expect(node).toMatchObject({ kind: 'and', nodes: [{ term: { kind: 'text', text: 'data.total> "x' } }, { term: { kind: 'type' } }] });
  });

  it('a month facet is the whole month, December included', () => {
    expect(facetTerm('month', '2026-04')).toBe('after:2026-04-01 before:2026-05-01');
    expect(facetTerm('month', '2026-12')).toBe('after:2026-12-01 before:2027-01-01');
    expect(parsed(facetTerm('month', '2026-12') as string)).toMatchObject({ kind: 'and' });
    expect(facetTerm('actor', '')).toBeNull();
  });
});

describe('highlighting', () => {
  it('highlights what the query looks for, not what it excludes', () => {
    expect(highlightTexts(parsed('SKU-0046 type:ItemAdded -ada data.items[].sku:SKU-00*'))).toEqual(['ItemAdded', 'SKU-0046', 'SKU-00']);
    expect(highlightTexts(literalSearch('  NEAR( "x '))).toEqual(['NEAR( "x']);
    expect(highlightTexts(null)).toEqual([]);
  });

  it('marks every occurrence ignoring case, the longest first where they start together', () => {
    const segments = markMatches('{"sku":"sku-0046","note":"SKU-0046!"}', ['SKU-0046', 'sku']);
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['sku', 'sku-0046', 'SKU-0046']);
    expect(segments.map((s) => s.text).join('')).toBe('{"sku":"sku-0046","note":"SKU-0046!"}');
    expect(markMatches('张三 and 😀', ['张三', '😀']).filter((s) => s.mark).map((s) => s.text)).toEqual(['张三', '😀']);
    expect(markMatches('<b>x</b>', ['<b>'])).toEqual([{ text: '<b>', mark: true }, { text: 'x</b>', mark: false }]);
    expect(markMatches('nothing here', ['zzz'])).toEqual([{ text: 'nothing here', mark: false }]);
  });
});
