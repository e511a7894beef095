// Checks the activity log's chain line by line: an entry changed after it was written, removed,
// inserted or moved, a line that is not an entry, and a last line cut off by a crash. Each problem
// names its line. The head file (activity.head.json, written after every append) shows entries
// removed from the end, which the chain alone cannot.
import type { ActivityEntry } from '../../shared/evidence.ts';
import type { ActivityProblem, ActivityVerdict } from '../../shared/activity.ts';
import { activityHash, GENESIS_HASH, looksLikeEntry } from './activityChain.ts';

export interface ActivityHead {
  seq: number;
  hash: string;
}

interface ParsedLine {
  line: number;
  entry: ActivityEntry | null;
  raw: string;
}

function parseLines(text: string): ParsedLine[] {
  const pieces = text.split('\n');
  if (pieces[pieces.length - 1] === '') pieces.pop(); // the newline that ends the last entry
  return pieces.map((raw, i) => {
    try {
      const value: unknown = JSON.parse(raw);
      return { line: i + 1, entry: looksLikeEntry(value) ? value : null, raw };
    } catch {
      return { line: i + 1, entry: null, raw };
    }
  });
}

const range = (from: number, to: number) => (from === to ? `#${from}` : `#${from}–#${to}`);

export function verifyActivityText(text: string, file: string, head: ActivityHead | null = null): ActivityVerdict {
  const lines = parseLines(text);
  const problems: ActivityProblem[] = [];
  const lineOfSeq = new Map<number, number[]>();
  for (const l of lines) if (l.entry) lineOfSeq.set(l.entry.seq, [...(lineOfSeq.get(l.entry.seq) ?? []), l.line]);
  const unterminated = text.length > 0 && !text.endsWith('\n');

  let expectedSeq = 1;
  let expectedPrev = GENESIS_HASH;
  let last: ActivityEntry | null = null;
  let entries = 0;
  const reported = new Set<number>();
  for (const { line, entry, raw } of lines) {
    if (!entry) {
      const isLast = line === lines.length;
      problems.push(
        isLast && (unterminated || raw.trim() !== '')
          ? { kind: 'truncated', line, message: `Line ${line}, the last, is not a whole entry: the viewer stopped while writing it, or it was cut.` }
          : { kind: 'broken', line, message: `Line ${line} is not an activity entry${raw.trim() === '' ? ' (it is empty)' : ''}: it was damaged or written by hand.` },
      );
      continue;
    }
    entries++;
    if (activityHash(entry) !== entry.hash) {
      problems.push({ kind: 'edited', line, message: `Line ${line} (entry #${entry.seq}, ${entry.action} at ${entry.at}) was changed after it was written: its hash no longer matches its content.` });
    }
    const twins = lineOfSeq.get(entry.seq) ?? [];
    if (entry.seq === expectedSeq && entry.prevHash === expectedPrev) {
      // in place
    } else if (twins.length > 1 && !reported.has(entry.seq)) {
      reported.add(entry.seq);
      problems.push({ kind: 'inserted', line, message: `Entry #${entry.seq} appears ${twins.length} times (lines ${twins.join(', ')}): an entry was inserted.` });
    } else if (entry.seq > expectedSeq) {
      const missing: number[] = [];
      for (let s = expectedSeq; s < entry.seq; s++) if (!lineOfSeq.has(s)) missing.push(s);
      if (missing.length === entry.seq - expectedSeq) {
        problems.push({ kind: 'removed', line, message: `Entr${missing.length === 1 ? 'y' : 'ies'} ${range(expectedSeq, entry.seq - 1)} before line ${line} ${missing.length === 1 ? 'is' : 'are'} missing: removed from the log.` });
      } else {
        problems.push({ kind: 'reordered', line, message: `Line ${line} holds entry #${entry.seq}, but #${expectedSeq} was due: entries were moved.` });
      }
    } else if (entry.seq < expectedSeq) {
      problems.push({ kind: 'reordered', line, message: `Line ${line} holds entry #${entry.seq}, which belongs before the entries above it: entries were moved.` });
    } else if (entry.prevHash !== expectedPrev) {
      problems.push({ kind: 'inserted', line, message: `Line ${line} (entry #${entry.seq}) does not link to the entry before it: it was inserted or replaced, or the entry before it was.` });
    }
    // Carry on from this entry, so one tampering gives one or two problems rather than one per line after it.
    expectedSeq = entry.seq + 1;
    expectedPrev = entry.hash;
    last = entry;
  }
  if (head && last && head.seq > last.seq) {
    problems.push({ kind: 'removed', line: lines.length, message: `Entr${head.seq - last.seq === 1 ? 'y' : 'ies'} ${range(last.seq + 1, head.seq)} at the end ${head.seq - last.seq === 1 ? 'is' : 'are'} missing: the log had reached #${head.seq} but ends at #${last.seq}.` });
  } else if (head && last && head.seq === last.seq && head.hash !== last.hash) {
    problems.push({ kind: 'edited', line: lines.length, message: `The last entry (#${last.seq}) is not the one the viewer wrote: it was replaced.` });
  } else if (head && !last && head.seq > 0) {
    problems.push({ kind: 'removed', line: 0, message: `The log is empty, but it had reached entry #${head.seq}: its entries were removed.` });
  }
  const ok = problems.length === 0;
  const summary = ok
    ? entries === 0
      ? 'The activity log is empty.'
      : `The activity log is intact: ${entries} entr${entries === 1 ? 'y' : 'ies'}, each linked to the one before.`
    : `The activity log was altered: ${problems.length} problem${problems.length === 1 ? '' : 's'}, the first at line ${problems[0].line}.`;
  return { ok, file, entries, head: last?.hash ?? null, problems, summary };
}
