// Journey: one stream in 简体中文 — its events with the event detail and related events, the state
// with blame and a field's history, a long stream's snapshots, a version or position that does not
// exist. No English UI text is left on these screens (every Latin word on them is event data as
// stored, or a name that stays: JSON, UTC, Replay Ledger); stream ids and type names read exactly as
// stored, numbers grouped. Each screen is photographed in both languages (e2e/artifacts/<project>/).
import { expect, test } from './fixtures.ts';
import { AppShell } from './pages/AppShell.ts';
import { LanguageSwitch } from './pages/LanguageSwitch.ts';
import { StatePage } from './pages/StatePage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { cliJson, withStore } from './support/store.ts';
import { englishLeft, type UntranslatedOptions } from './support/untranslated.ts';

test.use({ lang: 'zh-CN' });

const STREAM = 'cart-000001';
const LONG = 'cart-wholesale-001';
const grouped = (n: number) => new Intl.NumberFormat('en-US').format(n);

/**
 * Not checked here: the header search, whose placeholder and title teach the query syntax
 * (`type:ItemAdded`, `data.total>100`) in every language.
 */
const ELSEWHERE = ['[data-testid="header-search"]'];
/** The projection's description is its module's own text (built-in or the team's), shown as written. */
const MODULE_TITLES = ['[data-testid="projection-origin"]', 'label:has([data-testid="projection-picker"])'];

/** The store's path and everything it holds for a stream and the events linked to it (same correlation, caused by it): shown as stored. */
function storedFor(file: string, streamId: string): string[] {
  const rows = withStore(file, (db) =>
    db
      .prepare(
        `SELECT event_id, stream_id, type, data, metadata, hex(hash) AS hash FROM events
          WHERE stream_id = ?
             OR correlation_id IN (SELECT correlation_id FROM events WHERE stream_id = ? AND correlation_id IS NOT NULL)
             OR causation_id IN (SELECT event_id FROM events WHERE stream_id = ?)`,
      )
      .all(streamId, streamId, streamId) as Record<string, string>[],
  );
  return [file, ...rows.flatMap((row) => Object.values(row).map(String))];
}

/** The replayed state at a version (field names and values), as the CLI's engine answers. */
const stateAt = (file: string, streamId: string, version: number) => JSON.stringify(cliJson(['state', file, '--stream', streamId, '--at', String(version)]));

test('the stream, state and event-detail screens speak 简体中文 and leave the event data as stored', async ({ ledger }) => {
  test.slow();
  const { page } = ledger;
  const shell = new AppShell(page);
  const language = new LanguageSwitch(page);
  await shell.ready();
  await language.expectLanguage('zh-CN');
  const stored = storedFor(ledger.storeFile, STREAM);
  const projections = async () => page.getByTestId('projection-picker').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const expectChinese = async (data: string[]) => {
    const options: UntranslatedOptions = { data, skip: ELSEWHERE, moduleTitles: MODULE_TITLES };
    expect(await englishLeft(page, options)).toEqual([]);
  };
  const facts = withStore(ledger.storeFile, (db) => ({
    count: (db.prepare('SELECT count(*) AS n FROM events WHERE stream_id = ?').get(STREAM) as { n: number }).n,
    type: (db.prepare('SELECT type FROM events WHERE stream_id = ? AND version = 2').get(STREAM) as { type: string }).type,
  }));

  // Events and the event detail: Chinese around the stored type, id and payload.
  const stream = new StreamPage(page);
  await stream.open(STREAM, 2);
  await stream.expectSelected(2);
  await expect(page.getByTestId('related-events')).toBeVisible();
  await expect(stream.detailType()).toHaveText(facts.type);
  await expect(stream.title).toHaveText(STREAM);
  await expect(page.getByTestId('tab-state')).toHaveText('状态与时间回溯');
  await expect(page.getByTestId('stream-version')).toHaveText(`版本 ${grouped(facts.count)}`);
  await expect(page.getByTestId('event-state-link')).toHaveText('此事件之后的状态');
  await expectChinese(stored);
  await ledger.screenshot('i18n-zh-CN-stream');

  // No event selected yet; a version the stream does not have.
  await shell.goto(`#/stream/${STREAM}`);
  await expect(page.getByTestId('no-event-selected')).toContainText('选择一个事件');
  await expectChinese(stored);
  await shell.goto(`#/stream/${STREAM}@99999`);
  await expect(page.getByTestId('version-missing-message')).toHaveText(`版本 99,999 不存在：${STREAM} 只有 ${grouped(facts.count)} 个事件。`);
  await expectChinese(stored);

  // A global position that holds no event.
  await shell.goto('#/event/999999999');
  await expect(page.getByTestId('event-not-found')).toContainText('位置 999,999,999 处没有事件');
  await expectChinese([ledger.storeFile]);

  // State with blame, and one field's history.
  const state = new StatePage(page);
  await state.open(STREAM, 5);
  await state.expectVersion(5);
  await expect(page.getByTestId('state-heading')).toContainText('版本 5 之后的状态');
  await expect(page.getByTestId('state-view-blame')).toHaveText('字段及来源事件');
  await state.field('$.total').getByTestId('field-history-button').click();
  await expect(page.getByTestId('field-history-summary')).toContainText('设置过此字段');
  await expectChinese([...stored, stateAt(ledger.storeFile, STREAM, 5), ...(await projections())]);
  await ledger.screenshot('i18n-zh-CN-state');

  // A long stream: its snapshots are built first, and the note says so in Chinese with grouped numbers.
  await state.open(LONG, 2_777);
  await expect(state.snapshotsReady).toContainText('每 500 个事件一个快照，直到 v3,000');
  await state.expectVersion(2_777);
  await expect(page.getByText('从快照 v2,500 开始')).toBeVisible();
  await expectChinese([...storedFor(ledger.storeFile, LONG), stateAt(ledger.storeFile, LONG, 2_777), ...(await projections())]);

  // The same screens in English, for the side-by-side photographs.
  await language.choose('en');
  await stream.open(STREAM, 2);
  await expect(page.getByTestId('tab-state')).toHaveText('State & time travel');
  await expect(page.getByTestId('event-state-link')).toHaveText('State after this event');
  await ledger.screenshot('i18n-en-stream');
  await state.open(STREAM, 5);
  await expect(page.getByTestId('state-heading')).toContainText('State after version 5 of');
  await state.field('$.total').getByTestId('field-history-button').click();
  await expect(page.getByTestId('field-history-summary')).toContainText('set this field');
  await ledger.screenshot('i18n-en-state');
  await shell.expectNoCrash();
});
