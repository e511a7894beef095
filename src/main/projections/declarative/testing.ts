// Test helpers: a projection from rules, and events to fold through it.
import type { ReplayEvent } from '../../store/eventStore.ts';
import type { Projection } from '../../replay/projection.ts';
import { loadDeclarativeProjection } from './loadDeclarative.ts';

export const T0 = Date.parse('2026-03-01T10:00:00Z');

export function event(type: string, data: unknown, extra: Partial<ReplayEvent> = {}): ReplayEvent {
  return { position: 1, version: 1, type, data, recordedAtMs: T0, actor: null, ...extra };
}

/** The projection of a file with these rules; fails the test with the load error when it does not load. */
export function projectionOf(on: Record<string, unknown[]>, initialState: unknown = {}, more: Record<string, unknown> = {}): Projection {
  const loaded = loadDeclarativeProjection('/rules/test.projection.json', JSON.stringify({ name: 'test', version: 1, appliesTo: { categories: ['t'] }, initialState, on, ...more }));
  if (!loaded.projection) throw new Error(`did not load: ${loaded.info.error?.message}`);
  return loaded.projection;
}

/** A load error message for a file (as text or as a value). */
export function loadError(file: unknown): string | undefined {
  const text = typeof file === 'string' ? file : JSON.stringify(file);
  const loaded = loadDeclarativeProjection('/rules/bad.projection.json', text);
  if (loaded.projection) return undefined;
  return loaded.info.error?.message;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
