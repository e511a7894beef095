// Journey: signed evidence — make a signing key in the Keys panel, export a stream with "Sign this
// export" (on by default once a key exists), and check the bundle as a third party would: with
// openssl and the bundle's public key, whose fingerprint is the one the Keys panel shows.
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { ExportPanel } from './pages/ExportPanel.ts';
import { StreamPage } from './pages/StreamPage.ts';

const STREAM = 'cart-000001';

test('a signing key made in the Keys panel signs an export that openssl verifies', async ({ ledger }) => {
  const { page } = ledger;
  await page.getByTestId('nav-evidence').click();
  await page.getByTestId('nav-keys').click();
  await expect(page.getByTestId('keys-create-form')).toBeVisible();
  await page.getByTestId('keys-name').fill('Ada Auditor');
  await page.getByTestId('keys-create').click();
  await expect(page.getByTestId('keys-signer-name')).toHaveText('Ada Auditor');
  const fingerprint = (await page.getByTestId('keys-fingerprint').getAttribute('data-fingerprint'))!;
  expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
  await ledger.screenshot('keys-panel');

  const stream = new StreamPage(page);
  await stream.open(STREAM);
  const panel = new ExportPanel(ledger);
  await panel.openFrom();
  await panel.choose('export-what-events');
  await panel.choose('export-scope-stream');
  await expect(panel.dialog.getByTestId('export-sign')).toBeChecked();
  await expect(panel.dialog.getByTestId('export-sign-hint')).toContainText('Ada Auditor');
  const file = await panel.run(`${STREAM}.ndjson`);
  await expect(panel.dialog.getByTestId('export-signed')).toContainText('Signed by Ada Auditor');
  await expect(panel.dialog.getByTestId('export-signed')).toContainText('signed export #1 of this store');
  const manifest = await panel.manifest(file);
  const folder = path.dirname(file);
  // The bundle's other files: beside the file in Electron, through their links in browser mode.
  const links = panel.dialog.getByTestId('export-bundle-file');
  await expect(links).toHaveCount(5); // with the activity excerpt and the notes
  if (!ledger.electron) {
    for (const name of [`${path.basename(manifest)}.sig`, 'signer.pub.pem', 'VERIFY.txt']) {
      const download = page.waitForEvent('download');
      await links.filter({ hasText: name.endsWith('.sig') ? '.manifest.json.sig' : name }).click();
      await (await download).saveAs(path.join(folder, name));
    }
  }
  const pem = fs.readFileSync(path.join(folder, 'signer.pub.pem'), 'utf8');
  expect(createHash('sha256').update(createPublicKey(pem).export({ type: 'spki', format: 'der' })).digest('hex')).toBe(fingerprint);
  expect(fs.readFileSync(path.join(folder, 'VERIFY.txt'), 'utf8')).toContain('openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in <file>.manifest.json -sigfile <file>.manifest.json.sig');
  const args = ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pub.pem', '-rawin', '-in', path.basename(manifest), '-sigfile', `${path.basename(manifest)}.sig`];
  const verified = spawnSync('/usr/bin/openssl', args, { cwd: folder, encoding: 'utf8' });
  expect(verified.stdout + verified.stderr).toContain('Signature Verified Successfully');
  expect(JSON.parse(fs.readFileSync(manifest, 'utf8'))).toMatchObject({ signer: { name: 'Ada Auditor', fingerprint }, chain: { sequence: 1, previous: null } });
  await ledger.screenshot('export-signed');
  await panel.close();
});
