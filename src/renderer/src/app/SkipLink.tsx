// "Skip to content": the first Tab stop of every screen, hidden until focused. The app routes by
// hash, so the link does not navigate: it moves focus to the screen's main region.
import { useT } from '../i18n/index.ts';
import './skipLink.css';

export const MAIN_ID = 'main-content';

export function SkipLink() {
  const t = useT();
  return (
    <a
      className="skip-link"
      href={`#${MAIN_ID}`}
      data-testid="skip-link"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(MAIN_ID)?.focus();
      }}
    >
      {t('keyboard.skip')}
    </a>
  );
}
