// Journey: the app in 简体中文 and in English. Opened with ?lang=zh-CN, the streams list and the
// timeline speak Chinese while the event data (stream ids, type names, counts) stays exactly as
// stored; the header's switch changes the language in place and the choice survives a reload.
// Every converted screen is photographed in both languages (e2e/artifacts/<project>/i18n-*.png).
import { expect, test } from './fixtures.ts';
import { AppShell } from './pages/AppShell.ts';
import { LanguageSwitch, type Language } from './pages/LanguageSwitch.ts';
import { StreamsPage } from './pages/StreamsPage.ts';
import { TimelinePage } from './pages/TimelinePage.ts';
import { withStore } from './support/store.ts';

test.use({ lang: 'zh-CN' });

const grouped = (n: number) => new Intl.NumberFormat('en-US').format(n);

test('speaks 简体中文 from ?lang=zh-CN, switches to English from the header, and never translates event data', async ({ ledger }) => {
  const { page } = ledger;
  const shell = new AppShell(page);
  const language = new LanguageSwitch(page);
  await shell.ready();
  await language.expectLanguage('zh-CN');

  const facts = withStore(ledger.storeFile, (db) => ({
    events: (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
    streams: (db.prepare('SELECT count(DISTINCT stream_id) AS n FROM events').get() as { n: number }).n,
    firstType: (db.prepare('SELECT type FROM events ORDER BY position LIMIT 1').get() as { type: string }).type,
  }));

  // Streams: Chinese column heads and count, the ids as stored.
  await shell.goto('#/streams');
  const streams = new StreamsPage(page);
  await expect(page.getByTestId('streams-screen')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '版本' }).first()).toBeVisible();
  await expect(page.getByTestId('streams-count')).toContainText('个流');
  const row = streams.rows.first();
  const id = (await row.getAttribute('data-stream-id')) ?? '';
  expect(id).not.toBe('');
  await expect(row).toContainText(id);

  // Timeline: the total in Chinese words with grouped digits, the first event's type as stored.
  await shell.goto('#/timeline');
  const timeline = new TimelinePage(page);
  await expect(timeline.total).toHaveText(`${grouped(facts.events)} 个事件`);
  await expect(page.getByRole('columnheader', { name: '操作者' })).toBeVisible();
  await expect(timeline.rows.first()).toContainText(facts.firstType);
  await expect(page.getByTestId('timeline-apply')).toHaveText('应用');

  // The header's switch: English in place, and remembered across a reload (the ?lang= follows it).
  // Main is told too, for Electron's native dialogs (app/setLanguage; over the bridge here).
  const mainTold = ledger.mode === 'bridge' ? page.waitForRequest((r) => r.url().includes('/api/call/app%2FsetLanguage') && r.postDataJSON()?.input?.language === 'en') : null;
  await language.choose('en');
  await mainTold;
  await expect(timeline.total).toHaveText(`${grouped(facts.events)} events`);
  await expect(page.getByTestId('timeline-apply')).toHaveText('Apply');
  await expect(timeline.rows.first()).toContainText(facts.firstType);
  await page.reload();
  await language.expectLanguage('en');
  await expect(timeline.total).toHaveText(`${grouped(facts.events)} events`);
  // Without ?lang= the remembered choice wins over the browser's Chinese locale…
  const plain = new URL(page.url());
  plain.searchParams.delete('lang');
  await page.goto(plain.toString());
  await language.expectLanguage('en');
  await expect(timeline.total).toHaveText(`${grouped(facts.events)} events`);
  // …and with nothing remembered, the browser's language (zh-CN here) decides.
  await page.evaluate(() => localStorage.removeItem('replay-ledger.language'));
  await page.reload();
  await language.expectLanguage('zh-CN');
  await expect(timeline.total).toHaveText(`${grouped(facts.events)} 个事件`);
  await shell.expectNoCrash();
});

test('the timeline says its time range, a bad time and the actor filter in 简体中文', async ({ ledger }) => {
  const { page } = ledger;
  await new AppShell(page).ready();
  const timeline = new TimelinePage(page);
  await timeline.open();
  await timeline.filter({ from: '2026-02-30' });
  await expect(page.getByTestId('timeline-time-error')).toHaveText('起始：2026-02-30 不是日期：2026年2月只有 28 天。');
  await timeline.filter({ from: '2026-03-01', to: '2026-03-31', actor: 'user:*' });
  await expect(page.getByTestId('timeline-range')).toHaveText('显示 2026-03-01 00:00:00 UTC 至 2026-04-01 00:00:00 UTC（不含）');
  await expect(page.getByTestId('timeline-actor-note')).toContainText('条件 操作者以“user:”开头');
});

test('every converted screen, photographed in both languages', async ({ ledger }) => {
  test.slow();
  const { page } = ledger;
  const shell = new AppShell(page);
  const language = new LanguageSwitch(page);
  await shell.ready();
  const stream = withStore(ledger.storeFile, (db) =>
    db.prepare('SELECT stream_id AS id, max(version) AS version FROM events GROUP BY stream_id HAVING max(version) >= 4 ORDER BY stream_id LIMIT 1').get() as { id: string; version: number },
  );
  const enc = encodeURIComponent(stream.id);
  const screens: { name: string; hash: string; ready: string }[] = [
    { name: 'start', hash: '#/', ready: 'start-screen' },
    { name: 'streams', hash: '#/streams', ready: 'stream-row' },
    { name: 'timeline', hash: '#/timeline', ready: 'timeline-row' },
    { name: 'search', hash: '#/search?q=type%3AItemAdded', ready: 'search-row' },
    { name: 'diff', hash: `#/diff/${enc}/1..${stream.version}`, ready: 'diff-view' },
    { name: 'whatif', hash: `#/whatif/${enc}@${stream.version}`, ready: 'whatif-view' },
    { name: 'drift', hash: `#/drift/${enc}@${stream.version}`, ready: 'drift-view' },
    { name: 'verify', hash: '#/verify', ready: 'verify-screen' },
    { name: 'projections', hash: '#/projections', ready: 'projections-screen' },
    { name: 'import', hash: '#/import', ready: 'import-screen' },
  ];
  for (const lang of ['zh-CN', 'en'] as Language[]) {
    await language.choose(lang);
    for (const screen of screens) {
      await shell.goto(screen.hash);
      await expect(page.getByTestId(screen.ready).first()).toBeVisible();
      await shell.expectNoCrash();
      await ledger.screenshot(`i18n-${lang}-${screen.name}`);
    }
  }
});
