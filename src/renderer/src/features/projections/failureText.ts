// A projection's failure in one line for people: "evolve threw: fine must be a number
// (library.projection.js:12)". Used by the panel (load errors) and the state views (interruptions).
import type { Interruption, ProjectionFailure, ProjectionFailureKind } from '../../../../shared/projections.ts';

const KIND_WORDS: Record<ProjectionFailureKind, string> = {
  threw: 'threw',
  timeout: 'ran past its time limit',
  'out-of-memory': 'ran out of memory',
  'stack-overflow': 'recursed too deeply',
  'bad-state': 'returned a state that is not plain JSON',
  crashed: 'stopped',
};

export function failureKindText(kind: ProjectionFailureKind): string {
  return KIND_WORDS[kind] ?? kind;
}

/** "library.projection.js:12:5", or null when the sandbox could not tell where. */
export function failureWhere(failure: ProjectionFailure): string | null {
  if (!failure.file) return failure.line ? `line ${failure.line}` : null;
  return `${failure.file}${failure.line ? `:${failure.line}` : ''}${failure.line && failure.column ? `:${failure.column}` : ''}`;
}

/** "Interrupted at v17 by ItemAdded: <message> (library.projection.js:12)". */
export function interruptionText(interrupted: Interruption): string {
  const where = failureWhere(interrupted.failure);
  return `Interrupted at v${interrupted.version} by ${interrupted.type}: ${interrupted.failure.message}${where ? ` (${where})` : ''}`;
}
