// Short, human titles for the stable error codes; the message from main says the specifics.
import type { ErrorCode, ErrorInfo } from '../../../shared/result.ts';

const TITLES: Record<ErrorCode, string> = {
  INVALID_INPUT: 'That input is not valid',
  NOT_FOUND: 'Not found',
  CONCURRENCY: 'The stream changed meanwhile',
  DUPLICATE_EVENT_ID: 'Duplicate event id',
  FILE_NOT_FOUND: 'There is no file at that path',
  EMPTY_FILE: 'The file is empty',
  NOT_SQLITE: 'This file is not an SQLite database',
  CORRUPT: 'The file is damaged',
  NOT_AN_EVENT_STORE: 'No event store found there',
  UNSUPPORTED_VERSION: 'The store was written by a newer version',
  READ_ONLY: 'The store is open read-only',
  NO_STORE_OPEN: 'No store is open',
  CANCELLED: 'Cancelled',
  BAD_DATA: 'An event cannot be decoded',
  IO_ERROR: 'Input/output error',
  UNSUPPORTED: 'Not available here',
  FORBIDDEN: 'Not allowed',
  INTERNAL: 'Unexpected error',
  CONNECTION_FAILED: 'Cannot reach the database server',
  AUTH_FAILED: 'The database refused the login',
  PERMISSION_DENIED: 'The database role may not read this',
  TIMEOUT: 'The database took too long',
};

export function errorTitle(error: ErrorInfo): string {
  return TITLES[error.code] ?? 'Error';
}

export function isCode(error: ErrorInfo | null | undefined, code: ErrorCode): boolean {
  return error?.code === code;
}
