import { useEffect, useState } from 'react';
import type { OpenedStore } from '../../shared/contract.ts';
import { api } from './api.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';

export function App() {
  const [store, setStore] = useState<OpenedStore | null>(null);
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    void api.currentStore().then((r) => r.ok && setStore(r.value));
    const off = api.onStoreChanged(setStore);
    const onHash = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => {
      off();
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
  return (
    <ErrorBoundary resetKey={hash}>
      <main data-testid="app">
        <h1>Replay Ledger</h1>
        <p data-testid="store-path">{store ? `${store.info.path} — ${store.stats.events} events` : 'No store open'}</p>
      </main>
    </ErrorBoundary>
  );
}
