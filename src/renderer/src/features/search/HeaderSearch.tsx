// The one search box, in the header. Enter opens the results (#/search?q=…); on the results screen
// the box shows the search in view. `/` focuses it from any screen except the streams list, whose
// filter keeps `/` (that box finds streams by id as you type; this one searches the events), and
// except when a dialog is open (its own field wins, keyboard.ts). It listens in the capture phase,
// so it decides before the global shortcut handler (which then sees the key as handled).
import { useT } from '../../i18n/index.ts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isTypingTarget } from '../../app/keyboard.ts';
import { hrefs, navigate, type Route } from '../../app/routes.ts';
import { SEARCH_QUERY_MAX } from './searchText.ts';
import './search.css';

/** Screens whose own box keeps `/`. */
const OWN_SLASH: Route['name'][] = ['streams'];

export function HeaderSearch({ route }: { route: Route }) {
  const t = useT();
  const shown = route.name === 'search' ? route.q : '';
  const [text, setText] = useState(shown);
  const input = useRef<HTMLInputElement>(null);
  // A new search in view (a facet click, a link, back/forward) shows in the box.
  useEffect(() => setText(shown), [shown]);

  const routeName = route.name;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]') || OWN_SLASH.includes(routeName)) return;
      const box = input.current;
      if (!box) return;
      event.preventDefault();
      box.focus();
      box.select();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [routeName]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = text.trim();
    if (!q) return;
    // A new search starts in the language; "search literally" is offered when it does not parse.
    navigate(hrefs.search(q));
  };

  return (
    <form className="header-search" role="search" onSubmit={submit} aria-label={t('search.box.label')}>
      <input
        ref={input}
        type="search"
        value={text}
        maxLength={SEARCH_QUERY_MAX}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('search.box.placeholder')}
        spellCheck={false}
        aria-label={t('search.box.label')}
        title={t('search.box.title')}
        data-testid="header-search"
      />
    </form>
  );
}
