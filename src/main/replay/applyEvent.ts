// One step of a fold, shared by the engine's fold, the history walks, what-if and drift so all of
// them apply events with exactly the same rules: undecodable and skipped events leave the state as
// is with a warning; a built-in's evolve error is a warning too, while a user projection's error
// (interruptOnError) stops the fold at that event; a sandboxed projection folds whole chunks.
import type { ProjectionFailure } from '../../shared/projections.ts';
import { englishFailure, type ProjectionFailureFacts } from '../../shared/projectionFailureWords.ts';
import type { ReplayEvent } from '../store/eventStore.ts';
import type { ChunkOptions, ChunkOutcome, Projection } from './projection.ts';

export interface AppliedEvent {
  state: unknown;
  /** Why the event left the state unchanged, when it could not be applied. */
  warning: string | null;
}

export interface ApplyOptions extends ChunkOptions {
  /** Apply events the store marks skipped (Marten's is_skipped); by default they are left out. */
  includeSkipped?: boolean;
}

/** Why an event is not handed to the projection at all, or null when it is. */
function notApplied(projection: Projection, event: ReplayEvent, includeSkipped: boolean): string | null {
  if (event.decodeError) return `skipped: ${event.decodeError}`;
  if (event.skipped && !includeSkipped) return 'skipped: the store marks this event as skipped';
  const handles = projection.handles;
  if (handles !== 'all' && !handles.has(event.type)) return `no handler for '${event.type}' in projection ${projection.name}; state unchanged`;
  return null;
}

export function applyEvent(projection: Projection, state: unknown, event: ReplayEvent, includeSkipped = false): AppliedEvent {
  const reason = notApplied(projection, event, includeSkipped);
  if (reason !== null) return { state, warning: reason };
  try {
    return { state: projection.evolve(state, event), warning: null };
  } catch (error) {
    return { state, warning: `could not be applied: ${(error as Error).message}` };
  }
}

/** An error thrown by an in-process evolve (a declarative projection), as a fold failure. */
export function failureOf(error: unknown): ProjectionFailure {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return said('stack-overflow', { case: 'recursed', part: 'evolve' });
  }
  return said('threw', { case: 'threw', part: 'evolve', error: error instanceof Error ? error.message : String(error) });
}

function said(kind: ProjectionFailure['kind'], facts: ProjectionFailureFacts): ProjectionFailure {
  return { kind, message: englishFailure(facts), facts };
}

/**
 * Applies a chunk of events: the one fold step for every kind of projection. Built-ins run in
 * process, event by event; a projection with evolveChunk gets the runs of applicable events in one
 * call each. Stops at the first failure of a projection that interrupts on errors.
 */
export async function applyChunk(projection: Projection, start: unknown, events: readonly ReplayEvent[], options: ApplyOptions): Promise<ChunkOutcome> {
  const includeSkipped = options.includeSkipped ?? false;
  const keep = options.keepStates;
  const states: unknown[] | undefined = keep ? [] : undefined;
  const warnings: { index: number; message: string }[] = [];
  let state = start;

  if (!projection.evolveChunk) {
    const interrupt = projection.interruptOnError === true;
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      const reason = notApplied(projection, event, includeSkipped);
      if (reason !== null) warnings.push({ index: i, message: reason });
      else {
        try {
          state = projection.evolve(state, event);
        } catch (error) {
          if (interrupt) return { applied: i, state, states, warnings, failure: failureOf(error) };
          warnings.push({ index: i, message: `could not be applied: ${(error as Error).message}` });
        }
      }
      states?.push(state);
    }
    return { applied: events.length, state, states, warnings };
  }

  // Sandboxed: hand over each run of applicable events at once.
  let i = 0;
  while (i < events.length) {
    const reason = notApplied(projection, events[i], includeSkipped);
    if (reason !== null) {
      warnings.push({ index: i, message: reason });
      states?.push(state);
      i++;
      continue;
    }
    let end = i + 1;
    while (end < events.length && notApplied(projection, events[end], includeSkipped) === null) end++;
    const run = i === 0 && end === events.length ? events : events.slice(i, end);
    const outcome = await projection.evolveChunk(state, run, { streamId: options.streamId, keepStates: keep, signal: options.signal });
    for (const warning of outcome.warnings ?? []) warnings.push({ index: i + warning.index, message: warning.message });
    if (states && outcome.states) for (let k = 0; k < outcome.applied; k++) states.push(outcome.states[k]);
    state = outcome.state;
    if (outcome.failure) return { applied: i + outcome.applied, state, states, warnings, failure: outcome.failure };
    i = end;
  }
  return { applied: events.length, state, states, warnings };
}

/**
 * applyChunk through the projection's in-place steps: `draft` (thawed by the caller, private to the
 * fold) is changed in place and is the outcome's state. The same rules as applyChunk: the same
 * warnings, the same stop at an interrupting failure.
 */
export function applyChunkInPlace<S>(projection: Projection<S>, draft: S, events: readonly ReplayEvent[], includeSkipped: boolean): ChunkOutcome<S> {
  const apply = (projection.inPlace as NonNullable<Projection<S>['inPlace']>).apply;
  const interrupt = projection.interruptOnError === true;
  const warnings: { index: number; message: string }[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const reason = notApplied(projection as Projection, event, includeSkipped);
    if (reason !== null) {
      warnings.push({ index: i, message: reason });
      continue;
    }
    try {
      apply(draft, event);
    } catch (error) {
      if (interrupt) return { applied: i, state: draft, warnings, failure: failureOf(error) };
      warnings.push({ index: i, message: `could not be applied: ${(error as Error).message}` });
    }
  }
  return { applied: events.length, state: draft, warnings };
}
