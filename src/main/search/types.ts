// The search engine's seams: what searchStore takes, and the optional accelerator a sidecar index
// offers (candidate positions for free-text terms; the engine still checks every candidate).
import type { SearchRequest, SearchResult } from '../../shared/search.ts';
import type { EventStoreReader } from '../store/eventStore.ts';

export interface SearchAccelerator {
  /**
   * Positions of events that MAY contain every one of `texts` (each ≥ 3 characters), or null when
   * the index cannot narrow them (a term too short, the index not built). Never misses a match.
   */
  candidates(texts: string[], options?: { signal?: AbortSignal }): Promise<number[] | null>;
  /** Events up to this global position are indexed; later ones must be scanned. */
  indexedUpTo(): number;
}

export interface SearchOptions {
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
  accelerator?: SearchAccelerator | null;
}

export type SearchStore = (store: EventStoreReader, request: SearchRequest, options?: SearchOptions) => Promise<SearchResult>;
