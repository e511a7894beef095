// TEMPORARY — a local stand-in for `applyChunk` that the lead is adding to applyEvent.ts (same
// signature, same contract). It exists only on branch i12-whatif so whatIf.ts can be written and
// tested against that signature before it lands; when merging, delete this file and import
// `applyChunk` from './applyEvent.ts' in whatIf.ts instead.
//
// One step function for both kinds of projection: a sandboxed one folds through evolveChunk, a
// built-in through evolve per event with applyEvent's warning rules. A failure (a sandbox error, or
// an evolve error of a projection with interruptOnError) stops the chunk at that event.
import type { ProjectionFailure } from '../../shared/projections.ts';
import type { ReplayEvent } from '../store/eventStore.ts';
import { applyEvent } from './applyEvent.ts';
import type { ChunkOptions, ChunkOutcome, Projection } from './projection.ts';

/** TEMPORARY: see the file comment. */
export async function applyChunk(projection: Projection, state: unknown, events: readonly ReplayEvent[], options: ChunkOptions): Promise<ChunkOutcome> {
  return projection.evolveChunk ? viaEvolveChunk(projection, state, events, options) : viaEvolve(projection, state, events, options.keepStates);
}

/** Undecodable events never reach the sandbox: each leaves the state as is with a warning, and the runs between them go in one call. */
async function viaEvolveChunk(projection: Projection, state: unknown, events: readonly ReplayEvent[], options: ChunkOptions): Promise<ChunkOutcome> {
  const evolveChunk = projection.evolveChunk!.bind(projection);
  const states: unknown[] | undefined = options.keepStates ? [] : undefined;
  const warnings: { index: number; message: string }[] = [];
  let current = state;
  let applied = 0;
  let i = 0;
  while (i < events.length) {
    const decodeError = events[i].decodeError;
    if (decodeError) {
      warnings.push({ index: i, message: `skipped: ${decodeError}` });
      states?.push(current);
      applied++;
      i++;
      continue;
    }
    let end = i;
    while (end < events.length && !events[end].decodeError) end++;
    const outcome = await evolveChunk(current, events.slice(i, end), options);
    for (const warning of outcome.warnings ?? []) warnings.push({ index: i + warning.index, message: warning.message });
    if (states) states.push(...(outcome.states ?? []));
    applied += outcome.applied;
    current = outcome.state;
    if (outcome.failure) return outcomeOf(applied, current, states, warnings, outcome.failure);
    i = end;
  }
  return outcomeOf(applied, current, states, warnings);
}

function viaEvolve(projection: Projection, state: unknown, events: readonly ReplayEvent[], keepStates: boolean): ChunkOutcome {
  const states: unknown[] | undefined = keepStates ? [] : undefined;
  const warnings: { index: number; message: string }[] = [];
  let current = state;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const handled = !event.decodeError && (projection.handles === 'all' || projection.handles.has(event.type));
    if (projection.interruptOnError && handled) {
      try {
        current = projection.evolve(current, event);
      } catch (error) {
        return outcomeOf(i, current, states, warnings, { kind: 'threw', message: `evolve threw: ${(error as Error)?.message ?? String(error)}` });
      }
    } else {
      const step = applyEvent(projection, current, event);
      current = step.state;
      if (step.warning !== null) warnings.push({ index: i, message: step.warning });
    }
    states?.push(current);
  }
  return outcomeOf(events.length, current, states, warnings);
}

function outcomeOf(applied: number, state: unknown, states: unknown[] | undefined, warnings: { index: number; message: string }[], failure?: ProjectionFailure): ChunkOutcome {
  const outcome: ChunkOutcome = { applied, state };
  if (states) outcome.states = states;
  if (warnings.length > 0) outcome.warnings = warnings;
  if (failure) outcome.failure = failure;
  return outcome;
}
