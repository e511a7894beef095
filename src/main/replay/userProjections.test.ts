// The engine with user projections: folds through evolveChunk (as a sandbox does) give the same
// states, blame and diffs as in-process folds; a failure interrupts at the event that caused it
// and every answer shows the last good state; metadata, skipped events, firstEventTypes and
// content-keyed snapshots.
import { beforeAll, describe, expect, it } from 'vitest';
import type { EventStore, EventStoreReader, NewEvent, ReplayEvent } from '../store/eventStore.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import { tempStore } from '../testing/tempFiles.ts';
import { failureOf } from './applyEvent.ts';
import type { ChunkOutcome, Projection } from './projection.ts';
import { createSnapshotCache } from './snapshotCache.ts';
import { BUILT_IN_PROJECTIONS } from './projections/index.ts';
import { createReplayEngine } from './replayEngine.ts';

interface Library {
  onLoan: string[];
  fines: number;
  actors: string[];
}

const T0 = Date.parse('2026-03-01T10:00:00Z');

function evolveLibrary(state: Library, event: ReplayEvent): Library {
  const data = event.data as { isbn?: string; amount?: number };
  switch (event.type) {
    case 'BookBorrowed':
      return { ...state, onLoan: [...state.onLoan, data.isbn as string] };
    case 'BookReturned':
      return { ...state, onLoan: state.onLoan.filter((isbn) => isbn !== data.isbn) };
    case 'FineCharged':
      return { ...state, fines: state.fines + (data.amount as number) };
    case 'Boom':
      throw new Error('the library cannot handle a Boom');
    case 'Seen': {
      const actor = (event.metadata as { actor?: string } | null)?.actor ?? 'nobody';
      return { ...state, actors: [...state.actors, actor] };
    }
    default:
      return state;
  }
}

const initial = (): Library => ({ onLoan: [], fines: 0, actors: [] });

/** In process, synchronous, interrupting on errors (like a declarative projection). */
const inProcess: Projection<Library> = {
  name: 'library',
  version: 1,
  description: 'in process',
  appliesTo: (_id, category) => category === 'member',
  initialState: initial,
  handles: 'all',
  evolve: evolveLibrary,
  interruptOnError: true,
  needsMetadata: true,
};

/** The same rules behind evolveChunk, asynchronous and a chunk per call, as the sandbox is. */
function chunked(name = 'library-chunked', overrides: Partial<Projection<Library>> = {}): Projection<Library> & { calls: number } {
  const projection = {
    ...inProcess,
    name,
    calls: 0,
    evolve: () => {
      throw new Error('a chunked projection is never called per event');
    },
    async evolveChunk(state: Library, events: readonly ReplayEvent[], options: { keepStates: boolean }): Promise<ChunkOutcome<Library>> {
      projection.calls++;
      await new Promise((resolve) => setImmediate(resolve));
      const states: Library[] = [];
      let current = state;
      for (let i = 0; i < events.length; i++) {
        try {
          current = evolveLibrary(current, events[i]);
        } catch (error) {
          return { applied: i, state: current, states: options.keepStates ? states : undefined, failure: { ...failureOf(error), file: 'library.projection.js', line: 12 } };
        }
        if (options.keepStates) states.push(current);
      }
      return { applied: events.length, state: current, states: options.keepStates ? states : undefined };
    },
    ...overrides,
  };
  return projection;
}

function libraryEvents(count: number, boomAt: number | null): NewEvent[] {
  const events: NewEvent[] = [];
  for (let v = 1; v <= count; v++) {
    const recordedAt = T0 + v * 1000;
    const isbn = `isbn-${v % 17}`;
    if (v === boomAt) events.push({ type: 'Boom', data: {}, recordedAt });
    else if (v % 5 === 0) events.push({ type: 'FineCharged', data: { amount: v % 7 }, recordedAt });
    else if (v % 3 === 0) events.push({ type: 'BookReturned', data: { isbn }, recordedAt });
    else if (v % 11 === 0) events.push({ type: 'Seen', data: {}, metadata: { actor: `clerk-${v % 4}` }, recordedAt });
    else events.push({ type: 'BookBorrowed', data: { isbn }, recordedAt });
  }
  return events;
}

/** The reference: a plain reduce over every event up to `version`. */
async function reference(reader: EventStoreReader, streamId: string, version: number): Promise<Library> {
  let state = initial();
  for await (const chunk of reader.replayChunks(streamId, 1, version, { withMetadata: true })) for (const event of chunk) state = evolveLibrary(state, event);
  return state;
}

describe('user projections in the replay engine', () => {
  let store: EventStore;
  let reader: EventStoreReader;

  beforeAll(() => {
    store = tempStore();
    store.append('member-clean', libraryEvents(2300, null));
    store.append('member-broken', libraryEvents(2300, 1700));
    store.append('loan-7', [{ type: 'BookBorrowed', data: { isbn: 'x' } }, { type: 'BookBorrowed', data: { isbn: 'y' } }]);
    reader = toAsyncReader(store);
  });

  it('folds through evolveChunk with the same states, blame and diff as the same rules in process', async () => {
    const viaChunks = createReplayEngine(reader, { projections: [chunked()], snapshotEvery: 500 });
    const viaEvolve = createReplayEngine(reader, { projections: [inProcess], snapshotEvery: 500 });
    for (const version of [0, 1, 499, 500, 1234, 2300]) {
      const a = await viaChunks.stateAt('member-clean', { version });
      const b = await viaEvolve.stateAt('member-clean', { version });
      expect(a.state).toEqual(await reference(reader, 'member-clean', version));
      expect(a.state).toEqual(b.state);
      expect(a.interrupted).toBeUndefined();
    }
    const [blameA, blameB] = [await viaChunks.blame('member-clean', { version: 1800 }), await viaEvolve.blame('member-clean', { version: 1800 })];
    expect(blameA.entries).toEqual(blameB.entries);
    const [diffA, diffB] = [await viaChunks.diff('member-clean', 100, 2100), await viaEvolve.diff('member-clean', 100, 2100)];
    expect(diffA.changes).toEqual(diffB.changes);
    expect(diffA.changes.length).toBeGreaterThan(0);
    const [historyA, historyB] = [await viaChunks.fieldHistory('member-clean', ['fines']), await viaEvolve.fieldHistory('member-clean', ['fines'])];
    expect(historyA.history).toEqual(historyB.history);
    // Fines every 5th event, of v % 7 (a multiple of 35 charges nothing and changes nothing).
    expect(historyA.historyCount).toBe(460 - 65);
  });

  it('passes each event its metadata and chooses the projection by appliesTo before the built-ins', async () => {
    const engine = createReplayEngine(reader, { projections: [chunked()] });
    const result = await engine.stateAt('member-clean', { version: 2300 });
    expect(result.projection.name).toBe('library-chunked');
    expect((result.state as Library).actors.slice(0, 3)).toEqual(['clerk-3', 'clerk-2', 'clerk-0']);
  });

  for (const [label, make] of [
    ['in process', () => inProcess],
    ['through evolveChunk', () => chunked()],
  ] as const) {
    it(`an evolve error ${label} interrupts at that event and shows the last good state`, async () => {
      const projection = make();
      const engine = createReplayEngine(reader, { projections: [projection], snapshotEvery: 500 });
      const before = await engine.stateAt('member-broken', { version: 1699 });
      expect(before.interrupted).toBeUndefined();
      const after = await engine.stateAt('member-broken', { version: 2000 });
      expect(after.version).toBe(1699);
      expect(after.state).toEqual(before.state);
      expect(after.state).toEqual(await reference(reader, 'member-broken', 1699));
      expect(after.interrupted).toMatchObject({ projection: projection.name, version: 1700, type: 'Boom', failure: { kind: 'threw', message: 'evolve threw: the library cannot handle a Boom' } });
      expect(after.interrupted?.position).toBeGreaterThan(0);
      expect(after.warningCount).toBe(0);

      // Every answer past the event says so and stops at the last good state.
      const diff = await engine.diff('member-broken', 1000, 2300);
      expect(diff.to.version).toBe(1699);
      expect(diff.interrupted?.version).toBe(1700);
      expect(diff.changes.every((change) => change.event === null || change.event.version <= 1699)).toBe(true);
      const blame = await engine.blame('member-broken', { version: 2300 });
      expect(blame.version).toBe(1699);
      expect(blame.interrupted?.type).toBe('Boom');
      const history = await engine.fieldHistory('member-broken', ['fines']);
      expect(history.interrupted?.version).toBe(1700);
      expect(history.history.every((entry) => entry.event.version < 1700)).toBe(true);
      const built = await engine.buildSnapshots('member-broken');
      expect(built.version).toBe(1699);
      expect(built.interrupted?.version).toBe(1700);
      // And it stays interrupted on the next call (from a snapshot), not silently past the event.
      expect((await engine.stateAt('member-broken', { version: 2300 })).interrupted?.version).toBe(1700);
    });
  }

  it('a built-in keeps its rule: an evolve error is a warning and the fold goes on', async () => {
    const lenient: Projection<Library> = { ...inProcess, name: 'lenient', interruptOnError: false };
    const result = await createReplayEngine(reader, { projections: [lenient] }).stateAt('member-broken', { version: 2300 });
    expect(result.version).toBe(2300);
    expect(result.interrupted).toBeUndefined();
    expect(result.warnings[0]).toMatchObject({ version: 1700, type: 'Boom' });
  });

  it('a module with appliesTo.types takes the streams whose first event has such a type', async () => {
    const byType = chunked('by-type', { appliesTo: () => false, firstEventTypes: new Set(['BookBorrowed']) });
    const engine = createReplayEngine(reader, { projections: [byType] });
    expect((await engine.projectionFor('loan-7')).name).toBe('by-type');
    const bySyncType = chunked('by-type-2', { appliesTo: async () => false, firstEventTypes: new Set(['Nothing']) });
    expect((await createReplayEngine(reader, { projections: [bySyncType] }).projectionFor('loan-7')).name).toBe('generic');
  });

  it('a folder projection named like a built-in stands in for it, by name and as the fallback', async () => {
    const cart = chunked('shopping-cart', { appliesTo: () => false });
    const generic = chunked('generic', { appliesTo: () => false });
    const engine = createReplayEngine(reader, { projections: [cart, generic, ...BUILT_IN_PROJECTIONS] });
    expect(await engine.projectionFor('member-clean', 'shopping-cart')).toBe(cart);
    expect(await engine.projectionFor('nothing-applies-1')).toBe(generic);
    expect(engine.listProjections().filter((p) => p.name === 'shopping-cart')).toHaveLength(1);
  });

  it('two versions of one projection: the first listed answers to its name, each to name@version', async () => {
    const v2 = chunked('library', { version: 2 });
    const v1 = chunked('library', { version: 1 });
    const engine = createReplayEngine(reader, { projections: [v2, v1] });
    expect(await engine.projectionFor('member-clean')).toBe(v2);
    expect(await engine.projectionFor('member-clean', 'library')).toBe(v2);
    expect(await engine.projectionFor('member-clean', 'library@1')).toBe(v1);
    expect(engine.listProjections().filter((p) => p.name === 'library').map((p) => p.version)).toEqual([2, 1]);
    await expect(engine.projectionFor('member-clean', 'library@3')).rejects.toThrow(/Available: library@2, library@1, generic\./);
  });

  it('snapshots are keyed by content: an edited module of the same name and version never reuses them', async () => {
    const cache = createSnapshotCache();
    const first = chunked('library', { cacheKey: 'aaaa' });
    await createReplayEngine(reader, { projections: [first], cache }).stateAt('member-clean', { version: 2000 });
    const doubled = chunked('library', {
      cacheKey: 'bbbb',
      async evolveChunk(state, events, options) {
        const outcome = await first.evolveChunk!(state, events, options);
        return { ...outcome, state: { ...outcome.state, fines: outcome.state.fines }, states: outcome.states?.map((s) => ({ ...s, fines: s.fines * 2 })) };
      },
    });
    const again = await createReplayEngine(reader, { projections: [first], cache }).stateAt('member-clean', { version: 2000 });
    expect(again.startedFrom).toBe(2000);
    const edited = await createReplayEngine(reader, { projections: [doubled], cache }).stateAt('member-clean', { version: 2000 });
    expect(edited.startedFrom).toBe(0);
  });
});

describe('events the store marks skipped', () => {
  let reader: EventStoreReader;

  beforeAll(() => {
    const store = tempStore();
    store.append('member-1', [
      { type: 'FineCharged', data: { amount: 1 } },
      { type: 'FineCharged', data: { amount: 10 } },
      { type: 'FineCharged', data: { amount: 100 } },
    ]);
    const inner = toAsyncReader(store);
    // Marten's is_skipped, as an adapter reports it: version 2 is marked skipped.
    reader = {
      ...inner,
      info: inner.info,
      async *replayChunks(streamId, from, to, options) {
        for await (const chunk of inner.replayChunks(streamId, from, to, options)) yield chunk.map((event) => (event.version === 2 ? { ...event, skipped: true } : event));
      },
    } as EventStoreReader;
  });

  for (const [label, projection] of [
    ['in process', inProcess],
    ['through evolveChunk', chunked()],
  ] as const) {
    it(`replay as skipped by default, and are applied when asked (${label})`, async () => {
      const engine = createReplayEngine(reader, { projections: [projection], snapshotEvery: 2 });
      const skipped = await engine.stateAt('member-1', { version: 3 });
      expect((skipped.state as Library).fines).toBe(101);
      expect(skipped.warnings).toEqual([expect.objectContaining({ version: 2, message: expect.stringContaining('marks this event as skipped') })]);
      const included = await engine.stateAt('member-1', { version: 3 }, { includeSkipped: true });
      expect((included.state as Library).fines).toBe(111);
      expect(included.warnings).toEqual([]);
      // The two readings never share snapshots.
      expect(((await engine.stateAt('member-1', { version: 3 })).state as Library).fines).toBe(101);
    });
  }
});
