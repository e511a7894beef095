// Which clock the screens read times in: UTC (the default: what the store records and what an audit
// report quotes) or the reader's local zone. Chosen in the header, remembered, and `?tz=local|utc` in
// the address for links and tests. Every displayed time names its zone (`Z`, or the offset such as
// `+05:30`), so a screenshot never leaves the zone to guesswork.
export type TimeMode = 'utc' | 'local';

export const TIME_MODE_KEY = 'ledger.timeZone';
const listeners = new Set<() => void>();

function initialMode(): TimeMode {
  if (typeof window === 'undefined') return 'utc';
  const param = new URLSearchParams(window.location.search).get('tz');
  if (param === 'local' || param === 'utc') return param;
  try {
    return window.localStorage.getItem(TIME_MODE_KEY) === 'local' ? 'local' : 'utc';
  } catch {
    return 'utc'; // storage refused (private window): UTC, the audit default
  }
}

let mode: TimeMode = initialMode();
// CSS widens the time columns for local times, which carry their offset.
const markDocument = () => {
  if (typeof document !== 'undefined') document.documentElement.dataset.clock = mode;
};
markDocument();
// The reader's zone as the runtime knows it; tests may pin another one.
let localZone: string = new Intl.DateTimeFormat().resolvedOptions().timeZone;

export const getTimeMode = (): TimeMode => mode;
export const getLocalZone = (): string => localZone;

/** For components: re-render when the mode changes (`useSyncExternalStore(subscribeTimeMode, getTimeMode)`). */
export function subscribeTimeMode(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setTimeMode(next: TimeMode): void {
  if (next === mode) return;
  mode = next;
  markDocument();
  if (typeof window !== 'undefined') {
    try {
      window.localStorage.setItem(TIME_MODE_KEY, next);
    } catch {
      // storage refused: the choice lasts for this window only
    }
    const params = new URLSearchParams(window.location.search);
    if (params.has('tz')) {
      params.set('tz', next);
      window.history.replaceState(null, '', `${window.location.pathname}?${params.toString()}${window.location.hash}`);
    }
  }
  for (const listener of listeners) listener();
}

/** Tests only: read times in a given zone without touching the process's TZ. */
export function pinLocalZoneForTests(zone: string): void {
  localZone = zone;
  for (const listener of listeners) listener();
}
