// Journey: the header's masking switch. On, an account's owner and its actor are shown as
// masked:… tokens on the event detail (main masks the answer, so the stored value never reaches the
// window); "Show unmasked" shows that one event as stored; off, everything reads as stored again.
import fs from 'node:fs';
import { expect, test } from './fixtures.ts';
import { ExportPanel } from './pages/ExportPanel.ts';
import { MaskingSwitch } from './pages/MaskingSwitch.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { withStore } from './support/store.ts';

test('masks personal data on screen and shows one event unmasked on request', async ({ ledger }) => {
  const opened = withStore(ledger.storeFile, (db) =>
    db.prepare("SELECT position, stream_id AS streamId, json_extract(data, '$.owner') AS owner, json_extract(metadata, '$.actor') AS actor FROM events WHERE type = 'AccountOpened' ORDER BY position LIMIT 1").get() as {
      position: number;
      streamId: string;
      owner: string;
      actor: string;
    },
  );
  const masking = new MaskingSwitch(ledger.page);
  await masking.openEvent(opened.position);
  await expect(masking.eventData).toContainText(opened.owner);

  await masking.set(true);
  await masking.openEvent(opened.position);
  await expect(masking.eventData).toContainText(/masked:[0-9a-f]{16}/);
  await expect(masking.eventDetail).not.toContainText(opened.owner);
  await expect(masking.eventDetail).not.toContainText(opened.actor);
  await ledger.screenshot('masking-on');

  await masking.showUnmasked.click();
  await expect(masking.unmaskedBanner).toBeVisible();
  await expect(masking.eventData).toContainText(opened.owner);

  // An export started while masking is on is masked too; the job says where its secret is kept.
  const stream = new StreamPage(ledger.page);
  await stream.open(opened.streamId);
  const panel = new ExportPanel(ledger);
  await panel.openFrom();
  await panel.choose('export-what-events');
  await panel.choose('export-scope-stream');
  await panel.choose('export-format-csv');
  const file = await panel.run('masked.csv');
  await expect(panel.dialog.getByTestId('export-masking-secret')).toContainText(/masking-secrets\/.+\.key/);
  const bytes = fs.readFileSync(file, 'utf8');
  expect(bytes).toMatch(/masked:[0-9a-f]{16}/);
  expect(bytes).not.toContain(opened.owner);
  expect(bytes).not.toContain(opened.actor);
  await panel.close();

  await masking.set(false);
  await masking.openEvent(opened.position);
  await expect(masking.eventData).toContainText(opened.owner);
  await expect(masking.showUnmasked).toHaveCount(0);
});
