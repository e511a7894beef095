// A projection folds a stream's events into a state: S_t = evolve(...evolve(initialState(), e1)..., et).
// Projections must not mutate: evolve returns a new state and leaves unchanged parts shared, so any
// two states can be compared and snapshots can be kept by reference.
//
// Built-ins evolve synchronously in process. A user projection (a module of the projections folder)
// runs in a sandbox and evolves whole chunks asynchronously through `evolveChunk`; a failure there
// interrupts the fold at the event that caused it instead of becoming a warning.
import type { ProjectionFailure, ProjectionOrigin } from '../../shared/projections.ts';
import type { ProjectionInfo } from '../../shared/replay.ts';
import type { ReplayEvent } from '../store/eventStore.ts';
import type { FieldUnits } from '../../shared/units.ts';

export interface Projection<S = unknown> {
  name: string;
  /** Bump when evolve changes meaning: cached snapshots of other versions are then ignored. */
  version: number;
  description: string;
  /** Sandboxed modules answer asynchronously (the function runs in the sandbox). */
  appliesTo(streamId: string, category: string): boolean | Promise<boolean>;
  initialState(): S;
  /** Event types this projection understands; others leave the state as is and raise a warning. */
  handles: ReadonlySet<string> | 'all';
  evolve(state: S, event: ReplayEvent): S;
  /**
   * A module's `appliesTo: { types: [...] }`: it also applies to a stream whose first event has one
   * of these types (the creation event names the aggregate; one cheap read, not a scan). The engine
   * checks it when appliesTo() says no.
   */
  firstEventTypes?: ReadonlySet<string>;
  /** Built-in when absent. */
  origin?: ProjectionOrigin;
  /** Which state fields are money or decimals (`{ total: { currency: 'EUR', scale: 2 } }`), for display only. */
  units?: FieldUnits;
  /** Part of the snapshot key besides name@version (a file's content hash): an edited file never reuses old snapshots. */
  cacheKey?: string;
  /** The events it folds must carry their metadata (ReplayEvent.metadata); user projections do. */
  needsMetadata?: boolean;
  /**
   * Evolve builds new objects only for what it changes and shares the rest, and never puts back an
   * object that an earlier state held (an undo to a saved state would). The built-ins promise it:
   * their diffs are attributed without a blame tree (lazyBlame.ts); others keep the blame tree.
   */
  noRestoredObjects?: boolean;
  /**
   * Folding in place, for folds that keep only some of their states (no blame): `thaw` copies a
   * state into a private draft and `apply` changes the draft as evolve would change the state,
   * leaving it as it was when it throws. apply may change in place only what thaw copied (anything
   * else it replaces), so states kept on the way (snapshots) stay as they were and still share
   * their unchanged parts. Built-ins whose evolve copies much per event (the cart) offer it.
   */
  inPlace?: { thaw(state: S): S; apply(draft: S, event: ReplayEvent): void };
  /** An evolve error stops the fold ("interrupted at v17 by …") instead of being a warning. */
  interruptOnError?: boolean;
  /**
   * When present the engine folds through this, a chunk per call, instead of calling evolve per
   * event (a sandbox cannot be called synchronously). `evolve` is then never called.
   */
  evolveChunk?(state: S, events: readonly ReplayEvent[], options: ChunkOptions): Promise<ChunkOutcome<S>>;
  /** Frees what the projection holds (a sandbox worker). */
  dispose?(): Promise<void>;
}

export interface ChunkOptions {
  /** The stream the events belong to (user projections see event.streamId). */
  streamId: string;
  /** Return the state after every event (blame and snapshots need them), not only the last. */
  keepStates: boolean;
  signal?: AbortSignal;
}

/**
 * What a chunk did to the state. The engine passes only events to apply: undecodable and skipped
 * events are dealt with before (a warning each, the state as it was).
 */
export interface ChunkOutcome<S = unknown> {
  /** Events applied, from the first; fewer than given when `failure` is set (events[applied] failed). */
  applied: number;
  /** The state after the last applied event (the state passed in when none was). */
  state: S;
  /**
   * With keepStates: the state after each applied event (length = applied). An event that left the
   * state as it was gives the very same value as the one before it (===), so blame can skip it.
   */
  states?: S[];
  /** Events that were applied but left the state as is with a reason (unknown type, skipped…). */
  warnings?: { index: number; message: string }[];
  failure?: ProjectionFailure;
}

export function projectionInfo(projection: Projection): ProjectionInfo {
  const info: ProjectionInfo = { name: projection.name, version: projection.version, description: projection.description };
  if (projection.origin) info.origin = projection.origin;
  if (projection.units && Object.keys(projection.units).length > 0) info.units = projection.units;
  return info;
}

/** Reads a field that must be a finite number, with a message naming the event when it is not. */
export function numberField(event: ReplayEvent, field: string): number {
  const value = (event.data as Record<string, unknown> | null)?.[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${event.type} needs a numeric '${field}' in its data, got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return value;
}

export function textField(event: ReplayEvent, field: string): string {
  const value = (event.data as Record<string, unknown> | null)?.[field];
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new Error(`${event.type} needs a '${field}' in its data, got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return String(value);
}
