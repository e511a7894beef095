// Each finding of verify-export in the reader's language: the sites manifest.test and
// verifyExport.signed.test do not stage (their reports go through the same check, see
// testing/exportFindingsSaid.ts), and the CLI saying them in 简体中文.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_WORDS, errorText } from '../../shared/errorWords/index.ts';
import { chineseOf } from '../../shared/testing/chineseOf.ts';
import { createSigningKeys, type Signer } from '../evidence/signing/signingKeys.ts';
import { createMasker } from '../masking/masker.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { openStore } from '../store/openStore.ts';
import { verifyExport } from '../testing/exportFindingsSaid.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { exportEventsSigned, manifestPathFor } from './manifest.ts';
import { cli } from '../../cli/testing.ts';

const chinese = chineseOf(ERROR_WORDS['zh-CN']);

function writeStore(file: string, events: number): void {
  const w = openStore(file, { readonly: false, create: true });
  for (let i = 0; i < events; i++) w.append(`s-${i % 2}`, [{ type: 'Happened', data: { i, email: `p${i}@example.org` } }]);
  w.close();
}

describe('verify-export findings in words', () => {
  const dir = tempDir('verify-words');
  const storeFile = path.join(dir, 'store.db');
  const shorter = path.join(dir, 'shorter.db');
  let store: EventStoreReader;
  let close: () => void;
  let signer: Signer;
  let other: Signer;
  const saved = process.env.LEDGER_HOME;

  beforeAll(() => {
    process.env.LEDGER_HOME = path.join(dir, 'home');
    writeStore(storeFile, 8);
    writeStore(shorter, 4);
    const r = openStore(storeFile);
    close = () => r.close();
    store = toAsyncReader(r);
    signer = createSigningKeys().signer().signer;
    process.env.LEDGER_HOME = path.join(dir, 'home-2');
    other = createSigningKeys().signer().signer;
    process.env.LEDGER_HOME = path.join(dir, 'home');
  });
  afterAll(() => {
    close();
    if (saved === undefined) delete process.env.LEDGER_HOME;
    else process.env.LEDGER_HOME = saved;
  });

  const exportTo = async (folder: string, extra: { signer?: Signer; masked?: boolean } = {}) => {
    const masker = extra.masked ? createMasker({ rules: [{ kind: 'path', path: 'data.email' }], secret: randomBytes(32) }) : undefined;
    const result = await exportEventsSigned(store, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(folder, 'all.ndjson'), masker }, undefined, extra.signer ? { signer: extra.signer } : undefined);
    return { ...result, manifestFile: manifestPathFor(result.path) };
  };
  const editManifest = (file: string, edit: (m: Record<string, unknown>) => void) => {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    edit(m);
    fs.writeFileSync(file, JSON.stringify(m));
  };
  const keysOf = async (folder: string, options: Parameters<typeof verifyExport>[1] = {}) => (await verifyExport(folder, options)).findings.map((f) => f.words?.key);

  it('says why a manifest cannot be used: its format, version, files, chain head, size', async () => {
    const folder = path.join(dir, 'unusable');
    const { manifestFile } = await exportTo(folder);
    const original = fs.readFileSync(manifestFile, 'utf8');
    const problems: [(m: Record<string, unknown>) => void, string][] = [
      [(m) => (m.format = 'something-else'), 'errorWords.exportCheck.problem.format'],
      [(m) => delete m.format, 'errorWords.exportCheck.problem.format'],
      [(m) => (m.manifestVersion = 9), 'errorWords.exportCheck.problem.version'],
      [(m) => (m.files = []), 'errorWords.exportCheck.problem.noFiles'],
      [(m) => ((m.store as Record<string, unknown>).chainHead = 'not-a-hash'), 'errorWords.exportCheck.problem.badHead'],
    ];
    for (const [edit, key] of problems) {
      fs.writeFileSync(manifestFile, original);
      editManifest(manifestFile, edit);
      const [finding] = (await verifyExport(folder)).findings;
      expect(finding).toMatchObject({ kind: 'manifest-invalid', words: { key: 'errorWords.exportCheck.unusable', facts: { problem: { key } } } });
    }
    fs.writeFileSync(manifestFile, original);
    editManifest(manifestFile, (m) => (m.format = 'x'));
    expect(errorText((await verifyExport(folder)).findings[0]!, chinese)).toBe('all.ndjson.manifest.json 不是可用的导出清单：它的格式是 "x"，而不是 replay-ledger-export-manifest。');
    fs.truncateSync(manifestFile, 16 * 1024 * 1024 + 1);
    expect((await verifyExport(folder)).findings[0]).toMatchObject({ words: { key: 'errorWords.exportCheck.unreadable', facts: { error: { key: 'errorWords.exportCheck.tooLarge' } } } });
  });

  it('says which signature problem it found: unsigned, a signature without a signer, another key, a changed manifest', async () => {
    const unsigned = path.join(dir, 'unsigned');
    const { manifestFile } = await exportTo(unsigned);
    expect(await keysOf(unsigned, { publicKeyPem: signer.info.publicKeyPem })).toEqual(['errorWords.exportCheck.notSignedButExpected']);
    fs.writeFileSync(`${manifestFile}.sig`, Buffer.alloc(64));
    expect(await keysOf(unsigned)).toEqual(['errorWords.exportCheck.signatureWithoutSigner']);

    const signed = path.join(dir, 'signed');
    const result = await exportTo(signed, { signer });
    expect(await keysOf(signed, { publicKeyPem: other.info.publicKeyPem })).toEqual(['errorWords.exportCheck.resigned']);
    const bytes = fs.readFileSync(result.manifestFile);
    fs.writeFileSync(result.manifestFile, Buffer.concat([bytes, Buffer.from('\n')]));
    expect(await keysOf(signed)).toEqual(['errorWords.exportCheck.signatureWrong']);
    editManifest(result.manifestFile, (m) => ((m.signer as Record<string, unknown>).fingerprint = 'SHA256:someone-else'));
    expect(await keysOf(signed)).toEqual(['errorWords.exportCheck.signerNamesOther']);
  });

  it('says what the store no longer gives: a truncated chain, a masked bundle without its secret, a query it cannot run', async () => {
    const folder = path.join(dir, 'against');
    await exportTo(folder);
    expect(await keysOf(folder, { store: shorter })).toContain('errorWords.exportCheck.storeTruncated');

    const masked = path.join(dir, 'masked');
    await exportTo(masked, { masked: true });
    expect(await keysOf(masked, { store })).toEqual(['errorWords.exportCheck.maskedNeedsSecret']);

    const odd = path.join(dir, 'odd-query');
    const { manifestFile } = await exportTo(odd);
    editManifest(manifestFile, (m) => (m.resolvedQuery = { kind: 'stream', streamId: 'no-such-stream' }));
    const [finding] = (await verifyExport(odd, { store })).findings;
    expect(finding).toMatchObject({ kind: 'store-mismatch', words: { key: 'errorWords.exportCheck.cannotRerun' } });
    // The store's own refusal, which has words, is said in the same language.
    expect(errorText(finding!, chinese)).toBe('存储无法重新运行记录的查询：此存储中没有流“no-such-stream”。');
  });

  it('ledger verify-export says its findings in the reader’s language; --json keeps the English', async () => {
    const folder = path.join(dir, 'cli');
    const { path: file } = await exportTo(folder);
    fs.appendFileSync(file, 'tampered\n');
    const zh = await cli('verify-export', folder, '--lang', 'zh-CN');
    expect(zh.code).toBe(1);
    expect(zh.stdout).toMatch(/file-modified\s+all\.ndjson 在导出后被改动过：它的 sha256 为 [0-9a-f]{64}（\d+ 字节），清单记录的是 [0-9a-f]{64}（\d+ 字节）。/);
    const json = JSON.parse((await cli('verify-export', folder, '--json', '--lang', 'zh-CN')).stdout);
    expect(json.findings[0].message).toMatch(/^all\.ndjson was changed after export: its sha256 is/);
  });
});
