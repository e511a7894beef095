// Short, human titles for the stable error codes; the message from main says the specifics.
import { errorText } from '../../../shared/errorWords/index.ts';
import type { ErrorCode, ErrorInfo } from '../../../shared/result.ts';
import { t, type MessageKey } from '../i18n/index.ts';

// Catalog keys (i18n/en/errors.ts): the title follows the reader's language.
const TITLES: Record<ErrorCode, MessageKey> = {
  INVALID_INPUT: 'error.INVALID_INPUT',
  NOT_FOUND: 'error.NOT_FOUND',
  CONCURRENCY: 'error.CONCURRENCY',
  DUPLICATE_EVENT_ID: 'error.DUPLICATE_EVENT_ID',
  FILE_NOT_FOUND: 'error.FILE_NOT_FOUND',
  EMPTY_FILE: 'error.EMPTY_FILE',
  NOT_SQLITE: 'error.NOT_SQLITE',
  CORRUPT: 'error.CORRUPT',
  NOT_AN_EVENT_STORE: 'error.NOT_AN_EVENT_STORE',
  UNSUPPORTED_VERSION: 'error.UNSUPPORTED_VERSION',
  READ_ONLY: 'error.READ_ONLY',
  NO_STORE_OPEN: 'error.NO_STORE_OPEN',
  CANCELLED: 'error.CANCELLED',
  BAD_DATA: 'error.BAD_DATA',
  IO_ERROR: 'error.IO_ERROR',
  UNSUPPORTED: 'error.UNSUPPORTED',
  FORBIDDEN: 'error.FORBIDDEN',
  INTERNAL: 'error.INTERNAL',
  CONNECTION_FAILED: 'error.CONNECTION_FAILED',
  AUTH_FAILED: 'error.AUTH_FAILED',
  PERMISSION_DENIED: 'error.PERMISSION_DENIED',
  TIMEOUT: 'error.TIMEOUT',
};

export function errorTitle(error: ErrorInfo): string {
  return t(TITLES[error.code] ?? 'error.generic');
}

/** The error's message in the reader's language when main sent its words; otherwise as main wrote it. */
export function errorMessage(error: Pick<ErrorInfo, 'message' | 'words'>): string {
  return errorText(error, t);
}

export function isCode(error: ErrorInfo | null | undefined, code: ErrorCode): boolean {
  return error?.code === code;
}
