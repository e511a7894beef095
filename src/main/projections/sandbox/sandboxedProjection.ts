// TEMPORARY placeholder so the catalog branch (i12-catalog) typechecks; the real sandboxed loader
// is written on another branch and replaces this file when the branches are merged.
import type { LoadedProjection, SandboxLimits } from '../types.ts';

export async function loadSandboxedModule(file: string, source: string, limits: SandboxLimits): Promise<LoadedProjection> {
  void source;
  void limits;
  return {
    info: { file, kind: 'module', name: null, version: null, description: null, appliesTo: null, contentHash: null, error: { kind: 'crashed', message: 'not built yet' }, loadedAt: new Date().toISOString() },
    projection: null,
  };
}
