import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StreamSummary } from '../../shared/types.ts';
import { openForViewing } from '../adapters/openForViewing.ts';
import type { EventScope, EventStoreReader, RawEvent } from '../store/eventStore.ts';
import { writeEmmettFile } from '../testing/emmettFile.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { verify } from './verify.ts';
import { verifyWithoutChain } from './verifyReader.ts';

const raw = (position: number, streamId: string, version: number, data = `{"n":${position}}`): RawEvent => ({
  position,
  eventId: `e-${position}`,
  streamId,
  version,
  type: 'T',
  recordedAt: new Date(1_700_000_000_000 + position).toISOString(),
  dataText: data,
  metadataText: '{}',
  hash: null,
});

/** A reader over fixed rows, whose per-stream path can be made to disagree with its log. */
function fakeReader(log: RawEvent[], options: { summaries?: Partial<Record<string, Partial<StreamSummary>>>; perStream?: (streamId: string) => RawEvent[] } = {}): EventStoreReader {
  const ids = [...new Set(log.map((e) => e.streamId))].sort();
  const summaries: StreamSummary[] = ids.map((streamId) => {
    const events = log.filter((e) => e.streamId === streamId);
    return {
      streamId,
      category: streamId.split('-')[0],
      version: Math.max(...events.map((e) => e.version)),
      eventCount: events.length,
      firstPosition: events[0].position,
      lastPosition: events.at(-1)!.position,
      firstRecordedAt: events[0].recordedAt,
      lastRecordedAt: events.at(-1)!.recordedAt,
      ...options.summaries?.[streamId],
    };
  });
  return {
    info: { path: 'fake', format: 'postgres-table', adapter: 'a test reader', readonly: true, sizeBytes: 0, hasIntegrityChain: false },
    stats: async () => ({ events: log.length, streams: ids.length }) as never,
    listStreams: async ({ after }: { after?: string | null } = {}) => ({ items: summaries.filter((s) => !after || s.streamId > after), next: null }),
    async *iterateRaw(scope: EventScope) {
      yield scope.kind === 'all' ? log : (options.perStream?.(scope.streamId) ?? log.filter((e) => e.streamId === scope.streamId));
    },
  } as unknown as EventStoreReader;
}

describe('verification without a hash chain', () => {
  const good = [raw(1, 'a-1', 1), raw(2, 'b-1', 1), raw(3, 'a-1', 2), raw(5, 'a-1', 3)];

  it('passes a consistent store, and says what it cannot see', async () => {
    const report = await verifyWithoutChain(fakeReader(good));
    expect(report).toMatchObject({ ok: true, eventsChecked: 4, streamsChecked: 2, firstPosition: 1, lastPosition: 5, lastGoodPosition: 5, chainHead: null });
    expect(report.integrity.messages[0]).toMatch(/cannot be detected/);
  });

  it('names gaps, duplicate versions, inversions and repeated positions', async () => {
    const report = await verifyWithoutChain(fakeReader([raw(1, 'a-1', 1), raw(2, 'a-1', 3), raw(3, 'b-1', 1), raw(4, 'b-1', 1), raw(4, 'c-1', 1)]));
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => [f.kind, f.streamId, f.position])).toEqual(
      expect.arrayContaining([
        ['deleted', 'a-1', 2],
        ['inserted', 'b-1', 4],
        ['inserted', 'c-1', 4],
      ]),
    );
    expect(report.findings.find((f) => f.kind === 'deleted')?.message).toMatch(/jumps from version 1 to 3: version 2 is missing/);
    expect(report.lastGoodPosition).toBe(1);
  });

  it('takes positions that run against the read order as they are where the layout reads so (Emmett), but never a repeated one', async () => {
    const interleaved = [raw(1, 'a-1', 1), raw(3, 'b-1', 1), raw(2, 'c-1', 1), { ...raw(3, 'd-1', 1), eventId: 'e-3b' }];
    const flagged = await verifyWithoutChain(fakeReader(interleaved));
    expect(flagged.findings.map((f) => [f.kind, f.position])).toEqual([['reordered', 2]]); // the repeat is not next to its twin

    const emmettLike = fakeReader(interleaved);
    Object.assign(emmettLike.info, { layout: { name: 'Emmett PostgreSQL', tables: [], notes: [], positionsFollowReadOrder: false } });
    expect((await verifyWithoutChain(emmettLike)).findings.map((f) => [f.kind, f.position])).toEqual([['inserted', 3]]);
  });

  it('compares summaries with the events', async () => {
    const report = await verifyWithoutChain(fakeReader(good, { summaries: { 'a-1': { version: 4, eventCount: 4 } } }));
    expect(report.findings).toMatchObject([{ kind: 'summary-mismatch', streamId: 'a-1', expected: 3, actual: 4 }]);
  });

  it('reads every stream back through its own path and flags one that disagrees with the log', async () => {
    const edited = fakeReader(good, { perStream: (id) => good.filter((e) => e.streamId === id).map((e) => (e.position === 3 ? { ...e, dataText: '{"n":33}' } : e)) });
    const report = await verifyWithoutChain(edited);
    expect(report.findings).toMatchObject([{ kind: 'index-divergence', streamId: 'a-1' }]);
    expect(report.findings[0].message).toMatch(/different events/);
  });

  it('reads back an even sample of a store with many streams, plus every flagged one', async () => {
    const many = Array.from({ length: 50 }, (_, i) => raw(i + 1, `s-${String(i).padStart(2, '0')}`, 1));
    let reads = 0;
    const reader = fakeReader(many, { perStream: (id) => (reads++, many.filter((e) => e.streamId === id)) });
    const report = await verifyWithoutChain(reader, { readBackStreams: 10 });
    expect(reads).toBe(10);
    expect(report.integrity.messages[1]).toMatch(/Read back 10 of 50 streams/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(verifyWithoutChain(fakeReader(good), { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('finds a row deleted from an Emmett file, through ledger verify and verify(reader)', async () => {
    const file = path.join(tempDir('verify-chainless'), 'emmett.sqlite');
    await writeEmmettFile(file, [['cart-1', [{ type: 'A', data: { n: 1 } }, { type: 'B', data: { n: 2 } }, { type: 'C', data: { n: 3 } }]]]);
    expect((await verify(file)).ok).toBe(true);
    const db = new Database(file);
    db.prepare('DELETE FROM emt_messages WHERE stream_position = 2').run();
    db.close();
    const report = await verify(file);
    expect(report.findings).toMatchObject([{ kind: 'deleted', streamId: 'cart-1', version: 3 }]);
    const reader = openForViewing(file);
    try {
      expect((await verify(reader)).findingCounts.deleted).toBe(1);
      await expect(verify(reader, { expectHead: 'a'.repeat(64) })).rejects.toThrow(/no hash chain/);
    } finally {
      await reader.close();
    }
  });
});
