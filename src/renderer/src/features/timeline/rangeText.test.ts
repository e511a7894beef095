import { afterEach, describe, expect, it } from 'vitest';
import { describeActorFilter, parseActorFilter } from '../../../../shared/actorFilter.ts';
import { describeTimeRange, parseTimeBound, parseTimeRange } from '../../../../shared/timeRange.ts';
import { i18n } from '../../i18n/index.ts';
import { actorFilterText, rangeFailureText, rangeText, timeProblemText } from './rangeText.ts';

// Every way a typed range can fail, and ranges that parse.
const BAD: [string, string][] = [
  ['9999999999999999', ''],
  ['yesterday', ''],
  ['2026-13-01', ''],
  ['2026-02-30', ''],
  ['2026-03-01T25:00', ''],
  ['2026-03-01T10:00+19:00', ''],
  ['2026-03-01Z', ''],
  ['', '2026-02-29'],
  ['2026-04-02', '2026-04-01'],
];
const GOOD: [string, string][] = [
  ['2026-03-01', '2026-04-01'],
  ['2026-03-01T12:00:00.250Z', ''],
  ['', '2026-03-01T12:00:00+02:00'],
];

describe('the timeline range and actor filter in the reader language', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('says in English exactly what the shared parser says (its message stays the machine-facing text)', () => {
    for (const [from, to] of BAD) {
      const result = parseTimeRange(from, to);
      expect(result.ok, `${from} / ${to}`).toBe(false);
      if (!result.ok) expect(rangeFailureText(result)).toBe(result.message);
    }
    for (const [from, to] of GOOD) {
      const result = parseTimeRange(from, to);
      if (!result.ok) throw new Error(result.message);
      expect(rangeText(result.range)).toBe(describeTimeRange(result.range));
    }
    const empty = parseTimeBound('');
    expect(empty.ok || timeProblemText(empty.problem)).toBe(empty.ok || empty.message);
    for (const text of ['user:ada', 'support:*', '*:ken', '*']) {
      const filter = parseActorFilter(text)!;
      expect(actorFilterText(filter)).toBe(describeActorFilter(filter));
    }
  });

  it('says it in 简体中文, the typed text and UTC instants as they are', async () => {
    await i18n.changeLanguage('zh-CN');
    const range = parseTimeRange('2026-03-01', '2026-04-01');
    if (!range.ok) throw new Error(range.message);
    expect(rangeText(range.range)).toBe('2026-03-01 00:00:00 UTC 至 2026-04-02 00:00:00 UTC（不含）');
    const noDay = parseTimeRange('2026-02-30', '');
    expect(noDay.ok || rangeFailureText(noDay)).toBe('起始：2026-02-30 不是日期：2026年2月只有 28 天。');
    const backwards = parseTimeRange('2026-04-02', '2026-04-01');
    expect(backwards.ok || rangeFailureText(backwards)).toMatch(/^时间范围的结束早于开始（2026-04-02 00:00:00 UTC 至 2026-04-02 00:00:00 UTC（不含））。$/);
    for (const [from, to] of BAD) {
      const result = parseTimeRange(from, to);
      if (!result.ok) expect(rangeFailureText(result).replace(/UTC|\d{4}-\d{2}-\d{2}T[\d:.+Z-]*|yesterday|Z\b/g, ''), `${from} / ${to}`).not.toMatch(/[A-Za-z]{2,}/);
    }
    expect(actorFilterText(parseActorFilter('support:*')!)).toBe('操作者以“support:”开头');
    expect(actorFilterText(parseActorFilter('user:ada')!)).toBe('操作者恰为“user:ada”');
  });
});
