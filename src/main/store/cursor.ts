// Opaque keyset cursors: the sort key of the last row of a page, base64url-encoded JSON.
// A cursor that does not decode is an input error, never a crash or a silently wrong page.
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';

export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, shape: ReadonlyArray<'string' | 'number'>): unknown[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid = Array.isArray(key) && key.length === shape.length && key.every((part, i) => typeof part === shape[i]);
  if (!valid) throw new LedgerError('INVALID_INPUT', words('errorWords.page.badCursor', {}));
  return key as unknown[];
}
