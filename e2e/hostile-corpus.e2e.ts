// Journey: the hostile input corpus through the UI — each file is opened by its path: a clear error
// (and the store that was open stays open and usable) or a working store that browses without a
// crash; SQL-looking text typed into every search and filter field is taken as plain text; and not
// one byte of the corpus is written (fingerprints and folder listing before and after).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildHostileCorpus, SQL_LOOKING } from '../src/main/testing/hostileCorpus.ts';
import { fileFingerprint } from '../src/main/testing/tempFiles.ts';
import { expect, test } from './fixtures.ts';
import { ImportPage } from './pages/ImportPage.ts';
import { StartPage } from './pages/StartPage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { StreamsPage } from './pages/StreamsPage.ts';
import { TimelinePage } from './pages/TimelinePage.ts';
import { VerifyPage } from './pages/VerifyPage.ts';

const corpus = buildHostileCorpus(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-corpus-')));
const evidence = () => ({
  files: Object.fromEntries(corpus.entries.map((e) => [e.name, fileFingerprint(e.file)])),
  listing: fs.readdirSync(corpus.dir).sort(),
});
const before = evidence();
/** A few of the texts, for fields that are checked before anything reaches the services. */
const SOME = [SQL_LOOKING[0], SQL_LOOKING[2], SQL_LOOKING[3], SQL_LOOKING[10]];

test.afterAll(() => {
  expect(evidence()).toEqual(before);
});

test('every corpus file gives a clear error or a working store; SQL-looking text is only text; nothing is written', async ({ ledger }) => {
  test.setTimeout(180_000);
  const { page } = ledger;
  page.on('dialog', (dialog) => {
    throw new Error(`Unexpected dialog: ${dialog.message()}`);
  });
  const start = new StartPage(page);
  const streams = new StreamsPage(page);
  const stream = new StreamPage(page);
  let open = path.basename(ledger.storeFile);

  for (const entry of corpus.entries) {
    await test.step(entry.name, async () => {
      await start.open();
      await start.openPath(entry.file);
      if (!entry.expect.opens) {
        await expect(start.error.getByTestId('error-view')).toHaveAttribute('data-code', entry.expect.code);
        await expect(start.error).toContainText(entry.expect.message);
        await expect(start.error).toContainText(`Still open: ${open}`);
        await expect(start.shell.storeName).toHaveText(open);
      } else {
        await expect(start.shell.storeName).toHaveText(entry.name);
        open = entry.name;
        await streams.open();
        await streams.rows.first().click();
        await expect(stream.rows.first()).toBeVisible();
        await stream.rows.first().click();
        await expect(stream.detail).toBeVisible();
      }
      await start.shell.expectNoCrash();
    });
  }

  await test.step('json-fidelity.db: the event detail shows numbers as stored, not as JS numbers', async () => {
    await start.open();
    await start.openPath(corpus.file('json-fidelity.db'));
    await expect(start.shell.storeName).toHaveText('json-fidelity.db');
    await stream.open('exact-1', 1);
    const data = page.getByTestId('event-data-tree');
    await expect(data).toContainText('12345678901234567890');
    await expect(data).toContainText('1e-400');
    await expect(data).not.toContainText('12345678901234567000');
  });

  await test.step('SQL-looking text in every search and filter field', async () => {
    await start.open();
    await start.openPath(corpus.file('strange-ids.db'));
    await expect(start.shell.storeName).toHaveText('strange-ids.db');

    await streams.open();
    for (const mode of ['contains', 'prefix'] as const) {
      await streams.mode.selectOption(mode);
      for (const text of mode === 'contains' ? SQL_LOOKING : SOME) {
        await streams.search.fill(text);
        await expect(streams.count).not.toHaveText('Loading…');
        await expect(streams.count).toHaveText(/\d+ streams?( match)?|loaded/);
        await start.shell.expectNoCrash();
      }
    }
    // LIKE wildcards are literal: '%' and '_' find the one id that holds them.
    await streams.mode.selectOption('contains');
    for (const wildcard of ['%', '_']) {
      await streams.search.fill(wildcard);
      await expect(streams.count).toHaveText('1 stream match');
      await expect(streams.rows.first()).toHaveAttribute('data-stream-id', 'cart-%_*[]');
    }
    await streams.search.fill('');
    await expect(streams.rows).toHaveCount(12);

    await streams.rows.first().click();
    for (const text of SOME) {
      await stream.gotoVersion.fill(text);
      await stream.gotoVersion.press('Enter');
      await expect(page.locator('.goto .field-error')).toBeVisible();
    }

    const timeline = new TimelinePage(page);
    await timeline.open();
    for (const text of SQL_LOOKING) {
      await timeline.filter({ prefix: text, actor: text, from: '', to: '' });
      await expect(page.getByTestId('timeline-screen').locator('[data-testid="timeline-row"], [data-testid="timeline-empty"], [data-testid="error-view"]').first()).toBeVisible();
      await start.shell.expectNoCrash();
    }
    for (const text of SOME) {
      await timeline.filter({ prefix: '', actor: '', from: text, to: text });
      // Not a time: said so, and the rest of the screen keeps working.
      await expect(page.getByTestId('timeline-screen').locator('[data-testid="timeline-row"], [data-testid="timeline-empty"], [data-testid="error-view"]').first()).toBeVisible();
      await start.shell.expectNoCrash();
    }
    await timeline.filter({ prefix: '', actor: '', from: '', to: '' });
    await expect(timeline.rows.first()).toBeVisible();

    const verify = new VerifyPage(page);
    await verify.open();
    for (const text of SOME) {
      await verify.expectedHead.fill(text);
      await verify.start.click();
      await expect(verify.expectedHeadError).toContainText('64 hexadecimal characters');
    }

    const importer = new ImportPage(page);
    await importer.open();
    for (const text of SOME) {
      await importer.path.fill(text);
      await importer.previewButton.click();
      await expect(page.getByTestId('import-preview-error').or(page.getByTestId('import-form-error'))).toBeVisible();
      await start.shell.expectNoCrash();
    }
    await start.open();
    for (const text of SOME) {
      await start.openPath(text);
      await expect(start.error).toBeVisible();
      await expect(start.shell.storeName).toHaveText('strange-ids.db');
    }
  });
  await ledger.screenshot('hostile-corpus');
});
