// The activity verdict's words: the English written into the verdict is the sentence the log has
// always given (--json readers match on it), and Chinese says every case with the same facts.
import { describe, expect, it } from 'vitest';
import type { ActivityProblem, ActivityProblemFacts } from './activity.ts';
import { ACTIVITY_VERDICT_WORDS, englishOf, problemWords, summaryWords } from './activityVerdictWords.ts';
import { chineseOf } from './testing/chineseOf.ts';

const problem = (line: number, facts: ActivityProblemFacts): ActivityProblem => ({ kind: 'broken', line, facts, message: '' });

// Each case with the sentence verifyActivity.ts wrote before the words moved here.
const CASES: [ActivityProblem, string][] = [
  [problem(9, { case: 'truncated' }), 'Line 9, the last, is not a whole entry: the viewer stopped while writing it, or it was cut.'],
  [problem(4, { case: 'broken', empty: false }), 'Line 4 is not an activity entry: it was damaged or written by hand.'],
  [problem(4, { case: 'broken', empty: true }), 'Line 4 is not an activity entry (it is empty): it was damaged or written by hand.'],
  [problem(2, { case: 'edited', seq: 2, action: 'note.added', at: '2026-12-01T10:00:00.000Z' }), 'Line 2 (entry #2, note.added at 2026-12-01T10:00:00.000Z) was changed after it was written: its hash no longer matches its content.'],
  [problem(3, { case: 'duplicated', seq: 2, lines: [2, 3] }), 'Entry #2 appears 2 times (lines 2, 3): an entry was inserted.'],
  [problem(3, { case: 'missingBefore', from: 3, to: 3 }), 'Entry #3 before line 3 is missing: removed from the log.'],
  [problem(3, { case: 'missingBefore', from: 3, to: 5 }), 'Entries #3–#5 before line 3 are missing: removed from the log.'],
  [problem(2, { case: 'movedAhead', seq: 3, due: 2 }), 'Line 2 holds entry #3, but #2 was due: entries were moved.'],
  [problem(3, { case: 'movedBehind', seq: 1 }), 'Line 3 holds entry #1, which belongs before the entries above it: entries were moved.'],
  [problem(3, { case: 'unlinked', seq: 3 }), 'Line 3 (entry #3) does not link to the entry before it: it was inserted or replaced, or the entry before it was.'],
  [problem(3, { case: 'missingAtEnd', headSeq: 4, lastSeq: 3 }), 'Entry #4 at the end is missing: the log had reached #4 but ends at #3.'],
  [problem(3, { case: 'missingAtEnd', headSeq: 5, lastSeq: 3 }), 'Entries #4–#5 at the end are missing: the log had reached #5 but ends at #3.'],
  [problem(3, { case: 'lastReplaced', seq: 3 }), 'The last entry (#3) is not the one the viewer wrote: it was replaced.'],
  [problem(0, { case: 'emptied', headSeq: 7 }), 'The log is empty, but it had reached entry #7: its entries were removed.'],
  [problem(0, { case: 'unreadable', reason: 'EACCES: permission denied' }), 'The activity log cannot be read: EACCES: permission denied.'],
];

const chinese = () => chineseOf(ACTIVITY_VERDICT_WORDS['zh-CN']);

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();
const base = (key: string) => key.replace(/_(one|other)$/, '');

describe('activity verdict words', () => {
  it.each(CASES)('English of %j is the sentence the log has always written', (p, sentence) => {
    expect(englishOf(problemWords(p))).toBe(sentence);
  });

  it('summaries: empty, intact (singular and plural), altered, unreadable', () => {
    expect(englishOf(summaryWords({ ok: true, entries: 0, problems: [] }))).toBe('The activity log is empty.');
    expect(englishOf(summaryWords({ ok: true, entries: 1, problems: [] }))).toBe('The activity log is intact: 1 entry, each linked to the one before.');
    expect(englishOf(summaryWords({ ok: true, entries: 12, problems: [] }))).toBe('The activity log is intact: 12 entries, each linked to the one before.');
    expect(englishOf(summaryWords({ ok: false, entries: 5, problems: [CASES[0][0]] }))).toBe('The activity log was altered: 1 problem, the first at line 9.');
    expect(englishOf(summaryWords({ ok: false, entries: 5, problems: [CASES[1][0], CASES[0][0]] }))).toBe('The activity log was altered: 2 problems, the first at line 4.');
    expect(englishOf(summaryWords({ ok: false, entries: 0, problems: [CASES.at(-1)![0]] }))).toBe('The activity log cannot be read.');
  });

  it('Chinese has every sentence, with the same placeholders and only the `_other` plural form', () => {
    const zh = ACTIVITY_VERDICT_WORDS['zh-CN'] as Record<string, string>;
    const en = ACTIVITY_VERDICT_WORDS.en as Record<string, string>;
    expect(Object.keys(zh).filter((k) => k.endsWith('_one'))).toEqual([]);
    expect([...new Set(Object.keys(zh).map(base))].sort()).toEqual([...new Set(Object.keys(en).map(base))].sort());
    for (const [key, text] of Object.entries(en)) {
      const zhKey = key.endsWith('_one') ? key.replace(/_one$/, '_other') : key;
      expect([key, placeholders(zh[zhKey])]).toEqual([key, placeholders(text)]);
    }
  });

  it('every case said in Chinese carries its facts and no English words', () => {
    const t = chinese();
    for (const [p] of CASES) {
      const words = problemWords(p);
      const said = t(words.key, words.values);
      expect(said).toMatch(/[\u4e00-\u9fff]/);
      const zh = ACTIVITY_VERDICT_WORDS['zh-CN'] as Record<string, string>;
      const named = placeholders(zh[words.key] ?? zh[`${words.key}_other`]).map((name) => String(words.values[name]));
      for (const value of named) expect(said).toContain(value);
      // what is left once the facts (ids, times, the system's reason) are taken out
      const rest = named.reduce<string>((text, value) => text.split(value).join(''), said);
      expect(rest, said).not.toMatch(/[A-Za-z]{2,}/);
    }
    expect(t(summaryWords({ ok: true, entries: 3, problems: [] }).key, { count: 3 })).toBe('活动日志完好：共 3 条记录，每条都链接到前一条。');
  });
});
