// What the viewer's own activity log tells its readers (CLI `ledger log`, the Activity panel):
// the entries and the verdict of its hash chain. The entry itself is ActivityEntry (evidence.ts).
import type { ActivityEntry } from './evidence.ts';

export type ActivityProblemKind = 'edited' | 'removed' | 'inserted' | 'reordered' | 'broken' | 'truncated';

export interface ActivityProblem {
  kind: ActivityProblemKind;
  /** 1-based line of activity.jsonl the problem was seen at (for removed entries at the end: the last line). */
  line: number;
  /** What happened, in a sentence people read. */
  message: string;
}

export interface ActivityVerdict {
  ok: boolean;
  file: string;
  entries: number;
  /** Hash of the last entry: what a bundle or a ticket can quote. */
  head: string | null;
  problems: ActivityProblem[];
  /** One sentence for the whole log. */
  summary: string;
}

export interface ActivityListing {
  file: string;
  /** Newest first. */
  entries: ActivityEntry[];
  /** Why the log could not be written (or read) lately, in people's words; null when all is well. */
  problem: string | null;
  /** The open store's key, when the list was filtered to it. */
  storeKey: string | null;
}
