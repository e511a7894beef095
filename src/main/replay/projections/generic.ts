// The generic projection: JSON Merge Patch (RFC 7396) of each event's data into the state, so any
// store shows a meaningful state without code. null deletes a member; arrays replace wholesale.
import { isPlainObject } from '../../store/decode.ts';
import type { Projection } from '../projection.ts';

/** RFC 7396 MergePatch(target, patch), returning a new value and sharing untouched members. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const base = isPlainObject(target) ? target : {};
  let result: Record<string, unknown> | null = null;
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) {
      if (Object.prototype.hasOwnProperty.call(base, key)) {
        result ??= { ...base };
        delete result[key];
      }
      continue;
    }
    const merged = mergePatch(base[key], value);
    if (merged !== base[key]) {
      result ??= { ...base };
      result[key] = merged;
    }
  }
  return result ?? base;
}

export const genericProjection: Projection<unknown> = {
  name: 'generic',
  version: 1,
  description: 'JSON Merge Patch (RFC 7396) of every event’s data into one document.',
  appliesTo: () => true,
  initialState: () => ({}),
  noRestoredObjects: true,
  handles: 'all',
  evolve: (state, event) => mergePatch(state, event.data),
};
