// Time ranges and actor filters said in the reader's language, for the timeline (renderer) and the
// CLI (--from-time, --to-time, --at-time, --actor): the words in English and 简体中文, spread into
// both catalogs, and the sentences built from the shared parsers' data (timeRange.ts,
// actorFilter.ts), whose `message` stays the English for logs, --json and errors from main.
// Instants are written as the store's UTC digits in every language; typed text stays as typed.
import type { ActorFilter } from './actorFilter.ts';
import { englishError, errorText, type ErrorTranslate } from './errorWords/index.ts';
import { timeProblemWords } from './errorWords/timeProblemWords.ts';
import { formatUtcInstant, type TimeProblem, type TimeRange, type TimeRangeResult } from './timeRange.ts';

const en = {
  'range.span': '{{from}} to {{to}}',
  'range.firstEvent': 'the first event',
  'range.lastEvent': 'the last event',
  'range.endExclusive': '{{time}} (exclusive)',
  'range.endInclusive': '{{time}} (inclusive)',
  'range.fromProblem': 'From: {{problem}}',
  'range.toProblem': 'To: {{problem}}',
  'range.backwards': 'The range ends before it starts ({{range}}).',
  'actorFilter.exact': "actor is exactly '{{actor}}'",
  'actorFilter.prefix': "actor starts with '{{prefix}}'",
  'actorFilter.any': 'any actor',
  'actorFilter.pattern': "actor matches '{{text}}' (* = any text)",
} as const;

const zhCN: Record<keyof typeof en, string> = {
  'range.span': '{{from}} 至 {{to}}',
  'range.firstEvent': '第一个事件',
  'range.lastEvent': '最后一个事件',
  'range.endExclusive': '{{time}}（不含）',
  'range.endInclusive': '{{time}}（含）',
  'range.fromProblem': '起始：{{problem}}',
  'range.toProblem': '截止：{{problem}}',
  'range.backwards': '时间范围的结束早于开始（{{range}}）。',
  'actorFilter.exact': '操作者恰为“{{actor}}”',
  'actorFilter.prefix': '操作者以“{{prefix}}”开头',
  'actorFilter.any': '任意操作者',
  'actorFilter.pattern': '操作者匹配“{{text}}”（* 表示任意文本）',
};

/** What the catalogs spread in: the same keys in both languages. */
export const TIME_RANGE_WORDS = { en, 'zh-CN': zhCN } as const;

export type TimeRangeWordKey = keyof typeof en;
/** The reader's catalog lookup (the renderer's or the CLI's `t`, both i18next). */
export type WordsTranslate = (key: TimeRangeWordKey, values?: Record<string, unknown>) => string;

/** "2026-03-01 00:00:00 UTC to 2026-04-01 00:00:00 UTC (exclusive)", or null when unbounded. */
export function rangeText(range: TimeRange, t: WordsTranslate): string | null {
  if (range.fromMs === null && range.toMs === null) return null;
  const from = range.fromMs === null ? t('range.firstEvent') : formatUtcInstant(range.fromMs);
  const to = range.toMs === null ? t('range.lastEvent') : t(range.toExclusive ? 'range.endExclusive' : 'range.endInclusive', { time: formatUtcInstant(range.toMs) });
  return t('range.span', { from, to });
}

/**
 * Why a typed bound is not a time, in people's words: the very words main's errors carry
 * (errorWords/timeProblemWords.ts), which both catalogs spread in with the rest of ERROR_WORDS.
 */
export function timeProblemText(problem: TimeProblem, t: WordsTranslate): string {
  const said = timeProblemWords(problem);
  return errorText({ message: englishError(said), words: said }, t as unknown as ErrorTranslate);
}

/** A failed range: the bound and why, or that the end is before the start. */
export function rangeFailureText(failure: Extract<TimeRangeResult, { ok: false }>, t: WordsTranslate): string {
  if (failure.which === 'range') return t('range.backwards', { range: rangeText(failure.range, t) ?? '' });
  const why = timeProblemText(failure.problem, t);
  return t(failure.which === 'from' ? 'range.fromProblem' : 'range.toProblem', { problem: why });
}

/** "actor is exactly 'user:ada'", "actor starts with 'support:'", "actor matches '*:ken' (* = any text)". */
export function actorFilterText(filter: ActorFilter, t: WordsTranslate): string {
  if (filter.kind === 'exact') return t('actorFilter.exact', { actor: filter.actor });
  if (filter.kind === 'prefix') return filter.prefix ? t('actorFilter.prefix', { prefix: filter.prefix }) : t('actorFilter.any');
  return t('actorFilter.pattern', { text: filter.text });
}
