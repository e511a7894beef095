// What the viewer's own activity log tells its readers (CLI `ledger log`, the Activity panel):
// the entries and the verdict of its hash chain. The entry itself is ActivityEntry (evidence.ts).
import type { ActivityEntry } from './evidence.ts';

export type ActivityProblemKind = 'edited' | 'removed' | 'inserted' | 'reordered' | 'broken' | 'truncated';

export interface ActivityProblem {
  kind: ActivityProblemKind;
  /** 1-based line of activity.jsonl the problem was seen at (for removed entries at the end: the last line). */
  line: number;
  /** What was seen, as facts: readers say it in their language (shared/activityVerdictWords.ts). */
  facts: ActivityProblemFacts;
  /** What happened, in an English sentence (for --json readers); screens say `facts` in their language. */
  message: string;
}

/** One problem's facts; `case` picks the sentence, finer than `kind`. */
export type ActivityProblemFacts =
  | { case: 'truncated' }
  | { case: 'broken'; empty: boolean }
  | { case: 'edited'; seq: number; action: string; at: string }
  | { case: 'duplicated'; seq: number; lines: number[] }
  | { case: 'missingBefore'; from: number; to: number }
  | { case: 'movedAhead'; seq: number; due: number }
  | { case: 'movedBehind'; seq: number }
  | { case: 'unlinked'; seq: number }
  | { case: 'missingAtEnd'; headSeq: number; lastSeq: number }
  | { case: 'lastReplaced'; seq: number }
  | { case: 'emptied'; headSeq: number }
  /** The file itself could not be read; `reason` is the system's words. */
  | { case: 'unreadable'; reason: string };

export interface ActivityVerdict {
  ok: boolean;
  file: string;
  entries: number;
  /** Hash of the last entry: what a bundle or a ticket can quote. */
  head: string | null;
  problems: ActivityProblem[];
  /** One English sentence for the whole log (screens build theirs from ok, entries and problems). */
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
