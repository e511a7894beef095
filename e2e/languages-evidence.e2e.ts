// Journey: the export and report dialogs and the Evidence place (case notes, activity log, signing key) in
// 简体中文. Every word they show is Chinese except what is data or a name that is not translated:
// stream ids, hashes, file names and paths, format names (NDJSON, CSV…), tool names (OpenSSL,
// Ed25519) and command lines. Photographed in e2e/artifacts/<project>/i18n-zh-CN-*.png.
import { expect, test } from './fixtures.ts';
import type { Locator } from '@playwright/test';
import { ActivityPage } from './pages/ActivityPage.ts';
import { ExportPanel } from './pages/ExportPanel.ts';
import { NotesPage } from './pages/NotesPage.ts';
import { StreamPage } from './pages/StreamPage.ts';

test.use({ lang: 'zh-CN' });

const STREAM = 'cart-000001';
const NOTE = '这里退款发了两次';

/** Words that are names, not sentences: the same in every language (Chinese writes ID too: 流 ID). */
const NAMES = new Set(['NDJSON', 'JSON', 'CSV', 'HTML', 'PDF', 'data', 'metadata', 'Ed25519', 'OpenSSL', 'sha256', 'SHA-256', 'VERIFY', 'txt', 'safeStorage', 'DER', 'ID', 'v', 'B', 'KB', 'MB', 'GB']);

/**
 * The Latin words left in what `area` shows once data is taken out: the elements matched by
 * `dataSelectors` (ids, names, values), then paths, file names and hex hashes in the rest.
 */
async function englishWords(area: Locator, dataSelectors: string[] = []): Promise<string[]> {
  const text = await area.evaluate((node, selectors) => {
    const copy = node.cloneNode(true) as HTMLElement;
    for (const selector of selectors) for (const element of copy.querySelectorAll(selector)) element.remove();
    // Attributes people read too: titles, placeholders, labels.
    const attributes = [...copy.querySelectorAll('[title],[placeholder],[aria-label]')].flatMap((e) => ['title', 'placeholder', 'aria-label'].map((a) => e.getAttribute(a) ?? ''));
    // Text node by text node, so that cells next to each other do not run into one word.
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
    const texts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '');
    return [...texts, ...attributes].join('\n');
  }, dataSelectors);
  const cleaned = text
    .split(STREAM)
    .join(' ')
    .replace(/\S*[/\\]\S*/g, ' ') // paths
    .replace(/\S+\.(ndjson|json|csv|html|txt|pem|sig|jsonl)\b/g, ' ') // file names
    .replace(/\b[0-9a-f]{8,}\b/g, ' ') // hashes and fingerprints
    .replace(/masked:…/g, ' ');
  return [...cleaned.matchAll(/[A-Za-z][A-Za-z0-9-]*/g)].map((m) => m[0]).filter((w) => !NAMES.has(w) && !/^v\d+$/.test(w));
}

test('the export dialog and the Evidence screens speak 简体中文, data as stored', async ({ ledger }) => {
  const { page } = ledger;
  const stream = new StreamPage(page);
  await stream.open(STREAM);

  // The export dialog, each of its choices, then a finished export.
  const panel = new ExportPanel(ledger);
  await panel.openFrom();
  await expect(panel.dialog.getByRole('heading', { name: '导出' })).toBeVisible();
  await expect(englishWords(panel.dialog)).resolves.toEqual([]);
  await panel.choose('export-scope-range');
  await expect(panel.dialog).toContainText('从 v');
  await expect(englishWords(panel.dialog)).resolves.toEqual([]);
  await panel.choose('export-what-state');
  await expect(panel.dialog).toContainText('此版本之后的状态');
  await expect(englishWords(panel.dialog)).resolves.toEqual([]);
  await panel.choose('export-what-diff');
  await expect(englishWords(panel.dialog)).resolves.toEqual([]);
  await panel.choose('export-what-events');
  await panel.choose('export-scope-stream');
  await ledger.screenshot('i18n-zh-CN-export-dialog');
  const download = page.waitForEvent('download');
  await panel.start.click();
  await expect(panel.job).toHaveAttribute('data-status', 'succeeded');
  await download;
  await expect(panel.status).toHaveText('已完成');
  await expect(panel.dialog.getByTestId('export-result')).toContainText('个事件');
  await expect(englishWords(panel.dialog)).resolves.toEqual([]);
  await ledger.screenshot('i18n-zh-CN-export-done');
  await panel.close();

  // The header's tray follows the job in the same words (main names its jobs in English).
  await page.getByTestId('jobs-button').click();
  const tray = page.getByTestId('jobs-panel');
  await expect(tray).toContainText(`将 ${STREAM} 导出为 NDJSON`);
  await expect(tray.getByTestId('export-status')).toHaveText('已完成');
  await expect(englishWords(tray)).resolves.toEqual([]);
  await page.keyboard.press('Escape');
  await expect(tray).toBeHidden();

  // The report dialog beside it: the same words for the same things.
  await page.getByTestId('report-open').click();
  const report = page.getByTestId('report-dialog');
  await expect(report.getByRole('heading', { name: '可打印报告' })).toBeVisible();
  await expect(englishWords(report)).resolves.toEqual([]);
  await ledger.screenshot('i18n-zh-CN-report-dialog');
  await page.getByTestId('report-close').click();
  await expect(report).toBeHidden();

  // A note to list (added from the event detail, whose own words are another screen's).
  const notes = new NotesPage(page);
  await stream.open(STREAM, 2);
  await notes.addNote(NOTE, stream.detail);

  // Case notes: headings, columns, actions in Chinese; the note, its author and time as stored.
  await notes.open();
  await expect(notes.row(NOTE)).toContainText(`${STREAM} v2`);
  await expect(notes.screen.getByRole('heading', { name: '案件备注' })).toBeVisible();
  await expect(englishWords(notes.screen, ['[data-testid="note-row"] td:nth-child(3)', '.time'])).resolves.toEqual([]);
  await ledger.screenshot('i18n-zh-CN-notes');

  // Activity: the actions in words, the entries' own details (queries, files) as recorded, and the
  // chain's verdict said from main's facts (only its head hash is left out).
  const activity = new ActivityPage(page);
  await activity.open();
  await expect(activity.entry('note.added')).toHaveCount(1);
  await expect(activity.entry('note.added')).toContainText('添加了备注');
  await expect(activity.entry('store.opened')).toContainText('打开了存储');
  await expect(activity.verdict).toContainText('活动日志完好');
  await expect(englishWords(activity.screen, ['[data-testid="activity-verdict"] .mono', '[data-testid="activity-details"]', '[data-testid="activity-entry"] td:nth-child(3)', '.time', 'td.mono', 'code'])).resolves.toEqual([]);
  await ledger.screenshot('i18n-zh-CN-activity');

  // Signing key: the form, then the key's facts (its name and fingerprint are data).
  await page.getByTestId('nav-keys').click();
  const keys = page.getByTestId('keys-screen');
  await expect(page.getByTestId('keys-create-form')).toBeVisible();
  await expect(englishWords(keys, ['code'])).resolves.toEqual([]);
  await page.getByTestId('keys-name').fill('Ada Auditor');
  await page.getByTestId('keys-create').click();
  await expect(page.getByTestId('keys-signer-name')).toHaveText('Ada Auditor');
  await expect(page.getByTestId('keys-created')).toHaveText('已创建新的签名密钥。');
  await expect(englishWords(keys, ['code', 'pre', '[data-testid="keys-signer-name"]', '[data-testid="keys-fingerprint"]', '[data-testid="keys-created-at"]'])).resolves.toEqual([]);
  await ledger.screenshot('i18n-zh-CN-keys');
});
