// The current hash route; re-renders on hashchange (including our own replaceState navigations).
import { useEffect, useState } from 'react';
import { parseRoute, type Route } from './routes.ts';

export function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onHash = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return hash;
}

export function useRoute(): { hash: string; route: Route } {
  const hash = useHash();
  return { hash, route: parseRoute(hash) };
}
