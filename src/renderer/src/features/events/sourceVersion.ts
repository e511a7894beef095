// The source system's own number for an event beside ours. Where a layout numbers a stream from 0
// (Message DB) the viewer keeps its 1-based versions, and an auditor quoting the source system needs
// its number too: "v3 (source 2)". Nothing is added where the two agree.
import type { StoredEvent } from '../../../../shared/types.ts';

type Versioned = Pick<StoredEvent, 'version' | 'sourceVersion'>;

const COUNT = new Intl.NumberFormat('en-US');

/** The source's number when it differs from ours, else null. */
export function differingSourceVersion(event: Versioned): number | null {
  const source = event.sourceVersion;
  return source === undefined || source === null || source === event.version ? null : source;
}

/** "v3" or "v3 (source 2)": for titles, copied text and anywhere a single string is wanted. */
export function versionLabel(event: Versioned): string {
  const source = differingSourceVersion(event);
  return `v${COUNT.format(event.version)}${source === null ? '' : ` (source ${COUNT.format(source)})`}`;
}

/** Whose number it is, as the start of a sentence: "Message DB's", "The table's" (a mapped table), "The source system's". */
export function sourceOwner(layoutName?: string | null): string {
  if (!layoutName) return "The source system's";
  if (layoutName === 'Mapped table') return "The table's";
  return `${layoutName}'s`;
}

/** The tooltip that explains the source number, naming the layout when known. */
export function sourceVersionTitle(event: Versioned, layoutName?: string | null): string | undefined {
  const source = differingSourceVersion(event);
  if (source === null) return undefined;
  const who = sourceOwner(layoutName);
  return `${who} own number for this event in its stream is ${COUNT.format(source)}; the viewer counts versions from 1 (this is version ${COUNT.format(event.version)}). Quote ${COUNT.format(source)} to people who use the source system.`;
}
