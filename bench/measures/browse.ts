// What opening a store looks like to the user: the file facts panel and the first page of streams.
// Each runs in a fresh process, so statement preparation and first reads are part of the figure.
import { openStore } from '../../src/main/store/openStore.ts';
import type { Measurement } from './types.ts';

export interface BrowseParams {
  file: string;
  /** The streams screen asks for pages of 300 (StreamsScreen.tsx). */
  pageSize: number;
}

export function openAndStats(p: BrowseParams): Measurement {
  const started = performance.now();
  const store = openStore(p.file);
  const stats = store.stats();
  const ms = performance.now() - started;
  store.close();
  return { ms, details: { events: stats.events, streams: stats.streams, types: stats.types.length } };
}

export function firstStreamsPage(p: BrowseParams): Measurement {
  const store = openStore(p.file);
  try {
    const started = performance.now();
    const page = store.listStreams({ sort: 'lastActivity', limit: p.pageSize });
    const ms = performance.now() - started;
    return { ms, details: { items: page.items.length, more: page.next !== null } };
  } finally {
    store.close();
  }
}
