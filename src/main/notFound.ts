// "Not there" errors every reader (native, Emmett, PostgreSQL) and handler throws alike, one wording
// each and said in the reader's language (shared/errorWords/readWords.ts).
import { words } from '../shared/errorWords/index.ts';
import { LedgerError } from './errors.ts';

export function noSuchStream(streamId: string): LedgerError {
  return new LedgerError('NOT_FOUND', words('errorWords.read.noStream', { streamId }), { streamId });
}

/** An event asked for by position (a number) or by its id. */
export function noSuchEvent(ref: number | string, byPosition: boolean): LedgerError {
  return new LedgerError('NOT_FOUND', byPosition ? words('errorWords.read.noEventAt', { position: ref }) : words('errorWords.read.noEventId', { id: String(ref) }), { ref });
}
