// Time ranges and actor filters said in the reader's language, for the timeline (renderer) and the
// CLI (--from-time, --to-time, --at-time, --actor): the words in English and 简体中文, spread into
// both catalogs, and the sentences built from the shared parsers' data (timeRange.ts,
// actorFilter.ts), whose `message` stays the English for logs, --json and errors from main.
// Instants are written as the store's UTC digits in every language; typed text stays as typed.
import type { ActorFilter } from './actorFilter.ts';
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
  'range.hint': 'use a date (2026-03-01), a date and time (2026-03-01T12:00:00Z, UTC unless a zone such as +02:00 is given) or epoch milliseconds',
  'range.problem.epochRange': '{{input}} is not a time: epoch milliseconds must be a finite number within ±8640000000000000.',
  'range.problem.empty': 'An empty text is not a valid time; {{hint}}.',
  'range.problem.notTime': "'{{text}}' is not a valid time; {{hint}}.",
  'range.problem.noMonth': '{{date}} is not a date: there is no month {{month}}.',
  'range.problem.noDay': '{{date}} is not a date: {{monthName}} has {{days}} days.',
  'range.problem.timeOfDay': "'{{text}}' is not a time of day: hours go to 23, minutes and seconds to 59.",
  'range.problem.zoneOffset': "'{{text}}' has no valid zone offset: offsets go from -18:00 to +18:00.",
  'range.problem.zoneWithoutTime': "'{{text}}' gives a zone without a time; a date is a UTC day (write 2026-03-01T00:00:00+02:00 for a local midnight).",
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
  'range.hint': '请填写日期（2026-03-01）、日期和时间（2026-03-01T12:00:00Z，未写时区即为 UTC，可写 +08:00 等时区）或纪元毫秒数',
  'range.problem.epochRange': '{{input}} 不是时间：纪元毫秒数必须是 ±8640000000000000 以内的有限数。',
  'range.problem.empty': '空白不是有效的时间；{{hint}}。',
  'range.problem.notTime': '“{{text}}”不是有效的时间；{{hint}}。',
  'range.problem.noMonth': '{{date}} 不是日期：没有 {{month}} 月。',
  'range.problem.noDay': '{{date}} 不是日期：{{monthName}}只有 {{days}} 天。',
  'range.problem.timeOfDay': '“{{text}}”不是一天中的时刻：小时最大为 23，分钟和秒最大为 59。',
  'range.problem.zoneOffset': '“{{text}}”的时区偏移无效：偏移范围为 -18:00 至 +18:00。',
  'range.problem.zoneWithoutTime': '“{{text}}”写了时区却没有时间；只写日期表示 UTC 的一天（本地零点请写成 2026-03-01T00:00:00+08:00）。',
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

/** "February 2026" / "2026年2月": the month a day is missing from, in the reader's language. */
function monthName(year: number, month: number, language: string): string {
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, 1);
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(at);
}

/** Why a typed bound is not a time, in people's words. */
export function timeProblemText(problem: TimeProblem, t: WordsTranslate, language: string): string {
  switch (problem.kind) {
    case 'epochRange':
      return t('range.problem.epochRange', { input: problem.input });
    case 'empty':
      return t('range.problem.empty', { hint: t('range.hint') });
    case 'notTime':
      return t('range.problem.notTime', { text: problem.text, hint: t('range.hint') });
    case 'noMonth':
      return t('range.problem.noMonth', { date: problem.date, month: problem.month });
    case 'noDay':
      return t('range.problem.noDay', { date: problem.date, days: problem.days, monthName: monthName(problem.year, problem.month, language) });
    case 'timeOfDay':
      return t('range.problem.timeOfDay', { text: problem.text });
    case 'zoneOffset':
      return t('range.problem.zoneOffset', { text: problem.text });
    case 'zoneWithoutTime':
      return t('range.problem.zoneWithoutTime', { text: problem.text });
  }
}

/** A failed range: the bound and why, or that the end is before the start. */
export function rangeFailureText(failure: Extract<TimeRangeResult, { ok: false }>, t: WordsTranslate, language: string): string {
  if (failure.which === 'range') return t('range.backwards', { range: rangeText(failure.range, t) ?? '' });
  const why = timeProblemText(failure.problem, t, language);
  return t(failure.which === 'from' ? 'range.fromProblem' : 'range.toProblem', { problem: why });
}

/** "actor is exactly 'user:ada'", "actor starts with 'support:'", "actor matches '*:ken' (* = any text)". */
export function actorFilterText(filter: ActorFilter, t: WordsTranslate): string {
  if (filter.kind === 'exact') return t('actorFilter.exact', { actor: filter.actor });
  if (filter.kind === 'prefix') return filter.prefix ? t('actorFilter.prefix', { prefix: filter.prefix }) : t('actorFilter.any');
  return t('actorFilter.pattern', { text: filter.text });
}
