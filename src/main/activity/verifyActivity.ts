// Checks the activity log's chain line by line: an entry changed after it was written, removed,
// inserted or moved, a line that is not an entry, and a last line cut off by a crash. Each problem
// names its line. The head file (activity.head.json, written after every append) shows entries
// removed from the end, which the chain alone cannot.
import type { ActivityEntry } from '../../shared/evidence.ts';
import type { ActivityProblem, ActivityProblemFacts, ActivityVerdict } from '../../shared/activity.ts';
import { englishOf, problemWords, summaryWords } from '../../shared/activityVerdictWords.ts';
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

/** A problem from its facts, with its English sentence for --json readers. */
function problem(kind: ActivityProblem['kind'], line: number, facts: ActivityProblemFacts): ActivityProblem {
  return { kind, line, facts, message: englishOf(problemWords({ line, facts })) };
}

/** The verdict on a log file that could not be read at all (not one that is missing: that is empty). */
export function unreadableVerdict(file: string, reason: string): ActivityVerdict {
  const problems = [problem('broken', 0, { case: 'unreadable', reason })];
  return { ok: false, file, entries: 0, head: null, problems, summary: englishOf(summaryWords({ ok: false, entries: 0, problems })) };
}

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
          ? problem('truncated', line, { case: 'truncated' })
          : problem('broken', line, { case: 'broken', empty: raw.trim() === '' }),
      );
      continue;
    }
    entries++;
    if (activityHash(entry) !== entry.hash) {
      problems.push(problem('edited', line, { case: 'edited', seq: entry.seq, action: entry.action, at: entry.at }));
    }
    const twins = lineOfSeq.get(entry.seq) ?? [];
    if (entry.seq === expectedSeq && entry.prevHash === expectedPrev) {
      // in place
    } else if (twins.length > 1 && !reported.has(entry.seq)) {
      reported.add(entry.seq);
      problems.push(problem('inserted', line, { case: 'duplicated', seq: entry.seq, lines: twins }));
    } else if (entry.seq > expectedSeq) {
      const missing: number[] = [];
      for (let s = expectedSeq; s < entry.seq; s++) if (!lineOfSeq.has(s)) missing.push(s);
      if (missing.length === entry.seq - expectedSeq) {
        problems.push(problem('removed', line, { case: 'missingBefore', from: expectedSeq, to: entry.seq - 1 }));
      } else {
        problems.push(problem('reordered', line, { case: 'movedAhead', seq: entry.seq, due: expectedSeq }));
      }
    } else if (entry.seq < expectedSeq) {
      problems.push(problem('reordered', line, { case: 'movedBehind', seq: entry.seq }));
    } else if (entry.prevHash !== expectedPrev) {
      problems.push(problem('inserted', line, { case: 'unlinked', seq: entry.seq }));
    }
    // Carry on from this entry, so one tampering gives one or two problems rather than one per line after it.
    expectedSeq = entry.seq + 1;
    expectedPrev = entry.hash;
    last = entry;
  }
  if (head && last && head.seq > last.seq) {
    problems.push(problem('removed', lines.length, { case: 'missingAtEnd', headSeq: head.seq, lastSeq: last.seq }));
  } else if (head && last && head.seq === last.seq && head.hash !== last.hash) {
    problems.push(problem('edited', lines.length, { case: 'lastReplaced', seq: last.seq }));
  } else if (head && !last && head.seq > 0) {
    problems.push(problem('removed', 0, { case: 'emptied', headSeq: head.seq }));
  }
  const ok = problems.length === 0;
  const summary = englishOf(summaryWords({ ok, entries, problems }));
  return { ok, file, entries, head: last?.hash ?? null, problems, summary };
}
