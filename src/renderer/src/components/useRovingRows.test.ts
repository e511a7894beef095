import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { rowTarget, useRovingList, useRovingRows } from './useRovingRows.ts';

describe('rowTarget: where a key moves the active row', () => {
  it('↓/↑ and j/k step by one and stop at the ends; from no row they start at the first', () => {
    expect(rowTarget('ArrowDown', null, 5, 3)).toBe(0);
    expect(rowTarget('ArrowUp', null, 5, 3)).toBe(0);
    expect(rowTarget('ArrowDown', 1, 5, 3)).toBe(2);
    expect(rowTarget('j', 1, 5, 3)).toBe(2);
    expect(rowTarget('ArrowUp', 1, 5, 3)).toBe(0);
    expect(rowTarget('k', 0, 5, 3)).toBe(0);
    expect(rowTarget('ArrowDown', 4, 5, 3)).toBe(4);
  });

  it('Home/End go to the first and last row; PageUp/PageDown move a page and stop at the ends', () => {
    expect(rowTarget('Home', 3, 5, 3)).toBe(0);
    expect(rowTarget('End', 0, 5, 3)).toBe(4);
    expect(rowTarget('PageDown', 0, 100, 20)).toBe(20);
    expect(rowTarget('PageDown', 90, 100, 20)).toBe(99);
    expect(rowTarget('PageUp', 50, 100, 20)).toBe(30);
    expect(rowTarget('PageUp', 5, 100, 20)).toBe(0);
    expect(rowTarget('PageDown', null, 100, 20)).toBe(19);
    // A page of zero rows still moves.
    expect(rowTarget('PageDown', 3, 100, 0)).toBe(4);
  });

  it('other keys, and an empty list, are not its business', () => {
    expect(rowTarget('Tab', 0, 5, 3)).toBeNull();
    expect(rowTarget('a', 0, 5, 3)).toBeNull();
    expect(rowTarget('Enter', 0, 5, 3)).toBeNull();
    expect(rowTarget('ArrowDown', null, 0, 3)).toBeNull();
  });
});

function Grid({ active, count }: { active: number | null; count: number }) {
  const roving = useRovingRows({ count, active, onActive: () => {} });
  return createElement(
    'div',
    { role: 'grid', 'aria-label': 'Rows', ...roving.gridProps },
    Array.from({ length: count }, (_, i) => createElement('div', { key: i, role: 'row', ...roving.rowProps(i) }, createElement('span', { role: 'gridcell' }, `row ${i}`))),
  );
}

function List({ count }: { count: number }) {
  const roving = useRovingList<HTMLUListElement>(count);
  return createElement(
    'ul',
    roving.listProps,
    Array.from({ length: count }, (_, i) => createElement('li', { key: i }, createElement('a', { href: `#/x/${i}`, ...roving.itemProps(i) }, `item ${i}`))),
  );
}

const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;

describe('useRovingRows: one Tab stop per table', () => {
  it('only the active row is in the Tab order; rows carry ids and the selection', () => {
    const html = renderToStaticMarkup(createElement(Grid, { active: 2, count: 4 }));
    expect(count(html, /tabindex="0"/g)).toBe(1);
    expect(count(html, /tabindex="-1"/g)).toBe(3);
    expect(html).toMatch(/^<div role="grid" aria-label="Rows" data-roving="true">/);
    expect(count(html, /role="row" id="[^"]+row-\d"/g)).toBe(4);
    expect(html).toMatch(/id="[^"]+row-2" tabindex="0" aria-selected="true"[^>]*data-active="true"/);
    expect(count(html, /aria-selected="true"/g)).toBe(1);
    expect(count(html, /data-active/g)).toBe(1);
  });

  it('no active row: nothing is selected, and the first row is the Tab stop', () => {
    const html = renderToStaticMarkup(createElement(Grid, { active: null, count: 3 }));
    expect(count(html, /aria-selected="true"/g)).toBe(0);
    expect(count(html, /data-active/g)).toBe(0);
    expect(html).toMatch(/id="[^"]+row-0" tabindex="0"/);
    expect(count(html, /tabindex="0"/g)).toBe(1);
  });
});

describe('useRovingList: a roving tabindex over a short list of links', () => {
  it('exactly one item is in the Tab order (the first, before any is chosen)', () => {
    const html = renderToStaticMarkup(createElement(List, { count: 5 }));
    expect(count(html, /tabindex="0"/g)).toBe(1);
    expect(count(html, /tabindex="-1"/g)).toBe(4);
    expect(html).toMatch(/href="#\/x\/0"[^>]*tabindex="0"/);
  });
});
