// The viewer's own records share one place in the header ("Evidence") and a tab bar here: case
// notes, the activity log and the signing key. Three more top-level links did not fit a 1280 px
// header beside the store's name, its verdict and the tools.
import { hrefs, type Route } from '../../app/routes.ts';
import { useT } from '../../i18n/index.ts';
import './evidence.css';

export const EVIDENCE_ROUTES: ReadonlySet<Route['name']> = new Set(['notes', 'activity', 'keys']);

const TABS = [
  { name: 'notes', label: 'evidence.tab.notes', href: () => hrefs.notes(), testId: 'nav-notes' },
  { name: 'activity', label: 'evidence.tab.activity', href: () => hrefs.activity(), testId: 'nav-activity' },
  { name: 'keys', label: 'evidence.tab.keys', href: () => hrefs.keys(), testId: 'nav-keys' },
] as const;

export function EvidenceTabs({ current, storeOpen }: { current: 'notes' | 'activity' | 'keys'; storeOpen: boolean }) {
  const t = useT();
  return (
    <nav className="evidence-tabs" aria-label={t('evidence.tabs')}>
      {TABS.filter((tab) => storeOpen || tab.name === 'keys').map((tab) => (
        <a
          key={tab.name}
          href={tab.href()}
          className={`evidence-tab${tab.name === current ? ' active' : ''}`}
          aria-current={tab.name === current ? 'page' : undefined}
          data-testid={tab.testId}
        >
          {t(tab.label)}
        </a>
      ))}
    </nav>
  );
}
