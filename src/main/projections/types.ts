// The seam between the projections folder and what loads each kind of file: a code module runs in
// the sandbox (sandbox/), a *.projection.json is a declarative projection (declarative/). Both give
// a LoadedProjection: the engine's Projection when the file loaded, and the panel's facts either way.
import type { ProjectionModuleInfo } from '../../shared/projections.ts';
import type { Projection } from '../replay/projection.ts';

export interface LoadedProjection {
  info: ProjectionModuleInfo;
  /** Null when the file did not load (info.error says why). */
  projection: Projection | null;
}

export interface SandboxLimits {
  /** CPU time one call into the projection may take (evolve of one event, initialState, appliesTo). */
  callTimeoutMs: number;
  /** Heap of the sandbox. */
  memoryMb: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { callTimeoutMs: 1000, memoryMb: 256 };

/** File names the folder loads, and which kind each is. */
export function projectionFileKind(fileName: string): 'module' | 'declarative' | null {
  if (/\.projection\.json$/i.test(fileName)) return 'declarative';
  if (/\.projection\.(js|mjs|ts|mts)$/i.test(fileName)) return 'module';
  return null;
}
