// The global bar: where you are, which file is open (and that it is read-only), running exports.
import type { Route } from './routes.ts';
import { hrefs } from './routes.ts';
import { IntegrityBadge } from './IntegrityBadge.tsx';
import { useStore } from './StoreContext.tsx';
import { JobsTray } from '../features/export/JobsTray.tsx';
import { HeaderSearch } from '../features/search/HeaderSearch.tsx';
import { baseName } from '../lib/format.ts';
import { SafeText } from '../lib/safeText.tsx';
import { MaskingSwitch } from '../features/masking/MaskingSwitch.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { TimeZoneSwitch } from './TimeZoneSwitch.tsx';
import { useT } from '../i18n/index.ts';
import { EVIDENCE_ROUTES } from '../features/evidence/EvidenceTabs.tsx';

function NavLink({ href, active, children, testId }: { href: string; active: boolean; children: string; testId: string }) {
  return (
    <a href={href} className={`nav-link${active ? ' active' : ''}`} aria-current={active ? 'page' : undefined} data-testid={testId}>
      {children}
    </a>
  );
}

export function Header({ route, onHelp }: { route: Route; onHelp: () => void }) {
  const { store, appInfo, newEvents, refresh, following, setFollowing, integrity } = useStore();
  const t = useT();
  const counts = store ? { events: t('common.events', { count: store.stats.events }), streams: t('common.streams', { count: store.stats.streams }) } : undefined;
  const inStreams = route.name === 'streams' || route.name === 'stream' || route.name === 'state' || route.name === 'diff' || route.name === 'event' || route.name === 'whatif' || route.name === 'drift';
  return (
    <header className="app-header">
      <a href={hrefs.start()} className="brand" aria-label={t('header.brand.label')}>
        <span className="brand-mark" aria-hidden="true">
          ◧
        </span>
        {t('header.brand')}
      </a>
      <nav className="nav" aria-label={t('header.nav')}>
        <NavLink href={hrefs.start()} active={route.name === 'start' || route.name === 'import'} testId="nav-start">
          {t('header.nav.start')}
        </NavLink>
        <NavLink href={hrefs.streams()} active={inStreams} testId="nav-streams">
          {t('header.nav.streams')}
        </NavLink>
        <NavLink href={hrefs.timeline()} active={route.name === 'timeline'} testId="nav-timeline">
          {t('header.nav.timeline')}
        </NavLink>
        <NavLink href={hrefs.verify()} active={route.name === 'verify'} testId="nav-verify">
          {t('header.nav.verify')}
        </NavLink>
        <NavLink href={hrefs.projections()} active={route.name === 'projections'} testId="nav-projections">
          {t('header.nav.projections')}
        </NavLink>
        <NavLink href={store ? hrefs.notes() : hrefs.keys()} active={EVIDENCE_ROUTES.has(route.name)} testId="nav-evidence">
          {t('evidence.nav')}
        </NavLink>
      </nav>
      <div className="header-store" data-testid="header-store">
        {store ? (
          <>
            <span className="store-name" title={t('header.store.title', { path: store.info.path, ...counts })} data-testid="store-name">
              <SafeText text={baseName(store.info.path)} max={80} />
            </span>
            <span className="muted small header-counts" title={t('header.counts', counts)}>
              {t('header.counts', counts)}
            </span>
            <IntegrityBadge status={integrity} />
            <button
              type="button"
              className={`header-button live-follow${following ? ' on' : ''}`}
              aria-pressed={following}
              onClick={() => setFollowing(!following)}
              title={following ? t('header.following.title') : t('header.follow.title')}
              data-testid="live-follow"
            >
              <span className="live-dot" aria-hidden="true" />
              <span className="header-button-label">{following ? t('header.following') : t('header.follow')}</span>
            </button>
            {newEvents > 0 && (
              <button
                type="button"
                className="header-button live-refresh"
                onClick={refresh}
                title={t('header.newEvents.title')}
                data-testid="live-refresh"
              >
                {t('header.newEvents', { count: newEvents })}
              </button>
            )}
            {store.info.readonly && (
              <span className="badge badge-readonly" title={t('header.readOnly.title')} data-testid="readonly-badge">
                {t('header.readOnly')}
              </span>
            )}
          </>
        ) : (
          <span className="muted" data-testid="store-name">
            {t('header.noStore')}
          </span>
        )}
      </div>
      <div className="header-tools">
        {store && <HeaderSearch route={route} />}
        {store && <MaskingSwitch onChanged={refresh} />}
        <JobsTray />
        <LanguageSwitch />
        <TimeZoneSwitch />
        {appInfo && (
          <span className="muted small header-mode" title={t('header.version.title', { version: appInfo.version })}>
            {appInfo.mode === 'browser' ? t('header.mode.browser') : t('header.mode.desktop')}
          </span>
        )}
        <button type="button" className="header-button" onClick={onHelp} aria-label={t('header.help')} title={t('header.help.title')} data-testid="help-button">
          ?
        </button>
      </div>
    </header>
  );
}
