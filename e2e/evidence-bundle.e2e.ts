// Journey: evidence to hand over (issue 14) — an auditor marks an event with a note, exports the
// stream as a signed bundle that carries the note and the activity excerpt, then makes the signed
// report of the stream: the note is in it, it names the signer, and openssl verifies both
// manifests with the bundle's public key alone.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { reportFacts, reportSection } from '../src/main/report/reportParts.ts';
import { expect, test } from './fixtures.ts';
import { ExportPanel } from './pages/ExportPanel.ts';
import { NotesPage } from './pages/NotesPage.ts';
import { ReportPanel } from './pages/ReportPanel.ts';
import { StreamPage } from './pages/StreamPage.ts';

const STREAM = 'cart-000001';
const NOTE = 'refund issued twice here';

/** openssl's verdict on `<manifest>.sig` with the folder's signer.pub.pem: what a third party runs. */
function opensslVerifies(folder: string, manifestName: string): string {
  const args = ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pub.pem', '-rawin', '-in', manifestName, '-sigfile', `${manifestName}.sig`];
  const run = spawnSync('/usr/bin/openssl', args, { cwd: folder, encoding: 'utf8' });
  return run.stdout + run.stderr;
}

test('a note, a signed bundle that carries it, and a signed report that shows it', async ({ ledger }) => {
  // Three journeys in one (note, export, report), each with downloads in browser mode.
  test.setTimeout(120_000);
  const { page } = ledger;
  await page.getByTestId('nav-evidence').click();
  await page.getByTestId('nav-keys').click();
  await page.getByTestId('keys-name').fill('Ada Auditor');
  await page.getByTestId('keys-create').click();
  const fingerprint = (await page.getByTestId('keys-fingerprint').getAttribute('data-fingerprint'))!;

  // 1. The note, on version 2 of the stream.
  const stream = new StreamPage(page);
  await stream.open(STREAM, 2);
  await stream.expectSelected(2);
  await new NotesPage(page).addNote(NOTE, stream.detail);
  await expect(stream.row(2).getByTestId('note-mark')).toBeVisible();

  // 2. The signed bundle: the export, its signed manifest, the activity excerpt and the notes.
  const exportPanel = new ExportPanel(ledger);
  await exportPanel.openFrom();
  await exportPanel.choose('export-what-events');
  await exportPanel.choose('export-scope-stream');
  await expect(exportPanel.dialog.getByTestId('export-sign')).toBeChecked();
  const file = await exportPanel.run(`${STREAM}.ndjson`);
  await expect(exportPanel.dialog.getByTestId('export-signed')).toContainText('Signed by Ada Auditor');
  const manifest = await exportPanel.manifest(file);
  const folder = path.dirname(file);
  const bundleFiles = exportPanel.dialog.getByTestId('export-bundle-file');
  await expect(bundleFiles).toHaveCount(5);
  if (!ledger.electron) {
    for (const name of ['activity.jsonl', 'notes.json', `${path.basename(manifest)}.sig`, 'signer.pub.pem']) {
      const download = page.waitForEvent('download');
      await bundleFiles.filter({ hasText: name.endsWith('.sig') ? '.manifest.json.sig' : name }).click();
      await (await download).saveAs(path.join(folder, name));
    }
  }
  expect(opensslVerifies(folder, path.basename(manifest))).toContain('Signature Verified Successfully');
  const notes = JSON.parse(fs.readFileSync(path.join(folder, 'notes.json'), 'utf8')) as { text: string; target: { version: number } }[];
  expect(notes).toEqual([expect.objectContaining({ text: NOTE, target: expect.objectContaining({ kind: 'event', version: 2 }) })]);
  const activity = fs.readFileSync(path.join(folder, 'activity.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { action: string });
  expect(activity.map((e) => e.action)).toEqual(expect.arrayContaining(['store.opened', 'note.added']));
  const sealed = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  expect(sealed.files[0].sha256).toBe(createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
  expect(sealed.files.slice(1).map((f: { path: string }) => f.path)).toEqual(['activity.jsonl', 'notes.json']);
  expect(sealed.signer.fingerprint).toBe(fingerprint);
  await exportPanel.close();

  // 3. The signed report of the stream: the note in it, the signer named, its manifest verified.
  const reportPanel = new ReportPanel(ledger);
  await reportPanel.open();
  await expect(reportPanel.dialog.getByTestId('export-sign')).toBeChecked();
  const report = await reportPanel.run();
  await expect(reportPanel.dialog.getByTestId('export-signed')).toContainText('Signed by Ada Auditor');
  const html = fs.readFileSync(report, 'utf8');
  expect(reportFacts(html).signer).toEqual({ name: 'Ada Auditor', fingerprint });
  expect(reportSection(html, 'notes')).toContain(NOTE);
  await ledger.screenshot('evidence-report-dialog');
  if (!ledger.electron) {
    const reportFolder = path.dirname(report);
    const links = reportPanel.dialog.getByTestId('export-bundle-file');
    // Browser mode names the report after the stream; saved here under the names openssl is given.
    for (const name of ['report.html.manifest.json.sig', 'signer.pub.pem']) {
      const download = page.waitForEvent('download');
      await links.filter({ hasText: name.endsWith('.sig') ? '.manifest.json.sig' : name }).click();
      await (await download).saveAs(path.join(reportFolder, name));
    }
    const download = page.waitForEvent('download');
    await reportPanel.dialog.getByTestId('export-manifest').getByTestId('export-manifest-download').click();
    await (await download).saveAs(path.join(reportFolder, 'report.html.manifest.json'));
    expect(opensslVerifies(reportFolder, 'report.html.manifest.json')).toContain('Signature Verified Successfully');
    // The manifest's second link in the chain: this store's previous signed export was the bundle above.
    const reportManifest = JSON.parse(fs.readFileSync(path.join(reportFolder, 'report.html.manifest.json'), 'utf8'));
    const exportManifestSha = createHash('sha256').update(fs.readFileSync(manifest)).digest('hex');
    expect(reportManifest.chain).toMatchObject({ sequence: 2, previous: { sequence: 1, manifestSha256: exportManifestSha } });
  }
  await reportPanel.close();
});
