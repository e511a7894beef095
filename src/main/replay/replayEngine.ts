// The replay engine: state at any version or time, diff between two versions with the event behind
// each change, and blame. Folds start from the nearest in-memory snapshot, so stateAt costs
// O(events since that snapshot); folds that pass a multiple of `snapshotEvery` leave a snapshot.
import type {
  BlameResult,
  DiffChange,
  DiffResult,
  EventRef,
  FieldHistoryResult,
  PathSegment,
  ProjectionInfo,
  ReplayWarning,
  RevertedChange,
  SnapshotBuild,
  StateAtResult,
} from '../../shared/replay.ts';
import { CancelledError, LedgerError } from '../errors.ts';
import { categoryOf } from '../store/decode.ts';
import type { EventStoreReader, ReplayEvent } from '../store/eventStore.ts';
import { parseTime, toIsoTime } from '../store/time.ts';
import type { Interruption, ProjectionFailure } from '../../shared/projections.ts';
import { applyChunk, applyChunkInPlace } from './applyEvent.ts';
import { applyChange, attribute, blameLeaves, blameTreeFor, cloneBlame, countNodes, untouchedSince, type BlameNode, type Ref } from './blameTree.ts';
import { pathText } from './jsonPath.ts';
import { createTouchedPaths, currenciesOfPath, HISTORY_CAP, sameLookup, valueAtPath, walkHistories, type PathHistory } from './pathHistory.ts';
import { currencyPlan } from '../units/historyCurrencies.ts';
import { projectionInfo, type ChunkOutcome, type Projection } from './projection.ts';
import { BUILT_IN_PROJECTIONS, genericProjection } from './projections/index.ts';
import { createSnapshotCache, type Snapshot, type SnapshotCache } from './snapshotCache.ts';
import { attributeLazily, type SpanEnd } from './lazyBlame.ts';
import { structuralDiff, type RawChange } from './structuralDiff.ts';
import { noSuchStream } from '../notFound.ts';
import { words } from '../../shared/errorWords/index.ts';

const MAX_WARNINGS = 100;
const DEFAULT_MAX_CHANGES = 20_000;
/** Changed-and-changed-back paths reported per diff. */
const MAX_REVERTED = 1000;

export interface ReplayEngineOptions {
  /** Take a snapshot every N events (0 disables snapshots). Default 500. */
  snapshotEvery?: number;
  /** Stream-specific projections, tried in order before the generic fallback. */
  projections?: readonly Projection<any>[];
  cache?: SnapshotCache;
  /**
   * How diffs pin changes to events: 'auto' (default) without a blame tree where the projection
   * allows it and no tree is at hand; 'tree' always through a blame-tracked fold (the reference).
   */
  diffAttribution?: 'auto' | 'tree';
  /** Told how each diff attributed its changes (tests compare the two ways). */
  onDiffAttribution?(how: 'lazy' | 'tree'): void;
}

/** Either a version (0 = initial state) or a time: the state after the last event recorded by then. */
export type StatePoint = { version: number } | { time: string | number };

export interface ReplayOptions {
  /** Force a projection by name instead of the one chosen for the stream. */
  projection?: string;
  /** Apply events the store marks skipped (Marten's is_skipped); by default they replay as skipped. */
  includeSkipped?: boolean;
}

export interface DiffOptions extends ReplayOptions {
  /** Cap on reported changes (default 20,000); the result says when it was cut. */
  maxChanges?: number;
  /**
   * Per-path histories: 'auto' walks ranges of up to HISTORY_WALK_LIMIT events (a long range's walk
   * would fold every event in it, while the diff itself costs two snapshot lookups); 'full' always.
   */
  history?: 'auto' | 'full';
}

/** Longest range whose events a diff walks for per-path histories unless asked to ('full'). */
export const HISTORY_WALK_LIMIT = 5_000;

export interface BuildSnapshotsOptions {
  signal?: AbortSignal;
  /** Versions replayed so far (from the nearest existing snapshot on) of `total`. */
  onProgress?(version: number, total: number): void;
}

interface FoldMore {
  /** false: snapshots this fold leaves need not carry blame (a diff's folds). Default true. */
  snapshotBlame?: boolean;
  /** An earlier fold of the same stream and projection to continue from when no snapshot is nearer. */
  continueFrom?: FoldResult;
  /** A fold without blame adds its state at every multiple of LAZY_SPAN here (a diff's span ends). */
  ends?: SpanEnd[];
}

/** Events between the span ends a cold diff keeps (lazyBlame.ts refolds one span at a time). */
const LAZY_SPAN = 500;

interface FoldResult {
  state: unknown;
  blame: BlameNode | null;
  version: number;
  recordedAtMs: number | null;
  warnings: ReplayWarning[];
  warningCount: number;
  startedFrom: number;
  eventsApplied: number;
  /** The projection failed on an event: `state` and `version` are the last good ones. */
  interrupted?: Interruption;
}

export function toEventRef(ref: Ref | null): EventRef | null {
  return ref && { position: ref.position, version: ref.version, type: ref.type, recordedAt: toIsoTime(ref.recordedAtMs), actor: ref.actor };
}

/** States from hostile stores can be nested beyond the stack; report that instead of crashing. */
async function guardDepth<T>(what: 'replay' | 'blame' | 'diff' | 'history', run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new LedgerError('BAD_DATA', words(`errorWords.replay.tooDeep.${what}`, {}));
    }
    throw error;
  }
}

/**
 * Snapshots are kept per projection version, content (a file's hash) and stream, and apart for
 * folds that include skipped events: an edited module or another reading never reuses them.
 */
const snapshotKey = (projection: Projection, streamId: string, includeSkipped = false) =>
  `${snapshotOwner(projection)}${includeSkipped ? '+skipped' : ''}\u0000${streamId}`;

/** The part of a snapshot key that names the projection and its content. */
export const snapshotOwner = (projection: Projection) => `${projection.name}@${projection.version}#${projection.cacheKey ?? ''}`;

export function createReplayEngine(store: EventStoreReader, options: ReplayEngineOptions = {}) {
  const snapshotEvery = options.snapshotEvery ?? 500;
  if (!Number.isInteger(snapshotEvery) || snapshotEvery < 0) throw new LedgerError('INVALID_INPUT', 'snapshotEvery must be a non-negative integer.');
  const projections = options.projections ?? BUILT_IN_PROJECTIONS;
  const cache = options.cache ?? createSnapshotCache();
  // Chosen by name or by name@version (two versions of one projection, side by side in a what-if).
  // The first of a name wins the plain name: folder modules come first (a module's highest version
  // first) and stand in for a built-in of their name.
  const byName = new Map<string, Projection>();
  const listed: Projection[] = [];
  for (const p of [...projections, genericProjection] as Projection[]) {
    const ref = `${p.name}@${p.version}`;
    if (byName.has(ref)) continue;
    byName.set(ref, p);
    listed.push(p);
    if (!byName.has(p.name)) byName.set(p.name, p);
  }
  const fallback = byName.get(genericProjection.name) as Projection;

  function listProjections(): ProjectionInfo[] {
    return listed.map(projectionInfo);
  }

  /**
   * The projection for a stream: the one named, else the first (folder modules come first) whose
   * appliesTo says yes (a sandboxed module answers asynchronously) or whose firstEventTypes holds
   * the type of the stream's first event, else the generic one.
   */
  async function projectionFor(streamId: string, name?: string): Promise<Projection> {
    if (name !== undefined) {
      const chosen = byName.get(name);
      if (!chosen) {
        const names = listed.map((p) => (listed.filter((q) => q.name === p.name).length > 1 ? `${p.name}@${p.version}` : p.name));
        throw new LedgerError('INVALID_INPUT', words('errorWords.replay.unknownProjection', { name, names: names.join(', ') }));
      }
      return chosen;
    }
    const category = categoryOf(streamId);
    let firstType: Promise<string | null> | null = null;
    for (const projection of projections as readonly Projection[]) {
      if (await projection.appliesTo(streamId, category)) return projection;
      if (projection.firstEventTypes && projection.firstEventTypes.size > 0) {
        firstType ??= store.readStream(streamId, { limit: 1 }).then((page) => page.items[0]?.type ?? null);
        const type = await firstType;
        if (type !== null && projection.firstEventTypes.has(type)) return projection;
      }
    }
    return fallback;
  }

  async function streamVersion(streamId: string): Promise<number> {
    const stream = await store.getStream(streamId);
    if (!stream) throw noSuchStream(streamId);
    return stream.version;
  }

  async function resolveVersion(streamId: string, current: number, at: StatePoint): Promise<number> {
    if ('version' in at) {
      const { version } = at;
      if (!Number.isSafeInteger(version) || version < 0 || version > current) {
        throw new LedgerError('INVALID_INPUT', words('errorWords.replay.noVersion', { streamId, current, version: String(version) }), {
          streamId,
          version,
          streamVersion: current,
        });
      }
      return version;
    }
    if ('time' in at) return await store.versionAtTime(streamId, parseTime(at.time));
    throw new LedgerError('INVALID_INPUT', words('errorWords.replay.versionOrTime', {}));
  }

  /**
   * Folds `projection` over the stream up to `target`. With `track`, also maintains the blame tree
   * (which event last changed each path). Leaves snapshots at multiples of snapshotEvery; by default
   * a fold that will leave new snapshots tracks blame when it starts from a snapshot that has blame
   * (or from the start), so those snapshots can serve blame too. A diff folds with snapshotBlame
   * false: it attributes its changes without a blame tree (lazyBlame.ts).
   */
  async function fold(
    streamId: string,
    projection: Projection,
    target: number,
    wantBlame: boolean,
    signal?: AbortSignal,
    includeSkipped = false,
    more: FoldMore = {},
  ): Promise<FoldResult> {
    const steps = foldSteps(streamId, projection, target, wantBlame, signal, includeSkipped, more);
    for (;;) {
      const step = await steps.next();
      if (step.done) return step.value;
    }
  }

  /** fold() one chunk of events at a time: yields the version reached after each chunk. */
  async function* foldSteps(
    streamId: string,
    projection: Projection,
    target: number,
    wantBlame: boolean,
    signal?: AbortSignal,
    includeSkipped = false,
    more: FoldMore = {},
  ): AsyncGenerator<number, FoldResult, void> {
    const key = snapshotKey(projection, streamId, includeSkipped);
    let start: Snapshot | undefined;
    let track = wantBlame;
    if (snapshotEvery > 0) {
      const nearest = cache.nearest(key, target, false);
      const leaves = Math.floor(target / snapshotEvery) * snapshotEvery > (nearest?.version ?? 0);
      // Blame-less snapshots (left by a diff) continue blame-less for stateAt: going back to a
      // snapshot with blame (or to the start) would refold far more than asked.
      if (leaves && more.snapshotBlame !== false && (!nearest || nearest.blame)) track = true;
      start = track && nearest && !nearest.blame ? cache.nearest(key, target, true) : nearest;
    }
    const earlier = more.continueFrom;
    if (!track && earlier && !earlier.interrupted && earlier.version <= target && earlier.version > (start?.version ?? 0)) {
      start = { version: earlier.version, recordedAtMs: earlier.recordedAtMs, state: earlier.state, blame: null, blameNodes: 0, warnings: earlier.warnings, warningCount: earlier.warningCount };
    }
    // A fold without blame that passes snapshot versions stops at each to leave one.
    const leaveSnapshots = snapshotEvery > 0 && Math.floor(target / snapshotEvery) * snapshotEvery > (start?.version ?? 0);
    let state: unknown = start ? start.state : projection.initialState();
    const blame: BlameNode | null = track ? (start?.blame ? cloneBlame(start.blame) : blameTreeFor(state, null)) : null;
    const warnings: ReplayWarning[] = start ? start.warnings.slice() : [];
    let warningCount = start?.warningCount ?? 0;
    let recordedAtMs: number | null = start?.recordedAtMs ?? null;
    let version = start?.version ?? 0;
    let eventsApplied = 0;
    let interrupted: Interruption | undefined;

    const warn = (event: ReplayEvent, message: string) => {
      warningCount++;
      if (warnings.length < MAX_WARNINGS) warnings.push({ version: event.version, position: event.position, type: event.type, message });
    };

    // A few thousand events per chunk: a 100k-event fold awaits 50 times, not 100k.
    const chunks = version < target ? store.replayChunks(streamId, version + 1, target, { signal, withMetadata: projection.needsMetadata === true }) : [];
    const snapshot = (blameNow: BlameNode | null) => {
      const existing = cache.get(key, version);
      if (existing && (existing.blame || !blameNow)) return;
      const kept = blameNow ? cloneBlame(blameNow) : null;
      cache.put(key, { version, recordedAtMs, state, blame: kept, blameNodes: kept ? countNodes(kept) : 0, warnings: warnings.slice(), warningCount });
    };
    const interruptAt = (event: ReplayEvent, failure: ProjectionFailure) => {
      interrupted = { projection: projection.name, version: event.version, position: event.position, type: event.type, recordedAt: toIsoTime(event.recordedAtMs), failure };
    };
    const ends = blame ? undefined : more.ends;
    // Without blame only the states at piece ends are kept: a projection that folds in place
    // changes a private draft, copied again after each state kept (a snapshot or a span end).
    const inPlace = !blame && !projection.evolveChunk ? projection.inPlace : undefined;
    let ownDraft = false;
    for await (const events of chunks) {
      if (!blame) {
        // No blame: only where each piece ends matters, pieces ending at snapshot versions.
        for (let offset = 0; offset < events.length && !interrupted; ) {
          let end = events.length;
          if (leaveSnapshots || ends) {
            for (let i = offset; i < events.length; i++) {
              const v = events[i].version;
              if ((leaveSnapshots && v % snapshotEvery === 0) || (ends && v % LAZY_SPAN === 0)) {
                end = i + 1;
                break;
              }
            }
          }
          const piece = offset === 0 && end === events.length ? events : events.slice(offset, end);
          let outcome: ChunkOutcome;
          if (inPlace) {
            if (!ownDraft) state = inPlace.thaw(state);
            ownDraft = true;
            outcome = applyChunkInPlace(projection, state, piece, includeSkipped);
          } else outcome = await applyChunk(projection, state, piece, { streamId, keepStates: false, signal, includeSkipped });
          for (const warning of outcome.warnings ?? []) warn(piece[warning.index], warning.message);
          if (outcome.applied > 0) {
            const last = piece[outcome.applied - 1];
            state = outcome.state;
            version = last.version;
            recordedAtMs = last.recordedAtMs;
            eventsApplied += outcome.applied;
          }
          if (outcome.failure) interruptAt(piece[outcome.applied], outcome.failure);
          else {
            if (leaveSnapshots && version % snapshotEvery === 0) {
              snapshot(null);
              ownDraft = false;
            }
            if (ends && version % LAZY_SPAN === 0 && version < target) {
              ends.push({ version, state });
              ownDraft = false;
            }
          }
          offset = end;
        }
        if (interrupted) break;
        yield version;
        continue;
      }
      const outcome = await applyChunk(projection, state, events, { streamId, keepStates: true, signal, includeSkipped });
      const chunkWarnings = outcome.warnings ?? [];
      const states = outcome.states as unknown[];
      let nextWarning = 0;
      for (let i = 0; i < outcome.applied; i++) {
        const event = events[i];
        const previous = state;
        state = states[i];
        while (nextWarning < chunkWarnings.length && chunkWarnings[nextWarning].index === i) warn(event, chunkWarnings[nextWarning++].message);
        if (state !== previous) {
          const ref: Ref = { position: event.position, version: event.version, type: event.type, recordedAtMs: event.recordedAtMs, actor: event.actor };
          structuralDiff(previous, state, (change) => applyChange(blame, change, ref));
        }
        version = event.version;
        recordedAtMs = event.recordedAtMs;
        eventsApplied++;
        if (snapshotEvery > 0 && version % snapshotEvery === 0) snapshot(blame);
      }
      if (outcome.failure) {
        interruptAt(events[outcome.applied], outcome.failure);
        break;
      }
      yield version;
    }
    if (!interrupted && version !== target) {
      throw new LedgerError('BAD_DATA', words('errorWords.replay.missingEvents', { streamId, version, target }), { streamId });
    }
    const result: FoldResult = { state, blame, version, recordedAtMs, warnings, warningCount, startedFrom: start?.version ?? 0, eventsApplied };
    if (interrupted) result.interrupted = interrupted;
    return result;
  }

  async function stateAt(streamId: string, at: StatePoint, opts: ReplayOptions & { signal?: AbortSignal } = {}): Promise<StateAtResult> {
    const projection = await projectionFor(streamId, opts.projection);
    const current = await streamVersion(streamId);
    const target = await resolveVersion(streamId, current, at);
    const result = await guardDepth('replay', () => fold(streamId, projection, target, false, opts.signal, opts.includeSkipped));
    const answer: StateAtResult = {
      streamId,
      projection: projectionInfo(projection),
      version: result.version,
      recordedAt: result.recordedAtMs === null ? null : toIsoTime(result.recordedAtMs),
      streamVersion: current,
      state: result.state,
      warnings: result.warnings,
      warningCount: result.warningCount,
      startedFrom: result.startedFrom,
      eventsApplied: result.eventsApplied,
    };
    if (result.interrupted) answer.interrupted = result.interrupted;
    return answer;
  }

  /** The full fold from the initial state, no snapshots read or written (the reference result). */
  async function replayFromStart(streamId: string, opts: ReplayOptions & { toVersion?: number } = {}): Promise<StateAtResult> {
    const projection = await projectionFor(streamId, opts.projection);
    const current = await streamVersion(streamId);
    const target = await resolveVersion(streamId, current, { version: opts.toVersion ?? current });
    const engine = createReplayEngine(store, { snapshotEvery: 0, projections });
    return engine.stateAt(streamId, { version: target }, { projection: projection.name, includeSkipped: opts.includeSkipped });
  }

  /**
   * Replays the whole stream ahead of time, one chunk per turn of the event loop, leaving a snapshot
   * (with blame) every snapshotEvery events: afterwards stateAt, blame and diff anywhere in the stream
   * start within snapshotEvery events of their target. A long stream's first fold otherwise blocks the
   * process for a second or more; this one reports progress and stops when `signal` aborts.
   */
  async function buildSnapshots(streamId: string, opts: ReplayOptions & BuildSnapshotsOptions = {}): Promise<SnapshotBuild> {
    const projection = await projectionFor(streamId, opts.projection);
    const target = await streamVersion(streamId);
    const started = performance.now();
    const steps = foldSteps(streamId, projection, target, true, opts.signal, opts.includeSkipped);
    try {
      for (;;) {
        if (opts.signal?.aborted) throw new CancelledError(`Building snapshots of '${streamId}'`);
        const step = await guardDepth('replay', () => steps.next());
        if (step.done) {
          return {
            streamId,
            projection: projectionInfo(projection),
            version: step.value.version,
            startedFrom: step.value.startedFrom,
            eventsApplied: step.value.eventsApplied,
            snapshotEvery,
            warningCount: step.value.warningCount,
            ms: Math.round(performance.now() - started),
            ...(step.value.interrupted ? { interrupted: step.value.interrupted } : {}),
          };
        }
        opts.onProgress?.(step.value, target);
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      await steps.return(undefined as never);
    }
  }

  async function blame(streamId: string, at: StatePoint, opts: DiffOptions = {}): Promise<BlameResult> {
    const projection = await projectionFor(streamId, opts.projection);
    const target = await resolveVersion(streamId, await streamVersion(streamId), at);
    return guardDepth('blame', async () => {
      const result = await fold(streamId, projection, target, true, undefined, opts.includeSkipped);
      const leaves = blameLeaves(result.state, result.blame as BlameNode);
      const max = opts.maxChanges ?? DEFAULT_MAX_CHANGES;
      const answer: BlameResult = {
        streamId,
        projection: projectionInfo(projection),
        version: result.version,
        entries: leaves.slice(0, max).map((leaf) => ({ path: pathText(leaf.segments), segments: leaf.segments, value: leaf.value, event: toEventRef(leaf.at) })),
        truncated: leaves.length > max,
      };
      if (result.interrupted) answer.interrupted = result.interrupted;
      return answer;
    });
  }

  async function diff(streamId: string, fromVersion: number, toVersion: number, opts: DiffOptions = {}): Promise<DiffResult> {
    const projection = await projectionFor(streamId, opts.projection);
    const current = await streamVersion(streamId);
    const from = await resolveVersion(streamId, current, { version: fromVersion });
    const to = await resolveVersion(streamId, current, { version: toVersion });
    if (from > to) throw new LedgerError('INVALID_INPUT', words('errorWords.replay.diffOrder', { from, to }));
    const max = opts.maxChanges ?? DEFAULT_MAX_CHANGES;
    const includeSkipped = opts.includeSkipped ?? false;
    return guardDepth('diff', async () => {
      const key = snapshotKey(projection, streamId, includeSkipped);
      // A blame tree near `to` (snapshots built ahead, or the state screen's blame) answers at
      // once; otherwise the two states are folded without one and only the changes are attributed.
      const nearBlame = snapshotEvery > 0 ? cache.nearest(key, to, true) : undefined;
      const treeIsNear = nearBlame !== undefined && to - nearBlame.version <= snapshotEvery;
      const lazy = options.diffAttribution !== 'tree' && !treeIsNear && projection.noRestoredObjects === true && !projection.evolveChunk;
      const before = await fold(streamId, projection, from, false, undefined, includeSkipped, { snapshotBlame: !lazy });
      const foldEnds: SpanEnd[] = [];
      let after = await fold(streamId, projection, to, !lazy, undefined, includeSkipped, { snapshotBlame: !lazy, continueFrom: before, ends: lazy ? foldEnds : undefined });
      // An interrupted fold ends at its last good state: the diff is between the versions reached.
      const interrupted = after.interrupted ?? before.interrupted;
      const reachedFrom = before.version;
      const reachedTo = after.version;
      const raw: RawChange[] = [];
      let totalChanges = 0;
      structuralDiff(before.state, after.state, (change) => {
        totalChanges++;
        if (raw.length < max) raw.push(change);
      });
      let refs: (Ref | null)[] | null = null;
      if (lazy && !interrupted) {
        // The states on the way: the after-fold's own (one chain of shared values), and snapshots
        // where that fold started later than `from`.
        const byVersion = new Map<number, unknown>();
        if (snapshotEvery > 0) {
          for (let v = (Math.floor(reachedFrom / snapshotEvery) + 1) * snapshotEvery; v < reachedTo; v += snapshotEvery) {
            const snapshot = cache.get(key, v);
            if (snapshot) byVersion.set(v, snapshot.state);
          }
        }
        for (const end of foldEnds) if (end.version > reachedFrom && end.version < reachedTo) byVersion.set(end.version, end.state);
        const ends: SpanEnd[] = [{ version: reachedFrom, state: before.state }];
        for (const v of [...byVersion.keys()].sort((x, y) => x - y)) ends.push({ version: v, state: byVersion.get(v) });
        ends.push({ version: reachedTo, state: after.state });
        refs = await attributeLazily({ projection, streamId, includeSkipped, ends, readSpan: (a, b) => spanChunks(streamId, projection, a, b), changes: raw });
      }
      options.onDiffAttribution?.(refs ? 'lazy' : 'tree');
      if (!refs) {
        // The blame tree's answer: what lazy attribution reproduces, and its fallback.
        if (!after.blame) after = await fold(streamId, projection, reachedTo, true, undefined, includeSkipped);
        const tree = after.blame as BlameNode;
        refs = raw.map((change) => attribute(tree, change.segments, change.kind === 'removed'));
      }
      const changes: DiffChange[] = raw.map((change, i) => {
        const ref = (refs as (Ref | null)[])[i];
        // A responsible event must lie in (from, to]; anything else means the tree could not pin it.
        const event = ref && ref.version > reachedFrom && ref.version <= reachedTo ? toEventRef(ref) : null;
        return { path: pathText(change.segments), segments: change.segments, kind: change.kind, before: change.before, after: change.after, event, history: [], historyCount: 0 };
      });
      const historyWalked = opts.history === 'full' || reachedTo - reachedFrom <= HISTORY_WALK_LIMIT;
      const reverted = historyWalked
        ? await fillHistories(streamId, projection, before.state, after.state, reachedFrom, reachedTo, changes, !(totalChanges > changes.length), includeSkipped)
        : [];
      const answer: DiffResult = {
        streamId,
        projection: projectionInfo(projection),
        from: { version: reachedFrom, recordedAt: before.recordedAtMs === null ? null : toIsoTime(before.recordedAtMs) },
        to: { version: reachedTo, recordedAt: after.recordedAtMs === null ? null : toIsoTime(after.recordedAtMs) },
        changes,
        eventCount: Math.max(0, reachedTo - reachedFrom),
        totalChanges,
        truncated: totalChanges > changes.length,
        reverted,
        historyWalked,
      };
      if (interrupted) answer.interrupted = interrupted;
      return answer;
    });
  }

  function spanChunks(streamId: string, projection: Projection, from: number, to: number): AsyncIterable<ReplayEvent[]> | ReplayEvent[][] {
    if (to <= from) return [];
    return store.replayChunks(streamId, from + 1, to, { withMetadata: projection.needsMetadata === true });
  }

  /**
   * Gives every change its history over (from, to] and finds the paths that changed and changed back
   * (only when `changes` is complete: otherwise an unlisted change could pass for a reverted one).
   * Folds only (from, to]: one walk, and a second just for the reverted paths when there are any.
   */
  async function fillHistories(
    streamId: string,
    projection: Projection,
    start: unknown,
    end: unknown,
    from: number,
    to: number,
    changes: DiffChange[],
    complete: boolean,
    includeSkipped: boolean,
  ): Promise<RevertedChange[]> {
    if (to <= from) return [];
    const touched = createTouchedPaths();
    const { histories } = await walkHistories({
      projection,
      streamId,
      includeSkipped,
      start,
      events: spanChunks(streamId, projection, from, to),
      paths: changes.map((change) => change.segments),
      onChange: complete ? (segments) => touched.add(segments) : undefined,
    });
    changes.forEach((change, i) => {
      change.history = histories[i].entries;
      change.historyCount = histories[i].count;
    });
    if (!complete) return [];
    const candidates = touched.uncovered(
      changes.map((change) => change.segments),
      MAX_REVERTED,
    );
    if (candidates.length === 0) return [];
    const second = await walkHistories({ projection, streamId, includeSkipped, start, events: spanChunks(streamId, projection, from, to), paths: candidates });
    const reverted: RevertedChange[] = [];
    candidates.forEach((segments, i) => {
      const atStart = valueAtPath(start, segments);
      // A path named differently at the two ends (by index vs by key) is not a reversal; skip it.
      if (second.histories[i].count === 0 || !sameLookup(atStart, valueAtPath(end, segments))) return;
      const entry: RevertedChange = { path: pathText(segments), segments, present: atStart.present, history: second.histories[i].entries, historyCount: second.histories[i].count };
      if (atStart.present) entry.value = atStart.value;
      reverted.push(entry);
    });
    return reverted;
  }

  /** Every event that changed the value at `segments` over (from, upTo] (default: the whole stream), oldest first. */
  async function fieldHistory(streamId: string, segments: PathSegment[], opts: ReplayOptions & { from?: number; upTo?: number } = {}): Promise<FieldHistoryResult> {
    const projection = await projectionFor(streamId, opts.projection);
    const current = await streamVersion(streamId);
    const upTo = await resolveVersion(streamId, current, { version: opts.upTo ?? current });
    const from = await resolveVersion(streamId, current, { version: opts.from ?? 0 });
    if (from > upTo) throw new LedgerError('INVALID_INPUT', words('errorWords.replay.historyOrder', { from, upTo }));
    return guardDepth('history', async () => {
      const includeSkipped = opts.includeSkipped ?? false;
      const key = snapshotKey(projection, streamId, includeSkipped);
      const history: PathHistory = { entries: [], count: 0 };
      let interrupted: Interruption | undefined;
      // Span by span between snapshots: a span whose end snapshot's blame says the path was not
      // touched in it is skipped without folding; the others are walked from their start state.
      let state: { value: unknown } | null = from === 0 ? { value: projection.initialState() } : null;
      let lo = from;
      while (lo < upTo && !interrupted) {
        const hi = snapshotEvery > 0 ? Math.min(upTo, (Math.floor(lo / snapshotEvery) + 1) * snapshotEvery) : upTo;
        const end = hi < upTo || hi % snapshotEvery === 0 ? cache.get(key, hi) : undefined;
        if (end?.blame && untouchedSince(end.blame, segments, lo)) {
          state = { value: end.state };
        } else {
          const snapshot = lo > 0 ? cache.get(key, lo) : undefined;
          let start = state;
          if (!start && snapshot) start = { value: snapshot.state };
          if (!start) {
            const folded = await fold(streamId, projection, lo, false, undefined, includeSkipped);
            start = { value: folded.state };
            interrupted = folded.interrupted;
          }
          if (!interrupted) {
            const walked = await walkHistories({ projection, streamId, includeSkipped, start: start.value, events: spanChunks(streamId, projection, lo, hi), paths: [segments] });
            history.count += walked.histories[0].count;
            for (const entry of walked.histories[0].entries) if (history.entries.length < HISTORY_CAP) history.entries.push(entry);
            interrupted = walked.interrupted && { projection: projection.name, ...walked.interrupted };
            start = { value: walked.end };
          }
          state = start;
        }
        lo = hi;
      }
      let finalState = state;
      if (!finalState) {
        const folded = await fold(streamId, projection, upTo, false, undefined, includeSkipped);
        finalState = { value: folded.state };
        interrupted ??= folded.interrupted;
      }
      const histories = [history];
      const now = valueAtPath(finalState.value, segments);
      const result: FieldHistoryResult = {
        streamId,
        projection: projectionInfo(projection),
        path: pathText(segments),
        segments,
        from,
        upTo,
        present: now.present,
        history: histories[0].entries,
        historyCount: histories[0].count,
      };
      if (now.present) result.value = now.value;
      const plan = now.present ? currencyPlan(projection.units, segments) : undefined;
      const currencies = plan && currenciesOfPath(plan, finalState.value);
      if (currencies) result.currencies = currencies;
      if (interrupted) result.interrupted = interrupted;
      return result;
    });
  }

  return { listProjections, projectionFor, stateAt, replayFromStart, buildSnapshots, blame, diff, fieldHistory, cache };
}

export type ReplayEngine = ReturnType<typeof createReplayEngine>;
