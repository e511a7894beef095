// #/search?q=…: a link in a ticket reproduces the search exactly, whatever the query holds.
import { describe, expect, it } from 'vitest';
import { hrefs, parseRoute } from '../../app/routes.ts';

describe('the search route', () => {
  it('round-trips any query text, literal or not', () => {
    const queries = ['SKU-0046', 'data.items[].sku:SKU-0046 type:"Item Added"', 'a#b?c&d=e%20f+g', '张三 😀', '(unclosed "quote', `x${'y'.repeat(100_000)}`, ' spaced '];
    for (const q of queries) {
      for (const literal of [false, true]) {
        const href = hrefs.search(q, literal);
        expect(href.startsWith('#/search?q=')).toBe(true);
        expect(parseRoute(href)).toEqual({ name: 'search', q, literal });
      }
    }
  });

  it('an empty or missing query is the search screen with nothing asked', () => {
    expect(parseRoute('#/search')).toEqual({ name: 'search', q: '', literal: false });
    expect(parseRoute('#/search/extra')).toMatchObject({ name: 'unknown' });
  });
});
