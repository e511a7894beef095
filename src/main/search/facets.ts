// Facet counts (type, category, actor, month) and the results' histogram, accumulated one matching
// event at a time so the SQLite path and the generic scan build them the same way.
import type { SearchFacets } from '../../shared/search.ts';
import type { Histogram } from '../../shared/types.ts';
import { categoryOf } from '../store/decode.ts';
import { bucketWidth, emptyHistogram, histogramFromCounts } from '../store/paging.ts';

/** Buckets of the results' plot. */
export const HISTOGRAM_BUCKETS = 60;
/** Longest facet list (types, categories, actors); months are all listed. */
export const FACET_LIMIT = 50;

export interface FacetRow {
  type: string;
  streamId: string;
  actor: string | null;
  recordedAtMs: number;
}

export class FacetAccumulator {
  private readonly types = new Map<string, number>();
  private readonly categories = new Map<string, number>();
  private readonly actors = new Map<string, number>();
  private readonly months = new Map<string, number>();
  /** Time and type of every match, for the histogram (whose range is known only at the end). */
  private readonly times: number[] = [];
  private readonly typeOf: string[] = [];
  count = 0;

  /** Per-stream and per-day counts, folded into categories and months at the end (fewer string ops per row). */
  private readonly streams = new Map<string, number>();
  private readonly days = new Map<number, number>();

  add(row: FacetRow): void {
    this.count++;
    bump(this.types, row.type);
    bump(this.streams, row.streamId);
    if (row.actor !== null) bump(this.actors, row.actor);
    if (Number.isFinite(row.recordedAtMs)) {
      const day = Math.floor(row.recordedAtMs / 86_400_000);
      this.days.set(day, (this.days.get(day) ?? 0) + 1);
      this.times.push(row.recordedAtMs);
      this.typeOf.push(row.type);
    }
  }

  facets(): SearchFacets {
    for (const [streamId, n] of this.streams) this.categories.set(categoryOf(streamId), (this.categories.get(categoryOf(streamId)) ?? 0) + n);
    this.streams.clear();
    for (const [day, n] of this.days) {
      const month = new Date(day * 86_400_000).toISOString().slice(0, 7);
      this.months.set(month, (this.months.get(month) ?? 0) + n);
    }
    this.days.clear();
    return {
      types: top(this.types, FACET_LIMIT),
      categories: top(this.categories, FACET_LIMIT),
      actors: top(this.actors, FACET_LIMIT),
      months: [...this.months].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([value, count]) => ({ value, count })),
    };
  }

  histogram(): Histogram {
    if (this.times.length === 0) return emptyHistogram();
    let min = Infinity;
    let max = -Infinity;
    for (const t of this.times) {
      if (t < min) min = t;
      if (t > max) max = t;
    }
    const bucketMs = bucketWidth(min, max, HISTOGRAM_BUCKETS);
    const counts = new Map<string, number>();
    for (let i = 0; i < this.times.length; i++) {
      const key = `${Math.floor((this.times[i] - min) / bucketMs)}\u0000${this.typeOf[i]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const rows: [number, string, number][] = [...counts].map(([key, n]) => {
      const cut = key.indexOf('\u0000');
      return [Number(key.slice(0, cut)), key.slice(cut + 1), n];
    });
    return histogramFromCounts(min, max, bucketMs, rows, this.times.length);
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Most frequent first, ties by value (code-unit order). */
function top(map: Map<string, number>, limit: number): { value: string; count: number }[] {
  return [...map]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([value, count]) => ({ value, count }));
}
