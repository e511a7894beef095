// A projection folds a stream's events into a state: S_t = evolve(...evolve(initialState(), e1)..., et).
// Projections must not mutate: evolve returns a new state and leaves unchanged parts shared, so any
// two states can be compared and snapshots can be kept by reference.
import type { ProjectionInfo } from '../../shared/replay.ts';
import type { ReplayEvent } from '../store/eventStore.ts';

export interface Projection<S = unknown> {
  name: string;
  /** Bump when evolve changes meaning: cached snapshots of other versions are then ignored. */
  version: number;
  description: string;
  appliesTo(streamId: string, category: string): boolean;
  initialState(): S;
  /** Event types this projection understands; others leave the state as is and raise a warning. */
  handles: ReadonlySet<string> | 'all';
  evolve(state: S, event: ReplayEvent): S;
}

export function projectionInfo(projection: Projection): ProjectionInfo {
  return { name: projection.name, version: projection.version, description: projection.description };
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
