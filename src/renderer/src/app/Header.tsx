// The global bar: where you are, which file is open (and that it is read-only), running exports.
import type { Route } from './routes.ts';
import { hrefs } from './routes.ts';
import { IntegrityBadge } from './IntegrityBadge.tsx';
import { useStore } from './StoreContext.tsx';
import { JobsTray } from '../features/export/JobsTray.tsx';
import { HeaderSearch } from '../features/search/HeaderSearch.tsx';
import { baseName, formatCount } from '../lib/format.ts';
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
  const inStreams = route.name === 'streams' || route.name === 'stream' || route.name === 'state' || route.name === 'diff' || route.name === 'event' || route.name === 'whatif' || route.name === 'drift';
  return (
    <header className="app-header">
      <a href={hrefs.start()} className="brand" aria-label="Replay Ledger start screen">
        <span className="brand-mark" aria-hidden="true">
          ◧
        </span>
        Replay Ledger
      </a>
      <nav className="nav" aria-label="Main">
        <NavLink href={hrefs.start()} active={route.name === 'start' || route.name === 'import'} testId="nav-start">
          Store
        </NavLink>
        <NavLink href={hrefs.streams()} active={inStreams} testId="nav-streams">
          Streams
        </NavLink>
        <NavLink href={hrefs.timeline()} active={route.name === 'timeline'} testId="nav-timeline">
          Timeline
        </NavLink>
        <NavLink href={hrefs.verify()} active={route.name === 'verify'} testId="nav-verify">
          Integrity
        </NavLink>
        <NavLink href={hrefs.projections()} active={route.name === 'projections'} testId="nav-projections">
          Projections
        </NavLink>
        <NavLink href={store ? hrefs.notes() : hrefs.keys()} active={EVIDENCE_ROUTES.has(route.name)} testId="nav-evidence">
          {t('evidence.nav')}
        </NavLink>
      </nav>
      <div className="header-store" data-testid="header-store">
        {store ? (
          <>
            <span className="store-name" title={`${store.info.path} — ${formatCount(store.stats.events)} events · ${formatCount(store.stats.streams)} streams`} data-testid="store-name">
              <SafeText text={baseName(store.info.path)} max={80} />
            </span>
            <span className="muted small header-counts" title={`${formatCount(store.stats.events)} events · ${formatCount(store.stats.streams)} streams`}>
              {formatCount(store.stats.events)} events · {formatCount(store.stats.streams)} streams
            </span>
            <IntegrityBadge status={integrity} />
            <button
              type="button"
              className={`header-button live-follow${following ? ' on' : ''}`}
              aria-pressed={following}
              onClick={() => setFollowing(!following)}
              title={
                following
                  ? 'Following: events appended by another process appear in the streams list, the open stream and the timeline by themselves. Click to stop.'
                  : 'Not following: appended events are announced here and shown after a refresh. Click to follow.'
              }
              data-testid="live-follow"
            >
              <span className="live-dot" aria-hidden="true" />
              {following ? 'Following' : 'Follow'}
            </button>
            {newEvents > 0 && (
              <button
                type="button"
                className="header-button live-refresh"
                onClick={refresh}
                title="Another process appended to this store. Reload the screens to include the new events."
                data-testid="live-refresh"
              >
                +{formatCount(newEvents)} new event{newEvents === 1 ? '' : 's'} · Refresh
              </button>
            )}
            {store.info.readonly && (
              <span className="badge badge-readonly" title="Opened read-only: nothing in this file can be changed from the viewer." data-testid="readonly-badge">
                read-only
              </span>
            )}
          </>
        ) : (
          <span className="muted" data-testid="store-name">
            No store open
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
          <span className="muted small header-mode" title={`Replay Ledger ${appInfo.version}`}>
            {appInfo.mode === 'browser' ? 'browser mode' : 'desktop'}
          </span>
        )}
        <button type="button" className="header-button" onClick={onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" data-testid="help-button">
          ?
        </button>
      </div>
    </header>
  );
}
