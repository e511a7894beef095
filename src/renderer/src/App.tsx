// The app frame: providers, the global header, and one screen per route, each inside its own error
// boundary (keyed by the open store, so opening another file or refreshing after appends starts
// every screen afresh).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Header } from './app/Header.tsx';
import { ProblemBanner } from './app/ProblemBanner.tsx';
import { ShortcutsHelp } from './app/ShortcutsHelp.tsx';
import { MAIN_ID, SkipLink } from './app/SkipLink.tsx';
import { StoreProvider, useStore } from './app/StoreContext.tsx';
import { useGlobalShortcuts } from './app/keyboard.ts';
import { useMainLanguage } from './app/useMainLanguage.ts';
import type { Route } from './app/routes.ts';
import { hrefs } from './app/routes.ts';
import { useRoute } from './app/useRoute.ts';
import { EmptyState, ErrorView, Loading } from './components/StatusViews.tsx';
import { DiffScreen } from './features/diff/DiffScreen.tsx';
import { EventAtPosition } from './features/events/EventAtPosition.tsx';
import { JobsProvider } from './features/export/JobsContext.tsx';
import { StartScreen } from './features/start/StartScreen.tsx';
import { StateScreen } from './features/state/StateScreen.tsx';
import { StreamScreen } from './features/stream/StreamScreen.tsx';
import { StreamsScreen } from './features/streams/StreamsScreen.tsx';
import { TimelineScreen } from './features/timeline/TimelineScreen.tsx';
import { ImportScreen } from './features/import/ImportScreen.tsx';
import { SearchScreen } from './features/search/SearchScreen.tsx';
import { VerifyScreen } from './features/verify/VerifyScreen.tsx';
import { ProjectionsScreen } from './features/projections/ProjectionsScreen.tsx';
import { WhatIfScreen } from './features/whatif/WhatIfScreen.tsx';
import { DriftScreen } from './features/drift/DriftScreen.tsx';
import { KeysScreen } from './features/keys/KeysScreen.tsx';
import { ActivityScreen } from './features/activity/ActivityScreen.tsx';
import { NotesScreen } from './features/notes/NotesScreen.tsx';
import { Message } from './i18n/Message.tsx';
import { useT } from './i18n/index.ts';
import './styles/base.css';
import './styles/layout.css';

function Screen({ route }: { route: Route }) {
  const { store, checking, startupError } = useStore();
  const t = useT();
  if (route.name === 'start') return <StartScreen />;
  // Importing makes a new store: it needs no open one.
  if (route.name === 'import') return <ImportScreen />;
  // The signing key belongs to the viewer, not to a store.
  if (route.name === 'keys') return <KeysScreen />;
  if (checking) return <Loading label={t('app.connecting')} />;
  if (startupError && startupError.code !== 'NO_STORE_OPEN') return <ErrorView error={startupError} />;
  if (!store) {
    return (
      <EmptyState title={t('app.noStore.title')} testId="no-store">
        <Message k="app.noStore.body" components={{ open: <a href={hrefs.start()} /> }} />
      </EmptyState>
    );
  }
  switch (route.name) {
    case 'streams':
      return <StreamsScreen query={route.query} />;
    case 'stream':
      return <StreamScreen streamId={route.streamId} version={route.version} />;
    case 'state':
      return <StateScreen streamId={route.streamId} version={route.version} projection={route.projection} />;
    case 'diff':
      return <DiffScreen streamId={route.streamId} from={route.from} to={route.to} projection={route.projection} />;
    case 'timeline':
      return <TimelineScreen filters={route.filters} />;
    case 'event':
      return <EventAtPosition position={route.position} />;
    case 'verify':
      return <VerifyScreen />;
    case 'projections':
      return <ProjectionsScreen />;
    case 'whatif':
      return <WhatIfScreen streamId={route.streamId} version={route.version} projection={route.projection} />;
    case 'drift':
      return <DriftScreen streamId={route.streamId} version={route.version} projection={route.projection} />;
    case 'search':
      return <SearchScreen q={route.q} literal={route.literal} />;
    case 'activity':
      return <ActivityScreen all={route.all} />;
    case 'notes':
      return <NotesScreen />;
    case 'unknown':
      return (
        <EmptyState title={t('app.unknown.title')} testId="unknown-route">
          <Message k="app.unknown.body" values={{ link: route.hash.slice(0, 200) }} components={{ code: <code />, start: <a href={hrefs.start()} /> }} />
        </EmptyState>
      );
  }
}

/**
 * Screens keyed by area, so moving within a stream (j/k, slider) keeps the screen mounted. The start
 * and import screens are not restarted when the open store changes: they are where it changes, and
 * what was typed there (a path, a mapping) must survive the store arriving.
 */
function screenKey(route: Route, viewKey: string): string {
  switch (route.name) {
    case 'stream':
    case 'state':
    case 'diff':
    case 'whatif':
    case 'drift':
      return `${viewKey}|${route.name}:${route.streamId}`;
    case 'start':
    case 'import':
      return route.name;
    default:
      return `${viewKey}|${route.name}`;
  }
}

/**
 * A new screen replaced the element that had focus (Enter on a row, a link): focus goes to the
 * screen's main region rather than back to the page's start, so the next Tab is in the new screen.
 * Not on the screen the page opened on: there the first Tab stop stays the skip link.
 */
function useFocusAfterScreenChange(key: string, hash: string): void {
  // Until the first navigation: the store arriving after the page loads restarts the screen too.
  const firstHash = useRef<string | null>(hash);
  useEffect(() => {
    if (firstHash.current !== null) {
      if (hash === firstHash.current) return;
      firstHash.current = null;
    }
    const active = document.activeElement;
    if (active === null || active === document.body) document.getElementById(MAIN_ID)?.focus({ preventScroll: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}

function Frame() {
  const { hash, route } = useRoute();
  const { viewKey } = useStore();
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  useGlobalShortcuts(toggleHelp);
  useMainLanguage();
  const key = screenKey(route, viewKey);
  useFocusAfterScreenChange(key, hash);
  return (
    <div className="app" data-testid="app" data-route={route.name}>
      <SkipLink />
      <Header route={route} onHelp={toggleHelp} />
      <ProblemBanner />
      <main className="app-main" id={MAIN_ID} tabIndex={-1}>
        <ErrorBoundary key={key} resetKey={hash}>
          <Screen route={route} />
        </ErrorBoundary>
      </main>
      {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

export function App() {
  const t = useT();
  // The outer boundary catches what the per-screen ones cannot (the header, the providers).
  return (
    <ErrorBoundary what={t('app.theApplication')}>
      <StoreProvider>
        <JobsProvider>
          <Frame />
        </JobsProvider>
      </StoreProvider>
    </ErrorBoundary>
  );
}
