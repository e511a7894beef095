// ledger report in the CLI's language: `--lang zh-CN` (or the locale) writes the report itself in
// 简体中文, not only the lines on the terminal; its facts and data stay as in English.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportFacts, reportSection } from '../main/report/reportParts.ts';
import { openStore } from '../main/store/openStore.ts';
import { cartStory } from '../main/testing/cartStory.ts';
import { tempDir } from '../main/testing/tempFiles.ts';
import { cli, spawnCliWith } from './testing.ts';

describe('ledger report in the reader\'s language', () => {
  const dir = tempDir('cli-report-lang');
  const store = path.join(dir, 'carts.db');
  const out = (name: string) => path.join(dir, 'out', name);

  beforeAll(() => {
    const writer = openStore(store, { readonly: false, create: true });
    writer.append('cart-1', cartStory(1_767_225_600_000));
    writer.close();
  });

  it('writes a Chinese report with --lang zh-CN, an English one by default, the facts alike', async () => {
    const zh = await cli('--lang', 'zh-CN', 'report', store, '--stream', 'cart-1', '--versions', '3,7', '--out', out('zh.html'), '--no-verify');
    expect(zh.stderr).toBe('');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('已将 cart-1 的报告');
    const en = await cli('report', store, '--stream', 'cart-1', '--versions', '3,7', '--out', out('en.html'), '--no-verify');
    expect(en.code).toBe(0);
    const zhHtml = fs.readFileSync(out('zh.html'), 'utf8');
    const enHtml = fs.readFileSync(out('en.html'), 'utf8');
    expect(zhHtml).toContain('<html lang="zh-CN">');
    expect(enHtml).toContain('<html lang="en">');
    expect(reportSection(zhHtml, 'summary')).toContain('<h2>1. 存储、完整性、签名者与脱敏</h2>');
    expect(zhHtml).toContain('此报告未经校验：已用 --no-verify 跳过。');
    expect(reportSection(zhHtml, 'states')).toContain('<h2>3. 版本 3、7 的状态</h2>');
    expect(zhHtml).not.toContain('Not verified for this report');
    expect(enHtml).toContain('Not verified for this report: skipped with --no-verify.');
    const { createdAt: _zhAt, ...zhFacts } = reportFacts(zhHtml);
    const { createdAt: _enAt, ...enFacts } = reportFacts(enHtml);
    expect(zhFacts).toEqual(enFacts);
  });

  it('follows the locale when --lang is not given', () => {
    const run = spawnCliWith({ LEDGER_LANG: '', LC_ALL: 'zh_CN.UTF-8' }, 'report', store, '--stream', 'cart-1', '--out', out('locale.html'), '--no-verify');
    expect(run.code).toBe(0);
    expect(fs.readFileSync(out('locale.html'), 'utf8')).toContain('<html lang="zh-CN">');
  });
});
