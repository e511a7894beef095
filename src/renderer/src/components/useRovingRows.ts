// One Tab stop per table: a roving tabindex over its rows (the active row is the Tab stop and holds
// focus; a virtualized list's scroller stands in while that row is scrolled away). ↑/↓ (and j/k),
// Home/End and PageUp/PageDown move the active row, Enter opens it (what a click on it does).
import { useCallback, useId, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { useT, type MessageKey } from '../i18n/index.ts';
import './roving.css';

/** The row a key moves to from `current` in a list of `count` rows; null when the key is not ours. */
export function rowTarget(key: string, current: number | null, count: number, page: number): number | null {
  if (count <= 0) return null;
  const last = count - 1;
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return current === null ? 0 : clamp(current + 1);
    case 'ArrowUp':
    case 'k':
      return current === null ? 0 : clamp(current - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return current === null ? clamp(page - 1) : clamp(current + Math.max(1, page));
    case 'PageUp':
      return current === null ? 0 : clamp(current - Math.max(1, page));
    default:
      return null;
  }
}

export interface RovingRowsOptions {
  /** Rows that can be active (loaded rows; a "more" row after them is not one). */
  count: number;
  /** The active row (for these screens: also the selected one), or null before any. */
  active: number | null;
  onActive: (index: number) => void;
  /** Enter on the active row: what a click on it does (open the stream, the event…). */
  onOpen?: (index: number) => void;
  /** Virtualized lists: bring the row into view (the virtualizer renders it, then it takes focus). */
  scrollToIndex?: (index: number) => void;
  /** Virtualized lists: the scrolling element. It is the Tab stop while the active row is not rendered. */
  scroller?: RefObject<HTMLElement | null>;
  /** Rows per PageUp/PageDown: a number, or measured when the key is pressed. */
  pageSize?: number | (() => number);
  /** Rows hold their own links or buttons: only the active row's stay Tab stops (see confineTabStops). */
  confine?: boolean;
  /** The grid's accessible name, for screens that give it none of their own. */
  label?: MessageKey;
}

export type RowProps = {
  id: string;
  tabIndex: 0 | -1;
  'aria-selected': boolean;
  'data-roving-row': 'true';
  'data-active'?: 'true';
  onClick: () => void;
};

export interface RovingRows<E extends HTMLElement> {
  /** Spread on the element with role="grid": it handles the keys for its rows. */
  gridProps: {
    ref: RefObject<E | null>;
    onKeyDown: (event: KeyboardEvent<E>) => void;
    onFocus: (event: FocusEvent<E>) => void;
    onBlur: (event: FocusEvent<E>) => void;
    'data-roving': 'true';
    'aria-label'?: string;
  };
  /** Spread on row `index` (role="row"): its id, its place in the Tab order, selection and click. */
  rowProps: (index: number) => RowProps;
  rowId: (index: number) => string;
  /** Puts focus on the active row (or, not rendered yet, the list), as Tab would. */
  focus: () => void;
}

/** Keys that mean something else to the element they were pressed in (a button, a link, a field). */
function ownKeys(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement) || target.matches('[data-roving-row]')) return false;
  return target.closest('a, button, input, select, textarea, summary, [contenteditable="true"]') !== null;
}

/**
 * A roving tabindex over the rows of a grid: the active row (the first before any) is the grid's
 * one Tab stop and holds DOM focus while keys move it. A virtualized row scrolled out of the window
 * is not in the document: then the scrolling element takes its place in the Tab order (and focus,
 * if the focused row went away), and hands focus back when the row is rendered again.
 */
export function useRovingRows<E extends HTMLElement = HTMLDivElement>(options: RovingRowsOptions): RovingRows<E> {
  const grid = useRef<E | null>(null);
  const prefix = useId();
  const rowId = useCallback((index: number) => `${prefix}row-${index}`, [prefix]);
  const latest = useRef(options);
  latest.current = options;
  const { active } = options;
  const stop = active ?? 0;
  // Focus is in the grid (or was, on a row that scrolled away): where it goes after a render.
  const within = useRef(false);
  const focusedRow = useRef<HTMLElement | null>(null);
  const wanted = useRef(false);
  const restoring = useRef(false);

  const place = useCallback(() => {
    const element = grid.current;
    if (!element) return;
    const { scroller, scrollToIndex } = latest.current;
    const row = document.getElementById(rowId(stop));
    const rendered = row !== null && element.contains(row);
    const scrollEl = scroller?.current ?? null;
    const lost = within.current && (document.activeElement === document.body || document.activeElement === null) && focusedRow.current !== null && !focusedRow.current.isConnected;
    if (scrollEl) {
      if (rendered) scrollEl.removeAttribute('tabindex');
      else scrollEl.setAttribute('tabindex', '0');
    }
    const focused = document.activeElement;
    // Focus on another row of this grid (the active row changed under it): it follows.
    const onOtherRow = within.current && focused instanceof HTMLElement && focused !== row && focused.matches('[data-roving-row]') && focused.closest('[data-roving]') === element;
    const focusHere = wanted.current || lost || onOtherRow || (within.current && focused === scrollEl);
    if (!focusHere) return;
    if (rendered && document.activeElement !== row) {
      wanted.current = false;
      row.focus({ preventScroll: Boolean(scrollToIndex) });
    } else if (!rendered && scrollEl && document.activeElement !== scrollEl) {
      // Kept in the list while its row is scrolled away (a wheel, a scrollbar): not scrolled back.
      restoring.current = true;
      scrollEl.focus({ preventScroll: true });
      restoring.current = false;
    }
    else if (rendered) wanted.current = false;
  }, [rowId, stop]);
  useLayoutEffect(place);
  useConfinedTabStops(grid, options.confine ? stop : undefined, rowId);

  const move = useCallback(
    (next: number) => {
      const { active: current, onActive, scrollToIndex } = latest.current;
      if (next !== current) onActive(next);
      scrollToIndex?.(next);
      wanted.current = true;
      // The row may already be rendered (and the owner not re-render): focus it now too.
      const row = document.getElementById(rowId(next));
      if (row && grid.current?.contains(row)) {
        wanted.current = false;
        row.focus({ preventScroll: Boolean(scrollToIndex) });
      }
    },
    [rowId],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<E>) => {
      const element = grid.current;
      if (!element || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (ownKeys(event.target)) return;
      const { count, active: current, onOpen, pageSize } = latest.current;
      if (event.key === 'Enter') {
        if (current !== null && current < count && onOpen) {
          event.preventDefault();
          onOpen(current);
        }
        return;
      }
      const page = typeof pageSize === 'function' ? pageSize() : (pageSize ?? 10);
      const next = rowTarget(event.key, current, count, page);
      if (next === null) return;
      event.preventDefault();
      move(next);
    },
    [move],
  );

  const onFocus = useCallback(
    (event: FocusEvent<E>) => {
      within.current = true;
      const target = event.target as HTMLElement;
      if (target.matches('[data-roving-row]')) focusedRow.current = target;
      // Tab onto the scroller (the active row was scrolled away): bring the row back, it takes focus.
      const { scroller, scrollToIndex } = latest.current;
      if (scroller?.current && target === scroller.current && !restoring.current) scrollToIndex?.(latest.current.active ?? 0);
      // Tab into a list with nothing chosen: the row it lands on is chosen (selection follows focus).
      const { active: current, count, onActive } = latest.current;
      if (current === null && count > 0 && target.id === rowId(0)) onActive(0);
    },
    [rowId],
  );
  const onBlur = useCallback((event: FocusEvent<E>) => {
    const next = event.relatedTarget as Node | null;
    // No next element: a click on nothing, or the focused row was scrolled out of the document
    // (place() tells them apart by whether that row is still connected).
    if (next !== null && !grid.current?.contains(next)) within.current = false;
    if (next === null && focusedRow.current?.isConnected) within.current = false;
  }, []);

  const rowProps = useCallback(
    (index: number): RowProps => ({
      id: rowId(index),
      tabIndex: index === stop ? 0 : -1,
      'aria-selected': index === active,
      'data-roving-row': 'true',
      ...(index === active ? { 'data-active': 'true' as const } : {}),
      onClick: () => latest.current.onActive(index),
    }),
    [rowId, active, stop],
  );

  const focus = useCallback(() => {
    wanted.current = true;
    within.current = true;
    place();
  }, [place]);

  const t = useT();
  const label = options.label ? { 'aria-label': t(options.label) } : {};
  return { gridProps: { ref: grid, onKeyDown, onFocus, onBlur, 'data-roving': 'true', ...label }, rowProps, rowId, focus };
}

const FOCUSABLE = 'a[href], button, summary, input, select, textarea, [tabindex]';
const SAVED = 'data-roving-tabindex';

/**
 * Rows with controls of their own (a note's Edit, a change's event link): the controls of the active
 * row stay in the Tab order, every other row's leave it (tabindex -1, the old value kept to put
 * back), so the list is still one Tab stop plus the row being worked on. Nothing is made inert: a
 * click or a screen reader still reaches every control.
 */
export function confineTabStops(container: HTMLElement, activeRow: Element | null): void {
  for (const row of Array.from(container.querySelectorAll('[data-roving-row]'))) {
    if (row.parentElement?.closest('[data-roving-row]') && container.contains(row.parentElement.closest('[data-roving-row]'))) continue;
    for (const control of Array.from(row.querySelectorAll<HTMLElement>(FOCUSABLE))) {
      if (row === activeRow) {
        const saved = control.getAttribute(SAVED);
        if (saved === null) continue;
        if (saved === '') control.removeAttribute('tabindex');
        else control.setAttribute('tabindex', saved);
        control.removeAttribute(SAVED);
      } else if (control.getAttribute(SAVED) === null) {
        control.setAttribute(SAVED, control.getAttribute('tabindex') ?? '');
        control.setAttribute('tabindex', '-1');
      }
    }
  }
}

/** Applies confineTabStops after every render and whenever rows appear (a history opened, a page loaded). */
function useConfinedTabStops(container: RefObject<HTMLElement | null>, active: number | null | undefined, rowId: (index: number) => string): void {
  useLayoutEffect(() => {
    const element = container.current;
    if (active === undefined || !element) return;
    const apply = () => confineTabStops(element, active === null ? null : document.getElementById(rowId(active)));
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
  });
}

export interface RovingList<E extends HTMLElement> {
  /** Spread on the list (ul/ol/div): arrows move focus between its items. */
  listProps: { ref: RefObject<E | null>; onKeyDown: (event: KeyboardEvent<E>) => void };
  /** Spread on the element of item `index` that takes focus (the item's link, or the item itself). */
  itemProps: (index: number) => { id: string; tabIndex: 0 | -1; 'data-roving-row': 'true'; onFocus: () => void };
}

/**
 * The same keys for a short list whose items are links or hold controls (a path's history, the
 * events between two versions, a diff's changes): a roving tabindex, DOM focus on the item itself,
 * so Enter on a link opens it natively. Not for virtualized lists (focus would leave with the row).
 */
export function useRovingList<E extends HTMLElement = HTMLElement>(count: number, options: { onOpen?: (index: number) => void; pageSize?: number } = {}): RovingList<E> {
  const list = useRef<E | null>(null);
  const prefix = useId();
  const rowId = useCallback((index: number) => `${prefix}item-${index}`, [prefix]);
  const [active, setActive] = useActiveIndex(count);
  const latest = useRef({ count, active, options });
  latest.current = { count, active, options };
  useConfinedTabStops(list, active, rowId);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<E>) => {
      const element = list.current;
      if (!element || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement;
      // Only keys pressed on an item itself (not in its JSON tree, its summary, a nested list).
      if (!target.matches('[data-roving-row]') || target.closest('[data-roving-list]') !== element) return;
      const { count: n, active: current, options: o } = latest.current;
      if (event.key === 'Enter' && o.onOpen && target.tagName !== 'A') {
        event.preventDefault();
        o.onOpen(current);
        return;
      }
      if (event.key === 'j' || event.key === 'k') return; // j/k belong to the screen's main list
      const next = rowTarget(event.key, current, n, o.pageSize ?? 10);
      if (next === null) return;
      event.preventDefault();
      setActive(next);
      document.getElementById(rowId(next))?.focus();
    },
    [rowId, setActive],
  );
  const itemProps = useCallback(
    (index: number) => ({ id: rowId(index), tabIndex: index === active ? (0 as const) : (-1 as const), 'data-roving-row': 'true' as const, onFocus: () => setActive(index) }),
    [rowId, active, setActive],
  );
  const listProps = { ref: list, onKeyDown, 'data-roving-list': '' };
  return { listProps, itemProps } as RovingList<E>;
}

/** The active item of a roving list, kept inside the list as it shrinks. */
function useActiveIndex(count: number): [number, (index: number) => void] {
  const [active, setActive] = useState(0);
  return [Math.min(active, Math.max(0, count - 1)), setActive];
}

/** PageUp/PageDown size for a list of fixed-height rows in a scrolling element. */
export function rowsInView(scroller: RefObject<HTMLElement | null>, rowHeight: number): () => number {
  return () => Math.max(1, Math.floor((scroller.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
}

/** Enter on a row whose click is its first link (a note's target, a change's event): follow it. */
export function followRowLink(id: string): void {
  document.getElementById(id)?.querySelector<HTMLAnchorElement>('a[href]')?.click();
}

/** The visible items of a tree, in reading order (collapsed children are not rendered). */
function treeItems(tree: HTMLElement): HTMLElement[] {
  return Array.from(tree.querySelectorAll<HTMLElement>('[role="treeitem"]'));
}

/**
 * One Tab stop per tree (APG's tree view): the focused item is the Tab stop; ↑/↓, Home/End,
 * PageUp/PageDown move between visible items, → opens a closed item (or goes to its first child),
 * ← closes an open one (or goes to its parent), Enter follows the item's first link. The item's
 * own controls (its toggle, its blame link) stay reachable by Tab from the focused item only. Works
 * on the DOM, so the tree's recursive components need no index of their own.
 */
export function useRovingTree<E extends HTMLElement = HTMLUListElement>(): { ref: RefObject<E | null>; onKeyDown: (event: KeyboardEvent<E>) => void; onFocus: (event: FocusEvent<E>) => void } {
  const tree = useRef<E | null>(null);
  const current = useRef<HTMLElement | null>(null);

  const apply = useCallback(() => {
    const element = tree.current;
    if (!element) return;
    const items = treeItems(element);
    if (!current.current || !current.current.isConnected || !element.contains(current.current)) current.current = items[0] ?? null;
    for (const item of items) item.setAttribute('tabindex', item === current.current ? '0' : '-1');
    for (const control of Array.from(element.querySelectorAll<HTMLElement>(FOCUSABLE))) {
      if (control.matches('[role="treeitem"]')) continue;
      const owner = control.closest('[role="treeitem"]');
      if (owner === current.current) {
        const saved = control.getAttribute(SAVED);
        if (saved === null) continue;
        if (saved === '') control.removeAttribute('tabindex');
        else control.setAttribute('tabindex', saved);
        control.removeAttribute(SAVED);
      } else if (control.getAttribute(SAVED) === null) {
        control.setAttribute(SAVED, control.getAttribute('tabindex') ?? '');
        control.setAttribute('tabindex', '-1');
      }
    }
  }, []);

  useLayoutEffect(() => {
    const element = tree.current;
    if (!element) return;
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [apply]);

  const go = useCallback(
    (item: HTMLElement | null | undefined) => {
      if (!item) return;
      current.current = item;
      apply();
      item.focus();
    },
    [apply],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<E>) => {
      const element = tree.current;
      const target = event.target as HTMLElement;
      if (!element || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      // Keys on an item itself; its own link or toggle keeps its keys.
      if (!target.matches('[role="treeitem"]')) return;
      const items = treeItems(element);
      const at = items.indexOf(target);
      if (at < 0) return;
      const expanded = target.getAttribute('aria-expanded');
      const toggle = () => target.querySelector<HTMLElement>(':scope > .json-toggle')?.click();
      let next: HTMLElement | null | undefined;
      if (event.key === 'ArrowRight') {
        if (expanded === 'false') toggle();
        else if (expanded === 'true') next = items[at + 1]?.parentElement?.closest('[role="treeitem"]') === target ? items[at + 1] : undefined;
      } else if (event.key === 'ArrowLeft') {
        if (expanded === 'true') toggle();
        else next = target.parentElement?.closest<HTMLElement>('[role="treeitem"]');
      } else if (event.key === 'Enter') {
        const link = target.querySelector<HTMLAnchorElement>('a[href]');
        if (!link || link.closest('[role="treeitem"]') !== target) return;
        event.preventDefault();
        link.click();
        return;
      } else if (event.key === 'j' || event.key === 'k') {
        return;
      } else {
        const index = rowTarget(event.key, at, items.length, 10);
        if (index === null) return;
        next = items[index];
      }
      event.preventDefault();
      go(next);
    },
    [go],
  );

  const onFocus = useCallback(
    (event: FocusEvent<E>) => {
      const target = event.target as HTMLElement;
      const item = target.matches('[role="treeitem"]') ? target : null;
      if (item && item !== current.current) {
        current.current = item;
        apply();
      }
    },
    [apply],
  );

  return { ref: tree, onKeyDown, onFocus };
}
