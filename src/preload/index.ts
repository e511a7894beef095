// The renderer's only door to main: one named method per contract channel plus push subscriptions,
// exposed through contextBridge. Raw ipcRenderer is never exposed (Electron security checklist).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, PUSH_CHANNELS } from '../shared/channels.ts';
import type { LedgerApi } from '../shared/contract.ts';

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const methods: Record<string, unknown> = {};
for (const [channel, method] of Object.entries(CHANNELS)) {
  methods[method] = (input?: unknown) => ipcRenderer.invoke(channel, input);
}

const pushes: Pick<LedgerApi, 'onJobUpdate' | 'onStoreChanged' | 'onStoreAppended' | 'onIntegrityStatus' | 'onAppProblem' | 'onProjectionsChanged'> = {
  onJobUpdate: (listener) => subscribe(PUSH_CHANNELS.jobUpdate, listener),
  onStoreChanged: (listener) => subscribe(PUSH_CHANNELS.storeChanged, listener),
  onStoreAppended: (listener) => subscribe(PUSH_CHANNELS.storeAppended, listener),
  onIntegrityStatus: (listener) => subscribe(PUSH_CHANNELS.integrityStatus, listener),
  onAppProblem: (listener) => subscribe(PUSH_CHANNELS.appProblem, listener),
  onProjectionsChanged: (listener) => subscribe(PUSH_CHANNELS.projectionsChanged, listener),
};
const api = { ...methods, ...pushes } as LedgerApi;

contextBridge.exposeInMainWorld('ledger', api);
