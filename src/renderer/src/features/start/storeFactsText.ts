// Wording of the store facts that depends on what kind of store is open (a SQLite file or a
// PostgreSQL database), kept apart from the component so it can be tested as plain text.
import type { StoreInfo, StoreLayoutFacts } from '../../../../shared/types.ts';
import { t } from '../../i18n/index.ts';

export function isDatabase(info: Pick<StoreInfo, 'kind'>): boolean {
  return info.kind === 'postgres';
}

/** "tombstone events: 12 hidden, not counted above" — rows of the source that are not events of the audited system. */
export function hiddenRowsText(row: NonNullable<StoreLayoutFacts['hiddenRows']>[number]): string {
  // `what` comes from the layout's facts (main) and is shown as it came.
  return row.count === 0 ? t('facts.hidden.none', { what: row.what }) : t('facts.hidden', { what: row.what, count: row.count });
}

/** What the access line says: a file the viewer cannot change, or a database session the server keeps read-only. */
export function accessText(info: Pick<StoreInfo, 'kind' | 'readonly' | 'access'>): string {
  if (isDatabase(info)) {
    return info.readonly
      ? t('facts.access.serverReadOnly')
      : t('facts.access.writableSession');
  }
  if (!info.readonly) return t('facts.access.writable');
  return info.access === 'snapshot' ? t('facts.access.snapshot') : t('facts.access.readOnly');
}

/** The read-only badge's tooltip. */
export function readonlyBadgeTitle(info: Pick<StoreInfo, 'kind'>): string {
  return isDatabase(info) ? t('facts.badge.database') : t('facts.badge.file');
}
