// Journey: the header's masking switch. On, an account's owner and its actor are shown as
// masked:… tokens on the event detail (main masks the answer, so the stored value never reaches the
// window); "Show unmasked" shows that one event as stored; off, everything reads as stored again.
import { expect, test } from './fixtures.ts';
import { MaskingSwitch } from './pages/MaskingSwitch.ts';
import { withStore } from './support/store.ts';

test('masks personal data on screen and shows one event unmasked on request', async ({ ledger }) => {
  const opened = withStore(ledger.storeFile, (db) =>
    db.prepare("SELECT position, json_extract(data, '$.owner') AS owner, json_extract(metadata, '$.actor') AS actor FROM events WHERE type = 'AccountOpened' ORDER BY position LIMIT 1").get() as {
      position: number;
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

  await masking.set(false);
  await masking.openEvent(opened.position);
  await expect(masking.eventData).toContainText(opened.owner);
  await expect(masking.showUnmasked).toHaveCount(0);
});
