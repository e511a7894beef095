// What the replay engine gets when a projections folder is open: the folder's projections first
// (the engine tries them in order, so a module applies to its streams ahead of the built-ins), then
// the built-ins whose names the folder did not take. A module named like a built-in is the team's
// own version of it: two projections of one name could not be told apart by `--projection NAME`,
// in the state view or in snapshot keys, so the module replaces the built-in.
import type { Projection } from '../replay/projection.ts';
import { BUILT_IN_PROJECTIONS, genericProjection } from '../replay/projections/index.ts';

const BUILT_IN_NAMES: ReadonlySet<string> = new Set([...BUILT_IN_PROJECTIONS, genericProjection].map((p) => p.name));

export function isBuiltInName(name: string): boolean {
  return BUILT_IN_NAMES.has(name);
}

export function replayProjections(folderProjections: readonly Projection<any>[]): Projection<any>[] {
  const taken = new Set(folderProjections.map((p) => p.name));
  return [...folderProjections, ...BUILT_IN_PROJECTIONS.filter((p) => !taken.has(p.name))];
}
