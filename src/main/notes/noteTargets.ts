// Turns what a person points at (an event by id or position, a stream at a version) into a note's
// target, checked against the open store, so a note never points at something the store lacks.
import type { NoteTarget } from '../../shared/evidence.ts';
import { LedgerError } from '../errors.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { noSuchStream } from '../notFound.ts';
import { words } from '../../shared/errorWords/index.ts';

export type TargetRequest = { kind: 'event'; ref: string | number } | { kind: 'state'; streamId: string; version: number; projection?: string };

export async function resolveNoteTarget(store: EventStoreReader, request: TargetRequest): Promise<NoteTarget> {
  if (request.kind === 'event') {
    let event;
    try {
      event = await store.getEvent(request.ref);
    } catch (error) {
      // A number typed as text: an id first, then a position.
      if (typeof request.ref === 'string' && /^\d+$/.test(request.ref) && (error as LedgerError)?.code === 'NOT_FOUND') event = await store.getEvent(Number(request.ref));
      else throw error;
    }
    return { kind: 'event', eventId: event.eventId, position: event.position, streamId: event.streamId, version: event.version };
  }
  const stream = await store.getStream(request.streamId);
  if (!stream) throw noSuchStream(request.streamId);
  if (request.version > stream.version) throw new LedgerError('INVALID_INPUT', words(stream.version === 1 ? 'errorWords.note.noVersionOne' : 'errorWords.note.noVersion', { streamId: request.streamId, count: stream.version, version: request.version }));
  return { kind: 'state', streamId: request.streamId, version: request.version, ...(request.projection ? { projection: request.projection } : {}) };
}

/** A note by its id or an unambiguous start of it (the CLI shows the first 8 characters). */
export function findNoteId(ids: string[], typed: string): string {
  if (ids.includes(typed)) return typed;
  const matches = typed.length >= 4 ? ids.filter((id) => id.startsWith(typed)) : [];
  if (matches.length === 1) return matches[0];
  throw new LedgerError(
    matches.length > 1 ? 'INVALID_INPUT' : 'NOT_FOUND',
    matches.length > 1 ? words('errorWords.read.noteIdAmbiguous', { typed, count: matches.length }) : words('errorWords.read.noNote', { id: typed }),
  );
}
