// The words of the activity log's verdict in English and 简体中文, kept in one place for the three
// readers: the renderer's Activity panel and `ledger log --verify` spread them into their catalogs
// and ask their own i18next with the key and values below; the main process writes the English
// sentence into the verdict (`message`, `summary`) for --json readers and older screens. Main
// therefore states each problem as facts (`ActivityProblemFacts`), never as a sentence only.
import { fillWords } from './fillWords.ts';
import type { ActivityProblem, ActivityProblemFacts, ActivityVerdict } from './activity.ts';

const en = {
  'activityVerdict.truncated': 'Line {{line}}, the last, is not a whole entry: the viewer stopped while writing it, or it was cut.',
  'activityVerdict.broken': 'Line {{line}} is not an activity entry: it was damaged or written by hand.',
  'activityVerdict.brokenEmpty': 'Line {{line}} is not an activity entry (it is empty): it was damaged or written by hand.',
  'activityVerdict.edited': 'Line {{line}} (entry #{{seq}}, {{action}} at {{at}}) was changed after it was written: its hash no longer matches its content.',
  'activityVerdict.duplicated': 'Entry #{{seq}} appears {{count}} times (lines {{lines}}): an entry was inserted.',
  'activityVerdict.missingBefore.single': 'Entry #{{from}} before line {{line}} is missing: removed from the log.',
  'activityVerdict.missingBefore.range': 'Entries #{{from}}–#{{to}} before line {{line}} are missing: removed from the log.',
  'activityVerdict.movedAhead': 'Line {{line}} holds entry #{{seq}}, but #{{due}} was due: entries were moved.',
  'activityVerdict.movedBehind': 'Line {{line}} holds entry #{{seq}}, which belongs before the entries above it: entries were moved.',
  'activityVerdict.unlinked': 'Line {{line}} (entry #{{seq}}) does not link to the entry before it: it was inserted or replaced, or the entry before it was.',
  'activityVerdict.missingAtEnd.single': 'Entry #{{from}} at the end is missing: the log had reached #{{headSeq}} but ends at #{{lastSeq}}.',
  'activityVerdict.missingAtEnd.range': 'Entries #{{from}}–#{{to}} at the end are missing: the log had reached #{{headSeq}} but ends at #{{lastSeq}}.',
  'activityVerdict.lastReplaced': 'The last entry (#{{seq}}) is not the one the viewer wrote: it was replaced.',
  'activityVerdict.emptied': 'The log is empty, but it had reached entry #{{headSeq}}: its entries were removed.',
  'activityVerdict.unreadable': 'The activity log cannot be read: {{reason}}.',
  'activityVerdict.summary.unreadable': 'The activity log cannot be read.',
  'activityVerdict.summary.empty': 'The activity log is empty.',
  'activityVerdict.summary.intact_one': 'The activity log is intact: {{count}} entry, each linked to the one before.',
  'activityVerdict.summary.intact_other': 'The activity log is intact: {{count}} entries, each linked to the one before.',
  'activityVerdict.summary.altered_one': 'The activity log was altered: {{count}} problem, the first at line {{line}}.',
  'activityVerdict.summary.altered_other': 'The activity log was altered: {{count}} problems, the first at line {{line}}.',
} as const;

// Chinese has one plural form: `_other` keys only, as the catalogs' checker asks.
const zhCN: Partial<Record<keyof typeof en, string>> = {
  'activityVerdict.truncated': '第 {{line}} 行（最后一行）不是完整的记录：查看器在写入时中断，或该行被截断。',
  'activityVerdict.broken': '第 {{line}} 行不是活动记录：它已损坏或被手工写入。',
  'activityVerdict.brokenEmpty': '第 {{line}} 行不是活动记录（该行为空）：它已损坏或被手工写入。',
  'activityVerdict.edited': '第 {{line}} 行（记录 #{{seq}}，{{at}} 的 {{action}}）在写入后被修改：其哈希与内容不再相符。',
  'activityVerdict.duplicated': '记录 #{{seq}} 出现了 {{count}} 次（第 {{lines}} 行）：有记录被插入。',
  'activityVerdict.missingBefore.single': '第 {{line}} 行之前缺少记录 #{{from}}：已从日志中删除。',
  'activityVerdict.missingBefore.range': '第 {{line}} 行之前缺少记录 #{{from}}–#{{to}}：已从日志中删除。',
  'activityVerdict.movedAhead': '第 {{line}} 行是记录 #{{seq}}，但此处应为 #{{due}}：记录被移动过。',
  'activityVerdict.movedBehind': '第 {{line}} 行是记录 #{{seq}}，它应位于上方各记录之前：记录被移动过。',
  'activityVerdict.unlinked': '第 {{line}} 行（记录 #{{seq}}）未链接到前一条记录：它被插入或替换，或前一条记录被替换。',
  'activityVerdict.missingAtEnd.single': '末尾缺少记录 #{{from}}：日志曾写到 #{{headSeq}}，现在止于 #{{lastSeq}}。',
  'activityVerdict.missingAtEnd.range': '末尾缺少记录 #{{from}}–#{{to}}：日志曾写到 #{{headSeq}}，现在止于 #{{lastSeq}}。',
  'activityVerdict.lastReplaced': '最后一条记录（#{{seq}}）不是查看器写入的那条：它已被替换。',
  'activityVerdict.emptied': '日志为空，但它曾写到记录 #{{headSeq}}：其记录已被删除。',
  'activityVerdict.unreadable': '无法读取活动日志：{{reason}}。',
  'activityVerdict.summary.unreadable': '无法读取活动日志。',
  'activityVerdict.summary.empty': '活动日志为空。',
  'activityVerdict.summary.intact_other': '活动日志完好：共 {{count}} 条记录，每条都链接到前一条。',
  'activityVerdict.summary.altered_other': '活动日志已被改动：{{count}} 个问题，第一个在第 {{line}} 行。',
};

/** What the catalogs spread in: the same keys in both languages. */
export const ACTIVITY_VERDICT_WORDS = { en, 'zh-CN': zhCN } as const;

type WordKey = keyof typeof en;
type BaseKey<K> = K extends `${infer B}_one` ? B : K extends `${infer B}_other` ? B : K;
export type ActivityVerdictKey = BaseKey<WordKey>;

/** A sentence to say: a catalog key (plural suffix left to i18next) and its values. */
export interface Words {
  key: ActivityVerdictKey;
  values: Record<string, string | number>;
}

export function problemWords(problem: Pick<ActivityProblem, 'line' | 'facts'>): Words {
  const { line, facts } = problem;
  switch (facts.case) {
    case 'truncated':
      return { key: 'activityVerdict.truncated', values: { line } };
    case 'broken':
      return { key: facts.empty ? 'activityVerdict.brokenEmpty' : 'activityVerdict.broken', values: { line } };
    case 'edited':
      return { key: 'activityVerdict.edited', values: { line, seq: facts.seq, action: facts.action, at: facts.at } };
    case 'duplicated':
      return { key: 'activityVerdict.duplicated', values: { seq: facts.seq, count: facts.lines.length, lines: facts.lines.join(', ') } };
    case 'missingBefore':
      // one entry or a range: two sentences, not plural forms (Chinese has one form, and "#3–#3" says nothing)
      return { key: facts.from === facts.to ? 'activityVerdict.missingBefore.single' : 'activityVerdict.missingBefore.range', values: { line, from: facts.from, to: facts.to } };
    case 'movedAhead':
      return { key: 'activityVerdict.movedAhead', values: { line, seq: facts.seq, due: facts.due } };
    case 'movedBehind':
      return { key: 'activityVerdict.movedBehind', values: { line, seq: facts.seq } };
    case 'unlinked':
      return { key: 'activityVerdict.unlinked', values: { line, seq: facts.seq } };
    case 'missingAtEnd':
      return { key: facts.headSeq - facts.lastSeq === 1 ? 'activityVerdict.missingAtEnd.single' : 'activityVerdict.missingAtEnd.range', values: { from: facts.lastSeq + 1, to: facts.headSeq, headSeq: facts.headSeq, lastSeq: facts.lastSeq } };
    case 'lastReplaced':
      return { key: 'activityVerdict.lastReplaced', values: { seq: facts.seq } };
    case 'emptied':
      return { key: 'activityVerdict.emptied', values: { headSeq: facts.headSeq } };
    case 'unreadable':
      return { key: 'activityVerdict.unreadable', values: { reason: facts.reason } };
  }
}

export function summaryWords(verdict: Pick<ActivityVerdict, 'ok' | 'entries' | 'problems'>): Words {
  if (verdict.problems[0]?.facts.case === 'unreadable') return { key: 'activityVerdict.summary.unreadable', values: {} };
  if (!verdict.ok) return { key: 'activityVerdict.summary.altered', values: { count: verdict.problems.length, line: verdict.problems[0]?.line ?? 0 } };
  if (verdict.entries === 0) return { key: 'activityVerdict.summary.empty', values: {} };
  return { key: 'activityVerdict.summary.intact', values: { count: verdict.entries } };
}

/**
 * The English sentence, for the verdict's own `message` / `summary` (main has no i18next): `{{x}}`
 * filled in, `_one` when count is 1 (English's only other plural form), as i18next would.
 */
export function englishOf({ key, values }: Words): string {
  const table = en as Record<string, string>;
  const template = table[key] ?? table[`${key}_${values.count === 1 ? 'one' : 'other'}`];
  if (template === undefined) throw new Error(`no English words for ${key}`);
  return fillWords(template, values);
}
