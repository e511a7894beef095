// A projection's failure in one line for people: "evolve threw: fine must be a number
// (library.projection.js:12)". Used by the panel (load errors) and the state views (interruptions).
import type { Interruption, ProjectionFailure, ProjectionFailureKind } from '../../../../shared/projections.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { failureMessage } from '../../../../shared/projectionFailureWords.ts';

const KIND_WORDS: Record<ProjectionFailureKind, MessageKey> = {
  threw: 'projection.kind.threw',
  timeout: 'projection.kind.timeout',
  'out-of-memory': 'projection.kind.outOfMemory',
  'stack-overflow': 'projection.kind.stackOverflow',
  'bad-state': 'projection.kind.badState',
  crashed: 'projection.kind.crashed',
};

export function failureKindText(kind: ProjectionFailureKind): string {
  return KIND_WORDS[kind] ? t(KIND_WORDS[kind]) : kind;
}

/** "library.projection.js:12:5", or null when the sandbox could not tell where. */
export function failureWhere(failure: ProjectionFailure): string | null {
  if (!failure.file) return failure.line ? t('projection.line', { line: failure.line }) : null;
  return `${failure.file}${failure.line ? `:${failure.line}` : ''}${failure.line && failure.column ? `:${failure.column}` : ''}`;
}

/** "Interrupted at v17 by ItemAdded: <message> (library.projection.js:12)". */
export function interruptionText(interrupted: Interruption): string {
  const where = failureWhere(interrupted.failure);
  return t('projection.interruption', { version: interrupted.version, type: interrupted.type, message: failureText(interrupted.failure), where: where ? t('projection.where', { where }) : '' });
}

/** The failure's own sentence in the reader's language ("evolve 抛出了异常：…"); the thrown text stays as written. */
export function failureText(failure: ProjectionFailure): string {
  return failureMessage(failure, t);
}
