// The source system's own number for an event beside ours. Where a layout numbers a stream from 0
// (Message DB) the viewer keeps its 1-based versions, and an auditor quoting the source system needs
// its number too: "v3 (source 2)". Nothing is added where the two agree.
import type { StoredEvent } from '../../../../shared/types.ts';
import { t } from '../../i18n/index.ts';

type Versioned = Pick<StoredEvent, 'version' | 'sourceVersion'>;

/** The source's number when it differs from ours, else null. */
export function differingSourceVersion(event: Versioned): number | null {
  const source = event.sourceVersion;
  return source === undefined || source === null || source === event.version ? null : source;
}

/** "v3" or "v3 (source 2)": for titles, copied text and anywhere a single string is wanted. */
export function versionLabel(event: Versioned): string {
  const source = differingSourceVersion(event);
  return source === null ? t('common.v', { version: event.version }) : t('sourceVersion.label', { version: event.version, source });
}

/**
 * Whose number it is: "Message DB's", "The table's" (a mapped table), "The source system's" at the
 * start of a sentence, or "the table's" inside one (`midSentence`). The layout's name is shown as given.
 */
export function sourceOwner(layoutName?: string | null, midSentence = false): string {
  if (!layoutName) return midSentence ? t('sourceVersion.ownerMid.system') : t('sourceVersion.owner.system');
  if (layoutName === 'Mapped table') return midSentence ? t('sourceVersion.ownerMid.table') : t('sourceVersion.owner.table');
  return t('sourceVersion.owner.layout', { layout: layoutName });
}

/** The tooltip that explains the source number, naming the layout when known. */
export function sourceVersionTitle(event: Versioned, layoutName?: string | null): string | undefined {
  const source = differingSourceVersion(event);
  if (source === null) return undefined;
  return t('sourceVersion.title', { owner: sourceOwner(layoutName), source, version: event.version });
}
