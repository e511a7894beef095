// User projections across the IPC boundary: what a projections folder holds, why a module did not
// load, and why a fold stopped ("interrupted at v17 by …"). One source of truth for main, renderer
// and CLI; the zod schemas for the projection channels live in contract.ts beside the others.

import type { ProjectionFailureFacts } from './projectionFailureWords.ts';

/** Where a projection comes from. Built-ins are the viewer's own; the others are files in the folder. */
export type ProjectionOriginKind = 'built-in' | 'module' | 'declarative';

export interface ProjectionOrigin {
  kind: ProjectionOriginKind;
  /** The file's name inside the projections folder (modules and declarative projections only). */
  file?: string;
  /** sha256 of the file's bytes, first 12 hex digits: snapshots of another content are never reused. */
  contentHash?: string;
}

/** Why a projection stopped on an event. */
export type ProjectionFailureKind =
  | 'threw' // evolve threw (or a declarative rule could not apply)
  | 'timeout' // one call ran past the CPU time limit (an endless loop)
  | 'out-of-memory' // the sandbox's memory limit was reached
  | 'stack-overflow' // too deep a recursion
  | 'bad-state' // evolve returned something that is not plain JSON (a function, a cycle, undefined, …)
  | 'crashed'; // the sandbox itself stopped for another reason

export interface ProjectionFailure {
  kind: ProjectionFailureKind;
  /** In people's words, without a stack trace: "evolve threw: fine must be a number". */
  message: string;
  /** What `message` says, as facts, so each reader says it in its own language (projectionFailureWords). */
  facts?: ProjectionFailureFacts;
  /** The projection's own source position when known (1-based), in its file. */
  file?: string;
  line?: number;
  column?: number;
}

/** A fold that stopped: the state shown is the last good one, after `version - 1`. */
export interface Interruption {
  projection: string;
  /** The event that could not be applied. */
  version: number;
  position: number;
  type: string;
  recordedAt: string;
  failure: ProjectionFailure;
}

/** What the user wrote to choose streams, as text for the panel: "categories: member, loan". */
export type AppliesToText = string;

/** One file of a projections folder, loaded or not. */
export interface ProjectionModuleInfo {
  /** File name inside the folder, e.g. "library.projection.ts". */
  file: string;
  kind: 'module' | 'declarative';
  /** From the module once it loaded; null when it did not. */
  name: string | null;
  version: number | null;
  description: string | null;
  appliesTo: AppliesToText | null;
  contentHash: string | null;
  /** Why the file did not load (syntax error, no evolve, threw while loading, bad rule): null when it did. */
  error: ProjectionFailure | null;
  loadedAt: string;
  /**
   * A higher version of the same name is in the folder and applies to the streams: this one folds
   * only when chosen by this reference ("library@1"), e.g. as one side of a what-if.
   */
  chosenOnly?: string;
  /** Its name is a built-in projection's (counter, shopping-cart, …): this one is used instead. */
  overridesBuiltIn?: boolean;
}

export interface ProjectionFolderInfo {
  /** Absolute folder path; null when none is chosen (built-ins only). */
  folder: string | null;
  modules: ProjectionModuleInfo[];
  /** Saving a file reloads it (hot reload is on). */
  watching: boolean;
}

/** "Interrupted at v17 (ItemAdded, position 903) by library: evolve threw: … (library.projection.js:12:5)." */
export function interruptionSentence(interrupted: Interruption): string {
  const { failure } = interrupted;
  const where = failure.file ? ` (${failure.file}${failure.line ? `:${failure.line}${failure.column ? `:${failure.column}` : ''}` : ''})` : '';
  return (
    `Interrupted at v${interrupted.version} (${interrupted.type}, position ${interrupted.position}) by ${interrupted.projection}: ` +
    `${failure.message}${where}. The state shown is the last good one, after v${interrupted.version - 1}.`
  );
}

/** "library v1, library.projection.js #3f2a9c1d0b7e" — which code made a state, for reports. */
export function projectionLabel(projection: { name: string; version: number; origin?: ProjectionOrigin }): string {
  const origin = projection.origin;
  const from = origin && origin.kind !== 'built-in' && origin.file ? `, ${origin.file}${origin.contentHash ? ` #${origin.contentHash}` : ''}` : '';
  return `${projection.name} v${projection.version}${from}`;
}

/** How to choose a projection unambiguously: its name, or name@version when the list holds the name twice. */
export function projectionRef(projection: { name: string; version: number }, all: readonly { name: string }[]): string {
  return all.filter((p) => p.name === projection.name).length > 1 ? `${projection.name}@${projection.version}` : projection.name;
}
