// The renderer's typed client. In Electron it is the preload's `window.ledger`; in browser mode the
// same methods go to the loopback bridge (token from the URL, kept for reloads in sessionStorage).
import { CHANNELS, PUSH_CHANNELS, type Channel } from '../../shared/channels.ts';
import type { AppProblem, LedgerApi, OpenedStore, ProjectionFolderView, StoreAppended } from '../../shared/contract.ts';
import type { JobState } from '../../shared/jobs.ts';
import type { Result } from '../../shared/result.ts';
import type { IntegrityStatus } from '../../shared/verify.ts';

declare global {
  interface Window {
    ledger?: LedgerApi;
  }
}

const TOKEN_KEY = 'replay-ledger.token';

function bridgeToken(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    // Keep the secret out of the address bar, screenshots and copied links.
    params.delete('token');
    const query = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function createBridgeApi(): LedgerApi {
  const token = bridgeToken();
  const call = async (channel: Channel, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetch(`/api/call/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Ledger-Token': token },
        body: JSON.stringify({ input }),
      });
      return (await response.json()) as Result<unknown>;
    } catch (error) {
      return { ok: false, error: { code: 'IO_ERROR', message: `Lost the connection to the viewer service (${(error as Error).message}).` } };
    }
  };
  let source: EventSource | null = null;
  const listeners = {
    [PUSH_CHANNELS.jobUpdate]: new Set<(p: never) => void>(),
    [PUSH_CHANNELS.storeChanged]: new Set<(p: never) => void>(),
    [PUSH_CHANNELS.storeAppended]: new Set<(p: never) => void>(),
    [PUSH_CHANNELS.integrityStatus]: new Set<(p: never) => void>(),
    [PUSH_CHANNELS.appProblem]: new Set<(p: never) => void>(),
    [PUSH_CHANNELS.projectionsChanged]: new Set<(p: never) => void>(),
  };
  const subscribe = (channel: keyof typeof listeners, listener: (payload: never) => void) => {
    if (!source) {
      source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
      for (const name of Object.keys(listeners) as (keyof typeof listeners)[]) {
        source.addEventListener(name, (event) => {
          const payload = JSON.parse((event as MessageEvent<string>).data) as never;
          for (const l of listeners[name]) l(payload);
        });
      }
    }
    listeners[channel].add(listener);
    return () => {
      listeners[channel].delete(listener);
    };
  };
  const methods = Object.fromEntries(Object.entries(CHANNELS).map(([channel, method]) => [method, (input?: unknown) => call(channel as Channel, input)]));
  return {
    ...methods,
    onJobUpdate: (listener: (job: JobState) => void) => subscribe(PUSH_CHANNELS.jobUpdate, listener as (p: never) => void),
    onStoreChanged: (listener: (store: OpenedStore | null) => void) => subscribe(PUSH_CHANNELS.storeChanged, listener as (p: never) => void),
    onStoreAppended: (listener: (change: StoreAppended) => void) => subscribe(PUSH_CHANNELS.storeAppended, listener as (p: never) => void),
    onIntegrityStatus: (listener: (status: IntegrityStatus) => void) => subscribe(PUSH_CHANNELS.integrityStatus, listener as (p: never) => void),
    onAppProblem: (listener: (problem: AppProblem) => void) => subscribe(PUSH_CHANNELS.appProblem, listener as (p: never) => void),
    onProjectionsChanged: (listener: (folder: ProjectionFolderView) => void) => subscribe(PUSH_CHANNELS.projectionsChanged, listener as (p: never) => void),
  } as LedgerApi;
}

export const mode: 'electron' | 'browser' = window.ledger ? 'electron' : 'browser';
export const api: LedgerApi = window.ledger ?? createBridgeApi();

/** Browser mode: the URL that downloads an export written by the bridge. */
export function downloadHref(downloadUrl: string): string {
  return `${downloadUrl}${downloadUrl.includes('?') ? '&' : '?'}token=${encodeURIComponent(sessionStorage.getItem(TOKEN_KEY) ?? '')}`;
}
