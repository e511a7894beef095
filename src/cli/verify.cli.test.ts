import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deleteEvent, rewriteChainFrom } from '../main/testing/tamper.ts';
import { fileFingerprint, tempDir } from '../main/testing/tempFiles.ts';
import { cli, spawnCli } from './testing.ts';



describe('ledger verify and verify-export', () => {
  const dir = tempDir('cli-verify');
  const file = path.join(dir, 'demo.db');
  let head: string;

  beforeAll(async () => {
    expect((await cli('demo', '--out', file, '--streams', '12', '--events', '400', '--long-streams', '0', '--seed', 'verify')).code).toBe(0);
    head = JSON.parse((await cli('stats', file, '--json')).stdout).stats.chainHead;
  });

  it('says INTACT and exits 0 for an untouched store, without writing to it', async () => {
    const before = fileFingerprint(file);
    const human = await cli('verify', file);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Verified .*demo\.db: 400 events in 12 streams/);
    expect(human.stdout).toMatch(new RegExp(`Chain head\\s+${head}`));
    expect(human.stdout).toMatch(/Verdict\s+INTACT: no findings\./);
    const report = JSON.parse((await cli('verify', file, '--json', '--expect-head', `${head}@400`)).stdout);
    expect(report).toMatchObject({ ok: true, eventsChecked: 400, expectedHead: { foundAt: 400 } });
    expect(fileFingerprint(file)).toEqual(before);
  });

  it('exits 1 and lists each finding with its position and kind', async () => {
    const tampered = path.join(dir, 'tampered.db');
    fs.copyFileSync(file, tampered);
    deleteEvent(tampered, 123);
    const result = spawnCli('verify', tampered);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Verdict\s+FAILED: 1 deleted, 4 summary-mismatch\./);
    expect(result.stdout).toMatch(/deleted\s+position 123, \S+ v\d+\s+Position 123 is missing from the chain/);
    expect(result.stdout).toMatch(/Last good\s+position 122/);
  });

  it('catches a consistently rewritten chain only with --expect-head', async () => {
    const rewritten = path.join(dir, 'rewritten.db');
    fs.copyFileSync(file, rewritten);
    rewriteChainFrom(rewritten, 200);
    expect((await cli('verify', rewritten)).code).toBe(0);
    const caught = await cli('verify', rewritten, '--expect-head', head);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toMatch(/NOT in the chain/);
    expect(caught.stdout).toMatch(/rewritten\s+store\s+The recorded chain head/);
  });

  it('gives usage errors (2) and clear file errors (1)', async () => {
    expect((await cli('verify')).code).toBe(2);
    expect(await cli('verify', file, '--expect-head', 'xyz')).toMatchObject({ code: 2, stderr: expect.stringMatching(/64 hexadecimal characters/) });
    expect(await cli('verify', file, '--expect-head', `${head}@x`)).toMatchObject({ code: 2 });
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'hello');
    expect(await cli('verify', text)).toMatchObject({ code: 1, stderr: expect.stringMatching(/not an SQLite database/) });
    expect(await cli('verify-export', path.join(dir, 'nowhere'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/No export bundle/) });
  });

  it('ledger export signs its output, and verify-export re-checks it alone and against the store', async () => {
    const bundle = path.join(dir, 'bundle');
    const out = path.join(bundle, 'log.ndjson');
    const exported = await cli('export', file, '--all', '--format', 'ndjson', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/manifest .*log\.ndjson\.manifest\.json/);
    // The export verified the store first: its manifest carries a real verdict, or says it was skipped.
    const manifest = JSON.parse(fs.readFileSync(`${out}.manifest.json`, 'utf8'));
    expect(manifest.integrity).toMatchObject({ status: 'verified', checkedAt: expect.any(String), findings: { count: 0 }, caveat: expect.stringMatching(/cannot rule out/) });
    const unchecked = path.join(dir, 'unchecked', 'log.ndjson');
    expect((await cli('export', file, '--all', '--format', 'ndjson', '--out', unchecked, '--no-verify')).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(`${unchecked}.manifest.json`, 'utf8')).integrity).toEqual({ status: 'not-checked', reason: 'skipped with --no-verify' });
    expect(await cli('verify-export', bundle)).toMatchObject({ code: 0, stdout: expect.stringMatching(/Verdict: INTACT/) });
    expect((await cli('verify-export', bundle, '--store', file)).code).toBe(0);
    const json = JSON.parse((await cli('verify-export', bundle, '--store', file, '--json')).stdout);
    // The export, the activity excerpt and the notes.
    expect(json).toMatchObject({ ok: true, filesChecked: 3, store: { ok: true } });

    // More than one 5,000-event chunk: the store must stay open until the export has finished.
    const large = path.join(dir, 'large.db');
    expect((await cli('demo', '--out', large, '--streams', '20', '--events', '6000', '--long-streams', '0')).code).toBe(0);
    const big = await cli('export', large, '--all', '--format', 'csv', '--out', path.join(dir, 'large-bundle', 'all.csv'));
    expect(big).toMatchObject({ code: 0, stderr: '' });
    expect((await cli('verify-export', path.join(dir, 'large-bundle'), '--store', large)).code).toBe(0);

    fs.appendFileSync(out, '{"position":401}\n');
    const changed = await cli('verify-export', bundle);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/file-modified\s+log\.ndjson was changed after export/);
  });
});
