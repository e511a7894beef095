// TEMPORARY placeholder so the catalog branch (i12-catalog) typechecks; the real declarative loader
// is written on another branch and replaces this file when the branches are merged.
import type { LoadedProjection } from '../types.ts';

export async function loadDeclarativeProjection(file: string, text: string): Promise<LoadedProjection> {
  void text;
  return {
    info: { file, kind: 'declarative', name: null, version: null, description: null, appliesTo: null, contentHash: null, error: { kind: 'crashed', message: 'not built yet' }, loadedAt: new Date().toISOString() },
    projection: null,
  };
}
