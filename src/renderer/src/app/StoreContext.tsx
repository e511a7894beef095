// The open store and the app facts, for every screen. Main pushes `store/changed` whenever the open
// file changes (from this window or another client of the same session), so screens re-key on it.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AppInfo, OpenedStore } from '../../../shared/contract.ts';
import type { ErrorInfo } from '../../../shared/result.ts';
import { api } from '../api.ts';

export interface StoreContextValue {
  appInfo: AppInfo | null;
  store: OpenedStore | null;
  /** True until the first answer about the open store arrived. */
  checking: boolean;
  /** The connection to main / the bridge failed at start. */
  startupError: ErrorInfo | null;
  setStore: (store: OpenedStore | null) => void;
}

const StoreContext = createContext<StoreContextValue | null>(null);

export function StoreProvider({ children }: { children: ReactNode }) {
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);
  const [store, setStore] = useState<OpenedStore | null>(null);
  const [checking, setChecking] = useState(true);
  const [startupError, setStartupError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([api.appInfo(), api.currentStore()]).then(([info, current]) => {
      if (!live) return;
      if (info.ok) setAppInfo(info.value);
      if (current.ok) setStore(current.value);
      else setStartupError(current.error);
      setChecking(false);
    });
    const off = api.onStoreChanged((next) => setStore(next));
    return () => {
      live = false;
      off();
    };
  }, []);

  return <StoreContext.Provider value={{ appInfo, store, checking, startupError, setStore }}>{children}</StoreContext.Provider>;
}

export function useStore(): StoreContextValue {
  const value = useContext(StoreContext);
  if (!value) throw new Error('useStore outside StoreProvider');
  return value;
}

/** Changes whenever another file is opened, so screens can reset their caches. */
export function storeKey(store: OpenedStore | null): string {
  return store ? `${store.info.path}|${store.stats.events}|${store.stats.chainHead ?? ''}` : 'none';
}
