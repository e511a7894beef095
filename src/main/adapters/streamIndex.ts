// An in-memory stream list with the same filters, sorts and keyset cursors as the native store's
// SQL, for adapters whose files have no per-stream summary table. O(streams) memory, rebuilt when
// the file changes.
import type { ListStreamsQuery, Page, StreamSummary } from '../../shared/types.ts';
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../store/cursor.ts';
import { pageLimit } from '../store/limits.ts';

export interface IndexedStream extends StreamSummary {
  lastRecordedAtMs: number;
}

const byId = (a: IndexedStream, b: IndexedStream) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0);

export function createStreamIndex(streams: IndexedStream[]) {
  const map = new Map(streams.map((s) => [s.streamId, s]));
  const sorted = {
    id: [...streams].sort(byId),
    lastActivity: [...streams].sort((a, b) => b.lastRecordedAtMs - a.lastRecordedAtMs || byId(a, b)),
    count: [...streams].sort((a, b) => b.eventCount - a.eventCount || byId(a, b)),
  };

  function list(query: ListStreamsQuery = {}): Page<StreamSummary> {
    const limit = pageLimit(query.limit, 100);
    const sort = query.sort ?? 'lastActivity';
    if (!(sort in sorted)) throw new LedgerError('INVALID_INPUT', words('errorWords.page.unknownSort', { sort: String(sort) }));
    const search = query.search?.toLowerCase();
    let after: (s: IndexedStream) => boolean = () => true;
    if (query.after) {
      if (sort === 'id') {
        const [id] = decodeCursor(query.after, ['string']) as [string];
        after = (s) => s.streamId > id;
      } else {
        const [key, id] = decodeCursor(query.after, ['number', 'string']) as [number, string];
        const value = (s: IndexedStream) => (sort === 'count' ? s.eventCount : s.lastRecordedAtMs);
        after = (s) => value(s) < key || (value(s) === key && s.streamId > id);
      }
    }
    const items: IndexedStream[] = [];
    let more = false;
    for (const s of sorted[sort]) {
      if (query.prefix && !s.streamId.startsWith(query.prefix)) continue;
      if (query.category !== undefined && s.category !== query.category) continue;
      if (search && !s.streamId.toLowerCase().includes(search)) continue;
      if (!after(s)) continue;
      if (items.length === limit) {
        more = true;
        break;
      }
      items.push(s);
    }
    const last = items[items.length - 1];
    const next = more && last ? encodeCursor(sort === 'id' ? [last.streamId] : [sort === 'count' ? last.eventCount : last.lastRecordedAtMs, last.streamId]) : null;
    return { items: items.map(({ lastRecordedAtMs: _, ...summary }) => summary), next };
  }

  return {
    list,
    get: (streamId: string): StreamSummary | null => {
      const found = map.get(streamId);
      if (!found) return null;
      const { lastRecordedAtMs: _, ...summary } = found;
      return summary;
    },
    all: () => streams,
  };
}
