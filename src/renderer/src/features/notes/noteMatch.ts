// Which of the store's notes belong to one event or one state (pure: tested without a window).
import type { CaseNote } from '../../../../shared/evidence.ts';

/** Notes on the event at a global position. */
export function notesOnEvent(notes: CaseNote[], position: number): CaseNote[] {
  return notes.filter((n) => n.target.kind === 'event' && n.target.position === position);
}

/** Notes on a stream's state at a version (any projection). */
export function notesOnState(notes: CaseNote[], streamId: string, version: number): CaseNote[] {
  return notes.filter((n) => n.target.kind === 'state' && n.target.streamId === streamId && n.target.version === version);
}
