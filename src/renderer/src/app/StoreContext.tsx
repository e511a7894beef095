// The open store and the app facts, for every screen. Main pushes `store/changed` whenever the open
// file changes (from this window or another client of the same session) and `store/appended` when
// another process appended to it (live tail). A new file starts every screen afresh. Appended events
// update the counts; while following (the default), `tail` ticks and the live screens (streams list,
// open stream, timeline) fold the new events in where they are, keeping scroll and selection; with
// following off, the header offers a refresh instead, so nobody loses their place mid-audit.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppInfo, OpenedStore, ProjectionFolderView } from '../../../shared/contract.ts';
import type { ErrorInfo } from '../../../shared/result.ts';
import type { IntegrityStatus } from '../../../shared/verify.ts';
import { api } from '../api.ts';

export interface StoreContextValue {
  appInfo: AppInfo | null;
  store: OpenedStore | null;
  /** True until the first answer about the open store arrived. */
  checking: boolean;
  /** The connection to main / the bridge failed at start. */
  startupError: ErrorInfo | null;
  setStore: (store: OpenedStore | null) => void;
  /** Events appended by another process since the screens last loaded. */
  newEvents: number;
  /** Reloads every screen's data (after appends). */
  refresh: () => void;
  /** Changes when screens must start afresh: another file, or a refresh. */
  viewKey: string;
  /** Live tail: fold appended events into the screens as they arrive. */
  following: boolean;
  setFollowing: (on: boolean) => void;
  /** Ticks each time appended events should be folded in (following). */
  tail: number;
  /** The open store's background verification (progress or verdict); null until known. */
  integrity: IntegrityStatus | null;
  /**
   * Ticks when the projections changed (a module saved in the projections folder, another folder):
   * the state, diff and what-if views ask again in place, keeping the version and choices on screen.
   */
  projectionsKey: number;
  /** The folder as the last push described it (the Projections panel also asks for it itself). */
  projectionFolder: ProjectionFolderView | null;
}

const FOLLOW_KEY = 'replay-ledger.follow';

function initialFollowing(): boolean {
  try {
    return localStorage.getItem(FOLLOW_KEY) !== 'off';
  } catch {
    return true;
  }
}

const StoreContext = createContext<StoreContextValue | null>(null);

export function StoreProvider({ children }: { children: ReactNode }) {
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);
  const [store, setStoreState] = useState<OpenedStore | null>(null);
  const [checking, setChecking] = useState(true);
  const [startupError, setStartupError] = useState<ErrorInfo | null>(null);
  const [generation, setGeneration] = useState(0);
  const [newEvents, setNewEvents] = useState(0);
  const [following, setFollowingState] = useState(initialFollowing);
  const [tail, setTail] = useState(0);
  const [integrityState, setIntegrity] = useState<IntegrityStatus | null>(null);
  const [projectionsKey, setProjectionsKey] = useState(0);
  const [projectionFolder, setProjectionFolder] = useState<ProjectionFolderView | null>(null);
  const followingRef = useRef(following);
  followingRef.current = following;
  const newEventsRef = useRef(newEvents);
  newEventsRef.current = newEvents;

  const setStore = useCallback((next: OpenedStore | null) => {
    setStoreState(next);
    setNewEvents(0);
  }, []);

  useEffect(() => {
    let live = true;
    void Promise.all([api.appInfo(), api.currentStore()]).then(([info, current]) => {
      if (!live) return;
      if (info.ok) setAppInfo(info.value);
      if (current.ok) setStoreState(current.value);
      else setStartupError(current.error);
      setChecking(false);
    });
    const offChanged = api.onStoreChanged((next) => setStore(next));
    const offIntegrity = api.onIntegrityStatus((status) => setIntegrity(status));
    const offProjections = api.onProjectionsChanged((folder) => {
      setProjectionFolder(folder);
      setProjectionsKey((k) => k + 1);
    });
    const offAppended = api.onStoreAppended((change) => {
      setStoreState((current) => (current ? { ...current, stats: change.stats } : current));
      if (followingRef.current) setTail((t) => t + 1);
      else setNewEvents((n) => n + Math.max(0, change.stats.events - change.previous.events));
    });
    return () => {
      live = false;
      offChanged();
      offAppended();
      offIntegrity();
      offProjections();
    };
  }, [setStore]);

  // The verdict may have been reached before this window subscribed: ask for it per opening.
  const openId = store?.openId ?? null;
  useEffect(() => {
    if (openId === null) return;
    let live = true;
    void api.integrityStatus().then((result) => {
      if (!live || !result.ok || !result.value) return;
      const fetched = result.value;
      // A push may already have brought a newer answer for the same opening: keep the later one.
      setIntegrity((current) => (current && current.openId === fetched.openId && current.status !== 'checking' ? current : fetched));
    });
    return () => {
      live = false;
    };
  }, [openId]);
  // Only the status of the opening on screen counts (a push for an older one may arrive late).
  const integrity = integrityState && store && integrityState.openId === store.openId ? integrityState : null;

  const refresh = useCallback(() => {
    setGeneration((g) => g + 1);
    setNewEvents(0);
  }, []);

  const setFollowing = useCallback((on: boolean) => {
    setFollowingState(on);
    try {
      localStorage.setItem(FOLLOW_KEY, on ? 'on' : 'off');
    } catch {
      // storage refused: the choice lasts for this window only
    }
    if (on) {
      // Catch up in place with what arrived while not following.
      if (newEventsRef.current > 0) setTail((t) => t + 1);
      setNewEvents(0);
    }
  }, []);

  // Another opening (even of the same file) or a refresh starts the screens afresh.
  const viewKey = `${generation}|${store ? `${store.openId}:${store.info.path}` : 'none'}`;
  return (
    <StoreContext.Provider value={{ appInfo, store, checking, startupError, setStore, newEvents, refresh, viewKey, following, setFollowing, tail, integrity, projectionsKey, projectionFolder }}>
      {children}
    </StoreContext.Provider>
  );
}

export function useStore(): StoreContextValue {
  const value = useContext(StoreContext);
  if (!value) throw new Error('useStore outside StoreProvider');
  return value;
}
