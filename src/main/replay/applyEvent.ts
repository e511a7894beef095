// One step of a fold, shared by the engine's fold and the history walks so both apply events with
// exactly the same rules (undecodable or unhandled events and evolve errors leave the state as is).
import type { ReplayEvent } from '../store/eventStore.ts';
import type { Projection } from './projection.ts';

export interface AppliedEvent {
  state: unknown;
  /** Why the event left the state unchanged, when it could not be applied. */
  warning: string | null;
}

export function applyEvent(projection: Projection, state: unknown, event: ReplayEvent): AppliedEvent {
  if (event.decodeError) return { state, warning: `skipped: ${event.decodeError}` };
  const handles = projection.handles;
  if (handles !== 'all' && !handles.has(event.type)) return { state, warning: `no handler for '${event.type}' in projection ${projection.name}; state unchanged` };
  try {
    return { state: projection.evolve(state, event), warning: null };
  } catch (error) {
    return { state, warning: `could not be applied: ${(error as Error).message}` };
  }
}
