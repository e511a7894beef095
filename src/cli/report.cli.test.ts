import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../main/store/openStore.ts';
import { storeKeyOf } from '../main/evidence/storeKey.ts';
import { toAsyncReader } from '../main/store/asyncReader.ts';
import { fakeNotes } from '../main/report/reportFakes.ts';
import { reportEvents, reportFacts, reportSection } from '../main/report/reportParts.ts';
import { cartStory } from '../main/testing/cartStory.ts';
import { changeOneByte } from '../main/testing/tamper.ts';
import { fileFingerprint, tempDir } from '../main/testing/tempFiles.ts';
import { createReportCommand } from './commands/report.ts';
import type { CliIo } from './io.ts';
import { spawnSync } from 'node:child_process';
import { cli, spawnCli } from './testing.ts';

describe('ledger report', () => {
  const dir = tempDir('cli-report');
  const store = path.join(dir, 'carts.db');
  const out = (name: string) => path.join(dir, 'out', name);

  beforeAll(() => {
    const writer = openStore(store, { readonly: false, create: true });
    writer.append('cart-1', cartStory(1_767_225_600_000));
    writer.append('cart-2', cartStory(1_767_225_600_000));
    writer.append('cart-pii', cartStory(1_767_225_600_000).map((e, i) => (i === 0 ? { ...e, data: { customerId: 'c-7', email: 'ann@example.org' }, metadata: { actor: 'ann@example.org' } } : e)));
    writer.close();
  });

  it('writes the report and its manifest, verifies the store for it, and never writes to the store (exit 0)', () => {
    const before = fileFingerprint(store);
    const run = spawnCli('report', store, '--stream', 'cart-1', '--from', '2', '--to', '6', '--versions', '3,5', '--out', out('r.html'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Wrote the report on cart-1 \(versions 2 to 6, 5 events, states at 3, 5\)/);
    expect(run.stdout).toContain('Integrity: verified.');
    const html = fs.readFileSync(out('r.html'), 'utf8');
    const facts = reportFacts(html);
    expect(facts.integrity.status).toBe('verified');
    expect(facts.states).toEqual([3, 5]);
    expect(reportEvents(html).map((e) => e.position)).toEqual([2, 3, 4, 5, 6]);
    const manifest = JSON.parse(fs.readFileSync(out('r.html.manifest.json'), 'utf8'));
    expect(manifest.files[0].sha256).toBe(createHash('sha256').update(fs.readFileSync(out('r.html'))).digest('hex'));
    expect(fileFingerprint(store)).toEqual(before);
  });

  it('makes a bundle verify-export checks: intact as written, FAILED once a byte of the report changed', async () => {
    const folder = path.join(dir, 'bundle');
    expect((await cli('report', store, '--stream', 'cart-1', '--out', path.join(folder, 'report.html'), '--no-verify')).code).toBe(0);
    const intact = await cli('verify-export', folder);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('report.html.manifest.json: report');
    const file = path.join(folder, 'report.html');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Report on', 'Report 0n'));
    const changed = await cli('verify-export', folder);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/file-modified\s+report\.html was changed after export/);
  });

  it('says "not verified" with --no-verify, and prints its facts with --json', async () => {
    const run = await cli('report', store, '--stream', 'cart-2', '--out', out('nv.html'), '--no-verify', '--json');
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer.facts.integrity).toEqual({ status: 'not-checked', reason: 'skipped with --no-verify' });
    expect(answer.manifestPath).toBe(`${out('nv.html')}.manifest.json`);
    expect(fs.readFileSync(out('nv.html'), 'utf8')).toContain('Not verified for this report: skipped with --no-verify');
  });

  it('records findings when the store was tampered with', async () => {
    const tampered = path.join(dir, 'tampered.db');
    fs.copyFileSync(store, tampered);
    changeOneByte(tampered, 10, 'data'); // cart-2 v3
    const run = await cli('report', tampered, '--stream', 'cart-2', '--out', out('t.html'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Integrity: findings.');
    const html = fs.readFileSync(out('t.html'), 'utf8');
    expect(html).toContain('data-verdict="findings"');
    // The events a finding names are marked where they are listed.
    const facts = reportFacts(html);
    const named = facts.integrity.status === 'findings' ? facts.integrity.findings.positions : [];
    const marked = reportEvents(html).filter((e) => e.block.includes('data-affected="yes"')).map((e) => e.position);
    expect(marked).toEqual([10]);
    for (const position of marked) expect(named).toContain(position);
  });

  it('refuses a bad --versions with an example, and a missing --out (exit 2)', async () => {
    const bad = spawnCli('report', store, '--stream', 'cart-1', '--versions', '3,x', '--out', out('bad.html'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("ledger report: --versions takes whole numbers separated by commas, such as 3,17,40; got '3,x'.");
    const noOut = await cli('report', store, '--stream', 'cart-1');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out is required.');
    const both = await cli('report', store, '--stream', 'cart-1', '--out', out('b.html'), '--all-events', '--max-events', '3');
    expect(both.code).toBe(2);
    const beyond = await cli('report', store, '--stream', 'cart-1', '--versions', '3,40', '--out', out('beyond.html'));
    expect(beyond.code).toBe(2);
    expect(beyond.stderr).toContain("Stream 'cart-1' has states at versions 0 to 7; there is none at 40.");
    expect(fs.existsSync(out('bad.html')) || fs.existsSync(out('beyond.html'))).toBe(false);
  });

  it('names an unknown stream (exit 1) and writes nothing', () => {
    const run = spawnCli('report', store, '--stream', 'cart-9', '--out', out('none.html'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("ledger report: There is no stream 'cart-9' in this store.");
    expect(fs.existsSync(out('none.html'))).toBe(false);
  });

  it('caps the events listed with --max-events and says so', async () => {
    const run = await cli('report', store, '--stream', 'cart-1', '--max-events', '3', '--out', out('cap.html'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Only the first 3 of 7 events are listed (raise --max-events or give --all-events).');
    expect(reportEvents(fs.readFileSync(out('cap.html'), 'utf8'))).toHaveLength(3);
  });

  it('includes the notes of the services it is given', async () => {
    const reader = openStore(store);
    const key = storeKeyOf(toAsyncReader(reader)).key;
    reader.close();
    const notes = fakeNotes([{ id: 'n1', storeKey: key, target: { kind: 'state', streamId: 'cart-1', version: 4 }, text: 'cheese added by bob', author: 'ann', createdAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-01T09:00:00.000Z' }]);
    let stdout = '';
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: () => undefined, interactive: false };
    expect(await createReportCommand(() => ({ notes }))([store, '--stream', 'cart-1', '--out', out('notes.html'), '--no-verify'], io)).toBe(0);
    expect(stdout).toContain('Wrote the report');
    expect(reportSection(fs.readFileSync(out('notes.html'), 'utf8'), 'notes')).toContain('cheese added by bob');
  });

  it('--sign --mask: a signed, masked bundle openssl verifies, with no masked value in any of its files, and an activity entry', async () => {
    const folder = path.join(dir, 'signed');
    const run = await cli('report', store, '--stream', 'cart-pii', '--out', path.join(folder, 'report.html'), '--sign', '--mask', 'pattern:email');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Signed by .*\(fingerprint/);
    expect(run.stdout).toMatch(/Masking secret kept at /);
    const manifestName = 'report.html.manifest.json';
    const openssl = spawnSync('/usr/bin/openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pub.pem', '-rawin', '-in', manifestName, '-sigfile', `${manifestName}.sig`], { cwd: folder, encoding: 'utf8' });
    expect(openssl.status, openssl.stderr).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, manifestName), 'utf8'));
    expect(manifest).toMatchObject({ kind: 'report', signer: { algorithm: 'Ed25519' }, masking: { rules: [{ kind: 'pattern', pattern: 'email' }] } });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['report.html', 'activity.jsonl', 'notes.json']);
    for (const name of fs.readdirSync(folder)) expect(fs.readFileSync(path.join(folder, name), 'utf8'), name).not.toContain('ann@example.org');
    expect((await cli('verify-export', folder)).code).toBe(0);
    const log = JSON.parse((await cli('log', '--json')).stdout) as { entries?: { action: string }[] } | { action: string }[];
    const entries = Array.isArray(log) ? log : (log.entries ?? []);
    expect(entries.some((e) => e.action === 'report')).toBe(true);
  });
});
