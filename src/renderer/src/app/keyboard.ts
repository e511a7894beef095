// Keyboard navigation. Global: `/` focuses the current screen's search field (any element marked
// data-search), `?` shows the shortcuts, `g` then `s`/`t`/`i`/`h` goes to streams/timeline/integrity/start.
// Lists register j/k (and Enter) through useListKeys. Typing in a field never triggers a shortcut.
import { useEffect, useRef } from 'react';
import { hrefs, navigate } from './routes.ts';

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['range', 'checkbox', 'radio', 'button', 'submit'].includes(target.type);
  return false;
}

function visible(element: HTMLElement): boolean {
  return element.offsetParent !== null || element.getClientRects().length > 0;
}

export function focusSearch(): boolean {
  const fields = Array.from(document.querySelectorAll<HTMLElement>('[data-search]')).filter(visible);
  // A dialog's own search wins over the screen behind it.
  const target = fields.find((f) => f.closest('dialog[open]')) ?? fields[0];
  if (!target) return false;
  target.focus();
  if (target instanceof HTMLInputElement) target.select();
  return true;
}

export function useGlobalShortcuts(onHelp: () => void): void {
  const pendingG = useRef(0);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Escape' && isTypingTarget(event.target) && !(event.target as HTMLElement).closest('dialog')) {
        // Leave the field with its text: a search field would otherwise clear itself on Escape.
        event.preventDefault();
        (event.target as HTMLElement).blur();
        return;
      }
      if (isTypingTarget(event.target)) return;
      if (event.key === '/') {
        if (focusSearch()) event.preventDefault();
        return;
      }
      if (event.key === '?') {
        event.preventDefault();
        onHelp();
        return;
      }
      const now = Date.now();
      if (event.key === 'g') {
        pendingG.current = now;
        return;
      }
      if (now - pendingG.current < 1200) {
        const target = { s: hrefs.streams(), t: hrefs.timeline(), i: hrefs.verify(), h: hrefs.start() }[event.key];
        pendingG.current = 0;
        if (target) {
          event.preventDefault();
          navigate(target);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onHelp]);
}

export interface ListKeys {
  next: () => void;
  previous: () => void;
  open?: () => void;
}

/** j/k (and ↓/↑ when the list has focus) move through a list; Enter opens the selection. */
export function useListKeys(keys: ListKeys, enabled = true): void {
  const ref = useRef(keys);
  ref.current = keys;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (event.key === 'j') {
        event.preventDefault();
        ref.current.next();
      } else if (event.key === 'k') {
        event.preventDefault();
        ref.current.previous();
      } else if (event.key === 'Enter' && ref.current.open && (event.target === document.body || (event.target as HTMLElement).matches?.('main, [data-list-keys]'))) {
        event.preventDefault();
        ref.current.open();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
