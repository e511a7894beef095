// The search's keyset cursor: the global position of the last event on the page, opaque to callers
// (a prefix marks the format so a cursor from another listing is refused in words, not misread).
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';

const PREFIX = 's1.';

export function encodeSearchCursor(lastPosition: number): string {
  return PREFIX + lastPosition.toString(36);
}

/** The position after which the next page starts; 0 for no cursor. */
export function decodeSearchCursor(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined || cursor === '') return 0;
  const body = typeof cursor === 'string' && cursor.startsWith(PREFIX) ? cursor.slice(PREFIX.length) : '';
  const position = /^[0-9a-z]{1,12}$/.test(body) ? parseInt(body, 36) : NaN;
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.search.foreignCursor', {}), { field: 'after' });
  }
  return position;
}
