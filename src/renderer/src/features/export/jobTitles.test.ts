import { describe, expect, it } from 'vitest';
import type { JobState } from '../../../../shared/jobs.ts';
import { createI18n, type Translate } from '../../i18n/index.ts';
import { jobProgressOf, jobTitleOf } from './jobTitles.ts';

const job = (id: string, done = 0, total = 0): JobState => ({
  id,
  kind: 'export',
  title: 'Export cart-1 as NDJSON',
  status: 'running',
  done,
  total,
  message: total ? `${done} of ${total} events` : null,
  startedAt: '2026-04-11T00:00:00.000Z',
  finishedAt: null,
  error: null,
});
const zh = createI18n('zh-CN').t as unknown as Translate;
const en = createI18n('en').t as unknown as Translate;

describe('a job in the reader\'s language', () => {
  it('names exports, reports, imports and copies from main\'s facts, in the language of the moment, after a reload too', () => {
    const exporting: JobState = { ...job('j1', 1234, 5000), subject: { case: 'exportEvents', streamId: 'cart-1', format: 'NDJSON' } };
    expect(jobTitleOf(exporting, zh)).toBe('将 cart-1 导出为 NDJSON');
    expect(jobTitleOf(exporting, en)).toBe(exporting.title);
    expect(jobProgressOf(exporting, zh)).toBe('1,234 / 5,000 个事件');
    expect(jobProgressOf(exporting, en)).toBe('1,234 of 5,000 events');
    expect(jobProgressOf({ ...exporting, done: 0, total: 0, message: null }, zh)).toBeNull();
    const everything: JobState = { ...job('j2'), title: 'Export events as CSV', subject: { case: 'exportEvents', streamId: null, format: 'CSV' } };
    expect([jobTitleOf(everything, en), jobTitleOf(everything, zh)]).toEqual([everything.title, expect.stringContaining('CSV')]);
    expect(jobTitleOf(everything, zh)).not.toContain('events');
    const states: [JobState['subject'], string, string][] = [
      [{ case: 'exportState', streamId: 'cart-1', version: 3 }, 'Export state of cart-1 at v3', 'cart-1'],
      [{ case: 'exportDiff', streamId: 'cart-1', from: 2, to: 7 }, 'Export diff of cart-1 v2→v7', 'cart-1'],
      [{ case: 'exportSearch', q: 'type:CartCreated' }, 'Export the results of “type:CartCreated” as NDJSON', 'type:CartCreated'],
      [{ case: 'report', streamId: 'cart-1', from: 2, to: 7 }, 'Report on cart-1 v2–v7', 'cart-1'],
      [{ case: 'import', file: 'orders.ndjson' }, 'Import orders.ndjson', 'orders.ndjson'],
      [{ case: 'copy', source: 'shop.db' }, 'Verified copy of shop.db', 'shop.db'],
    ];
    for (const [subject, title, fact] of states) {
      const named: JobState = { ...job('j3'), title, subject };
      expect(jobTitleOf(named, en)).toBe(title);
      const chinese = jobTitleOf(named, zh);
      expect(chinese).toContain(fact);
      // Nothing of main's English is left once the fact (and a format's name) is taken out.
      expect(chinese.replace(fact, '').replace('NDJSON', '')).not.toMatch(/[A-Za-z]{2,}/);
    }
    // An import counts bytes read in done/total and the events it wrote in items.
    const importing: JobState = { ...job('i1', 4096, 10_000), kind: 'import', title: 'Import orders.ndjson', message: '1,500 events imported', subject: { case: 'import', file: 'orders.ndjson' }, items: 1500 };
    expect([jobProgressOf(importing, en), jobProgressOf(importing, zh)]).toEqual(['1,500 events imported', '已导入 1,500 个事件']);
    const copying: JobState = { ...importing, title: 'Verified copy of shop.db', message: '30 events copied', subject: { case: 'copy', source: 'shop.db' }, items: 30 };
    expect([jobProgressOf(copying, en), jobProgressOf(copying, zh)]).toEqual(['30 events copied', '已复制 30 个事件']);
  });

  it('falls back to main\'s own words for a job without facts', () => {
    expect(jobTitleOf(job('other'), zh)).toBe('Export cart-1 as NDJSON');
    expect(jobProgressOf(job('other', 1, 2), zh)).toBe('1 of 2 events');
  });

  it('says the jobs main starts on its own from their facts, and main\'s English word for word in English', () => {
    const verifying: JobState = { ...job('v1', 40, 100), kind: 'verify', title: 'Verify /data/shop.db', message: 'checking the hash chain', subject: { case: 'verify', path: '/data/shop.db' }, phase: 'chain' };
    expect(jobTitleOf(verifying, en)).toBe(verifying.title);
    expect(jobProgressOf(verifying, en)).toBe(verifying.message);
    expect(jobTitleOf(verifying, zh)).toBe('校验 /data/shop.db');
    expect(jobProgressOf(verifying, zh)).toBe('正在检查哈希链');
    const checking: JobState = { ...verifying, title: 'Check /data/m.db', message: 'comparing the stream summaries with the events', subject: { case: 'check', path: '/data/m.db' }, phase: 'chainless.summaries' };
    expect([jobTitleOf(checking, en), jobProgressOf(checking, en)]).toEqual([checking.title, checking.message]);
    expect([jobTitleOf(checking, zh), jobProgressOf(checking, zh)]).toEqual(['检查 /data/m.db', '正在将流摘要与事件比对']);
    const snapshots: JobState = { ...job('s1', 1200, 90000), kind: 'snapshots', title: 'Build snapshots of cart-1', message: 'replayed to version 1,200 of 90,000', subject: { case: 'snapshots', streamId: 'cart-1' } };
    expect([jobTitleOf(snapshots, en), jobProgressOf(snapshots, en)]).toEqual([snapshots.title, snapshots.message]);
    expect([jobTitleOf(snapshots, zh), jobProgressOf(snapshots, zh)]).toEqual(['为 cart-1 建立快照', '已重放到第 1,200 版（共 90,000 版）']);
    const indexing: JobState = { ...job('i1', 5, 10), kind: 'search-index', title: 'Build the search index of /s.db', message: '5 of 10 events indexed', subject: { case: 'searchIndex', path: '/s.db' } };
    expect([jobTitleOf(indexing, en), jobProgressOf(indexing, en)]).toEqual([indexing.title, indexing.message]);
    expect([jobTitleOf(indexing, zh), jobProgressOf(indexing, zh)]).toEqual(['为 /s.db 建立搜索索引', '已索引 5 / 10 个事件']);
    // A phase this screen does not know (a newer main): main's English rather than nothing.
    expect(jobProgressOf({ ...verifying, phase: 'something-new', message: 'doing something new' }, zh)).toBe('doing something new');
  });

  it("says each step of a report from main's facts: main's English word for word, and in Chinese", () => {
    const reporting: JobState = { ...job('r1', 2, 1210), title: 'Report on cart-1 v1–v1200', subject: { case: 'report', streamId: 'cart-1', from: 1, to: 1200 } };
    const steps: [JobState['step'], string, string][] = [
      [{ case: 'reportState', version: 1200 }, 'state at v1200', '正在计算 v1200 的状态'],
      [{ case: 'reportDiff', from: 0, to: 1200 }, 'diff v0 → v1200', '正在比较 v0 → v1200'],
      [{ case: 'reportEvents', listed: 1200, of: 10000 }, '1,200 of 10,000 events', '已列出 1,200 / 10,000 个事件'],
    ];
    for (const [step, english, chinese] of steps) {
      const stepped: JobState = { ...reporting, step, message: english };
      expect(jobProgressOf(stepped, en)).toBe(english);
      expect(jobProgressOf(stepped, zh)).toBe(chinese);
    }
    // A step a newer main knows: its English message rather than nothing.
    expect(jobProgressOf({ ...reporting, step: { case: 'somethingNew' } as unknown as JobState['step'], message: 'doing something new' }, zh)).toBe('doing something new');
  });
});
