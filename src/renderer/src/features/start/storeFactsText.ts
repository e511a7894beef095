// Wording of the store facts that depends on what kind of store is open (a SQLite file or a
// PostgreSQL database), kept apart from the component so it can be tested as plain text.
import type { StoreInfo, StoreLayoutFacts } from '../../../../shared/types.ts';

const COUNT = new Intl.NumberFormat('en-US');

export function isDatabase(info: Pick<StoreInfo, 'kind'>): boolean {
  return info.kind === 'postgres';
}

/** "tombstone events: 12 hidden, not counted above" — rows of the source that are not events of the audited system. */
export function hiddenRowsText(row: NonNullable<StoreLayoutFacts['hiddenRows']>[number]): string {
  return row.count === 0 ? `${row.what}: none in this store` : `${row.what}: ${COUNT.format(row.count)} hidden, not counted in the events above`;
}

/** What the access line says: a file the viewer cannot change, or a database session the server keeps read-only. */
export function accessText(info: Pick<StoreInfo, 'kind' | 'readonly' | 'access'>): string {
  if (isDatabase(info)) {
    return info.readonly
      ? 'Read-only at the server: the session runs with default_transaction_read_only and read-only transactions, and the viewer sends no writes.'
      : 'Writable session';
  }
  if (!info.readonly) return 'Writable';
  return info.access === 'snapshot'
    ? 'Read-only: the viewer reads a private copy of this WAL-mode file and cannot change it.'
    : 'Read-only: the viewer cannot change this file.';
}

/** The read-only badge's tooltip. */
export function readonlyBadgeTitle(info: Pick<StoreInfo, 'kind'>): string {
  return isDatabase(info) ? 'The database session is read-only at the server.' : 'The viewer opened this file read-only.';
}
