// One Tab stop per table: the grid itself takes focus and points at its active row with
// aria-activedescendant, so a virtualized list keeps focus while its rows come and go. ↑/↓ (and j/k),
// Home/End and PageUp/PageDown move the active row, Enter opens it (what a click on it does).
import { useCallback, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
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
  /** Virtualized lists: bring the row into view (the virtualizer renders it, then it is announced). */
  scrollToIndex?: (index: number) => void;
  /** Rows per PageUp/PageDown: a number, or measured when the key is pressed. */
  pageSize?: number | (() => number);
  /** Rows hold their own links or buttons: only the active row's stay Tab stops (see confineTabStops). */
  confine?: boolean;
}

export interface RovingRows<E extends HTMLElement> {
  /** Spread on the element with role="grid" (or "listbox"): the one Tab stop. */
  gridProps: {
    ref: RefObject<E | null>;
    tabIndex: 0;
    onKeyDown: (event: KeyboardEvent<E>) => void;
    'data-roving': 'true';
  };
  /** Spread on row `index` (role="row" / "option"): its id, selection and click. */
  rowProps: (index: number) => { id: string; 'aria-selected': boolean; 'data-roving-row': 'true'; 'data-active'?: 'true'; onClick: () => void };
  rowId: (index: number) => string;
}

/** Keys that mean something else to the element they were pressed in (a button, a link, a field). */
function ownKeys(target: EventTarget, grid: HTMLElement): boolean {
  if (target === grid) return false;
  return target instanceof HTMLElement && target.closest('a, button, input, select, textarea, summary, [contenteditable="true"]') !== null;
}

export function useRovingRows<E extends HTMLElement = HTMLDivElement>(options: RovingRowsOptions): RovingRows<E> {
  const grid = useRef<E | null>(null);
  const prefix = useId();
  const rowId = useCallback((index: number) => `${prefix}row-${index}`, [prefix]);
  const latest = useRef(options);
  latest.current = options;
  const { active } = options;

  // aria-activedescendant must name a row that is in the document: a virtualized row scrolled away
  // is not, and then the grid names none (rather than an id axe would rightly call broken).
  useLayoutEffect(() => {
    const element = grid.current;
    if (!element) return;
    const row = active === null ? null : document.getElementById(rowId(active));
    if (row && element.contains(row)) {
      element.setAttribute('aria-activedescendant', row.id);
      if (document.activeElement === element && !latest.current.scrollToIndex) row.scrollIntoView?.({ block: 'nearest' });
    } else element.removeAttribute('aria-activedescendant');
  });
  useConfinedTabStops(grid, options.confine ? active : undefined, rowId);

  const onKeyDown = useCallback((event: KeyboardEvent<E>) => {
    const element = grid.current;
    if (!element || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (ownKeys(event.target, element)) return;
    const { count, active: current, onActive, onOpen, scrollToIndex, pageSize } = latest.current;
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
    if (next !== current) onActive(next);
    scrollToIndex?.(next);
  }, []);

  const rowProps = useCallback(
    (index: number) => ({
      id: rowId(index),
      'aria-selected': index === active,
      'data-roving-row': 'true' as const,
      ...(index === active ? { 'data-active': 'true' as const } : {}),
      onClick: () => latest.current.onActive(index),
    }),
    [rowId, active],
  );

  return { gridProps: { ref: grid, tabIndex: 0, onKeyDown, 'data-roving': 'true' }, rowProps, rowId };
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
