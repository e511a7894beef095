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
});
