import { describe, expect, it } from 'vitest';
import type { JobState } from '../../../../shared/jobs.ts';
import { createI18n, type Translate } from '../../i18n/index.ts';
import { jobProgressOf, jobTitleOf, rememberJobTitle } from './jobTitles.ts';

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
  it('shows the starting dialog\'s title and progress, in the language of the moment', () => {
    rememberJobTitle('j1', (t) => t('export.jobTitle.events', { what: 'cart-1', format: 'NDJSON' }), (t, j) => (j.total > 0 ? t('job.progress.events', { done: j.done, total: j.total }) : null));
    expect(jobTitleOf(job('j1'), zh)).toBe('将 cart-1 导出为 NDJSON');
    expect(jobTitleOf(job('j1'), en)).toBe('Export cart-1 as NDJSON');
    expect(jobProgressOf(job('j1', 1234, 5000), zh)).toBe('1,234 / 5,000 个事件');
    expect(jobProgressOf(job('j1', 1234, 5000), en)).toBe('1,234 of 5,000 events');
    expect(jobProgressOf(job('j1'), zh)).toBeNull();
  });

  it('falls back to main\'s own words for a job it knows nothing about', () => {
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
});
