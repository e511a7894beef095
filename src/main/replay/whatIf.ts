// What-if replay (Redux DevTools' skip and swapped reducer): the stream folded twice from the
// initial state, each side with its projection and versions left out, compared after every event
// to find the first one after which they differ, then path by path at the asked version.
//
// Nothing here reads or writes the engine's snapshot cache: a fold that skips events is not the
// stream's history and must never be served as it. The events are read once and fed to both sides.
// While both sides use the same projection and see the same events they share one fold (their
// states are the same value); from the first event only one side sees, they fold apart, and since
// both start from that shared state, comparing them costs what changed since, not the whole state.
import type { Interruption, ProjectionFailure } from '../../shared/projections.ts';
import type { PathSegment } from '../../shared/replay.ts';
import type { WhatIfChange, WhatIfQuery, WhatIfResult, WhatIfSide, WhatIfSideResult } from '../../shared/whatIf.ts';
import { CancelledError, LedgerError } from '../errors.ts';
import type { EventStoreReader, ReplayEvent } from '../store/eventStore.ts';
import { toIsoTime } from '../store/time.ts';
import { applyChunk, type ApplyOptions } from './applyEvent.ts';
import { pathText } from './jsonPath.ts';
import { projectionInfo, type Projection } from './projection.ts';
import type { ReplayEngine } from './replayEngine.ts';
import { structuralDiff } from './structuralDiff.ts';
import { noSuchStream } from '../notFound.ts';
import { words } from '../../shared/errorWords/index.ts';

const DEFAULT_MAX_CHANGES = 20_000;
/** Paths named with the first divergence: enough to say what split, not a second diff. */
const DIVERGENCE_PATHS = 20;

export interface WhatIfOptions {
  signal?: AbortSignal;
}

interface Side {
  projection: Projection;
  skip: ReadonlySet<number>;
  state: unknown;
  interrupted?: Interruption;
}

export async function whatIf(store: EventStoreReader, engine: ReplayEngine, query: WhatIfQuery, opts: WhatIfOptions = {}): Promise<WhatIfResult> {
  const { streamId } = query;
  const { signal } = opts;
  const stream = await store.getStream(streamId);
  if (!stream) throw noSuchStream(streamId);
  const current = stream.version;
  const target = query.atVersion ?? current;
  if (!Number.isSafeInteger(target) || target < 0 || target > current) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.replay.noVersion', { streamId, current, version: String(target) }), { streamId, version: target, streamVersion: current });
  }
  const maxChanges = query.maxChanges ?? DEFAULT_MAX_CHANGES;
  if (!Number.isSafeInteger(maxChanges) || maxChanges < 1) throw new LedgerError('INVALID_INPUT', `maxChanges must be a whole number of at least 1, got ${String(maxChanges)}.`);

  const a = await sideOf(engine, streamId, query.a, current, 'a');
  const b = await sideOf(engine, streamId, query.b, current, 'b');
  const includeSkipped = query.includeSkipped === true;
  const sees = (side: Side, event: ReplayEvent) => (includeSkipped || !event.skipped) && !side.skip.has(event.version);

  return guardDepth(async () => {
    // The same projection twice: one initial state, one fold, until an event only one side sees.
    let shared = a.projection === b.projection;
    if (shared) b.state = a.state;
    let initialDifference: WhatIfResult['initialDifference'];
    let firstDivergence: WhatIfResult['firstDivergence'] = null;
    if (!shared && differ(a.state, b.state)) initialDifference = { paths: firstPaths(a.state, b.state) };
    let comparing = initialDifference === undefined;

    let version = 0;
    const withMetadata = a.projection.needsMetadata === true || b.projection.needsMetadata === true;
    const chunks = target > 0 ? store.replayChunks(streamId, 1, target, { signal, withMetadata }) : [];
    for await (const chunk of chunks) {
      if (signal?.aborted) throw new CancelledError(`The what-if replay of '${streamId}'`);
      if (chunk.length === 0) continue;
      let start = 0;
      if (shared) {
        while (start < chunk.length && sees(a, chunk[start]) === sees(b, chunk[start])) start++;
        if (!a.interrupted) {
          const events = chunk.slice(0, start).filter((event) => sees(a, event));
          const outcome = await applyChunk(a.projection, a.state, events, { streamId, keepStates: false, signal, includeSkipped });
          a.state = b.state = outcome.state;
          if (outcome.failure) a.interrupted = b.interrupted = interruption(a.projection, events[outcome.applied], outcome.failure);
        }
        if (start < chunk.length) shared = false;
      }
      if (start < chunk.length) {
        const rest = start === 0 ? chunk : chunk.slice(start);
        const before = { a: a.state, b: b.state };
        const fold = { streamId, keepStates: comparing, signal, includeSkipped };
        const folded = { a: await foldSide(a, rest, sees, fold), b: await foldSide(b, rest, sees, fold) };
        if (comparing) {
          const event = firstDifferent(rest, before, folded);
          if (event) {
            firstDivergence = { ...eventRef(event.event), paths: firstPaths(event.a, event.b) };
            comparing = false;
          }
        }
      }
      version = chunk[chunk.length - 1].version;
    }
    if (version !== target) throw new LedgerError('BAD_DATA', words('errorWords.replay.missingEvents', { streamId, version, target }), { streamId });

    const changes: WhatIfChange[] = [];
    let totalChanges = 0;
    structuralDiff(a.state, b.state, (change) => {
      totalChanges++;
      if (changes.length >= maxChanges) return;
      const entry: WhatIfChange = { path: pathText(change.segments), segments: change.segments, kind: change.kind };
      if (change.kind !== 'added') entry.a = change.before;
      if (change.kind !== 'removed') entry.b = change.after;
      changes.push(entry);
    });
    const result: WhatIfResult = {
      streamId,
      version: target,
      a: sideResult(a, target),
      b: sideResult(b, target),
      changes,
      totalChanges,
      truncated: totalChanges > changes.length,
      firstDivergence,
    };
    if (initialDifference) result.initialDifference = initialDifference;
    return result;
  });
}

async function sideOf(engine: ReplayEngine, streamId: string, side: WhatIfSide, current: number, name: 'a' | 'b'): Promise<Side> {
  // Awaited: projectionFor becomes asynchronous (a sandboxed module answers appliesTo from its worker).
  const projection: Projection = await engine.projectionFor(streamId, side.projection);
  const skip = new Set<number>();
  for (const version of side.skip ?? []) {
    if (!Number.isSafeInteger(version) || version < 1 || version > current) {
      throw new LedgerError('INVALID_INPUT', words('errorWords.whatIf.cannotSkip', { side: name, version: String(version), streamId, current }), { streamId, version, streamVersion: current });
    }
    skip.add(version);
  }
  return { projection, skip, state: projection.initialState() };
}

interface SideFold {
  /** The events this side saw, in order; states[i] is the state after seen[i] (fewer when interrupted). */
  seen: ReplayEvent[];
  states: unknown[];
}

/** Folds the events one side sees; with keepStates, the state after each (for the comparison). */
async function foldSide(side: Side, events: readonly ReplayEvent[], sees: (side: Side, event: ReplayEvent) => boolean, options: ApplyOptions): Promise<SideFold> {
  const seen = events.filter((event) => sees(side, event));
  if (side.interrupted || seen.length === 0) return { seen, states: [] };
  const outcome = await applyChunk(side.projection, side.state, seen, options);
  side.state = outcome.state;
  if (outcome.failure) side.interrupted = interruption(side.projection, seen[outcome.applied], outcome.failure);
  return { seen, states: outcome.states ?? [] };
}

/**
 * The first event of the chunk after which the sides' states differ. States are compared only
 * after an event that changed one of them (a new value): otherwise they are as equal as before.
 */
function firstDifferent(events: readonly ReplayEvent[], before: { a: unknown; b: unknown }, folded: { a: SideFold; b: SideFold }): { event: ReplayEvent; a: unknown; b: unknown } | null {
  let stateA = before.a;
  let stateB = before.b;
  let ia = 0;
  let ib = 0;
  for (const event of events) {
    let changed = false;
    if (folded.a.seen[ia] === event) {
      if (ia < folded.a.states.length && folded.a.states[ia] !== stateA) {
        stateA = folded.a.states[ia];
        changed = true;
      }
      ia++;
    }
    if (folded.b.seen[ib] === event) {
      if (ib < folded.b.states.length && folded.b.states[ib] !== stateB) {
        stateB = folded.b.states[ib];
        changed = true;
      }
      ib++;
    }
    // An event one side saw and the other did not (or could not apply) is where they may split.
    if (changed && differ(stateA, stateB)) return { event, a: stateA, b: stateB };
  }
  return null;
}

const STOP = Symbol('first change');

/**
 * Whether the diff has anything to say: the same notion of "different" as the changes listed (keyed
 * arrays match by key, so reordered records are no divergence), stopping at the first change.
 */
function differ(a: unknown, b: unknown): boolean {
  try {
    structuralDiff(a, b, () => {
      throw STOP;
    });
    return false;
  } catch (error) {
    if (error === STOP) return true;
    throw error;
  }
}

function firstPaths(a: unknown, b: unknown): string[] {
  const paths: string[] = [];
  const seen = new Set<string>();
  const add = (segments: PathSegment[]) => {
    const text = pathText(segments);
    if (seen.has(text) || paths.length >= DIVERGENCE_PATHS) return;
    seen.add(text);
    paths.push(text);
  };
  structuralDiff(a, b, (change) => add(change.segments));
  return paths;
}

function interruption(projection: Projection, event: ReplayEvent, failure: ProjectionFailure): Interruption {
  return { projection: projection.name, version: event.version, position: event.position, type: event.type, recordedAt: toIsoTime(event.recordedAtMs), failure };
}

const eventRef = (event: ReplayEvent) => ({ position: event.position, version: event.version, type: event.type, recordedAt: toIsoTime(event.recordedAtMs), actor: event.actor });

function sideResult(side: Side, version: number): WhatIfSideResult {
  const result: WhatIfSideResult = { projection: projectionInfo(side.projection), skipped: [...side.skip].filter((v) => v <= version).sort((x, y) => x - y), state: side.state };
  if (side.interrupted) result.interrupted = side.interrupted;
  return result;
}

/** A hostile store's state can nest beyond the stack (as the engine's folds guard too). */
async function guardDepth<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) throw new LedgerError('BAD_DATA', words('errorWords.replay.tooDeep.compare', {}));
    throw error;
  }
}
